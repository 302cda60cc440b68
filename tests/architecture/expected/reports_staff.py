"""Staff pages of the report line: triage (triage officers), the helpline (advisors) and reporting
centres (advisors and reporting centre workers). Forms post to their own URLs: a GET there is 405
for those who may post."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

TRIAGE = Role.TRIAGE_OFFICER.value
# Coordinators see only the reports routed to their team (worries); the sample reports are not.
COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
HELPLINE = Role.HELPLINE_ADVISOR.value
CENTRE = Role.REPORTING_CENTRE_WORKER.value


def _post_only(*allowed):
    return only(*allowed, ok=405)


def _with(expected: dict, role: str, status: int) -> dict:
    return {**expected, role: status}


EXPECTED = {
    "reports:staff-queue": [({}, only(TRIAGE, COORDINATOR))],
    "reports:staff-report": [
        ({"report_id": "{report}"}, _with(only(TRIAGE), COORDINATOR, 404)),
        ({"report_id": "{report_elsewhere}"}, only(TRIAGE, COORDINATOR, ok=404)),
    ],
    "reports:staff-report-photo": [
        # The photo of a report in another borough: the same check as its report's page.
        (
            {"report_id": "{report_elsewhere}", "photo_id": "{photo_elsewhere}"},
            only(TRIAGE, COORDINATOR, ok=404),
        ),
    ],
    "reports:staff-change-status": [({"report_id": "{report}"}, _post_only(TRIAGE))],
    "reports:staff-set-urgency": [({"report_id": "{report}"}, _post_only(TRIAGE))],
    "reports:staff-assign-teams": [({"report_id": "{report}"}, _post_only(TRIAGE))],
    "reports:staff-send-message": [({"report_id": "{report}"}, _post_only(TRIAGE, COORDINATOR))],
    "reports:staff-decide-link": [
        ({"report_id": "{report}", "suggestion_id": "{suggestion}"}, _post_only(TRIAGE))
    ],
    # Sharing without consent: the triage officer's form; the data protection officer's list.
    "reports:staff-share-without-consent": [
        ({"report_id": "{report}"}, only(TRIAGE)),
        ({"report_id": "{report_elsewhere}"}, only(TRIAGE, ok=404)),
    ],
    "reports:staff-sharing-decisions": [({}, only(DPO))],
    "reports:helpline-calls": [({}, only(HELPLINE))],
    "reports:helpline-new": [({}, only(HELPLINE))],
    "reports:helpline-call": [
        ({"call_id": "{call}"}, only(HELPLINE)),
        ({"call_id": "{call_elsewhere}"}, only(HELPLINE, ok=404)),
    ],
    "reports:helpline-find-report": [({}, only(HELPLINE))],
    "reports:call-backs": [({}, only(HELPLINE))],
    "reports:call-back": [
        ({"request_id": "{call_back}"}, only(HELPLINE)),
        ({"request_id": "{call_back_elsewhere}"}, only(HELPLINE, ok=404)),
    ],
    "reports:on-behalf-new": [({}, only(HELPLINE, CENTRE))],
    # With nothing just sent, back to the form.
    "reports:on-behalf-sent": [({}, only(HELPLINE, CENTRE, ok=302))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from commonground.reports.actions.helpline import log_call
    from commonground.reports.actions.submission import ReportAnswers, submit_report
    from commonground.reports.models import (
        CallerType,
        CallOutcome,
        CallTopic,
        ReportKind,
        ReportPhoto,
        WorryRoute,
    )
    from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory

    def report_in(borough: str):
        answers = ReportAnswers(
            kind=ReportKind.HATE_INCIDENT, description="Shouting in the street", borough_code=borough
        )
        return submit_report(actor=None, answers=answers).report

    first = report_in(BOLTON)
    report = report_in(BOLTON)  # suggested as the same event as the first
    elsewhere = report_in(OLDHAM)
    # A row only: the check refuses before any file is read.
    photo = ReportPhoto.objects.create(
        report=elsewhere, image="report-photos/none.jpg", content_type="image/jpeg", size=1
    )

    def call_back_in(borough: str):
        answers = ReportAnswers(
            kind=ReportKind.WORRY,
            description="Worried about my nephew",
            borough_code=borough,
            worry_route=WorryRoute.CALL_BACK,
            contact_phone="07700 900123",
        )
        return submit_report(actor=None, answers=answers).report.call_back_request

    def call_in(borough: str):
        advisor = UserFactory(agency=AgencyFactory(serves=[borough]), roles=[Role.HELPLINE_ADVISOR])
        return log_call(
            actor=advisor,
            caller_type=CallerType.WITNESS,
            topic=CallTopic.INFORMATION,
            outcome=CallOutcome.ADVICE_ONLY,
            duration_minutes=5,
            borough_code=borough,
        ).call

    return {
        "report": report.pk,
        "report_elsewhere": elsewhere.pk,
        "photo_elsewhere": photo.pk,
        "suggestion": report.link_suggestions.get(candidate=first).pk,
        "call": call_in(BOLTON).pk,
        "call_elsewhere": call_in(OLDHAM).pk,
        "call_back": call_back_in(BOLTON).pk,
        "call_back_elsewhere": call_back_in(OLDHAM).pk,
    }
