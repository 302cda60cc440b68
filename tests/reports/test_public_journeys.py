"""The public report journeys, driven page by page with forms as a person fills them in."""

import io
import re
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client
from PIL import Image

from commonground.core.models import AuditAction, AuditEvent
from commonground.reports.models import Channel, Report, ReportKind, ReportPhoto
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, send, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


def _answers(**changes) -> list[tuple[str, dict]]:
    return [(step, {**data, **changes.get(step, {})}) for step, data in HATE_INCIDENT_ANSWERS]


def test_an_anonymous_hate_incident_report_gets_a_reference_and_a_private_status_link(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    page = check.content.decode()
    assert "Check your answers before sending your report" in page
    assert "Religion or belief" in page and "Bradshawgate bus stop" in page

    sent = send(client, "hate-incident", check)
    confirmation = client.get(sent["Location"]).content.decode()

    reference = re.search(r"CG-[0-9A-Z]{4}-[0-9A-Z]{4}", confirmation).group(0)
    report = Report.objects.get(reference=reference)
    assert report.kind == ReportKind.HATE_INCIDENT
    assert report.channel == Channel.WEB
    assert report.is_anonymous
    assert report.borough.name == "Bolton"
    assert {s.code for s in report.strands.all()} == {"religion", "race"}
    assert sorted(t.name for t in report.teams.all()) == [
        "Bolton community safety team",
        "Police hate crime unit",
    ]
    assert report.consents.get().partner == "police"
    status_link = re.search(r'href="(http://testserver/status/[^"]+/)"', confirmation).group(1)
    assert reference not in status_link  # the reference read aloud opens nothing
    status_page = Client().get(status_link.removeprefix("http://testserver"), follow=True).content.decode()
    assert reference in status_page and "Received" in status_page
    assert Client().get(f"/status/{reference}/").status_code == 404
    event = AuditEvent.objects.filter(object_type="reports.report", object_id=str(report.pk)).get()
    assert event.action == AuditAction.CREATE and event.actor_label == "public report form"
    assert event.ip_address is None


def test_a_reporter_who_gives_an_email_gets_the_reference_and_link_by_email(
    teams, django_capture_on_commit_callbacks
):
    client = Client()
    check = walk(client, "hate-incident", _answers(contact={"contact_email": "sam@example.org"}))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "hate-incident", check)
    report = Report.objects.get()
    assert report.contact_email == "sam@example.org"
    # The reporter's email; the teams' members get notices of their own (a link to sign in).
    [to_reporter] = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert report.reference in to_reporter.body
    assert "/status/" in to_reporter.body
    assert all("/status/" not in m.body for m in mail.outbox if m is not to_reporter)


def test_answers_are_kept_when_going_back_and_changing_one(teams):
    client = Client()
    walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    back = client.get("/report/hate-incident/what/?change=1").content.decode()
    assert "Two men shouted abuse" in back
    changed = client.post("/report/hate-incident/what/?change=1", {"description": "Changed account."})
    assert changed["Location"] == "/report/hate-incident/check/"
    assert "Changed account." in client.get("/report/hate-incident/check/").content.decode()


