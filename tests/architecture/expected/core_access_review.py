"""Emergency (break-glass) access and the data protection officer's access review. The emergency
page is for the roles that hold BREAK_GLASS (safeguarding coordinators and triage officers; 403 to
other staff, who know the page exists from nowhere). The review's pages answer 404 to everyone but
data protection officers, so the routes are not revealed; marking an item is POST only."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

BREAK_GLASS_ROLES = (Role.SAFEGUARDING_COORDINATOR.value, Role.TRIAGE_OFFICER.value)

EXPECTED = {
    "core:break-glass": [({}, only(*BREAK_GLASS_ROLES))],
    "core:access-review": [({}, only(DPO, other=404))],
    "core:access-review-mark": [({}, only(DPO, ok=405, other=404))],
    "core:break-glass-review": [
        ({"grant_id": "{access_review_sample_grant}"}, only(DPO, other=404)),
        ({"grant_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from datetime import timedelta

    from django.utils import timezone

    from commonground.core.models import BreakGlassAccess
    from tests.factories import OLDHAM, UserFactory
    from tests.safeguarding.builders import referral_in

    referral = referral_in(OLDHAM)
    now = timezone.now()
    grant = BreakGlassAccess.objects.create(
        user=UserFactory(agency=agency),
        record_type="safeguarding.referral",
        record_pk=referral.pk,
        record_reference=referral.reference,
        reason="Sample: a child at risk tonight",
        opened_at=now - timedelta(hours=2),
        expires_at=now - timedelta(hours=1),
    )
    return {"access_review_sample_grant": grant.pk}
