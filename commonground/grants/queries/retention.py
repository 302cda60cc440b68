"""Which grant records are past their retention period (see actions/retention.py). The sweep runs
as the system, over every record: retention applies whoever may see them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from commonground.core.legal_holds import exclude_held
from commonground.grants.models import Applicant, ApplicationStatus, GrantApplication, SignInLink


def _days_ago(days: int, now: datetime | None) -> datetime:
    return (now or timezone.now()) - timedelta(days=days)


def sign_in_links_past_retention(now: datetime | None = None) -> QuerySet[SignInLink]:
    return SignInLink.objects.filter(
        created_at__lt=_days_ago(settings.GRANT_SIGN_IN_LINK_RETENTION_DAYS, now)
    )


def drafts_past_retention(now: datetime | None = None) -> QuerySet[GrantApplication]:
    """Drafts never sent, started more than GRANT_DRAFT_RETENTION_DAYS ago."""
    cutoff = _days_ago(settings.GRANT_DRAFT_RETENTION_DAYS, now)
    return exclude_held(
        GrantApplication.objects.filter(status=ApplicationStatus.DRAFT, created_at__lt=cutoff).order_by("pk")
    )


def unsuccessful_past_retention(now: datetime | None = None) -> QuerySet[GrantApplication]:
    """Declined applications (from the panel's decision) and withdrawn ones (from when they were
    sent, or started) older than GRANT_UNSUCCESSFUL_RETENTION_DAYS."""
    cutoff = _days_ago(settings.GRANT_UNSUCCESSFUL_RETENTION_DAYS, now)
    declined = Q(status=ApplicationStatus.DECLINED) & (
        Q(decision__decided_at__lt=cutoff) | Q(decision__isnull=True, submitted_at__lt=cutoff)
    )
    withdrawn = Q(status=ApplicationStatus.WITHDRAWN) & (
        Q(submitted_at__lt=cutoff) | Q(submitted_at__isnull=True, created_at__lt=cutoff)
    )
    return exclude_held(GrantApplication.objects.filter(declined | withdrawn).order_by("pk"))


def awards_past_retention(now: datetime | None = None) -> QuerySet[GrantApplication]:
    """Awarded applications whose award was made more than GRANT_AWARD_RETENTION_DAYS ago (public
    money: kept as long as the partnership's financial records)."""
    cutoff = _days_ago(settings.GRANT_AWARD_RETENTION_DAYS, now)
    return exclude_held(
        GrantApplication.objects.filter(
            status=ApplicationStatus.AWARDED, decision__decided_at__lt=cutoff
        ).order_by("pk")
    )


def applicants_past_retention(now: datetime | None = None) -> QuerySet[Applicant]:
    """Accounts with no application left and no sign-in (or, never signed in, no creation) for
    GRANT_APPLICANT_RETENTION_DAYS."""
    cutoff = _days_ago(settings.GRANT_APPLICANT_RETENTION_DAYS, now)
    has_application = Exists(GrantApplication.objects.filter(applicant=OuterRef("pk")))
    idle = Q(last_signed_in_at__lt=cutoff) | Q(last_signed_in_at__isnull=True, created_at__lt=cutoff)
    return exclude_held(Applicant.objects.filter(idle).exclude(has_application).order_by("pk"))
