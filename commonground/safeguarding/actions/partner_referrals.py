"""Referrals sent by a partner system through the API (POST /api/v1/referrals).

There is no person behind the call, only an agency's token, so the referral is recorded for that
agency and audited under the token's label. The same checks as a referral made on the staff pages
apply (`check_details`).

Idempotency without a new column: the partner's key, namespaced by agency, is written into the
referral's creation event in the audit trail (`changes["idempotency_key"]`). Before creating, the
audit chain head is locked (select_for_update) and the trail is searched for that key, so two
concurrent calls with the same key are serialised: the second finds the first's event."""

from dataclasses import dataclass, fields

from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.models import Agency, AuditAction, AuditChainHead, AuditEvent
from commonground.safeguarding import workflow
from commonground.safeguarding.actions.referrals import ReferralDetails, check_details
from commonground.safeguarding.models import Referral

REFERRAL_OBJECT_TYPE = "safeguarding.referral"


@dataclass
class PartnerReferral:
    referral: Referral | None  # None when the key's referral has since been erased
    created: bool


def submit_partner_referral(
    *, agency: Agency, actor_label: str, details: ReferralDetails, idempotency_key: str
) -> PartnerReferral:
    """Record a referral from a partner system, once per `idempotency_key` (already namespaced by
    the caller). A key already used returns its referral with `created=False`."""
    check_details(details, timezone.localdate())
    with transaction.atomic():
        # Serialise with every other writer of the trail, so the look-up below cannot race.
        AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = (
            AuditEvent.objects.filter(
                object_type=REFERRAL_OBJECT_TYPE,
                action=AuditAction.CREATE,
                changes__idempotency_key=idempotency_key,
            )
            .order_by("sequence")
            .first()
        )
        if event is not None:
            return PartnerReferral(
                referral=Referral.objects.filter(pk=event.object_id).first(), created=False
            )
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
            changes={
                "status": referral.status,
                "borough": referral.borough.code,
                "channel": "api",
                "idempotency_key": idempotency_key,
            },
        )
    return PartnerReferral(referral=referral, created=True)
