"""Reports from partner systems (POST /api/v1/reports) as the partner sees them: a report made once
per idempotency key and routed to the right team queue, stable error codes for everything refused
(with nothing stored), and the operation documented in the OpenAPI document."""

import json
import secrets
import uuid
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from commonground.core import demo as core_demo
from commonground.core.access import scope_for
from commonground.core.actions.api_tokens import hash_secret, issue_api_token
from commonground.core.actions.places import import_postcodes
from commonground.core.models import Agency, ApiToken, AuditEvent, IdempotencyKey, User
from commonground.core.models.api_tokens import ApiScope
from commonground.reports import demo as reports_demo
from commonground.reports import queries as report_queries
from commonground.reports.models import Channel, ConsentRecord, Report, Team
from commonground.reports.queries import report_by_status_secret
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

REPORTS = "/api/v1/reports"
BREIGHTMET = "E05014820"  # a ward of Bolton


@pytest.fixture
def demo(settings):
    # The demo accounts' passwords are hashed with Argon2, seconds per test; nothing here signs in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.load_demo()
    reports_demo.load_demo()


@pytest.fixture
def police(demo) -> Agency:
    return Agency.objects.get(name="Demo Police Force")


def issue(agency: Agency, *scopes: ApiScope) -> tuple[ApiToken, str]:
    """A token issued by the demo system administrator (who serves the whole combined authority)."""
    return issue_api_token(
        actor=User.objects.get(username="admin"), agency=agency, name="Reporting form", scopes=list(scopes)
    )


@pytest.fixture
def issued(police) -> tuple[ApiToken, str]:
    return issue(police, ApiScope.REPORTS_WRITE)


@pytest.fixture
def key(issued) -> str:
    return issued[1]


@pytest.fixture
def postcodes():
    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")


def a_report(**changes) -> dict:
    report = {
        "kind": "hate_incident",
        "description": "Two men shouted abuse about my religion at the bus stop on Bury Road.",
        "happened_on": str(timezone.localdate() - timedelta(days=2)),
        "location": {"borough_code": BOLTON, "ward_code": BREIGHTMET},
        "strands": ["religion"],
        "reporter_role": "victim",
        "reported_to_police": "no",
        "wants_support": True,
        "contact": {"name": "A. Reporter", "email": "reporter@example.org", "phone": "01204 000000"},
        "share_with": ["victim_support"],
    }
    report.update(changes)
    return report


def post(body, key: str | None, idempotency_key: str | None = None):
    headers = {}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    data = body if isinstance(body, str) else json.dumps(body)
    return Client().post(REPORTS, data, content_type="application/json", headers=headers)


def assert_problem(response, status: int, code: str) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (response.status_code, body["status"], body["code"]) == (status, status, code)
    assert body["title"]
    return body


# --- Creating a report -------------------------------------------------------------------------------


def test_a_partner_creates_a_report_that_lands_in_the_right_team_queue(police, issued, key):
    token, _ = issued
    idempotency_key = str(uuid.uuid4())

    response = post(a_report(), key, idempotency_key)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    body = response.json()
    assert body["status"] == "received"
    # Consent decides: the partner's system shared it with victim support only, not the police.
    assert set(body["teams"]) == {"Bolton community safety team", "Victim support hate crime service"}
    report = Report.objects.get(reference=body["reference"])
    assert (report.kind, report.channel, report.recorded_by_agency, report.recorded_by) == (
        "hate_incident",
        Channel.API,
        police,
        None,
    )
    # The key is kept with the answer given (not on the report, whose own key is the web form's).
    stored = IdempotencyKey.objects.get(agency=police, operation="submit_report", key=idempotency_key)
    assert (stored.response_status, stored.response_body) == (201, body)
    assert report.submission_key is None
    assert (report.borough.code, report.ward.code) == (BOLTON, BREIGHTMET)
    assert [s.code for s in report.strands.all()] == ["religion"]
    assert (report.reporter_role, report.reported_to_police, report.wants_support) == ("victim", "no", True)
    assert (report.contact_name, report.contact_email) == ("A. Reporter", "reporter@example.org")
    assert list(ConsentRecord.objects.filter(report=report).values_list("partner", "given")) == [
        ("victim_support", True)
    ]
    # (JSON carries milliseconds.)
    assert abs(datetime.fromisoformat(body["triage_due_at"]) - report.triage_due_at) < timedelta(
        milliseconds=1
    )

    # The status link is absolute and opens this very report.
    assert body["status_url"].startswith(settings.SITE_URL.rstrip("/") + "/status/")
    secret = body["status_url"].rstrip("/").rsplit("/", 1)[1]
    assert report_by_status_secret(secret) == report

    # It is in the Bolton community safety team's queue, as the triage officer there sees it.
    triage_officer = User.objects.get(username="triage")
    bolton_team = Team.objects.get(name="Bolton community safety team")
    assert report in report_queries.report_queue(scope_for(triage_officer), team=bolton_team)

    # Audited as the partner's token, not as a person.
    event = AuditEvent.objects.get(object_type="reports.report", object_id=str(report.pk), action="create")
    assert event.actor_id is None
    assert event.actor_label == f"API token {token.key_prefix} (Demo Police Force)"
    assert event.changes["channel"] == "api"


