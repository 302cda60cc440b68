"""What a staff dashboard may be filtered by, and the choices each user has: only the boroughs and
wards in their scope (a combined-authority user has them all)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.reports.models import HostilityStrand, ReportKind
from commonground.safeguarding.models import ConcernType

# The "kind" filter: a kind of report to the report line, or the partners' tension reports.
TENSION_REPORTS = "tension_report"
KIND_CHOICES = [
    (ReportKind.HATE_INCIDENT.value, "Hate incidents"),
    (ReportKind.COMMUNITY_TENSION.value, "Community tension reported to the line"),
    (ReportKind.WORRY.value, "Worries about someone"),
    (TENSION_REPORTS, "Tension reports from partners"),
]
CONCERN_CHOICES = list(ConcernType.choices)


@dataclass(frozen=True)
class FilterChoices:
    boroughs: tuple[Area, ...]
    wards: tuple[Area, ...]
    strands: tuple[HostilityStrand, ...]
    covers_combined_authority: bool = False

    @property
    def borough_ids(self) -> list[int]:
        return [borough.pk for borough in self.boroughs]


@dataclass(frozen=True)
class Filters:
    """A validated selection. `date_to` is inclusive. Empty strings and None mean "all"."""

    date_from: date
    date_to: date
    borough: Area | None = None
    ward: Area | None = None
    kind: str = ""
    strand: HostilityStrand | None = None
    concern_type: str = ""

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date_from, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period (the day after `date_to`, at midnight)."""
        return timezone.make_aware(datetime.combine(self.date_to + timedelta(days=1), time.min))

    def borough_ids(self, choices: FilterChoices) -> list[int]:
        """The boroughs to count: the one chosen, or every borough in the user's scope."""
        return [self.borough.pk] if self.borough is not None else choices.borough_ids


def filter_choices(scope: Scope) -> FilterChoices:
    """The boroughs and wards in the user's scope, and every hostility strand (two queries)."""
    areas = list(
        Area.objects.filter(pk__in=scope.area_ids, level__in=["borough", "ward"])
        .only("code", "name", "level", "parent_id", "population")  # not the boundaries
        .order_by("name")
    )
    return FilterChoices(
        boroughs=tuple(area for area in areas if area.level == "borough"),
        wards=tuple(area for area in areas if area.level == "ward"),
        strands=tuple(HostilityStrand.objects.order_by("order", "label")),
        covers_combined_authority=scope.covers_combined_authority,
    )


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve complete months and this month so far."""
    today = today or timezone.localdate()
    start = date(today.year - 1, today.month, 1)
    return start, today
