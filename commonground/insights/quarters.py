"""A calendar quarter, the period every edition and statistics page covers: its dates, its
slug in addresses, its label, and the quarters before it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date

    @classmethod
    def starting(cls, year: int, number: int) -> "Quarter":
        if number not in (1, 2, 3, 4):
            raise ValueError("a quarter is numbered 1 to 4")
        start = date(year, 3 * number - 2, 1)
        following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
        return cls(start, following - timedelta(days=1))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls.starting(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def from_slug(cls, slug: str) -> "Quarter | None":
        year, _, number = slug.partition("-q")
        if not (year.isdigit() and len(year) == 4 and number in ("1", "2", "3", "4")):
            return None
        return cls.starting(int(year), int(number))

    @property
    def number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def slug(self) -> str:
        return f"{self.start.year}-q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.start:%B} to {self.end:%B %Y}"

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter.starting(self.start.year - 1, 4)
        return Quarter.starting(self.start.year, self.number - 1)

    def previous_year(self) -> "Quarter":
        return Quarter.starting(self.start.year - 1, self.number)

    def bounds(self) -> tuple[datetime, datetime]:
        """The quarter as aware datetimes, from its first midnight to the next quarter's."""
        zone = timezone.get_current_timezone()
        after = self.end + timedelta(days=1)
        return datetime.combine(self.start, time.min, zone), datetime.combine(after, time.min, zone)

    def months(self) -> list[date]:
        return [date(self.start.year, self.start.month + i, 1) for i in range(3)]
