"""Opening hours: is a place open now, a day's hours in words, the week as rows (no Django).

A place has any number of time ranges a day (9am to 12:30pm and 2pm to 5pm); a day without one is
closed. Times are local to the place (Europe/London): a moment is converted before it is compared, so
the clocks going forward or back never open a place an hour early. A range closing at 00:00 closes at
midnight, the end of its day. The words are passed in, so that the caller can translate them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class Hours:
    """One opening on one weekday (0 is Monday, as datetime.weekday())."""

    weekday: int
    opens_at: time
    closes_at: time


@dataclass(frozen=True)
class Words:
    """The words the hours are written with, in the reader's language."""

    to: str = "to"
    and_: str = "and"
    closed: str = "Closed"
    midday: str = "midday"
    midnight: str = "midnight"
    days: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


ENGLISH = Words()


def _closes_minutes(hours: Hours) -> int:
    return 24 * 60 if hours.closes_at == MIDNIGHT else hours.closes_at.hour * 60 + hours.closes_at.minute


def _opens_minutes(hours: Hours) -> int:
    return hours.opens_at.hour * 60 + hours.opens_at.minute


def is_open(hours: Iterable[Hours], moment: datetime) -> bool:
    """Whether any range holds the moment (an aware datetime, or naive London time)."""
    local = moment.astimezone(LONDON) if moment.tzinfo is not None else moment
    minute = local.hour * 60 + local.minute
    return any(
        h.weekday == local.weekday() and _opens_minutes(h) <= minute < _closes_minutes(h) for h in hours
    )


def time_in_words(moment: time, words: Words = ENGLISH) -> str:
    """GOV.UK style: 9am, 12:30pm, midday, midnight."""
    if moment == MIDNIGHT:
        return words.midnight
    if moment == time(12, 0):
        return words.midday
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{suffix}"


def day_in_words(hours: Iterable[Hours], weekday: int, words: Words = ENGLISH) -> str:
    """'9am to 12:30pm and 2pm to 5pm', or 'Closed'."""
    ranges = sorted((h for h in hours if h.weekday == weekday), key=_opens_minutes)
    if not ranges:
        return words.closed
    said = [
        f"{time_in_words(h.opens_at, words)} {words.to} {time_in_words(h.closes_at, words)}" for h in ranges
    ]
    if len(said) == 1:
        return said[0]
    return ", ".join(said[:-1]) + f" {words.and_} " + said[-1]


def week_rows(hours: Sequence[Hours], words: Words = ENGLISH) -> list[tuple[str, str]]:
    """Monday to Sunday, each with its hours in words: the rows of the opening hours table."""
    return [(words.days[day], day_in_words(hours, day, words)) for day in range(7)]
