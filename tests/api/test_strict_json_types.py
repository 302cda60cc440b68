"""Found by contract fuzzing: request bodies were read leniently, so `0` passed as false, a number
as a date (a Unix time: `"observed_at": 0` stored a tension report seen on 1 January 1970) and
`"16"` as 16. Each field now takes only the JSON type its schema gives, and is refused otherwise
with invalid_request, storing nothing."""

import pytest
from django.test import Client

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models import User
from commonground.core.models.api_tokens import ApiScope
from commonground.reports.models import Report
from commonground.safeguarding.models import Referral
from commonground.tension.models import TensionReport, TriggerEvent
from tests.api.test_idempotency import issue_token, operations, post


@pytest.fixture
def token(db):
    return issue_token()


CASES = [
    ("submit_report", {"urgent": 0}),
    ("submit_report", {"wants_support": "yes"}),
    ("submit_report", {"happened_on": 0}),
    ("submit_report", {"happened_on": "20260314"}),
    ("submit_referral", {"safeguarding_lead_consulted": 0}),
    ("submit_referral", {"person": {"date_of_birth": 1262304000}}),
    ("submit_referral", {"person": {"date_of_birth": None, "age_years": "16"}}),
    ("submit_referral", {"person": {"interpreter_needed": "true"}}),
    ("submit_tension_report", {"observed_at": 0}),
    ("submit_tension_report", {"observed_at": "1700000000"}),
    ("record_trigger_event", {"starts_on": 0}),
    ("record_trigger_event", {"ends_on": 20260523}),
]


@pytest.mark.parametrize(("name", "changes"), CASES)
def test_a_field_of_the_wrong_json_type_is_refused_and_nothing_is_stored(token, name, changes):
    _, secret = token
    operation = operations()[name]
    body = dict(operation.body)
    for field, value in changes.items():
        body[field] = {**body[field], **value} if isinstance(value, dict) else value

    response = post(operation, body, secret)

    assert response.status_code == 422, response.json()
    assert response.json()["code"] == "invalid_request"
    for model in (Report, Referral, TensionReport, TriggerEvent):
        assert not model.objects.exists()


def test_dates_and_times_in_iso_form_are_still_taken(token):
    _, secret = token
    operation = operations()["submit_tension_report"]
    body = {**operation.body, "observed_at": "2026-03-14T21:30:00Z"}
    assert post(operation, body, secret).status_code == 201


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/areas/E08%0000001",
        "/api/v1/areas?parent=E08%0000001",
        "/api/v1/statistics/editions/2026-q2%00",
        "/api/v1/statistics/editions/2026-q2/tables/by-borough%00",
        "/api/v1/statistics/aggregates/hate-incidents?from=2026-01-01&to=2026-03-31&borough=E08%0000001",
    ],
)
def test_a_control_character_in_a_parameter_is_an_invalid_request_not_a_server_error(token, path):
    """Found by contract fuzzing on PostgreSQL, which cannot compare text holding a NUL byte: a NUL
    in a path or query parameter reached a query and answered 500."""
    police, _ = token
    _token, secret = issue_api_token(
        actor=User.objects.get(username="admin"),
        agency=police,
        name="Reader",
        scopes=[ApiScope.AREAS_READ, ApiScope.STATISTICS_READ],
    )

    response = Client().get(path, headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
