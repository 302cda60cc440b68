"""Safeguarding referrals from partner systems (POST /api/v1/referrals) as the partner sees them: a
referral made once per idempotency key (kept with the answer given, as for every API create)
for the borough's coordinator to screen, stable error codes for everything refused (with nothing
stored), no way to read a referral back, and the operation documented in the OpenAPI document."""

import json
import re
import secrets
import uuid
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from commonground.core import demo as core_demo
from commonground.core.access import scope_for
from commonground.core.actions.api_tokens import hash_secret, issue_api_token
from commonground.core.models import Agency, ApiToken, AuditEvent, IdempotencyKey, User
from commonground.core.models.api_tokens import ApiScope
from commonground.safeguarding.models import Referral, ReferralStatus
from commonground.safeguarding.queries import referrals as referral_queries
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

REFERRALS = "/api/v1/referrals"
BREIGHTMET = "E05014820"  # a ward of Bolton


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.load_demo()


@pytest.fixture
def police(demo) -> Agency:
    return Agency.objects.get(name="Demo Police Force")


def issue(agency: Agency, *scopes: ApiScope) -> tuple[ApiToken, str]:
    return issue_api_token(
        actor=User.objects.get(username="admin"), agency=agency, name="Case system", scopes=list(scopes)
    )


@pytest.fixture
def issued(police) -> tuple[ApiToken, str]:
    return issue(police, ApiScope.REFERRALS_WRITE)


@pytest.fixture
def key(issued) -> str:
    return issued[1]


def a_referral(person=None, referrer=None, **changes) -> dict:
    referral = {
        "person": {
            "first_name": "Sam",
            "last_name": "Example",
            "date_of_birth": str(timezone.localdate() - timedelta(days=16 * 366)),
            "borough_code": BOLTON,
            "ward_code": BREIGHTMET,
            **(person or {}),
        },
        "referrer": {
            "name": "A. Teacher",
            "role": "Designated safeguarding lead",
            "agency_name": "Example High School",
            "sector": "education",
            "email": "dsl@school.example.org",
            "phone": "01204 000000",
            **(referrer or {}),
        },
        "concern": "Has been sharing extremist videos with classmates.",
        "concern_type": "extreme_right_wing",
        "what_done": "Spoke to the family.",
        "person_aware": "yes",
        "safeguarding_lead_consulted": True,
    }
    referral.update(changes)
    return referral


def post(body, key: str | None, idempotency_key: str | None = None):
    headers = {}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    data = body if isinstance(body, str) else json.dumps(body)
    return Client().post(REFERRALS, data, content_type="application/json", headers=headers)


def assert_problem(response, status: int, code: str) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (response.status_code, body["status"], body["code"]) == (status, status, code)
    assert body["title"]
    return body


def referral_of(response) -> Referral:
    return Referral.objects.get(reference=response.json()["reference"])


def creation_events(referral: Referral):
    return AuditEvent.objects.filter(
        object_type="safeguarding.referral", object_id=str(referral.pk), action="create"
    )


# --- Creating a referral -----------------------------------------------------------------------------


def test_a_partner_refers_a_person_to_the_boroughs_coordinator(police, issued, key):
    token, _ = issued
    idempotency_key = str(uuid.uuid4())

    response = post(a_referral(), key, idempotency_key)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    body = response.json()
    assert set(body) == {"reference", "status", "received_at"}
    assert body["status"] == "to_screen"
    referral = referral_of(response)
    assert abs(datetime.fromisoformat(body["received_at"]) - referral.received_at) < timedelta(milliseconds=1)
    assert (referral.first_name, referral.last_name, referral.borough.code, referral.ward.code) == (
        "Sam",
        "Example",
        BOLTON,
        BREIGHTMET,
    )
    assert (referral.status, referral.referrer_agency, referral.referred_by) == (
        ReferralStatus.TO_SCREEN,
        police,
        None,
    )
    assert (referral.referrer_name, referral.referrer_role, referral.referrer_agency_name) == (
        "A. Teacher",
        "Designated safeguarding lead",
        "Example High School",
    )
    assert referral.referrer_contact == "dsl@school.example.org; 01204 000000"
    assert (referral.referring_sector, referral.concern_type, referral.person_aware) == (
        "education",
        "extreme_right_wing",
        "yes",
    )
    assert referral.action_already_taken == "Spoke to the family."
    assert referral.safeguarding_lead_consulted is True

    # In the Bolton coordinator's screening queue.
    coordinator = User.objects.get(username="coordinator")
    assert referral in referral_queries.referrals_visible_to(scope_for(coordinator), status="to_screen")

    # Audited as the partner's token, with no case data.
    event = creation_events(referral).get()
    assert event.actor_id is None
    assert event.actor_label == f"API token {token.key_prefix} (Demo Police Force)"
    assert event.changes == {"status": "to_screen", "borough": BOLTON, "channel": "api"}
    # The key is kept, per agency, with the answer given.
    stored = IdempotencyKey.objects.get(agency=police, operation="submit_referral", key=idempotency_key)
    assert (stored.response_status, stored.response_body) == (201, body)


