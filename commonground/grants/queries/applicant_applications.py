"""What an applicant reads: the open rounds, and their own applications only. The first argument
is the signed-in applicant (never a staff scope): another group's application is simply not found."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from commonground.grants.models import (
    Applicant,
    ApplicationMessage,
    GrantApplication,
    GrantRound,
    MonitoringReport,
)


def open_rounds() -> QuerySet[GrantRound]:
    today = timezone.localdate()
    return (
        GrantRound.objects.filter(published=True, opens_on__lte=today, closes_on__gte=today)
        .prefetch_related("boroughs")
        .order_by("closes_on", "name")
    )


def published_round(slug: str) -> GrantRound:
    """A published round (open or closed: its page says which), or 404."""
    grant_round = GrantRound.objects.filter(slug=slug, published=True).prefetch_related("boroughs").first()
    if grant_round is None:
        raise Http404("No such round")
    return grant_round


def applications_of(applicant: Applicant) -> list[GrantApplication]:
    return list(
        GrantApplication.objects.filter(applicant=applicant)
        .select_related("grant_round", "decision", "monitoring")
        .order_by("-created_at")
    )


def application_of(applicant: Applicant, application_id: int) -> GrantApplication:
    application = (
        GrantApplication.objects.filter(applicant=applicant, pk=application_id)
        .select_related("grant_round", "decision", "monitoring", "borough")
        .prefetch_related(
            "budget_lines",
            Prefetch("messages", queryset=ApplicationMessage.objects.order_by("created_at", "pk")),
        )
        .first()
    )
    if application is None:
        raise Http404("No such application")
    return application


def monitoring_report_of(applicant: Applicant, application_id: int) -> MonitoringReport:
    report = (
        MonitoringReport.objects.filter(application__applicant=applicant, application_id=application_id)
        .select_related("application__grant_round")
        .first()
    )
    if report is None:
        raise Http404("No monitoring report is due for this application")
    return report
