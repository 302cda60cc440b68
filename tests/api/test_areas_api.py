"""The areas API as a partner system sees it: bearer tokens with stable error codes, areas with
their ONS codes and populations, the OpenAPI document, and the management of tokens."""

import hashlib
import re
import secrets
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from commonground.core.actions.api_tokens import hash_secret, issue_api_token, revoke_api_token
from commonground.core.models import ApiToken, AuditEvent
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, staff

pytestmark = pytest.mark.django_db

AREAS = "/api/v1/areas"
KEY_FORMAT = re.compile(r"cg_[0-9a-f]{8}_[A-Za-z0-9_-]{20,100}")


@pytest.fixture
def administrator():
    return staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, username="bolton-admin")


@pytest.fixture
def agency():
    return AgencyFactory(name="Bolton Council", serves=[BOLTON])


@pytest.fixture
def issued(administrator, agency) -> tuple[ApiToken, str]:
    return issue_api_token(
        actor=administrator, agency=agency, name="Reporting form", scopes=[ApiScope.AREAS_READ]
    )


@pytest.fixture
def key(issued) -> str:
    return issued[1]


def call(path: str, authorization: str | None = None, **params):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return Client().get(path, params, headers=headers)


def assert_problem(response, status: int, code: str) -> dict:
    """A problem details body (RFC 9457) with the stable code partner systems rely on."""
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (response.status_code, body["status"], body["code"]) == (status, status, code)
    assert body["title"]
    return body


# --- Authentication --------------------------------------------------------------------------------


def test_a_call_without_a_token_is_refused_as_token_missing():
    response = call(AREAS)
    body = assert_problem(response, 401, "token_missing")
    assert "Bearer" in body["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Basic xyz", id="basic"),
        pytest.param("Bearer", id="empty-bearer"),
        pytest.param("Bearer not-a-token", id="garbage-bearer"),
        pytest.param("Bearer cg_XYZ_short", id="wrong-shape"),
    ],
)
def test_an_authorization_header_that_is_not_a_common_ground_token_is_token_malformed(authorization):
    assert_problem(call(AREAS, authorization), 401, "token_malformed")


def test_a_well_formed_token_that_was_never_issued_is_token_invalid(issued):
    assert_problem(call(AREAS, f"Bearer cg_deadbeef_{secrets.token_urlsafe(32)}"), 401, "token_invalid")


def test_a_known_prefix_with_the_wrong_secret_is_token_invalid(issued):
    token, _ = issued
    forged = f"Bearer cg_{token.key_prefix}_{secrets.token_urlsafe(32)}"
    assert_problem(call(AREAS, forged), 401, "token_invalid")


def test_a_revoked_token_is_token_revoked(administrator, issued):
    token, key = issued
    revoke_api_token(actor=administrator, token=token, reason="The form was retired")

    assert_problem(call(AREAS, f"Bearer {key}"), 401, "token_revoked")


def test_an_expired_token_is_token_expired(administrator, agency):
    _, key = issue_api_token(
        actor=administrator,
        agency=agency,
        name="Pilot",
        scopes=[ApiScope.AREAS_READ],
        expires_at=timezone.now() + timedelta(days=30),
    )
    assert call(AREAS, f"Bearer {key}").status_code == 200

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert_problem(call(AREAS, f"Bearer {key}"), 401, "token_expired")


def test_a_token_of_an_agency_that_is_no_longer_active_is_token_invalid(agency, key):
    agency.is_active = False
    agency.save()
    assert_problem(call(AREAS, f"Bearer {key}"), 401, "token_invalid")


def test_a_valid_token_without_the_areas_read_scope_is_refused_as_scope_missing(administrator, agency):
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        agency=agency,
        name="No scopes",
        key_prefix="0123abcd",
        key_hash=hash_secret(secret),
        scopes=[],
        created_by=administrator,
    )

    for path in (AREAS, f"{AREAS}/{BOLTON}"):
        body = assert_problem(call(path, f"Bearer cg_0123abcd_{secret}"), 403, "scope_missing")
        assert "areas:read" in body["detail"]


def test_a_successful_call_records_when_the_token_was_last_used(issued):
    token, key = issued
    assert token.last_used_at is None
    call(AREAS, f"Bearer {key}")
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- Areas -----------------------------------------------------------------------------------------