def test_consecutive_references_are_random_and_say_nothing_of_the_row_number_or_the_count(key):
    first, second = (referral_of(post(a_referral(), key, str(uuid.uuid4()))) for _ in range(2))
    assert second.pk == first.pk + 1
    for referral in (first, second):
        assert re.fullmatch(r"SG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", referral.reference)
    # Not a count: the two differ in more than the last character, in no fixed step.
    assert first.reference[:-1] != second.reference[:-1]
    assert Referral.objects.filter(reference=first.reference).count() == 1


def test_an_age_stands_in_for_an_unknown_date_of_birth_and_a_ward_is_optional(key):
    response = post(
        a_referral(person={"date_of_birth": None, "age_years": 16, "ward_code": None}), key, "age-1"
    )

    assert response.status_code == 201
    referral = referral_of(response)
    assert (referral.date_of_birth, referral.age_years, referral.ward) == (None, 16, None)


def test_a_phone_alone_reaches_the_referrer_and_the_agency_name_defaults_to_the_tokens(key):
    response = post(a_referral(referrer={"email": "", "agency_name": ""}), key, "phone-1")

    assert response.status_code == 201
    referral = referral_of(response)
    assert (referral.referrer_contact, referral.referrer_agency_name) == ("01204 000000", "Demo Police Force")


def test_an_oldham_referral_goes_to_oldham(key):
    response = post(a_referral(person={"borough_code": OLDHAM, "ward_code": None}), key, "oldham-1")

    assert response.status_code == 201
    assert referral_of(response).borough.code == OLDHAM


# --- Idempotency -------------------------------------------------------------------------------------


def test_a_retry_with_the_same_key_returns_the_same_referral_and_makes_no_other(key):
    first = post(a_referral(), key, "retry-me")
    second = post(a_referral(), key, "retry-me")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert Referral.objects.count() == 1
    assert creation_events(referral_of(first)).count() == 1


def test_a_retry_after_screening_still_answers_what_the_first_call_did(key):
    first = post(a_referral(), key, "retry-later")
    Referral.objects.filter(pk=referral_of(first).pk).update(status=ReferralStatus.INFORMATION_GATHERING)

    second = post(a_referral(), key, "retry-later")

    assert second.status_code == 200
    assert second.json() == first.json()  # the case's progress is not shared


def test_the_same_key_with_a_different_referral_is_refused_as_idempotency_key_reused(key):
    first = post(a_referral(), key, "one-key")

    for changed in (
        a_referral(concern="Something else."),
        a_referral(person={"first_name": "Alex"}),
        a_referral(person={"borough_code": OLDHAM, "ward_code": None}),
        a_referral(person={"date_of_birth": None, "age_years": 30}),
    ):
        body = assert_problem(post(changed, key, "one-key"), 409, "idempotency_key_reused")
        assert "reference" not in body

    assert Referral.objects.count() == 1
    assert referral_of(first).concern == a_referral()["concern"]


def test_a_key_whose_referral_was_erased_is_not_reused(key):
    first = post(a_referral(), key, "erased")
    Referral.objects.filter(pk=referral_of(first).pk).delete()

    again = post(a_referral(), key, "erased")

    # The first answer (a reference that now opens nothing), and no second referral.
    assert (again.status_code, again.json()) == (200, first.json())
    assert not Referral.objects.exists()