def test_a_tension_in_oldham_goes_to_the_oldham_cohesion_team_only(key):
    response = post(
        a_report(
            kind="community_tension",
            tension_category="graffiti",
            location={"borough_code": OLDHAM},
            language="ur",
        ),
        key,
        "tension-1",
    )

    assert response.status_code == 201
    assert response.json()["teams"] == ["Oldham cohesion team"]
    report = Report.objects.get(reference=response.json()["reference"])
    assert (report.borough.code, report.ward, report.tension_category, report.language) == (
        OLDHAM,
        None,
        "graffiti",
        "ur",
    )


def test_an_urgent_report_is_due_for_triage_within_the_hour(key):
    before = timezone.now()
    response = post(a_report(urgent=True), key, "urgent-1")

    report = Report.objects.get(reference=response.json()["reference"])
    assert report.urgency == "urgent"
    assert before + timedelta(minutes=59) < report.triage_due_at <= timezone.now() + timedelta(hours=1)


def test_a_postcode_resolves_to_its_ward_and_borough(postcodes, key):
    response = post(a_report(location={"postcode": "bl2 6pn"}), key, "postcode-1")

    assert response.status_code == 201
    report = Report.objects.get(reference=response.json()["reference"])
    assert (report.postcode, report.ward.name, report.ward.code, report.borough.name) == (
        "BL2 6PN",
        "Breightmet",
        BREIGHTMET,
        "Bolton",
    )
    assert "Bolton community safety team" in response.json()["teams"]


def test_a_ward_alone_finds_its_borough(key):
    response = post(a_report(location={"ward_code": BREIGHTMET.lower()}), key, "ward-only")

    report = Report.objects.get(reference=response.json()["reference"])
    assert (report.borough.code, report.ward.code) == (BOLTON, BREIGHTMET)


def test_an_online_report_has_no_borough_and_goes_to_the_teams_that_cover_everywhere(key):
    online = {"platform": "Facebook", "link": "https://www.facebook.com/groups/example/posts/1"}
    response = post(a_report(location={"online": online}), key, "online-1")

    assert response.status_code == 201
    assert response.json()["teams"] == ["Victim support hate crime service"]
    report = Report.objects.get(reference=response.json()["reference"])
    assert (report.is_online, report.online_platform, report.online_link, report.borough) == (
        True,
        "Facebook",
        online["link"],
        None,
    )


def test_a_report_without_contact_details_is_anonymous(key):
    response = post(a_report(contact=None, share_with=[]), key, "anonymous-1")

    report = Report.objects.get(reference=response.json()["reference"])
    assert report.is_anonymous
    assert not report.consents.exists()


# --- Idempotency -------------------------------------------------------------------------------------


def test_a_retry_with_the_same_key_returns_the_same_report_and_makes_no_other(key):
    before = Report.objects.count()

    first = post(a_report(), key, "retry-me")
    second = post(a_report(), key, "retry-me")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert second.json()["status_url"] == first.json()["status_url"]
    assert Report.objects.count() == before + 1
    report = Report.objects.get(reference=first.json()["reference"])
    assert AuditEvent.objects.filter(object_type="reports.report", object_id=str(report.pk)).count() == 1
    assert report.status_changes.count() == 1


def test_a_double_submit_makes_exactly_one_report(key):
    before = Report.objects.count()

    responses = [post(a_report(), key, "double-click") for _ in range(2)]

    assert sorted(r.status_code for r in responses) == [200, 201]
    assert {r.json()["reference"] for r in responses} == {responses[0].json()["reference"]}
    assert Report.objects.count() == before + 1


def test_the_same_key_with_a_different_report_is_refused_as_idempotency_key_reused(key):
    before = Report.objects.count()
    first = post(a_report(), key, "one-key")

    for changed in (
        a_report(description="Something else happened."),
        a_report(kind="community_tension"),
        a_report(location={"borough_code": OLDHAM}),
    ):
        body = assert_problem(post(changed, key, "one-key"), 409, "idempotency_key_reused")
        assert "status_url" not in body

    assert Report.objects.count() == before + 1
    assert IdempotencyKey.objects.filter(key="one-key").count() == 1
    report = Report.objects.get(reference=first.json()["reference"])
    assert report.description == a_report()["description"]


