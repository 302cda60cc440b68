"""The statistics API as a partner or a member of the public sees it: published editions and their
disclosure-controlled tables with no token; staff aggregates for tokens with `statistics:read`."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from commonground.insights.actions import editions as actions
from commonground.insights.quarters import Quarter
from tests.factories import BOLTON, BURY, MANCHESTER, AgencyFactory, staff
from tests.insights import editions_data as data

pytestmark = pytest.mark.django_db

EDITIONS = "/api/v1/statistics/editions"
AGGREGATES = "/api/v1/statistics/aggregates/hate-incidents"


@pytest.fixture(autouse=True)
def august_2026():
    with time_machine.travel(datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60)), tick=False):
        yield


@pytest.fixture
def people():
    return (
        staff(Role.PROGRAMME_MANAGER, "E47000001", username="preparer"),
        staff(Role.DATA_PROTECTION_OFFICER, "E47000001", username="officer"),
    )


@pytest.fixture
def draft(people):
    data.fixed_quarter()
    return actions.draft_edition(actor=people[0], quarter=Quarter.starting(2026, 2))


@pytest.fixture
def edition(draft, people):
    preparer, officer = people
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    return actions.publish_edition(actor=preparer, edition=draft)


def key_for(*scopes: ApiScope, serves=(BOLTON, BURY)) -> str:
    administrator = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    agency = AgencyFactory(name="Partner council", serves=list(serves))
    _token, key = issue_api_token(actor=administrator, agency=agency, name="Dashboard", scopes=list(scopes))
    return key


def get(path: str, key: str | None = None, **params):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client().get(path, params, headers=headers)


def assert_problem(response, status: int, code: str) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (response.status_code, body["code"]) == (status, code)
    return body


# --- Published editions: open data -----------------------------------------------------------------


def test_published_editions_are_listed_without_a_token(edition):
    response = get(EDITIONS)
    assert response.status_code == 200
    [listed] = response.json()
    assert (listed["slug"], listed["revision"], listed["period"]) == (
        "2026-q2",
        1,
        {"start": "2026-04-01", "end": "2026-06-30"},
    )
    assert listed["published_at"] and listed["links"]["page"] == "/statistics/2026-q2/revision-1/"


def test_a_draft_is_neither_listed_nor_found(draft):
    assert get(EDITIONS).json() == []
    assert_problem(get(f"{EDITIONS}/2026-q2"), 404, "not_found")
    assert_problem(get(f"{EDITIONS}/2026-q2/tables/hate-incidents-by-borough"), 404, "not_found")


def test_an_edition_gives_its_headlines_licence_and_table_links(edition):
    body = get(f"{EDITIONS}/2026-q2").json()
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert {h["key"]: h["value"] for h in body["headlines"]} == {
        "hate_incidents": 60,
        "tension_reports": None,
        "prevent_referrals": 35,
    }
    tables = {t["name"]: t for t in body["tables"]}
    assert tables["tension-reports-by-borough-and-category"]["withheld"] is True
    assert tables["hate-incidents-by-borough"]["json_link"] == (
        f"{EDITIONS}/2026-q2/tables/hate-incidents-by-borough?revision=1"
    )


def test_a_table_is_served_as_published_with_small_numbers_suppressed(edition):
    body = get(f"{EDITIONS}/2026-q2/tables/hate-incidents-by-borough").json()
    rows = {row["label"]: row["values"][0] for row in body["table"]["rows"]}
    assert rows["Bury"] == {"column": "Hate incidents", "value": None, "suppressed": True}
    assert rows["Manchester"]["value"] == 35
    assert body["edition"]["revision"] == 1 and body["licence"]["url"].startswith("https://")


def test_a_revision_can_be_asked_for_and_an_unknown_one_is_not_found(edition):
    assert get(f"{EDITIONS}/2026-q2", revision=1).json()["revision"] == 1
    assert_problem(get(f"{EDITIONS}/2026-q2", revision=2), 404, "not_found")
    assert_problem(get(f"{EDITIONS}/2026-q2/tables/raw-reports"), 404, "not_found")
    assert_problem(get(f"{EDITIONS}/2026-q2", revision=0), 422, "invalid_request")


# --- Staff aggregates --------------------------------------------------------------------------------


def test_aggregates_need_a_token():
    assert_problem(get(AGGREGATES, **{"from": "2026-04-01", "to": "2026-06-30"}), 401, "token_missing")


def test_aggregates_need_the_statistics_scope():
    key = key_for(ApiScope.AREAS_READ)
    assert_problem(get(AGGREGATES, key, **{"from": "2026-04-01", "to": "2026-06-30"}), 403, "scope_missing")


def test_reversed_dates_are_refused():
    key = key_for(ApiScope.STATISTICS_READ)
    body = assert_problem(
        get(AGGREGATES, key, **{"from": "2026-06-30", "to": "2026-04-01"}), 422, "invalid_request"
    )
    assert "wrong way round" in body["title"]


def test_an_absurd_range_or_a_bad_date_is_refused():
    key = key_for(ApiScope.STATISTICS_READ)
    assert_problem(get(AGGREGATES, key, **{"from": "1900-01-01", "to": "2026-06-30"}), 422, "invalid_request")
    assert_problem(get(AGGREGATES, key, **{"from": "2026-13-01", "to": "2026-06-30"}), 422, "invalid_request")


def test_aggregates_count_by_month_and_borough_for_the_token_areas_only():
    data.fixed_quarter()
    key = key_for(ApiScope.STATISTICS_READ, serves=(BOLTON, BURY))
    body = get(AGGREGATES, key, **{"from": "2026-04-01", "to": "2026-06-30"}).json()
    assert body["boroughs"] == [BOLTON, BURY]
    assert [(c["month"], c["borough_code"], c["count"]) for c in body["counts"]] == [
        ("2026-04", BOLTON, 12),
        ("2026-05", BOLTON, 8),
        ("2026-06", BURY, 2),
    ]
    assert all(set(c) == {"month", "borough_code", "borough", "count"} for c in body["counts"])


def test_aggregates_for_one_borough_and_one_outside_the_token():
    data.fixed_quarter()
    key = key_for(ApiScope.STATISTICS_READ, serves=(BOLTON, BURY))
    body = get(AGGREGATES, key, **{"from": "2026-04-01", "to": "2026-06-30", "borough": BURY}).json()
    assert [(c["borough_code"], c["count"]) for c in body["counts"]] == [(BURY, 2)]
    outside = get(AGGREGATES, key, **{"from": "2026-04-01", "to": "2026-06-30", "borough": MANCHESTER})
    assert_problem(outside, 404, "unknown_area")


def test_a_period_with_nothing_in_it_is_an_empty_list():
    key = key_for(ApiScope.STATISTICS_READ)
    body = get(AGGREGATES, key, **{"from": "2020-01-01", "to": "2020-03-31"}).json()
    assert body["counts"] == [] and body["period"] == {"start": "2020-01-01", "end": "2020-03-31"}


def test_the_statistics_operations_are_in_the_openapi_document():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/statistics/editions", "/api/v1/statistics/aggregates/hate-incidents"} <= set(paths)
