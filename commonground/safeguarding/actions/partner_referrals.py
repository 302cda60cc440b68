"""Referrals sent by a partner system through the API (POST /api/v1/referrals).

There is no person behind the call, only an agency's token, so the referral is recorded for that
agency and audited under the token's label. The same checks as a referral made on the staff pages
apply (`check_details`). A retried call is answered by the API's idempotency keys
(commonground/api/idempotency.py), which call this once per key, in the transaction that stores
the key."""

from dataclasses import fields

from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.models import Agency, AuditAction
from commonground.safeguarding import workflow
from commonground.safeguarding.actions.referrals import ReferralDetails, check_details
from commonground.safeguarding.models import Referral


def submit_partner_referral(*, agency: Agency, actor_label: str, details: ReferralDetails) -> Referral:
    """Record a referral from a partner system."""
    check_details(details, timezone.localdate())
    with transaction.atomic():
        referral = Referral.objects.create(
            **{f.name: getattr(details, f.name) for f in fields(details)},
            referrer_agency=agency,
            referred_by=None,
            status=workflow.INITIAL,
        )
        audit.record(
            actor=None,
            actor_label=actor_label,
            action=AuditAction.CREATE,
            obj=referral,
            subject=referral,
            changes={"status": referral.status, "borough": referral.borough.code, "channel": "api"},
        )
    return referral
