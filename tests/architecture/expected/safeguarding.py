"""Safeguarding casework: anyone who refers (helpline advisors, triage officers, panel members,
partner officers and coordinators) opens the referral form; only coordinators see referrals, and only in their
boroughs (another borough's referral is 404, like a missing one). Forms post to their own URLs: a
GET there is 405 for those who may post."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
REFERRERS = (
    Role.HELPLINE_ADVISOR.value,
    Role.TRIAGE_OFFICER.value,
    Role.PANEL_MEMBER.value,
    Role.PARTNER_OFFICER.value,
    COORDINATOR,
)

EXPECTED = {
    "safeguarding:refer": [({}, only(*REFERRERS))],
    "safeguarding:list": [({}, only(COORDINATOR))],
    # A record's page: whoever cannot see the referral gets "not found", whatever their role.
    "safeguarding:referral": [
        ({"referral_id": "{referral}"}, only(COORDINATOR, other=404)),
        ({"referral_id": "{referral_elsewhere}"}, only(COORDINATOR, ok=404, other=404)),
    ],
    "safeguarding:edit": [
        ({"referral_id": "{referral}"}, only(COORDINATOR)),
        ({"referral_id": "{referral_elsewhere}"}, only(COORDINATOR, ok=404)),
    ],
    "safeguarding:record-gateway-check": [({"referral_id": "{referral}"}, only(COORDINATOR, ok=405))],
    "safeguarding:record-screening-decision": [({"referral_id": "{referral}"}, only(COORDINATOR, ok=405))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.factories import BOLTON, OLDHAM
    from tests.safeguarding.builders import referral_in

    return {"referral": referral_in(BOLTON).pk, "referral_elsewhere": referral_in(OLDHAM).pk}
