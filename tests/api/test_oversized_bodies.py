"""Bodies larger than the service reads at once, to every API operation that takes one: 413
problem+json (`payload_too_large`) for a caller allowed to call it, the usual 401 or 403 for anyone
else (the token and its scope are checked before the body is read), never a 500, nothing stored."""

import pytest
from django.test import Client

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models import AgencyKind
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from commonground.reports.models import Report
from commonground.safeguarding.models import Referral
from commonground.tension.models import TensionReport, TriggerEvent
from tests.factories import BOLTON, AgencyFactory, staff

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
CREATES = [
    ("/api/v1/reports", ApiScope.REPORTS_WRITE, Report),
    ("/api/v1/referrals", ApiScope.REFERRALS_WRITE, Referral),
    ("/api/v1/tension/reports", ApiScope.TENSION_WRITE, TensionReport),
    ("/api/v1/tension/trigger-events", ApiScope.TENSION_WRITE, TriggerEvent),
]


def _key(*scopes: ApiScope) -> str:
    agency = AgencyFactory(kind=AgencyKind.POLICE, serves=[BOLTON])
    admin = staff(Role.SYSTEM_ADMINISTRATOR, "E47000001")
    return issue_api_token(actor=admin, agency=agency, name="Partner form", scopes=list(scopes))[1]


def _post(path: str, size: int, key: str | None):
    # A JSON object whose one text field is `size` bytes long: valid JSON, only too large.
    body = '{"description": "' + "a" * size + '"}'
    headers = {"Idempotency-Key": "oversized-1"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return Client().post(path, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("size", [3 * MB, 10 * MB], ids=["3MB", "10MB"])
@pytest.mark.parametrize(("path", "scope", "model"), CREATES, ids=[path for path, _, _ in CREATES])
def test_an_oversized_body_is_refused_as_payload_too_large_after_the_token_and_scope(
    path, scope, model, size
):
    allowed, without_scope = _key(scope), _key(ApiScope.AREAS_READ)

    answers = {
        "allowed": _post(path, size, allowed),
        "without the scope": _post(path, size, without_scope),
        "without a token": _post(path, size, None),
    }

    expected = {"allowed": (413, "payload_too_large"), "without the scope": (403, "scope_missing")}
    expected["without a token"] = (401, "token_missing")
    for caller, response in answers.items():
        assert response["Content-Type"] == "application/problem+json", caller
        assert (response.status_code, response.json()["code"]) == expected[caller], caller
    problem = answers["allowed"].json()
    assert problem["limit_bytes"] == 2_621_440
    assert "Nothing was stored" in problem["detail"]
    assert not model.objects.exists()


def test_the_openapi_document_states_the_limit_and_the_413_of_every_create():
    document = Client().get("/api/v1/openapi.json").json()

    assert "at most 2,621,440 bytes" in document["info"]["description"]
    for path, _scope, _model in CREATES:
        operation = document["paths"][path]["post"]
        assert "payload_too_large" in operation["responses"]["413"]["description"], path
