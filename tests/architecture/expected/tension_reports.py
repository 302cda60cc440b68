"""Tension reports and trigger events: anyone who reports tension (triage officers, analysts,
partner officers, the cohesion lead) opens the report form; those who follow tension see reports
and events in their areas (another borough's report or local event is 404, like a missing one);
only analysts record trigger events."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

ANALYST = Role.TENSION_ANALYST.value
VIEWERS = (
    ANALYST,
    Role.PROGRAMME_MANAGER.value,
    Role.PARTNER_OFFICER.value,
    Role.BOROUGH_PROGRAMME_LEAD.value,
)
SUBMITTERS = (*VIEWERS, Role.TRIAGE_OFFICER.value)

EXPECTED = {
    "tension:submit-report": [({}, only(*SUBMITTERS))],
    "tension:report-about-a-person": [({}, only(*SUBMITTERS))],
    # Without a report just sent, back to the form.
    "tension:report-sent": [({}, only(*SUBMITTERS, ok=302))],
    "tension:reports": [({}, only(*VIEWERS))],
    "tension:report": [
        ({"report_id": "{tension_report}"}, only(*VIEWERS)),
        ({"report_id": "{tension_report_elsewhere}"}, only(*VIEWERS, ok=404)),
    ],
    "tension:trigger-events": [({}, only(*VIEWERS))],
    "tension:record-trigger-event": [({}, only(ANALYST))],
    "tension:trigger-event": [
        ({"event_id": "{trigger_event}"}, only(*VIEWERS)),
        ({"event_id": "{trigger_event_elsewhere}"}, only(*VIEWERS, ok=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.factories import BOLTON, OLDHAM
    from tests.tension.test_reports import a_report, an_event

    return {
        "tension_report": a_report(BOLTON).pk,
        "tension_report_elsewhere": a_report(OLDHAM).pk,
        "trigger_event": an_event(BOLTON).pk,
        "trigger_event_elsewhere": an_event(OLDHAM).pk,
    }
