"""The tension dashboard and the weekly report: for those who follow tension (analysts, partner
officers and the programme manager, the partnership's cohesion lead), each seeing their own areas;
403 to other staff. Sending the report is an analyst's, by POST only (a GET there is 405)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

ANALYST = Role.TENSION_ANALYST.value
FOLLOWERS = (
    ANALYST,
    Role.PARTNER_OFFICER.value,
    Role.PROGRAMME_MANAGER.value,
    Role.BOROUGH_PROGRAMME_LEAD.value,
)

EXPECTED = {
    "tension:dashboard": [({}, only(*FOLLOWERS))],
    "tension:weekly-report": [({}, only(*FOLLOWERS))],
    "tension:weekly-report-pdf": [({}, only(*FOLLOWERS))],
    "tension:send-weekly-report": [({}, only(ANALYST, ok=405))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)
