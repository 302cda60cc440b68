"""The programme API as partner systems see it: GET /api/v1/programme/assessments (scope
`programme:read`) lists self-assessment levels, one row per dimension, only for the boroughs the
token's agency serves, a page at a time; refusals are problems; the operation is documented."""

import pytest
from django.test import Client

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, OLDHAM, AgencyFactory, staff
from tests.programme.assessment_view_builders import assessment, dimensions

pytestmark = pytest.mark.django_db

ASSESSMENTS = "/api/v1/programme/assessments"


def issue(agency, *scopes: ApiScope) -> str:
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    _token, key = issue_api_token(actor=admin, agency=agency, name="Programme feed", scopes=list(scopes))
    return key


def get(key: str | None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return Client().get(ASSESSMENTS, params, **headers)


@pytest.fixture
def bolton_council():
    return AgencyFactory(name="Bolton Council", serves=[BOLTON])


@pytest.fixture
def assessments():
    assessment(BOLTON, 2024, levels=[1, 2, 3, 2, 1], moderated=[1, 3, 3, 2, None])
    assessment(BOLTON, 2025, levels=[2, 3, 3, 3, 2])
    assessment(OLDHAM, 2025, levels=[5, 5, 5, 5, 5], moderated=[4, 5, 5, 5, 5])


def test_a_token_lists_its_boroughs_levels_and_never_another_agencys(bolton_council, assessments):
    response = get(issue(bolton_council, ApiScope.PROGRAMME_READ))
    assert response.status_code == 200, response.json()
    body = response.json()
    keys = [d.key for d in dimensions()]
    assert body["count"] == 10 and body["limit"] == 100 and body["offset"] == 0
    assert {item["borough_code"] for item in body["items"]} == {BOLTON}
    assert body["items"][1] == {
        "borough_code": BOLTON,
        "period_start": "2024-04-01",
        "period_end": "2025-03-31",
        "dimension_key": keys[1],
        "level": 2,
        "moderated_level": 3,
        "status": "moderated",
    }
    assert [item["moderated_level"] for item in body["items"][:5]] == [1, 3, 3, 2, None]
    assert [(item["level"], item["status"]) for item in body["items"][5:]] == [
        (2, "submitted"),
        (3, "submitted"),
        (3, "submitted"),
        (3, "submitted"),
        (2, "submitted"),
    ]


def test_pages_follow_each_other(bolton_council, assessments):
    key = issue(bolton_council, ApiScope.PROGRAMME_READ)
    first, second = get(key, limit=4).json(), get(key, limit=4, offset=8).json()
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    assert second["count"] == 10 and second["items"][-1]["period_start"] == "2025-04-01"


def test_the_combined_authority_sees_every_borough_and_can_ask_for_one(assessments):
    key = issue(AgencyFactory(serves=[GREATER_MANCHESTER]), ApiScope.PROGRAMME_READ)
    assert get(key).json()["count"] == 15
    oldham = get(key, borough=OLDHAM).json()
    assert oldham["count"] == 5 and oldham["items"][0]["moderated_level"] == 4


def test_another_agencys_borough_is_unknown_to_the_token(bolton_council, assessments):
    response = get(issue(bolton_council, ApiScope.PROGRAMME_READ), borough=OLDHAM)
    assert response.status_code == 404 and response.json()["code"] == "unknown_area"
    bury = get(issue(AgencyFactory(serves=[BURY]), ApiScope.PROGRAMME_READ)).json()
    assert bury == {"count": 0, "limit": 100, "offset": 0, "items": []}


def test_a_token_without_programme_read_is_refused(bolton_council, assessments):
    response = get(issue(bolton_council, ApiScope.TENSION_READ, ApiScope.AREAS_READ))
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
    assert get(None).status_code == 401


def test_a_page_too_large_is_an_invalid_request(bolton_council):
    response = get(issue(bolton_council, ApiScope.PROGRAMME_READ), limit=501)
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_the_operation_is_documented_with_its_refusals():
    operation = Client().get("/api/v1/openapi.json").json()["paths"][ASSESSMENTS]["get"]
    assert operation["operationId"] == "list_programme_assessments"
    assert {"401", "403", "404", "422", "503"} <= set(operation["responses"])
