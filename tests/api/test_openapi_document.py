"""The API's contract is reviewed like code: the OpenAPI document served at /api/v1/openapi.json
must equal the committed docs/api/openapi.json, every operation has an explicit, stable
operation id (not a module path, which changed silently when a router became a package), and
every operation says what it returns, its refusals included."""

import json

from django.test import Client

from commonground.api.openapi_document import COMMITTED, REGENERATE, live_document, render

# The operation ids partner systems' generated clients are built on: renaming one breaks them.
OPERATION_IDS = {
    ("get", "/api/v1/areas"): "list_areas",
    ("get", "/api/v1/areas/{code}"): "get_area",
    ("post", "/api/v1/reports"): "submit_report",
    ("post", "/api/v1/referrals"): "submit_referral",
    ("post", "/api/v1/tension/reports"): "submit_tension_report",
    ("post", "/api/v1/tension/trigger-events"): "record_trigger_event",
    ("get", "/api/v1/tension/levels"): "get_tension_levels",
    ("get", "/api/v1/statistics/editions"): "list_editions",
    ("get", "/api/v1/statistics/editions/{slug}"): "get_edition",
    ("get", "/api/v1/statistics/editions/{slug}/tables/{table_name}"): "get_edition_table",
    ("get", "/api/v1/statistics/aggregates/hate-incidents"): "get_hate_incident_aggregates",
    ("get", "/api/v1/programme/assessments"): "list_programme_assessments",
    ("get", "/api/v1/openreferral/services"): "list_openreferral_services",
    ("get", "/api/v1/openreferral/services/{id}"): "get_openreferral_service",
    ("get", "/api/v1/openreferral/organizations"): "list_openreferral_organizations",
    ("get", "/api/v1/openreferral/organizations/{id}"): "get_openreferral_organization",
    ("get", "/api/v1/openreferral/locations"): "list_openreferral_locations",
    ("get", "/api/v1/openreferral/service_at_locations"): "list_openreferral_service_at_locations",
    ("get", "/api/v1/grants"): "list_grants",
    ("get", "/api/v1/events"): "list_events",
}


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_the_served_document_is_the_committed_one():
    live = live_document()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    if live != committed:
        changed = sorted(
            f"{method.upper()} {path}"
            for method, path, operation in operations(live)
            if committed["paths"].get(path, {}).get(method) != operation
        )
        gone = sorted(
            f"{method.upper()} {path}"
            for method, path, _ in operations(committed)
            if method not in live["paths"].get(path, {})
        )
        raise AssertionError(
            "The API's OpenAPI document differs from the committed docs/api/openapi.json "
            f"(operations changed: {changed or 'none'}; removed: {gone or 'none'}; or the shared "
            f"schemas or description). If the change is meant, regenerate it with `{REGENERATE}` and "
            "commit the diff for review; if not, the API changed by accident."
        )


def test_the_committed_document_is_pretty_printed_with_sorted_keys():
    text = COMMITTED.read_text(encoding="utf-8")
    assert text == render(json.loads(text)), f"Regenerate it with `{REGENERATE}`."


def test_every_operation_has_its_explicit_stable_id():
    document = Client().get("/api/v1/openapi.json").json()
    found = {(method, path): operation["operationId"] for method, path, operation in operations(document)}
    assert found == OPERATION_IDS
    assert not any("commonground" in operation_id for operation_id in found.values())


def test_every_operation_documents_its_refusals_as_problem_details():
    document = Client().get("/api/v1/openapi.json").json()
    for method, path, operation in operations(document):
        responses = operation["responses"]
        refusals = {status for status in responses if status.startswith(("4", "5"))}
        assert "503" in refusals, (method, path)
        if operation.get("security"):  # needs a token, with a scope
            assert {"401", "403"} <= refusals, (method, path)
        if "requestBody" in operation or any(
            p["in"] in ("path", "query") for p in operation.get("parameters", [])
        ):
            assert "422" in refusals, (method, path)
        for status in refusals:
            assert list(responses[status]["content"]) == ["application/problem+json"], (method, path, status)
            assert responses[status]["description"], (method, path, status)
