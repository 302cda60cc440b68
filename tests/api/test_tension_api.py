"""The tension API as partner systems see it: POST /api/v1/tension/reports and /trigger-events
(scope `tension:write`, one record per idempotency key, clear problems naming what is wrong, with
nothing stored) and GET /api/v1/tension/levels (scope `tension:read`, only the token's areas, the
latest assessment of each, never-assessed areas with a null level), all in the OpenAPI document."""

import json
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models import AgencyKind, Area, AuditEvent
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from commonground.tension.models import (
    SourceType,
    TensionAssessment,
    TensionLevel,
    TensionReport,
    TriggerEvent,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, staff
from tests.tension.test_reports import ALEXANDRA, an_event

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

REPORTS = "/api/v1/tension/reports"
EVENTS = "/api/v1/tension/trigger-events"
LEVELS = "/api/v1/tension/levels"


@pytest.fixture
def police():
    return AgencyFactory(kind=AgencyKind.POLICE, name="Oldham neighbourhood policing", serves=[OLDHAM])


def issue(agency, *scopes: ApiScope) -> str:
    admin = staff(Role.SYSTEM_ADMINISTRATOR, "E47000001")
    _token, key = issue_api_token(actor=admin, agency=agency, name="Tension feed", scopes=list(scopes))
    return key


@pytest.fixture
def key(police) -> str:
    return issue(police, ApiScope.TENSION_WRITE, ApiScope.TENSION_READ)


def a_report(**changes) -> dict:
    return {
        "area_codes": [OLDHAM, ALEXANDRA],
        "observed_at": (timezone.now() - timedelta(hours=2)).isoformat(),
        "category": "graffiti",
        "description": "Anti-Muslim graffiti on the bus shelter opposite the mosque.",
        "source_type": "neighbourhood_police",
        "source_evaluation": "1",
        "information_assessment": "A",
        **changes,
    }


def an_api_event(**changes) -> dict:
    return {
        "title": "Verdict in the Union Street attack trial",
        "kind": "court_case",
        "reach": "local",
        "starts_on": str(timezone.localdate()),
        "expected_impact": "high",
        "area_codes": [OLDHAM],
        **changes,
    }


def post(path: str, body, key: str | None, idempotency_key: str | None = "k-1"):
    headers = {}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    return Client().post(path, json.dumps(body), content_type="application/json", headers=headers)


def get(path: str, key: str):
    return Client().get(path, headers={"Authorization": f"Bearer {key}"})


def assert_problem(response, status: int, code: str) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (response.status_code, body["code"]) == (status, code), body
    return body


# --- Reports ---------------------------------------------------------------------------------------


def test_a_partner_system_submits_a_tension_report(police, key):
    response = post(REPORTS, a_report(), key, str(uuid.uuid4()))
    assert response.status_code == 201, response.json()
    body = response.json()
    report = TensionReport.objects.get()
    assert body["reference"] == report.reference and body["area_codes"] == sorted([OLDHAM, ALEXANDRA])
    assert report.submitting_agency == police and report.submitted_by is None
    assert report.source_type == SourceType.NEIGHBOURHOOD_POLICE
    event = AuditEvent.objects.get(object_type="tension.tensionreport", object_id=str(report.pk))
    assert event.actor is None and "API token" in event.actor_label


def test_a_retried_report_is_stored_once_and_a_reused_key_is_refused(key):
    body = a_report()
    first = post(REPORTS, body, key, "retry-me")
    again = post(REPORTS, body, key, "retry-me")
    assert first.status_code == 201 and again.status_code == 200
    assert again["Idempotent-Replayed"] == "true" and again.json()["reference"] == first.json()["reference"]
    other = post(REPORTS, a_report(description="Something else entirely."), key, "retry-me")
    assert_problem(other, 409, "idempotency_key_reused")
    assert TensionReport.objects.count() == 1


def test_two_agencies_may_use_the_same_key(key):
    other_key = issue(AgencyFactory(serves=[BOLTON]), ApiScope.TENSION_WRITE)
    assert post(REPORTS, a_report(), key, "same").status_code == 201
    assert post(REPORTS, a_report(), other_key, "same").status_code == 201
    assert TensionReport.objects.count() == 2


def test_an_unknown_area_code_is_refused_naming_the_code(key):
    body = assert_problem(post(REPORTS, a_report(area_codes=[OLDHAM, "E05999999"]), key), 422, "unknown_area")
    assert "E05999999" in body["detail"]
    combined = assert_problem(post(REPORTS, a_report(area_codes=["E47000001"]), key), 422, "unknown_area")
    assert "E47000001" in combined["detail"]
    assert not TensionReport.objects.exists()


def test_a_report_observed_in_the_future_is_refused(key):
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert_problem(post(REPORTS, a_report(observed_at=future), key), 422, "observed_in_future")
    assert not TensionReport.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"area_codes": []},
        {"area_codes": ["not-a-code"]},
        {"category": "riot"},
        {"source_evaluation": "4"},
        {"information_assessment": "F"},
        {"description": ""},
        {"description": "bad\x00text"},
    ],
)
def test_bad_input_is_an_invalid_request_and_nothing_is_stored(key, changes):
    assert_problem(post(REPORTS, a_report(**changes), key), 422, "invalid_request")
    assert not TensionReport.objects.exists()


def test_handling_code_2_needs_its_conditions(key):
    assert_problem(post(REPORTS, a_report(handling_code="2"), key), 422, "handling_conditions_required")


