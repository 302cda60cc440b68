"""Prevent across the boroughs, side by side, for one quarter: referrals per 100,000 residents, the
share screened within the target time, the share adopted of those decided at panel, the median
days of each stage, exit reviews done on time, and panels with police and health present; each
borough beside the combined authority as a whole, with the programme team's targets.

Who sees what: a user sees the boroughs in their scope, each on its own row, and always the whole
combined authority as the comparison row. For a borough user that row is an aggregate of boroughs
they cannot otherwise see: counts and shares only, never a referral (docs/methods/prevent-boroughs.md).
Five queries whatever the data; dates and borough numbers are read, never a person.

The CSV export is disclosure-controlled under the Prevent and Channel policy of the public
statistics (`disclosure.PREVENT_CHANNEL`); the page itself shows staff the exact figures.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.models import AgencyKind, Area
from commonground.insights.models import PreventTarget
from commonground.insights.prevent_figures import (
    PreventComparison,
    StageDates,
    figures_for,
    measure_tables,
    rates_chart,
    screening_chart,
)
from commonground.insights.quarters import Quarter
from commonground.safeguarding.models import Referral
from commonground.safeguarding.models.casework import (
    Attendance,
    CaseEvent,
    ExitReview,
    PanelMeeting,
    PanelOutcome,
)

# The safeguarding team's own screening target: a referral not screened within this many days of
# receipt shows as overdue on the coordinators' home page.
QUARTERS_TO_CHOOSE = 8
OTHER_BOROUGHS = "Other boroughs together"


def quarter_choices(today: date | None = None) -> list[Quarter]:
    """This quarter so far, then the complete quarters before it, newest first."""
    quarter = Quarter.containing(today or timezone.localdate())
    choices = [quarter]
    for _ in range(QUARTERS_TO_CHOOSE):
        quarter = quarter.previous()
        choices.append(quarter)
    return choices


def last_complete_quarter(today: date | None = None) -> Quarter:
    return Quarter.containing(today or timezone.localdate()).previous()


# --- Reading --------------------------------------------------------------------------------------


def _boroughs_of_combined_authority(scope: Scope) -> list[Area]:
    """Every borough of the combined authority (or authorities) of the boroughs in scope."""
    in_scope = Area.objects.boroughs().filter(pk__in=scope.area_ids).values("parent_id")
    return list(
        Area.objects.boroughs()
        .filter(parent_id__in=in_scope)
        .select_related("parent")
        .only("code", "name", "level", "population", "parent__name", "parent__level")
        .order_by("name")
    )


def _stage_dates(borough_ids: Iterable[int], quarter: Quarter) -> list[StageDates]:
    """Each referral that was received, screened, at panel, decided or exited in the quarter."""
    first, last = quarter.start, quarter.end
    _, ends_before = quarter.bounds()
    deciding = [PanelOutcome.ADOPT, PanelOutcome.NOT_ADOPT]
    rows = (
        Referral.objects.filter(borough_id__in=list(borough_ids), received_at__lt=ends_before)
        .values("pk")
        .annotate(
            area=Min("borough_id"),
            received=Min(TruncDate("received_at")),
            screened=Min(TruncDate("screening_decisions__decided_at")),
            panel=Min("agenda_items__meeting__meets_on"),
            decided=Min(
                TruncDate("agenda_items__decision__decided_at"),
                filter=Q(agenda_items__decision__outcome__in=deciding),
            ),
            adopted=Min(
                TruncDate("agenda_items__decision__decided_at"),
                filter=Q(agenda_items__decision__outcome=PanelOutcome.ADOPT),
            ),
            exited=Min("case_events__happened_on", filter=Q(case_events__kind=CaseEvent.Kind.EXITED)),
        )
        .filter(
            Q(received__range=(first, last))
            | Q(screened__range=(first, last))
            | Q(panel__range=(first, last))
            | Q(decided__range=(first, last))
            | Q(exited__range=(first, last))
        )
        .values_list("area", "received", "screened", "panel", "decided", "adopted", "exited")
        .order_by()
    )
    return [StageDates(row[0], *(_as_date(v) for v in row[1:])) for row in rows]


def _as_date(value):
    """SQLite hands back truncated dates as text; PostgreSQL as dates."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _reviews(borough_ids: Iterable[int], first: date, last: date) -> dict[int, tuple[int, int]]:
    """Borough → (exit reviews due in the period and done by their due date, reviews due)."""
    rows = (
        ExitReview.objects.filter(referral__borough_id__in=list(borough_ids), due_on__range=(first, last))
        .values("referral__borough_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(completed_at__isnull=False, completed_at__date__lte=F("due_on"))),
        )
        .order_by()
    )
    return {row["referral__borough_id"]: (row["on_time"], row["due"]) for row in rows}


