"""The API reference page: built from the OpenAPI document (pure transformation), served as a GOV.UK
page at /api/v1/docs, and the document itself unchanged."""

import pytest

from commonground.api.api import api
from commonground.api.reference import build_reference, segments

DOCUMENT = {
    "info": {"title": "T", "version": "1", "description": "Errors have a `code`: token_missing, not_found."},
    "paths": {
        "/things": {
            "post": {
                "operationId": "make_thing",
                "summary": "Make a thing",
                "description": "Needs the scope `things:write`.",
                "tags": ["Things"],
                "security": [{"Token": []}],
                "parameters": [
                    {
                        "in": "header",
                        "name": "Key",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 100},
                    }
                ],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}}
                },
                "responses": {
                    "201": {"description": "Made."},
                    "422": {
                        "description": "Not valid (`invalid_request`, `unknown_area`).",
                        "content": {"application/problem+json": {"schema": {}}},
                    },
                },
            }
        },
        "/open": {"get": {"operationId": "open", "summary": "Open", "tags": ["Things"], "responses": {}}},
    },
    "components": {
        "schemas": {
            "In": {
                "type": "object",
                "required": ["kind", "where"],
                "properties": {
                    "kind": {"$ref": "#/components/schemas/Kind", "description": "What."},
                    "where": {"$ref": "#/components/schemas/Where"},
                    "note": {
                        "anyOf": [{"type": "string", "maxLength": 5}, {"type": "null"}],
                        "default": None,
                    },
                },
            },
            "Kind": {"enum": ["a", "b"], "type": "string"},
            "Where": {"type": "object", "properties": {"postcode": {"type": "string", "maxLength": 10}}},
        }
    },
}


def test_each_operation_shows_method_path_scope_parameters_body_and_problem_codes():
    reference = build_reference(DOCUMENT)
    [section] = reference.sections
    make, open_ = section.operations
    assert (make.method, make.path, make.summary, make.scope) == (
        "POST",
        "/things",
        "Make a thing",
        "things:write",
    )
    assert make.needs_token and not open_.needs_token
    [key] = make.parameters
    assert (key.name, key.location, key.required, key.limits) == (
        "Key",
        "header",
        True,
        ("at most 100 characters",),
    )
    fields = {f.name: f for f in make.body_fields}
    assert fields["kind"].allowed == ("a", "b") and fields["kind"].required
    assert [s.text for s in fields["kind"].description] == ["What."]
    assert fields["where.postcode"].limits == ("at most 10 characters",)
    assert fields["note"].type == "string or null" and not fields["note"].required
    assert fields["note"].limits == ("at most 5 characters",)
    assert make.responses[1].problem_codes == ("invalid_request", "unknown_area")
    codes = {p.code: p.statuses for p in reference.problem_codes}
    assert codes == {
        "invalid_request": ("422",),
        "unknown_area": ("422",),
        "token_missing": (),
        "not_found": (),
    }


def test_backticked_text_becomes_code_segments():
    assert [(s.text, s.is_code) for s in segments("Needs `a:b` now")] == [
        ("Needs ", False),
        ("a:b", True),
        (" now", False),
    ]


def test_the_real_document_lists_every_operation():
    document = api.get_openapi_schema()
    reference = build_reference(document)
    shown = {op.operation_id for section in reference.sections for op in section.operations}
    in_document = {op["operationId"] for methods in document["paths"].values() for op in methods.values()}
    assert shown == in_document


@pytest.mark.django_db
def test_the_reference_is_a_gov_uk_page_without_swagger(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-template" in html and 'lang="en"' in html
    assert "swagger" not in html.lower() and "<script>" not in html
    assert 'id="errors-token_missing"' in html  # problem details' `type` points here
    assert "at most 10000 characters" in html  # a request limit (a report's description)
    assert "<code>reports:write</code>" in html
    assert client.get("/api/v1/openapi.json").status_code == 200
