"""What waits for each grants role on the staff home: applications to check (grants officers),
applications needing another assessor (an assessor declared a conflict), applications waiting for
your score (assessors), applications ready for the panel (the panel), and overdue monitoring
reports (grants officers). Each names applications by reference only."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.waiting import WaitingItem
from commonground.grants.models import (
    ApplicationStatus,
    Assessment,
    AssessorAssignment,
    ConflictDeclaration,
    GrantApplication,
)
from commonground.grants.queries import staff_monitoring

SHOWN = 20


def _item(application: GrantApplication, detail: str, overdue: bool = False) -> WaitingItem:
    return WaitingItem(
        label=f"{application.reference}: {application.event_title or 'Application'}",
        url=reverse("grants:staff-application", args=[application.pk]),
        detail=detail,
        overdue=overdue,
    )


def applications_to_check(scope: Scope) -> list[WaitingItem]:
    rows = (
        access.visible(scope, GrantApplication)
        .filter(status=ApplicationStatus.SUBMITTED)
        .order_by("submitted_at", "pk")[:SHOWN]
    )
    return [
        _item(
            a,
            f"Sent {timezone.localtime(a.submitted_at):%d %B %Y}"
            + (" · possible duplicate" if a.possible_duplicate_of_id and not a.duplicate_check else ""),
        )
        for a in rows
    ]


def applications_needing_another_assessor(scope: Scope) -> list[WaitingItem]:
    conflicted = ConflictDeclaration.objects.filter(has_conflict=True, application=OuterRef("pk"))
    rows = (
        access.visible(scope, GrantApplication)
        .filter(status=ApplicationStatus.IN_ASSESSMENT)
        .filter(Exists(conflicted))
        .annotate(
            assigned=Count("assignments", distinct=True),
            conflicts=Count("declarations", filter=Q(declarations__has_conflict=True), distinct=True),
        )
        .order_by("submitted_at", "pk")
    )
    return [
        _item(a, "An assessor declared a conflict of interest: assign another")
        for a in rows[: SHOWN * 2]
        if a.assigned - a.conflicts < 2
    ][:SHOWN]


def waiting_for_my_score(scope: Scope) -> list[WaitingItem]:
    mine = AssessorAssignment.objects.filter(assessor=scope.user, application=OuterRef("pk"))
    scored = Assessment.objects.filter(assessor=scope.user, application=OuterRef("pk"))
    conflicted = ConflictDeclaration.objects.filter(
        assessor=scope.user, application=OuterRef("pk"), has_conflict=True
    )
    rows = (
        access.visible(scope, GrantApplication)
        .filter(status=ApplicationStatus.IN_ASSESSMENT)
        .filter(Exists(mine), ~Exists(scored), ~Exists(conflicted))
        .order_by("submitted_at", "pk")[:SHOWN]
    )
    return [
        WaitingItem(
            label=f"{a.reference}: {a.event_title or 'Application'}",
            url=reverse("grants:staff-score", args=[a.pk]),
            detail="Declare any conflict of interest, then score it",
        )
        for a in rows
    ]


def ready_for_the_panel(scope: Scope) -> list[WaitingItem]:
    """Being assessed, with two assessments in, and no disagreement waiting for a moderation note."""
    rows = (
        access.visible(scope, GrantApplication)
        .filter(status=ApplicationStatus.IN_ASSESSMENT)
        .annotate(scored=Count("assessments", distinct=True))
        .filter(scored__gte=2)
        .exclude(scores_disagree=True, moderation_note="")
        .order_by("submitted_at", "pk")[:SHOWN]
    )
    return [_item(a, "Both assessments are in") for a in rows]


def overdue_monitoring(scope: Scope) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"{report.application.reference}: monitoring report",
            url=reverse("grants:staff-application", args=[report.application_id]),
            detail=f"Due {report.due_on:%d %B %Y}",
            overdue=True,
        )
        for report in staff_monitoring.overdue(scope)[:SHOWN]
    ]