def test_two_agencies_may_use_the_same_key_without_colliding(demo, key):
    charity = AgencyFactory(name="Tell Us Charity", serves=[BOLTON])
    _, charity_key = issue(charity, ApiScope.REPORTS_WRITE)

    police_report = post(a_report(), key, "1")
    charity_report = post(a_report(description="A different report."), charity_key, "1")

    assert (police_report.status_code, charity_report.status_code) == (201, 201)
    assert police_report.json()["reference"] != charity_report.json()["reference"]
    assert Report.objects.get(reference=charity_report.json()["reference"]).recorded_by_agency == charity


def test_a_key_of_a_hundred_characters_works_and_is_still_made_once(key):
    long_key = "k" * 100

    first = post(a_report(), key, long_key)
    second = post(a_report(), key, long_key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert IdempotencyKey.objects.get(key=long_key).response_body == first.json()


def test_a_missing_idempotency_key_is_refused_and_nothing_is_stored(key):
    before = Report.objects.count()

    for header in (None, ""):
        body = assert_problem(post(a_report(), key, header), 400, "idempotency_key_missing")
        assert "Idempotency-Key" in body["detail"]

    assert Report.objects.count() == before


@pytest.mark.parametrize("bad", ["has space", "k" * 101, "semi;colon", "é-accent", "<script>"])
def test_a_malformed_idempotency_key_is_refused_and_nothing_is_stored(key, bad):
    before = Report.objects.count()

    body = assert_problem(post(a_report(), key, bad), 400, "idempotency_key_malformed")

    assert bad not in json.dumps(body)
    assert Report.objects.count() == before


# --- Authentication and scope ------------------------------------------------------------------------


def test_a_call_without_a_token_is_refused_as_token_missing(demo):
    response = post(a_report(), None, "no-token")

    assert_problem(response, 401, "token_missing")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Report.objects.exists()


def test_a_token_without_the_reports_write_scope_is_refused_as_scope_missing(police):
    _, areas_only = issue(police, ApiScope.AREAS_READ)

    body = assert_problem(post(a_report(), areas_only, "no-scope"), 403, "scope_missing")

    assert "reports:write" in body["detail"]
    assert not Report.objects.exists()


def test_a_revoked_token_cannot_submit(police):
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        agency=police,
        name="Old form",
        key_prefix="0123abcd",
        key_hash=hash_secret(secret),
        scopes=[ApiScope.REPORTS_WRITE],
        created_by=User.objects.get(username="admin"),
        revoked_at=timezone.now(),
    )

    assert_problem(post(a_report(), f"cg_0123abcd_{secret}", "revoked"), 401, "token_revoked")
    assert not Report.objects.exists()


# --- Refusals with stable codes: nothing is stored ---------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        pytest.param({"borough_code": "E08999999"}, id="unknown-borough"),
        pytest.param({"ward_code": "E05999999"}, id="unknown-ward"),
        pytest.param({"borough_code": BREIGHTMET}, id="a-ward-given-as-the-borough"),
        pytest.param({"borough_code": "E47000001"}, id="the-combined-authority-as-the-borough"),
    ],
)
def test_an_unknown_area_is_unknown_area_and_nothing_is_stored(key, location):
    before = Report.objects.count()

    body = assert_problem(post(a_report(location=location), key, "area"), 422, "unknown_area")

    assert next(iter(location.values())) in body["detail"]
    assert Report.objects.count() == before


def test_a_ward_that_is_not_in_the_borough_given_is_refused(key):
    before = Report.objects.count()
    body = assert_problem(
        post(a_report(location={"borough_code": OLDHAM, "ward_code": BREIGHTMET}), key, "mismatch"),
        422,
        "ward_not_in_borough",
    )

    assert "Breightmet" in body["detail"]
    assert Report.objects.count() == before
    assert not IdempotencyKey.objects.filter(key="mismatch").exists()


@pytest.mark.parametrize("postcode", ["M1 1AA", "SW1A 1AA", "BL99", "12345"])
def test_an_unknown_postcode_is_unknown_postcode_and_nothing_is_stored(postcodes, key, postcode):
    before = Report.objects.count()

    assert_problem(post(a_report(location={"postcode": postcode}), key, "postcode"), 422, "unknown_postcode")

    assert Report.objects.count() == before


