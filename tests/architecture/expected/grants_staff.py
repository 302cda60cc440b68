"""Community grants' staff pages, under /staff/grants/. The grants officers run rounds, check
applications, assign assessors, record payments and monitoring; the panel (the programme manager)
reads rounds and applications, moderates and decides; an assessor has their own list, and opens
only the applications assigned to them (any other is 404, as if it did not exist). Other staff are
refused (403). Marking a monitoring report reviewed is by POST only (405 to a GET)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

OFFICER = Role.GRANTS_OFFICER.value
ASSESSOR = Role.GRANT_ASSESSOR.value
PANEL = Role.PROGRAMME_MANAGER.value


def _assessor_finds_nothing(expected: dict) -> dict:
    return {**expected, ASSESSOR: 404}


EXPECTED = {
    "grants:staff-rounds": [({}, only(OFFICER, PANEL))],
    "grants:staff-round-new": [({}, only(OFFICER))],
    "grants:staff-round": [
        ({"round_id": "{grants_round}"}, only(OFFICER, PANEL)),
        ({"round_id": "999999"}, only(OFFICER, PANEL, ok=404)),
    ],
    "grants:staff-round-edit": [({"round_id": "{grants_round}"}, only(OFFICER))],
    "grants:staff-criterion-new": [({"round_id": "{grants_round}"}, only(OFFICER))],
    "grants:staff-question-new": [({"round_id": "{grants_round}"}, only(OFFICER))],
    "grants:staff-applications": [({}, only(OFFICER, PANEL))],
    "grants:staff-application": [
        ({"application_id": "{grants_submitted}"}, _assessor_finds_nothing(only(OFFICER, PANEL))),
        ({"application_id": "{grants_assessing}"}, _assessor_finds_nothing(only(OFFICER, PANEL))),
        ({"application_id": "999999"}, only(OFFICER, PANEL, ASSESSOR, ok=404)),
    ],
    "grants:staff-duplicate-check": [({"application_id": "{grants_submitted}"}, only(OFFICER))],
    "grants:staff-message": [({"application_id": "{grants_submitted}"}, only(OFFICER))],
    "grants:staff-assign": [({"application_id": "{grants_submitted}"}, only(OFFICER))],
    "grants:staff-my-assessments": [({}, only(ASSESSOR))],
    "grants:staff-declare": [({"application_id": "{grants_assessing}"}, only(ASSESSOR, ok=404))],
    "grants:staff-score": [({"application_id": "{grants_assessing}"}, only(ASSESSOR, ok=404))],
    "grants:staff-moderate": [({"application_id": "{grants_assessing}"}, only(OFFICER, PANEL))],
    "grants:staff-decide": [({"application_id": "{grants_assessing}"}, only(PANEL))],
    "grants:staff-payment": [({"application_id": "{grants_awarded}"}, only(OFFICER))],
    "grants:staff-monitoring": [({}, only(OFFICER))],
    "grants:staff-monitoring-reviewed": [({"report_id": "{grants_report}"}, only(OFFICER, ok=405))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.grants.factories import GrantRoundFactory, an_application, awarded, being_assessed

    grant_round = GrantRoundFactory()
    funded = awarded(grant_round=grant_round)
    submitted = an_application(grant_round=grant_round, possible_duplicate_of=funded)
    assessing = being_assessed(grant_round=grant_round, scores_disagree=True)
    return {
        "grants_round": grant_round.pk,
        "grants_submitted": submitted.pk,
        "grants_assessing": assessing.pk,
        "grants_awarded": funded.pk,
        "grants_report": funded.monitoring.pk,
    }
