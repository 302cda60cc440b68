"""Safeguarding casework: anyone who refers (helpline advisors, triage officers, panel members,
partner officers and coordinators) opens the referral form; only coordinators see referrals, and only in their
boroughs. A referral's pages answer 404 to everyone else, like a missing referral, whatever the
reason (another borough, no permission, a panel member who has the panel case view instead). Forms
post to their own URLs: a GET there is 405 for those who may post."""

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
        # On the agenda of a panel the panel member attends (expected/safeguarding_panels.py): they
        # have the panel case view, never this page.
        ({"referral_id": "{panel_case}"}, only(COORDINATOR, other=404)),
    ],
    "safeguarding:edit": [
        ({"referral_id": "{referral}"}, only(COORDINATOR, other=404)),
        ({"referral_id": "{referral_elsewhere}"}, only(COORDINATOR, ok=404, other=404)),
        ({"referral_id": "{panel_case}"}, only(COORDINATOR, other=404)),
    ],
    "safeguarding:record-gateway-check": [
        ({"referral_id": "{referral}"}, only(COORDINATOR, ok=405, other=404))
    ],
    "safeguarding:record-screening-decision": [
        ({"referral_id": "{referral}"}, only(COORDINATOR, ok=405, other=404))
    ],
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