def test_an_unknown_strand_is_unknown_strand_and_nothing_is_stored(key):
    before = Report.objects.count()

    body = assert_problem(
        post(a_report(strands=["religion", "astrology"]), key, "strand"), 422, "unknown_strand"
    )

    assert "astrology" in body["detail"]
    assert Report.objects.count() == before


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"kind": "gossip"}, id="unknown-kind"),
        pytest.param({"description": ""}, id="empty-description"),
        pytest.param({"description": "x" * 10001}, id="description-too-long"),
        pytest.param({"happened_on": str(timezone.localdate() + timedelta(days=1))}, id="in-the-future"),
        pytest.param({"location": {}}, id="no-place"),
        pytest.param({"location": {"borough_code": BOLTON, "postcode": "BL2 6PN"}}, id="two-places"),
        pytest.param({"location": {"borough_code": "<script>"}}, id="area-code-not-a-code"),
        pytest.param(
            {"location": {"online": {"platform": "X", "link": "javascript:alert(1)"}}}, id="bad-link"
        ),
        pytest.param({"share_with": ["everyone"]}, id="unknown-partner"),
        pytest.param({"reported_to_police": "maybe"}, id="unknown-police-answer"),
        pytest.param({"contact": {"email": "not-an-email"}}, id="bad-email"),
        pytest.param({"description": "Shouted at\x00 me"}, id="nul-in-description"),
        pytest.param({"description": "Bell\x07"}, id="bell-in-description"),
        pytest.param({"contact": {"name": "Esc\x1b[31m"}}, id="escape-in-name"),
        pytest.param({"description": "C1\x85control"}, id="c1-control"),
    ],
)
def test_an_invalid_report_is_invalid_request_and_nothing_is_stored(key, changes):
    before = Report.objects.count()

    body = assert_problem(post(a_report(**changes), key, "invalid"), 422, "invalid_request")

    assert body["errors"]
    assert Report.objects.count() == before


def test_a_body_that_is_not_json_is_refused_and_nothing_is_stored(key):
    before = Report.objects.count()

    response = post("{not json", key, "not-json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert Report.objects.count() == before


def test_new_lines_and_tabs_are_kept(key):
    description = "First line.\r\nSecond line.\n\tIndented."

    response = post(a_report(description=description), key, "lines")

    assert Report.objects.get(reference=response.json()["reference"]).description == description


def test_a_script_in_the_description_is_stored_verbatim_and_never_echoed(key):
    description = '<script>alert("hi")</script> they said <b>this</b> & more'

    response = post(a_report(description=description), key, "script")

    assert response.status_code == 201
    assert response["Content-Type"].startswith("application/json")
    assert "<" not in response.content.decode() and "script" not in response.content.decode()
    assert Report.objects.get(reference=response.json()["reference"]).description == description


# --- The OpenAPI document ----------------------------------------------------------------------------


def test_the_openapi_document_describes_the_operation_with_its_idempotency_key_and_responses():
    document = Client().get("/api/v1/openapi.json").json()

    operation = document["paths"][REPORTS]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert (header["in"], header["required"]) == ("header", True)
    responses = operation["responses"]
    assert {"200", "201", "400", "401", "403", "409", "422", "503"} <= set(responses)
    assert "idempotency_key_reused" in responses["409"]["description"]
    assert "Idempotent-Replayed" in responses["200"]["headers"]
    assert responses["422"]["content"]["application/problem+json"]["schema"]["required"] == [
        "type",
        "title",
        "status",
        "code",
    ]
    assert operation["security"]
    request_schema = document["components"]["schemas"]["ReportIn"]
    assert {"kind", "description", "location"} <= set(request_schema["required"])
    assert request_schema["properties"]["description"]["description"]
    assert request_schema["examples"][0]["kind"] == "hate_incident"


@pytest.mark.parametrize(("share_with", "police_sees"), [([], False), (["police"], True)])
def test_a_partner_systems_report_reaches_the_police_unit_only_with_the_reporters_consent(
    key, sign_in, share_with, police_sees
):
    from django.contrib.auth.models import Permission as DjangoPermission

    from commonground.core.roles import Permission
    from commonground.reports.models import Team
    from tests.factories import UserFactory

    unit = Team.objects.get(name="Police hate crime unit")
    officer = UserFactory(agency=unit.agency)
    for permission in (Permission.USE_STAFF_AREA, Permission.VIEW_REPORTS):
        officer.user_permissions.add(
            DjangoPermission.objects.get(codename=permission.value, content_type__app_label="core")
        )
    unit.members.add(officer)

    response = post(a_report(share_with=share_with), key, f"consent-{len(share_with)}")

    assert response.status_code == 201
    assert ("Police hate crime unit" in response.json()["teams"]) is police_sees
    report = Report.objects.get(reference=response.json()["reference"])
    assert sign_in(officer).get(f"/staff/reports/{report.pk}/").status_code == (200 if police_sees else 404)