def test_a_double_click_or_refresh_creates_one_report(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    first = send(client, "hate-incident", check)
    second = send(client, "hate-incident", check)
    assert first.status_code == second.status_code == 302
    assert Report.objects.count() == 1


def test_when_the_database_fails_during_the_submit_nothing_is_saved_and_the_answers_can_be_sent_again(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)

    from django.db.backends.utils import CursorWrapper

    real_execute = CursorWrapper.execute

    def failing_insert(self, sql, params=None):
        if sql.lstrip().upper().startswith("INSERT") and "reports_report" in sql:
            raise OperationalError("could not connect to server: Connection refused")
        return real_execute(self, sql, params)

    with mock.patch.object(CursorWrapper, "execute", failing_insert):
        failed = send(client, "hate-incident", check)

    assert failed.status_code == 503
    page = failed.content.decode()
    assert "Sorry, your report has not been sent yet" in page
    assert "Two men shouted abuse at a woman in a headscarf" in page
    assert Report.objects.count() == 0

    retried = client.post(
        "/report/hate-incident/check/",
        {"answers": re.search(r'name="answers" value="([^"]+)"', page).group(1)},
    )
    assert retried.status_code == 302
    assert Report.objects.count() == 1


def test_script_and_markup_in_answers_are_stored_as_typed_and_shown_escaped(teams):
    client = Client()
    attack = '<script>alert("x")</script><b>bold</b>'
    check = walk(client, "hate-incident", _answers(what={"description": attack}))
    assert "<script>alert" not in check.content.decode()
    assert "&lt;script&gt;alert" in check.content.decode()
    send(client, "hate-incident", check)
    assert Report.objects.get().description == attack


def test_control_characters_get_a_clear_message_and_keep_the_rest(teams):
    client = Client()
    client.get("/report/hate-incident/")
    client.post("/report/hate-incident/who/", {"reporter_role": "victim"})
    response = client.post("/report/hate-incident/what/", {"description": "bad\x00text"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Remove the unusual characters" in page
    assert "There is a problem" in page


def test_over_long_text_is_refused_with_the_limit(teams):
    client = Client()
    client.post("/report/hate-incident/who/", {"reporter_role": "victim"})
    page = client.post("/report/hate-incident/what/", {"description": "x" * 10001}).content.decode()
    assert "10000 characters or fewer" in page


def test_a_future_date_is_refused(teams):
    client = Client()
    client.post("/report/hate-incident/who/", {"reporter_role": "victim"})
    client.post("/report/hate-incident/what/", {"description": "Something"})
    page = client.post("/report/hate-incident/when/", {"happened_on": "1/1/2999"}).content.decode()
    assert "The date must be today or in the past" in page


def test_an_unknown_postcode_format_and_no_place_get_messages(teams):
    client = Client()
    page = client.post("/report/hate-incident/place/", {"postcode": "NOT A CODE"})
    # The place question only applies once "In a place" is chosen.
    assert page.status_code == 404
    for step, data in HATE_INCIDENT_ANSWERS[:4]:
        client.post(f"/report/hate-incident/{step}/", data)
    text = client.post("/report/hate-incident/place/", {"postcode": "NOT A CODE"}).content.decode()
    assert "Enter a full postcode" in text
    text = client.post("/report/hate-incident/place/", {"postcode": "", "borough": ""}).content.decode()
    assert "Enter a postcode or choose the area" in text


def test_a_postcode_places_the_report_in_its_ward_and_borough(teams):
    from django.conf import settings

    from commonground.core.actions.places import import_postcodes

    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")
    client = Client()
    check = walk(client, "hate-incident", _answers(place={"postcode": "bl2 6pn", "borough": ""}))
    send(client, "hate-incident", check)
    report = Report.objects.get()
    assert report.postcode == "BL2 6PN"
    assert report.ward.name == "Breightmet"
    assert report.borough.name == "Bolton"


def test_the_honeypot_turns_away_automated_spam(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    response = send(client, "hate-incident", check, website="http://spam.example")
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_flood_from_one_client_is_asked_to_try_later(teams, settings):
    settings.REPORT_FLOOD_LIMIT = 2
    for expected in (302, 302, 429):
        client = Client()
        check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
        assert send(client, "hate-incident", check).status_code == expected
    assert Report.objects.count() == 2


def test_behind_the_proxy_each_reporter_has_their_own_allowance(teams, settings):
    # Every request comes from the proxy's address; the client's is the last X-Forwarded-For entry.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REPORT_FLOOD_LIMIT = 2
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        for _ in range(2):
            client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)
            assert (
                send(
                    client, "hate-incident", walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
                ).status_code
                == 302
            )
    # A client writing a different address of its own before the proxy's entry is still itself.
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")
    assert (
        send(client, "hate-incident", walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)).status_code == 429
    )
    assert Report.objects.count() == 6


def _jpeg_with_location() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (53.0, 35.0, 0.0), 1: "N"}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


TENSION_ANSWERS = [
    ("category", {"tension_category": "graffiti"}),
    ("what", {"description": "Hateful graffiti on the wall of the community centre."}),
    ("when", {"happened_on": ""}),
    ("where", {"where": "place"}),
    ("place", {"postcode": "", "borough": "E08000004", "street": "Union Street"}),
]


def test_a_tension_report_with_a_photo_has_the_photo_location_removed(teams):
    from django.core.files.uploadedfile import SimpleUploadedFile

    original = _jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif()
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    upload = SimpleUploadedFile("wall.jpg", original, content_type="image/jpeg")
    assert client.post("/report/community-tension/photos/", {"photos": upload}).status_code == 302
    client.post("/report/community-tension/contact/", {})
    check = client.get("/report/community-tension/check/")
    assert "1 photo added" in check.content.decode()
    send(client, "community-tension", check)

    report = Report.objects.get()
    assert [t.name for t in report.teams.all()] == ["Oldham cohesion team"]
    stored = ReportPhoto.objects.get(report=report)
    with stored.image.open("rb") as handle:
        cleaned = Image.open(io.BytesIO(handle.read()))
        assert dict(cleaned.getexif()) == {}
        assert cleaned.size == (40, 30)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"%PDF-1.4 this is not a photo", "must be a photo"),
        ("photo.png", b"GIF89a" + b"\x00" * 100, "must be a photo"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_by_its_content_not_its_name(teams, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    response = client.post(
        "/report/community-tension/photos/",
        {"photos": SimpleUploadedFile(name, content, content_type="image/jpeg")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_oversized_photo_is_refused(teams, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commonground.reports import photos

    monkeypatch.setattr(photos, "MAX_BYTES", 1000)
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    big = SimpleUploadedFile("big.jpg", _jpeg_with_location() + b"\x00" * 2000, content_type="image/jpeg")
    page = client.post("/report/community-tension/photos/", {"photos": big}).content.decode()
    assert "smaller than 10MB" in page


def test_worried_about_someone_starts_with_advice_and_a_call_back_needs_a_phone_number(teams):
    client = Client()
    start = client.get("/report/worried-about-someone/").content.decode()
    assert "not a criminal record" in start
    assert "call 999" in start
    client.post("/report/worried-about-someone/choice/", {"worry_route": "call_back"})
    client.post("/report/worried-about-someone/concern/", {"description": "My nephew has changed a lot."})
    client.post("/report/worried-about-someone/area/", {"borough": "E08000001"})
    missing = client.post(
        "/report/worried-about-someone/call-back/", {"contact_name": "Ana"}
    ).content.decode()
    assert "Enter a phone number so that an advisor can call you back" in missing
    done = client.post(
        "/report/worried-about-someone/call-back/", {"contact_name": "Ana", "contact_phone": "07700 900982"}
    )
    assert done["Location"] == "/report/worried-about-someone/check/"
    check = client.get(done["Location"])
    send(client, "worried-about-someone", check)
    report = Report.objects.get()
    assert report.kind == ReportKind.WORRY
    assert report.worry_route == "call_back"
    assert [t.name for t in report.teams.all()] == ["Bolton safeguarding coordinators"]


def test_the_reporter_messages_the_team_and_changes_consent_from_the_status_link(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    confirmation = client.get(send(client, "hate-incident", check)["Location"]).content.decode()
    status_path = re.search(r'href="http://testserver(/status/[^"]+/)"', confirmation).group(1)
    reporter = Client()
    # The link is opened first (as from the email); the actions post to the secret-free page.
    assert reporter.get(status_path, follow=True).redirect_chain == [("/status/", 303)]

    reporter.post("/status/", {"action": "message", "body": "I remembered the bus number: 471."})
    reporter.post("/status/", {"action": "consent", "share_with": ["victim_support"]})

    report = Report.objects.get()
    assert report.messages.get().body == "I remembered the bus number: 471."
    assert report.messages.get().from_reporter
    from commonground.reports.queries import consents_now

    assert consents_now(report) == {"police": False, "victim_support": True, "council": False}
    page = reporter.get("/status/").content.decode()
    assert "I remembered the bus number: 471." in page


def test_an_unknown_status_link_says_so_kindly():
    response = Client().get("/status/not-a-real-secret/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
