"""Evidence on a hate-incident report: photos, screenshots and PDFs attached through the journey,
each checked by its content and cleaned, listed (and removable) before sending, opened by staff
only through the report's own access check (audited), and erased with the report."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.retention import apply_retention
from commonground.reports.evidence import MAX_PDF_PAGES, EvidenceRefused, clean_pdf
from commonground.reports.models import Report, ReportPhoto, ReportStatus, StatusChange
from tests.factories import BOLTON, OLDHAM, staff
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, send, walk

pytestmark = pytest.mark.django_db

EVIDENCE_URL = "/report/hate-incident/evidence/"
DESCRIPTION = HATE_INCIDENT_ANSWERS[1][1]["description"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


def screenshot_png() -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (120, 80), (240, 240, 240))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Screenshot tool on Jo's phone"  # Software
    image.save(buffer, format="PNG", exif=exif)
    return buffer.getvalue()


def pdf(*, pages: int = 1, script: bool = False, password: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Jo Bloggs", "/Title": "Messages from my neighbour"})
    if script:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _started(client: Client):
    return walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)


def test_a_screenshot_and_a_pdf_travel_with_the_report_to_staff_who_may_open_it(teams, media, sign_in):
    client = Client()
    _started(client)
    posted = client.post(
        EVIDENCE_URL + "?change=1",
        {
            "photos": [
                upload("abuse.png", screenshot_png(), "image/png"),
                upload("letter.pdf", pdf(), "application/pdf"),
            ]
        },
    )
    assert posted.status_code == 302
    check = client.get("/report/hate-incident/check/")
    page = check.content.decode()
    assert "Photo or screenshot 1" in page and "PDF document 2" in page
    assert page.count('name="remove"') == 2

    assert send(client, "hate-incident", check).status_code == 302
    report = Report.objects.get(kind="hate_incident")
    files = list(report.photos.order_by("pk"))
    assert [f.content_type for f in files] == ["image/png", "application/pdf"]
    assert default_storage.listdir("pending-photos")[1] == []  # the waiting copies are gone
    # Cleaned: no EXIF left in the screenshot, no author or title in the PDF.
    with files[0].image.open("rb") as handle:
        assert not Image.open(io.BytesIO(handle.read())).getexif()
    with files[1].image.open("rb") as handle:
        cleaned_pdf = handle.read()
    assert b"Jo Bloggs" not in cleaned_pdf and not PdfReader(io.BytesIO(cleaned_pdf)).metadata

    officer = staff(Role.TRIAGE_OFFICER, BOLTON)
    staff_client = sign_in(officer)
    report_page = staff_client.get(f"/staff/reports/{report.pk}/").content.decode()
    for attached in files:
        assert f"/staff/reports/{report.pk}/photos/{attached.pk}/" in report_page
    shown = staff_client.get(f"/staff/reports/{report.pk}/photos/{files[0].pk}/")
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    downloaded = staff_client.get(f"/staff/reports/{report.pk}/photos/{files[1].pk}/")
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == "application/pdf"
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert downloaded["X-Content-Type-Options"] == "nosniff"
    assert b"".join(downloaded.streaming_content) == cleaned_pdf
    opened = AuditEvent.objects.filter(actor=officer, action=AuditAction.VIEW, reason="Evidence file opened")
    assert sorted(opened.values_list("object_id", flat=True)) == sorted(str(f.pk) for f in files)
    assert {e.subject_ref for e in opened} == {
        AuditEvent.objects.filter(reason="Evidence file opened").first().subject_ref
    }

    # Staff out of scope: the file is not found, exactly as the report is not.
    outsider = sign_in(staff(Role.TRIAGE_OFFICER, OLDHAM))
    assert outsider.get(f"/staff/reports/{report.pk}/").status_code == 404
    for attached in files:
        assert outsider.get(f"/staff/reports/{report.pk}/photos/{attached.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(reason="Evidence file opened").exclude(actor=officer).exists()
    # Never under a public address.
    assert Client().get(f"/staff/reports/{report.pk}/photos/{files[1].pk}/").status_code in (302, 403, 404)
    for attached in files:
        for address in (
            f"/media/{attached.image.name}",
            f"/static/{attached.image.name}",
            f"/{attached.image.name}",
        ):
            assert Client().get(address).status_code == 404


def test_a_file_removed_on_the_check_page_is_not_sent(teams, media):
    client = Client()
    _started(client)
    client.post(EVIDENCE_URL, {"photos": [upload("a.png", screenshot_png(), "image/png")]})
    client.post(EVIDENCE_URL, {"photos": [upload("b.pdf", pdf(), "application/pdf")]})
    page = client.get("/report/hate-incident/check/").content.decode()
    import re

    first = re.search(r'name="remove" value="([^"]+)"', page).group(1)
    assert client.post("/report/hate-incident/check/", {"remove": first}).status_code == 302
    check = client.get("/report/hate-incident/check/")
    assert "PDF document 1" in check.content.decode() and "Photo or screenshot" not in check.content.decode()
    assert not default_storage.exists(first)
    send(client, "hate-incident", check)
    assert [p.content_type for p in Report.objects.get().photos.all()] == ["application/pdf"]


@pytest.mark.parametrize(
    "name, content, content_type, message",
    [
        (
            "abuse.png",
            b"<html><script>alert(1)</script></html>",
            "image/png",
            "must be a photo, a screenshot or a PDF",
        ),
        ("letter.pdf", pdf(script=True), "application/pdf", "contains a script"),
        ("letter.pdf", pdf(password="secret"), "application/pdf", "protected by a password"),
        ("letter.pdf", pdf(pages=MAX_PDF_PAGES + 1), "application/pdf", f"{MAX_PDF_PAGES} pages or fewer"),
        ("letter.pdf", b"%PDF-1.7\nnot really a pdf", "application/pdf", "could not be opened"),
    ],
)
def test_a_disguised_or_unsafe_file_is_refused_kindly_and_the_answers_are_kept(
    teams, media, name, content, content_type, message
):
    client = Client()
    _started(client)
    refused = client.post(EVIDENCE_URL, {"photos": [upload(name, content, content_type)]})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "govuk-error-summary" in page and message in page
    assert (
        default_storage.listdir("pending-photos")[1] == []
        if default_storage.exists("pending-photos")
        else True
    )
    check = client.get("/report/hate-incident/check/").content.decode()
    assert DESCRIPTION in check and "Bradshawgate bus stop" in check
    assert "None added." in check


def test_a_script_hidden_in_a_page_annotation_is_found():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(action)})
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(EvidenceRefused):
        clean_pdf(buffer.getvalue())


def test_the_sixth_file_is_refused(teams, media):
    client = Client()
    _started(client)
    five = [upload(f"s{n}.png", screenshot_png(), "image/png") for n in range(5)]
    assert client.post(EVIDENCE_URL, {"photos": five}).status_code == 302
    refused = client.post(EVIDENCE_URL, {"photos": [upload("six.pdf", pdf(), "application/pdf")]})
    assert refused.status_code == 200
    assert "You can add up to 5 files" in refused.content.decode()
    assert len(default_storage.listdir("pending-photos")[1]) == 5
    assert client.get("/report/hate-incident/check/").content.decode().count('name="remove"') == 5


def test_erasure_under_retention_removes_the_evidence_files(teams, media):
    client = Client()
    _started(client)
    client.post(
        EVIDENCE_URL,
        {
            "photos": [
                upload("abuse.png", screenshot_png(), "image/png"),
                upload("letter.pdf", pdf(), "application/pdf"),
            ]
        },
    )
    send(client, "hate-incident", client.get("/report/hate-incident/check/"))
    report = Report.objects.get()
    names = [p.image.name for p in report.photos.all()]
    assert len(names) == 2 and all(default_storage.exists(n) for n in names)
    with time_machine.travel(timezone.now() - timedelta(days=800)):
        StatusChange.objects.create(report=report, from_status="received", to_status="closed", reason="Done")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.CLOSED)

    assert apply_retention().reports_erased == 1
    assert not ReportPhoto.objects.filter(report=report).exists()
    assert not any(default_storage.exists(n) for n in names)


def test_a_script_whose_names_are_escaped_is_found_by_reading_the_document():
    """`/J#61vaScript` is `/JavaScript` to a PDF reader but not to a byte search: the objects are read."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    disguised = buffer.getvalue().replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    assert b"/JavaScript" not in disguised and b"/JS " not in disguised
    with pytest.raises(EvidenceRefused, match="contains a script"):
        clean_pdf(disguised)
