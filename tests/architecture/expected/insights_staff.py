"""Staff insights: the dashboards, the fairness check, spike detection and Prevent across the
boroughs are open to those who may see insights (tension analysts, programme managers, borough
programme leads and data protection officers), each limited to the areas in their scope; every other member of staff is
refused (403). Only the programme manager sets the targets of Prevent across the boroughs."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

VIEWERS = (
    Role.TENSION_ANALYST.value,
    Role.PROGRAMME_MANAGER.value,
    Role.DATA_PROTECTION_OFFICER.value,
    Role.BOROUGH_PROGRAMME_LEAD.value,
)

EXPECTED = {
    "insights:staff-incidents": [({}, only(*VIEWERS))],
    "insights:staff-referrals": [({}, only(*VIEWERS))],
    "insights:staff-helpline": [({}, only(*VIEWERS))],
    "insights:staff-fairness": [({}, only(*VIEWERS))],
    "insights:staff-spikes": [({}, only(*VIEWERS))],
    "insights:staff-prevent": [({}, only(*VIEWERS))],
    "insights:staff-prevent-csv": [({}, only(*VIEWERS))],
    # Targets are the programme team's: only the programme manager sets them.
    "insights:staff-prevent-targets": [({}, only(Role.PROGRAMME_MANAGER.value))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)