def test_a_valid_token_lists_every_area_with_its_code_and_population(key):
    response = call(AREAS, f"Bearer {key}")

    assert response.status_code == 200
    areas = {area["code"]: area for area in response.json()}
    assert len(areas) == 226
    assert areas[BOLTON] == {
        "code": BOLTON,
        "name": "Bolton",
        "level": "borough",
        "parent_code": GREATER_MANCHESTER,
        "population": 295963,
    }
    assert areas[GREATER_MANCHESTER]["population"] == 2867765
    assert areas[GREATER_MANCHESTER]["parent_code"] is None
    assert areas["E05014820"]["parent_code"] == BOLTON


def test_areas_can_be_filtered_by_level(key):
    boroughs = call(AREAS, f"Bearer {key}", level="borough").json()

    assert len(boroughs) == 10
    assert {area["level"] for area in boroughs} == {"borough"}
    assert BOLTON in {area["code"] for area in boroughs}


def test_areas_can_be_filtered_by_parent(key):
    wards = call(AREAS, f"Bearer {key}", parent=BOLTON).json()

    assert len(wards) == 20
    assert {(area["level"], area["parent_code"]) for area in wards} == {("ward", BOLTON)}
    assert "Breightmet" in {area["name"] for area in wards}


def test_an_unknown_level_is_an_invalid_request(key):
    body = assert_problem(call(AREAS, f"Bearer {key}", level="county"), 422, "invalid_request")
    assert body["errors"]


def test_one_area_includes_its_census_figures(key):
    response = call(f"{AREAS}/{BOLTON}", f"Bearer {key}")

    assert response.status_code == 200
    bolton = response.json()
    assert (bolton["name"], bolton["population"], bolton["parent_code"]) == (
        "Bolton",
        295963,
        GREATER_MANCHESTER,
    )
    assert {
        "dimension": "total",
        "category": "All usual residents",
        "count": 295963,
        "source_table": "TS008",
    } in bolton["population_figures"]
    assert {"sex", "religion", "age_broad"} <= {
        figure["dimension"] for figure in bolton["population_figures"]
    }


def test_an_area_code_is_found_whatever_its_case(key):
    assert call(f"{AREAS}/e08000001", f"Bearer {key}").json()["code"] == BOLTON


def test_an_unknown_area_code_is_unknown_area(key):
    body = assert_problem(call(f"{AREAS}/E08999999", f"Bearer {key}"), 404, "unknown_area")
    assert "E08999999" in body["detail"]


def test_an_unknown_parent_is_unknown_area_rather_than_an_empty_list(key):
    body = assert_problem(call(AREAS, f"Bearer {key}", parent="E08999999"), 404, "unknown_area")
    assert "E08999999" in body["detail"]


# --- The OpenAPI document ------------------------------------------------------------------------


def test_the_openapi_document_is_served_without_a_token_and_documents_the_areas_and_bearer_scheme():
    response = call("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert {"/api/v1/areas", "/api/v1/areas/{code}"} <= set(document["paths"])
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= next(iter(schemes.values())).items()
    assert document["paths"]["/api/v1/areas"]["get"]["security"]
    assert "token_missing" in document["info"]["description"]


# --- Issuing and revoking tokens -------------------------------------------------------------------


def test_issuing_a_token_stores_only_the_hash_of_its_secret(issued):
    token, key = issued
    assert KEY_FORMAT.fullmatch(key)
    secret = key.split("_", 2)[2]

    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(getattr(token, field.attname)) for field in ApiToken._meta.concrete_fields]
    assert not any(secret in value or key in value for value in stored)


def test_issuing_and_revoking_a_token_are_audited_without_the_key(administrator, issued):
    token, key = issued
    revoke_api_token(actor=administrator, token=token, reason="Suspected leak")

    events = AuditEvent.objects.filter(object_type="core.apitoken", object_id=str(token.pk)).order_by(
        "sequence"
    )
    assert [(e.action, e.actor_id) for e in events] == [
        ("create", administrator.pk),
        ("update", administrator.pk),
    ]
    assert events[0].changes["scopes"] == ["areas:read"]
    assert events[1].reason == "Suspected leak"
    assert events[1].changes == {"revoked": True}
    secret = key.split("_", 2)[2]
    assert not any(secret in f"{e.changes} {e.object_repr} {e.reason}" for e in events)