def test_two_agencies_may_use_the_same_key_without_colliding(demo, key):
    school = AgencyFactory(name="Example High School", serves=[BOLTON])
    _, school_key = issue(school, ApiScope.REFERRALS_WRITE)

    police_referral = post(a_referral(), key, "1")
    school_referral = post(a_referral(concern="A different worry."), school_key, "1")

    assert (police_referral.status_code, school_referral.status_code) == (201, 201)
    assert police_referral.json()["reference"] != school_referral.json()["reference"]
    assert referral_of(school_referral).referrer_agency == school


def test_the_same_key_for_reports_and_referrals_does_not_collide(police, key):
    both = issue(police, ApiScope.REPORTS_WRITE)[1]
    from tests.api.test_reports_api import REPORTS, a_report

    Client().post(
        REPORTS,
        json.dumps(a_report()),
        content_type="application/json",
        headers={"Authorization": f"Bearer {both}", "Idempotency-Key": "shared"},
    )
    assert post(a_referral(), key, "shared").status_code == 201


def test_a_key_of_a_hundred_characters_works_and_is_still_made_once(police, key):
    long_key = "k" * 100

    first = post(a_referral(), key, long_key)
    second = post(a_referral(), key, long_key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert IdempotencyKey.objects.get(agency=police, key=long_key).response_body == first.json()


def test_a_missing_idempotency_key_is_refused_and_nothing_is_stored(key):
    assert_problem(post(a_referral(), key), 400, "idempotency_key_missing")
    assert not Referral.objects.exists()


@pytest.mark.parametrize("bad", ["has space", "k" * 101, "semi;colon", "ünï"])
def test_a_malformed_idempotency_key_is_refused_and_nothing_is_stored(key, bad):
    response = Client().post(
        REFERRALS,
        json.dumps(a_referral()),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": bad},
    )
    assert_problem(response, 400, "idempotency_key_malformed")
    assert not Referral.objects.exists()


# --- Tokens and scopes -------------------------------------------------------------------------------


def test_a_call_without_a_token_is_refused_as_token_missing(demo):
    assert_problem(post(a_referral(), None, "no-token"), 401, "token_missing")
    assert not Referral.objects.exists()


@pytest.mark.parametrize("scopes", [[ApiScope.REPORTS_WRITE], [ApiScope.AREAS_READ]])
def test_a_token_without_the_referrals_write_scope_is_refused_as_scope_missing(police, scopes):
    _, other_key = issue(police, *scopes)

    body = assert_problem(post(a_referral(), other_key, "no-scope"), 403, "scope_missing")

    assert "referrals:write" in body["detail"]
    assert not Referral.objects.exists()


def test_a_revoked_token_cannot_submit(police):
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        agency=police,
        name="Old system",
        key_prefix="0123abcd",
        key_hash=hash_secret(secret),
        scopes=[ApiScope.REFERRALS_WRITE],
        created_by=User.objects.get(username="admin"),
        revoked_at=timezone.now(),
    )

    assert_problem(post(a_referral(), f"cg_0123abcd_{secret}", "revoked"), 401, "token_revoked")
    assert not Referral.objects.exists()


# --- Refusals with stable codes: nothing is stored ---------------------------------------------------


@pytest.mark.parametrize(
    "person",
    [
        {"borough_code": "E08999999"},
        {"borough_code": BREIGHTMET},  # a ward's code is not a borough's
        {"ward_code": "E05999999"},
        {"ward_code": BOLTON},  # a borough's code is not a ward's
    ],
)
def test_an_unknown_area_is_unknown_area(key, person):
    assert_problem(post(a_referral(person=person), key, "area"), 422, "unknown_area")
    assert not Referral.objects.exists()


def test_a_ward_that_is_not_in_the_borough_given_is_refused(key):
    body = assert_problem(
        post(a_referral(person={"borough_code": OLDHAM}), key, "ward"), 422, "ward_not_in_borough"
    )
    assert "Breightmet" in body["detail"]
    assert not Referral.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused(key):
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    assert_problem(
        post(a_referral(person={"date_of_birth": tomorrow}), key, "future"), 422, "date_of_birth_in_future"
    )
    assert not Referral.objects.exists()


@pytest.mark.parametrize("person", [{"date_of_birth": None}, {"date_of_birth": None, "age_years": None}])
def test_neither_age_nor_date_of_birth_is_refused(key, person):
    assert_problem(post(a_referral(person=person), key, "no-age"), 422, "age_or_date_of_birth_required")
    assert not Referral.objects.exists()