def test_a_report_needs_an_idempotency_key(key):
    assert_problem(post(REPORTS, a_report(), key, idempotency_key=None), 400, "idempotency_key_missing")


def test_a_token_without_the_write_scope_is_refused(police):
    read_only = issue(police, ApiScope.TENSION_READ)
    assert_problem(post(REPORTS, a_report(), read_only), 403, "scope_missing")
    assert_problem(post(EVENTS, an_api_event(), read_only), 403, "scope_missing")
    assert_problem(post(REPORTS, a_report(), None), 401, "token_missing")
    assert not TensionReport.objects.exists() and not TriggerEvent.objects.exists()


# --- Trigger events ----------------------------------------------------------------------------------


def test_a_partner_system_records_a_trigger_event_once_per_key(key):
    first = post(EVENTS, an_api_event(), key, "event-1")
    assert first.status_code == 201, first.json()
    event = TriggerEvent.objects.get()
    assert first.json() == {
        "id": event.pk,
        "title": "Verdict in the Union Street attack trial",
        "starts_on": str(timezone.localdate()),
        "ends_on": None,
        "area_codes": [OLDHAM],
    }
    again = post(EVENTS, an_api_event(), key, "event-1")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert_problem(post(EVENTS, an_api_event(title="Another"), key, "event-1"), 409, "idempotency_key_reused")
    assert TriggerEvent.objects.count() == 1
    audit = AuditEvent.objects.get(object_type="tension.triggerevent", object_id=str(event.pk))
    assert audit.actor is None and audit.changes["channel"] == "api"


def test_a_national_event_needs_no_areas_but_a_local_one_does(key):
    assert post(EVENTS, an_api_event(reach="national", area_codes=[]), key, "n").status_code == 201
    assert_problem(post(EVENTS, an_api_event(area_codes=[]), key, "l"), 422, "areas_required")


def test_an_event_ending_before_it_starts_is_refused(key):
    today = timezone.localdate()
    body = an_api_event(ends_on=str(today - timedelta(days=1)))
    assert_problem(post(EVENTS, body, key), 422, "ends_before_start")
    assert_problem(post(EVENTS, an_api_event(area_codes=["E08999999"]), key), 422, "unknown_area")
    assert not TriggerEvent.objects.exists()


# --- Current levels ----------------------------------------------------------------------------------


def assess(code: str, rank: int, week: date, direction="stable", *, hours_ago=1, event=None):
    analyst = staff(Role.TENSION_ANALYST, "E47000001")
    return TensionAssessment.objects.create(
        area=Area.objects.get(code=code),
        week_starting_on=week,
        kind="ad_hoc" if event else "weekly",
        trigger_event=event,
        level=TensionLevel.objects.get(rank=rank),
        direction=direction,
        confidence="medium",
        rationale="Reports and incidents this week.",
        assessed_by=analyst,
        assessed_at=timezone.now() - timedelta(hours=hours_ago),
    )


def test_levels_are_the_latest_assessment_of_each_area_the_token_covers(police, key):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assess(OLDHAM, 2, monday - timedelta(days=7))
    assess(OLDHAM, 3, monday, hours_ago=5)
    assess(OLDHAM, 5, monday, "rising", hours_ago=1, event=an_event(OLDHAM))  # ad hoc, later the same week
    assess(BOLTON, 6, monday)  # another borough: never returned

    response = get(LEVELS, key)
    assert response.status_code == 200
    areas = response.json()["areas"]
    codes = [area["area_code"] for area in areas]
    assert codes[0] == OLDHAM and BOLTON not in codes
    assert set(codes[1:]) == set(Area.objects.filter(parent__code=OLDHAM).values_list("code", flat=True))
    oldham = areas[0]
    assert (oldham["level_rank"], oldham["direction"], oldham["week_starting_on"]) == (
        5,
        "rising",
        str(monday),
    )
    assert oldham["level_name"] == TensionLevel.objects.get(rank=5).name and oldham["assessed_at"]
    ward = next(area for area in areas if area["area_code"] == ALEXANDRA)
    assert ward["level_rank"] is None and ward["level_name"] is None and ward["area_level"] == "ward"


def test_levels_are_read_in_one_query(key):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    for weeks in range(5):
        assess(OLDHAM, 2, monday - timedelta(days=7 * weeks))
        assess(ALEXANDRA, 3, monday - timedelta(days=7 * weeks))
    get(LEVELS, key)
    with CaptureQueriesContext(connection) as queries:
        assert get(LEVELS, key).status_code == 200
    level_queries = [q for q in queries if "tension_tensionassessment" in q["sql"]]
    assert len(level_queries) == 1


def test_levels_need_the_read_scope(police):
    write_only = issue(police, ApiScope.TENSION_WRITE)
    assert_problem(get(LEVELS, write_only), 403, "scope_missing")


# --- The OpenAPI document -----------------------------------------------------------------------------


def test_the_openapi_document_describes_the_tension_operations():
    document = Client().get("/api/v1/openapi.json").json()
    reports = document["paths"][REPORTS]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in reports["parameters"])
    assert {"201", "200", "400", "401", "403", "409", "422"} <= set(reports["responses"])
    assert "unknown_area" in reports["responses"]["422"]["description"]
    assert document["paths"][EVENTS]["post"]["summary"] == "Record a trigger event"
    levels = document["paths"][LEVELS]["get"]
    assert "null level" in levels["description"]
    schemas = document["components"]["schemas"]
    assert schemas["TensionReportIn"]["examples"][0]["category"] == "graffiti"
