"""The public side of the report line: open to everyone, signed in or not."""

from tests.architecture.roles_matrix import everyone


def sample_values(agency):
    from commonground.reports.actions.submission import ReportAnswers, submit_report

    submitted = submit_report(
        actor=None,
        answers=ReportAnswers(kind="hate_incident", description="Sample", borough_code="E08000001"),
    )
    return {"status_secret": submitted.status_secret}


EXPECTED = {
    "reports:choose": [({}, everyone(200))],
    "reports:start": [
        ({"journey": "hate-incident"}, everyone(200)),
        ({"journey": "no-such-journey"}, everyone(404)),
    ],
    "reports:question": [
        ({"journey": "hate-incident", "step": "who"}, everyone(200)),
        ({"journey": "hate-incident", "step": "no-such-step"}, everyone(404)),
    ],
    # Nothing answered yet: the check page sends people to the first question.
    "reports:check": [({"journey": "hate-incident"}, everyone(302))],
    # Nothing sent in this session: back to the start.
    "reports:confirmation": [({"journey": "hate-incident"}, everyone(302))],
    # The emailed link is exchanged for the session, then "See Other" the secret-free page.
    "reports:status": [
        ({"secret": "{status_secret}"}, everyone(303)),
        ({"secret": "unknown"}, everyone(404)),
    ],
    # With no report held by the session (the link not opened here): how to open it again.
    "reports:status-page": [({}, everyone(200))],
    "reports:advice-index": [({}, everyone(200))],
    "reports:advice": [
        ({"slug": "what-is-a-hate-incident"}, everyone(200)),
        ({"slug": "nope"}, everyone(404)),
    ],
}