def test_a_date_of_birth_too_long_ago_is_invalid_request(key):
    body = assert_problem(
        post(a_referral(person={"date_of_birth": "1890-01-01"}), key, "old"), 422, "invalid_request"
    )
    assert "120 years" in body["detail"]
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("person"),
        lambda r: r.pop("referrer"),
        lambda r: r.pop("concern"),
        lambda r: r.pop("concern_type"),
        lambda r: r.pop("person_aware"),
        lambda r: r.pop("safeguarding_lead_consulted"),
        lambda r: r["person"].pop("borough_code"),
        lambda r: r["person"].pop("first_name"),
        lambda r: r["person"].update(last_name=""),
        lambda r: r["person"].update(age_years=120, date_of_birth=None),
        lambda r: r["person"].update(age_years=-1, date_of_birth=None),
        lambda r: r["person"].update(borough_code="Bolton"),
        lambda r: r["person"].update(date_of_birth="not a date"),
        lambda r: r["referrer"].update(email="", phone=""),
        lambda r: r["referrer"].update(email="not-an-email"),
        lambda r: r["referrer"].update(sector="astrology"),
        lambda r: r["referrer"].pop("name"),
        lambda r: r.update(concern=""),
        lambda r: r.update(concern="A\x00B"),
        lambda r: r.update(concern_type="unknown"),
        lambda r: r.update(person_aware="maybe"),
    ],
)
def test_an_invalid_referral_is_invalid_request_and_nothing_is_stored(key, change):
    referral = a_referral()
    change(referral)

    body = assert_problem(post(referral, key, "invalid"), 422, "invalid_request")

    assert body["errors"]
    assert not Referral.objects.exists()


def test_a_body_that_is_not_json_is_refused_and_nothing_is_stored(key):
    response = post("{not json", key, "not-json")
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"
    assert not Referral.objects.exists()


def test_a_script_in_the_concern_is_stored_verbatim_and_never_echoed(key):
    script = "<script>alert('x')</script>\nSecond line\twith a tab"

    response = post(a_referral(concern=script), key, "script")

    assert response.status_code == 201
    assert "script" not in response.content.decode()
    assert referral_of(response).concern == script


# --- No reading back ---------------------------------------------------------------------------------


def test_case_data_is_never_exposed_through_the_api(key):
    response = post(a_referral(), key, "private")
    referral = referral_of(response)
    assert "Sam" not in response.content.decode() and "Example" not in response.content.decode()
    headers = {"Authorization": f"Bearer {key}"}

    for url in (
        f"{REFERRALS}/{referral.pk}",
        f"{REFERRALS}/{referral.reference}",
        f"{REFERRALS}/{referral.pk}/",
    ):
        assert Client().get(url, headers=headers).status_code in (404, 405)
    listing = Client().get(REFERRALS, headers=headers)
    assert listing.status_code == 405
    assert "Sam" not in listing.content.decode()
    for method in ("put", "patch", "delete"):
        answered = getattr(Client(), method)(f"{REFERRALS}/{referral.pk}", headers=headers)
        assert answered.status_code in (404, 405)

    document = Client().get("/api/v1/openapi.json").json()
    # Paths of the referrals API (not Open Referral UK's directory, which shares the word).
    referral_paths = {
        path: ops for path, ops in document["paths"].items() if path.startswith("/api/v1/referrals")
    }
    assert referral_paths == {REFERRALS: {"post": referral_paths[REFERRALS]["post"]}}


# --- The OpenAPI document ----------------------------------------------------------------------------


def test_the_openapi_document_describes_the_operation_with_its_idempotency_key_and_responses():
    document = Client().get("/api/v1/openapi.json").json()

    operation = document["paths"][REFERRALS]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert (header["in"], header["required"]) == ("header", True)
    responses = operation["responses"]
    assert {"200", "201", "400", "401", "403", "409", "422", "503"} <= set(responses)
    assert "referrals:write" in responses["403"]["description"]
    for code in ("unknown_area", "date_of_birth_in_future", "age_or_date_of_birth_required"):
        assert code in responses["422"]["description"]
    assert "Idempotent-Replayed" in responses["200"]["headers"]
    assert operation["security"]
    request_schema = document["components"]["schemas"]["ReferralIn"]
    assert {"person", "referrer", "concern", "concern_type"} <= set(request_schema["required"])
    assert request_schema["examples"][0]["person"]["borough_code"] == BOLTON
