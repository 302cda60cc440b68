"""Reads of tension assessments, each starting from the user's scope."""

from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area, AreaLevel
from commonground.tension.models import (
    AssessmentKind,
    AssessmentRevision,
    TensionAssessment,
    TensionLevel,
    TriggerEvent,
)


def active_levels() -> QuerySet[TensionLevel]:
    """The partnership's tension scale, lowest first (reference data, not scoped)."""
    return TensionLevel.objects.filter(is_active=True).order_by("rank")


def assessable_areas(scope: Scope) -> QuerySet[Area]:
    """The boroughs and wards in the user's scope, each borough followed by its wards."""
    return (
        Area.objects.filter(pk__in=scope.area_ids, level__in=[AreaLevel.BOROUGH, AreaLevel.WARD])
        .select_related("parent")
        # The boundaries are large GeoJSON: a list of names never needs them.
        .defer("boundary", "parent__boundary")
        .order_by("level", "name")
    )


def area_in_scope(scope: Scope, code: str) -> Area | None:
    """A borough or ward by its ONS code, if it is in the user's scope; None otherwise (an unknown
    code and one outside the scope look the same)."""
    if not code or len(code) > 9:
        return None
    return assessable_areas(scope).filter(code=code.strip().upper()).first()


def assessments_visible_to(
    scope: Scope, *, area: Area | None = None, since: date | None = None
) -> QuerySet[TensionAssessment]:
    """Assessments in scope, newest week first; `area` narrows to one area, `since` to the weeks
    starting on or after it."""
    assessments = (
        access.visible(scope, TensionAssessment)
        .select_related("area", "level", "trigger_event", "assessed_by")
        .defer("area__boundary")
    )
    if area is not None:
        assessments = assessments.filter(area=area)
    if since is not None:
        assessments = assessments.filter(week_starting_on__gte=since)
    return assessments.order_by("-week_starting_on", "-assessed_at")


def assessment_for(scope: Scope, assessment_id: int) -> TensionAssessment:
    """One assessment with its history, newest revision first. Out of scope answers 404."""
    return access.get_visible_or_404(
        scope,
        TensionAssessment.objects.select_related(
            "area", "area__parent", "level", "trigger_event", "assessed_by"
        )
        .defer("area__boundary", "area__parent__boundary")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=AssessmentRevision.objects.select_related("level", "recorded_by").order_by(
                    "-revision"
                ),
            )
        ),
        pk=assessment_id,
    )


def existing_assessment(
    scope: Scope,
    *,
    area: Area,
    week_starting_on: date,
    kind: str,
    trigger_event: TriggerEvent | None = None,
) -> TensionAssessment | None:
    """The assessment that already covers this area and period: the weekly one for the week, or
    the ad hoc one for the trigger event."""
    assessments = access.visible(scope, TensionAssessment).filter(area=area, kind=kind)
    if kind == AssessmentKind.AD_HOC:
        return assessments.filter(trigger_event=trigger_event).first() if trigger_event else None
    return assessments.filter(week_starting_on=week_starting_on).first()


def current_assessment_of(area: Area, *, excluding: int | None = None) -> TensionAssessment | None:
    """An area's current assessment: the latest week's, the most recently assessed first. Used by
    actions, which have checked the actor's scope already."""
    assessments = TensionAssessment.objects.filter(area=area).select_related("level")
    if excluding is not None:
        assessments = assessments.exclude(pk=excluding)
    return assessments.order_by("-week_starting_on", "-assessed_at").first()


# An ad hoc assessment follows a recent event: the list offers those of the last year.
EVENTS_OFFERED_DAYS = 366


def trigger_events_to_assess(scope: Scope) -> QuerySet[TriggerEvent]:
    """Trigger events an ad hoc assessment may follow (started in the last year), latest first."""
    since = timezone.localdate() - timedelta(days=EVENTS_OFFERED_DAYS)
    return (
        access.visible(scope, TriggerEvent)
        .filter(Q(starts_on__gte=since) | Q(ends_on__gte=since))
        .order_by("-starts_on", "title")
    )