def _attending(kind: str):
    return Exists(Attendance.objects.filter(meeting=OuterRef("pk"), attended=True, agency__kind=kind))


def _panels(borough_ids: Iterable[int], first: date, last: date) -> dict[int, tuple[int, int]]:
    """Borough → (panels held with someone from a police agency and someone from a health agency
    attending, panels held)."""
    panels = (
        PanelMeeting.objects.filter(borough_id__in=list(borough_ids), meets_on__range=(first, last))
        .annotate(police=_attending(AgencyKind.POLICE), health=_attending(AgencyKind.HEALTH))
        .values_list("borough_id", "police", "health")
        .order_by()
    )
    counts: dict[int, list[int]] = {}
    for borough_id, police, health in panels:
        both, held = counts.setdefault(borough_id, [0, 0])
        counts[borough_id] = [both + (police and health), held + 1]
    return {borough_id: (both, held) for borough_id, (both, held) in counts.items()}


def current_targets() -> dict[str, PreventTarget]:
    """The target in force for each measure: the newest one set."""
    targets: dict[str, PreventTarget] = {}
    for target in PreventTarget.objects.order_by("measure", "-set_at", "-pk"):
        targets.setdefault(target.measure, target)
    return targets


def target_history() -> list[PreventTarget]:
    return list(PreventTarget.objects.select_related("set_by").order_by("-set_at", "-pk"))


def prevent_comparison(scope: Scope, *, quarter: Quarter, today: date | None = None) -> PreventComparison:
    """The quarter's figures for each borough in the user's scope and the whole combined authority."""
    today = today or timezone.localdate()
    boroughs = _boroughs_of_combined_authority(scope)
    ids = [borough.pk for borough in boroughs]
    stages = _stage_dates(ids, quarter)
    until = min(quarter.end, today)
    reviews = _reviews(ids, quarter.start, until)
    panels = _panels(ids, quarter.start, until)
    targets = current_targets()
    common: dict[str, Any] = {
        "stages": stages,
        "reviews": reviews,
        "panels": panels,
        "quarter": quarter,
        "today": today,
    }
    visible = [b for b in boroughs if b.pk in scope.area_ids]
    hidden = [b for b in boroughs if b.pk not in scope.area_ids]
    areas = tuple(figures_for(b.name, boroughs=[b], **common) for b in visible)
    authority = str(boroughs[0].parent) if boroughs else "Combined authority"
    combined = figures_for(
        f"{authority} (all boroughs)",
        boroughs=boroughs,
        is_combined_authority=True,
        short_name=authority,
        **common,
    )
    others = figures_for(OTHER_BOROUGHS, boroughs=hidden, **common) if hidden else None
    rows = (*areas, combined)
    return PreventComparison(
        quarter=quarter,
        combined_authority=authority,
        areas=areas,
        combined=combined,
        others=others,
        tables=measure_tables(rows, targets),
        rates_chart=rates_chart(rows, quarter),
        screening_chart=screening_chart(rows, quarter),
    )