def test_revoking_records_who_and_when_and_revoking_again_changes_nothing(administrator, issued):
    token, _ = issued
    revoke_api_token(actor=administrator, token=token, reason="Retired")
    token.refresh_from_db()
    revoked_at = token.revoked_at

    revoke_api_token(actor=administrator, token=token, reason="Retired again")

    token.refresh_from_db()
    assert (token.revoked_at, token.revoked_by) == (revoked_at, administrator)
    assert AuditEvent.objects.filter(object_type="core.apitoken", action="update").count() == 1


@pytest.mark.parametrize("scopes", [[], ["areas:write"], ["areas:read", "everything"]])
def test_a_token_needs_at_least_one_known_scope(administrator, agency, scopes):
    with pytest.raises(ValueError, match="at least one known scope"):
        issue_api_token(actor=administrator, agency=agency, name="Form", scopes=scopes)
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(administrator, agency):
    with pytest.raises(ValueError, match="name"):
        issue_api_token(actor=administrator, agency=agency, name="  ", scopes=[ApiScope.AREAS_READ])
    assert not ApiToken.objects.exists()


def test_an_administrator_of_bolton_cannot_issue_a_token_for_an_oldham_agency(administrator):
    oldham = AgencyFactory(name="Oldham Council", serves=[OLDHAM])

    with pytest.raises(PermissionDenied):
        issue_api_token(actor=administrator, agency=oldham, name="Form", scopes=[ApiScope.AREAS_READ])

    assert not ApiToken.objects.filter(agency=oldham).exists()
    assert not AuditEvent.objects.filter(object_type="core.apitoken").exists()


def test_an_administrator_of_bolton_cannot_revoke_an_oldham_token(administrator):
    oldham = AgencyFactory(name="Oldham Council", serves=[OLDHAM])
    oldham_admin = staff(Role.SYSTEM_ADMINISTRATOR, OLDHAM)
    token, key = issue_api_token(actor=oldham_admin, agency=oldham, name="Form", scopes=[ApiScope.AREAS_READ])

    with pytest.raises(PermissionDenied):
        revoke_api_token(actor=administrator, token=token, reason="Not mine")

    token.refresh_from_db()
    assert token.revoked_at is None
    assert call(AREAS, f"Bearer {key}").status_code == 200


def test_staff_without_the_token_permission_cannot_issue_tokens(agency):
    advisor = staff(Role.HELPLINE_ADVISOR, BOLTON)
    with pytest.raises(PermissionDenied):
        issue_api_token(actor=advisor, agency=agency, name="Form", scopes=[ApiScope.AREAS_READ])
    assert not ApiToken.objects.exists()


# --- The api_token command -----------------------------------------------------------------------


def run_api_token(*args) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_issues_a_token_and_prints_its_key_once(administrator, agency):
    out = run_api_token(
        "issue",
        "--agency",
        "Bolton Council",
        "--name",
        "Police form",
        "--scope",
        "areas:read",
        "--by",
        "bolton-admin",
    )

    keys = KEY_FORMAT.findall(out)
    assert len(keys) == 1
    assert "not shown again" in out
    token = ApiToken.objects.get(name="Police form")
    assert (token.agency, token.created_by, token.scopes) == (agency, administrator, ["areas:read"])
    assert token.expires_at is not None
    assert call(f"{AREAS}/{BOLTON}", f"Bearer {keys[0]}").json()["population"] == 295963


def test_the_command_lists_tokens_without_ever_printing_a_key(issued):
    token, key = issued

    out = run_api_token("list")

    assert f"cg_{token.key_prefix}_…" in out
    assert "Reporting form" in out
    assert "Bolton Council" in out
    assert "active" in out
    assert key.split("_", 2)[2] not in out


def test_the_command_revokes_a_token_by_its_prefix(issued):
    token, key = issued

    out = run_api_token("revoke", token.key_prefix, "--reason", "Form retired", "--by", "bolton-admin")

    assert "Revoked" in out
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "revoked" in run_api_token("list")
    assert_problem(call(AREAS, f"Bearer {key}"), 401, "token_revoked")
    assert AuditEvent.objects.filter(
        object_type="core.apitoken", action="update", reason="Form retired"
    ).exists()


def test_the_command_refuses_an_unknown_agency_or_prefix_with_a_clear_message(issued):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No agency is called 'Nowhere'"):
        run_api_token("issue", "--agency", "Nowhere", "--name", "Form", "--scope", "areas:read")
    with pytest.raises(CommandError, match="No token has that prefix"):
        run_api_token("revoke", "ffffffff", "--reason", "Gone")
    assert ApiToken.objects.count() == 1
