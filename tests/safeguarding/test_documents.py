"""Safeguarding documents: the panel pack (a PDF for the meeting's coordinator and the panel
members present, marked OFFICIAL-SENSITIVE and naming its reader on every page, audited per case)
and the subject access export (JSON and PDF for a data protection officer, with a reason, third-party
details marked for review rather than removed).

pypdf and poppler are not installed here, so the PDF's own text is not extracted: the tests read
the page count from the PDF's bytes (its compressed object streams, with zlib), check the HTML that
builds it, and check the laid-out pages WeasyPrint drew (each page's margin boxes)."""

import json
import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from weasyprint import HTML

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding import documents, queries
from commonground.safeguarding.actions import panels as actions
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.referrals import EqualityAnswers
from commonground.safeguarding.models import EthnicGroup, Referral, Religion, VulnerabilityFactor
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.test_panels import attend, new_meeting, ready_referral

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

PANELS = "/staff/safeguarding/panels/"
NAMES = [("Sam", "Taylor"), ("Jo", "Whitfield"), ("Kit", "Ashworth")]


def pack_url(meeting) -> str:
    return f"{PANELS}{meeting.pk}/pack.pdf"


def sar_url(referral) -> str:
    return f"/staff/safeguarding/referrals/{referral.pk}/subject-access/"


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF, read from its bytes: WeasyPrint packs objects into compressed streams."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", b"\n".join(chunks)))


def margin_texts(html: str) -> list[dict[str, str]]:
    """For each page WeasyPrint lays out, the text of each margin box ("@top-center": ...)."""

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    return [
        {
            box.at_keyword: " ".join(texts(box))
            for box in page._page_box.children
            if hasattr(box, "at_keyword")
        }
        for page in HTML(string=html).render().pages
    ]


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Chris", last_name="Lowe")


@pytest.fixture
def three_case_meeting(coordinator):
    """A Bolton meeting with three cases, each screened, with a partner's answer, the factors
    discussed with evidence, and equality monitoring recorded (which must never appear)."""
    meeting = new_meeting(BOLTON, coordinator)
    answerer = staff(Role.TRIAGE_OFFICER, BOLTON, kind=AgencyKind.POLICE)
    factors = VulnerabilityFactor.objects.filter(is_active=True)
    for first_name, last_name in NAMES:
        referral = ready_referral(
            BOLTON,
            first_name=first_name,
            last_name=last_name,
            equality=EqualityAnswers(ethnic_group=EthnicGroup.WHITE_ROMA, religion=Religion.BUDDHIST),
        )
        request = send_information_request(
            actor=coordinator,
            referral=referral,
            agency=answerer.agency,
            question="Is the person known to you?",
            due_on=timezone.localdate() + timedelta(days=7),
        )
        answer_information_request(actor=answerer, request=request, answer=f"Known to us: {first_name}.")
        item = actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
        actions.record_factor_discussion(
            actor=coordinator,
            agenda_item=item,
            judgements={f.pk: actions.Judgement("present", f"Evidence for {first_name}") for f in factors},
        )
    return meeting


# --- The panel pack --------------------------------------------------------------------------------


def test_the_coordinator_downloads_the_pack_as_an_uncached_pdf_with_a_neutral_name(
    sign_in, coordinator, three_case_meeting
):
    response = sign_in(coordinator).get(pack_url(three_case_meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"panel-pack-{three_case_meeting.pk}-" in disposition
    assert not any(name in disposition for pair in NAMES for name in pair)
    assert response.content.startswith(b"%PDF")
    # The meeting, then each of the three cases on a page of its own.
    assert pdf_page_count(response.content) >= 4


def test_producing_the_pack_is_audited_as_an_export_of_each_case(sign_in, coordinator, three_case_meeting):
    referrals = Referral.objects.filter(agenda_items__meeting=three_case_meeting)

    sign_in(coordinator).get(pack_url(three_case_meeting))

    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor_id=coordinator.pk)
    assert sorted(exports.values_list("subject_ref", flat=True)) == sorted(
        audit.subject_ref_of(r) for r in referrals
    )
    assert set(exports.values_list("object_id", flat=True)) == {str(three_case_meeting.pk)}


def test_every_page_of_the_pack_is_marked_and_names_who_it_was_produced_for(coordinator, three_case_meeting):
    pack = queries.panel_pack(scope_for(coordinator), three_case_meeting.pk)
    html = documents.panel_pack_html(pack)

    produced_for = f"Produced for Chris Lowe, {coordinator.agency.name} on "
    assert produced_for in html
    assert '@top-center { content: "OFFICIAL-SENSITIVE"' in html
    assert '@bottom-center { content: "OFFICIAL-SENSITIVE"' in html
    pages = margin_texts(html)
    assert len(pages) >= 4
    for number, boxes in enumerate(pages, start=1):
        assert boxes["@top-center"] == "OFFICIAL-SENSITIVE", f"page {number}"
        assert boxes["@bottom-center"] == "OFFICIAL-SENSITIVE", f"page {number}"
        assert boxes["@bottom-left"].startswith(produced_for), f"page {number}"
        assert boxes["@bottom-right"] == f"Page {number} of {len(pages)}"


def test_the_pack_summarises_each_case_with_judgements_never_a_score_nor_equality_monitoring(
    coordinator, three_case_meeting
):
    html = documents.panel_pack_html(queries.panel_pack(scope_for(coordinator), three_case_meeting.pk))

    for first_name, last_name in NAMES:
        assert f"{first_name} {last_name}" in html
        assert f"Known to us: {first_name}." in html
        assert f"Evidence for {first_name}" in html
    assert "Extreme right-wing" in html
    assert "Proceed to information gathering" in html
    assert "Present" in html
    assert "score" not in html.lower()
    assert "total" not in html.lower()
    for hidden in (EthnicGroup.WHITE_ROMA.label, Religion.BUDDHIST.label, "thnic", "eligion"):
        assert hidden not in html


def test_a_panel_member_recorded_as_present_gets_the_pack(sign_in, three_case_meeting):
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH)
    attend(three_case_meeting, member)

    response = sign_in(member).get(pack_url(three_case_meeting))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_panel_member_who_sent_apologies_or_is_not_listed_gets_404(sign_in, three_case_meeting):
    apologies = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH)
    attend(three_case_meeting, apologies, attended=False)
    not_listed = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH)

    for member in (apologies, not_listed):
        assert sign_in(member).get(pack_url(three_case_meeting)).status_code == 404
    assert not AuditEvent.objects.filter(
        action=AuditAction.EXPORT, actor_id__in=[apologies.pk, not_listed.pk]
    ).exists()


def test_a_coordinator_of_another_borough_gets_404(sign_in, three_case_meeting):
    oldham = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)

    assert sign_in(oldham).get(pack_url(three_case_meeting)).status_code == 404


# --- The subject access export ---------------------------------------------------------------------


@pytest.fixture
def dpo():
    return staff(Role.DATA_PROTECTION_OFFICER, OLDHAM, first_name="Dana", last_name="Price")


@pytest.fixture
def bolton_case(three_case_meeting):
    return Referral.objects.get(agenda_items__meeting=three_case_meeting, first_name="Sam")


def test_the_data_protection_officer_exports_everything_as_json_with_third_parties_marked(
    sign_in, dpo, bolton_case
):
    response = sign_in(dpo).post(sar_url(bolton_case), {"reason": "SAR-2026-014", "format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="subject-access-referral-{bolton_case.pk}-'
    )
    assert "Sam" not in response["Content-Disposition"]
    data = json.loads(response.content)
    review = {"review": "third party — check before disclosure"}
    person = data["referral"]
    assert (person["id"], person["first_name"], person["last_name"]) == (bolton_case.pk, "Sam", "Taylor")
    assert person["referrer_name"] == {"value": "Alex Morgan", **review}
    assert person["referrer_contact"] == {"value": "01204 000000", **review}
    assert person["concern"] == bolton_case.concern  # the person's own data: not marked
    [answered] = data["information_requests"]
    assert answered["answer"] == {"value": "Known to us: Sam.", **review}
    assert answered["answered_by"]["review"] == review["review"]
    assert data["screening_decisions"][0]["decided_by"]["review"] == review["review"]
    # Their own data, equality monitoring included.
    assert data["equality_monitoring"]["religion"] == Religion.BUDDHIST.label
    assert len(data["panel_items"]) == 1
    assert {row["evidence"] for row in data["factor_discussions"]} == {"Evidence for Sam"}
    assert {e["action"] for e in data["audit_events"]} >= {"Created"}
    assert all(e["actor_label"]["review"] == review["review"] for e in data["audit_events"])
    assert data["export"]["reason"] == "SAR-2026-014"


def test_the_export_is_audited_with_its_reason_and_flagged_outside_normal_scope(sign_in, dpo, bolton_case):
    sign_in(dpo).post(sar_url(bolton_case), {"reason": "SAR-2026-014", "format": "json"})

    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor_id=dpo.pk)
    assert event.subject_ref == audit.subject_ref_of(bolton_case)
    assert event.reason == "SAR-2026-014"
    assert event.outside_normal_scope is True


def test_the_export_keeps_strings_verbatim(sign_in, dpo):
    referral = ready_referral(BOLTON, concern='=HYPERLINK("http://x")  “quoted” — Zoë\n<b>bold</b>')

    response = sign_in(dpo).post(sar_url(referral), {"reason": "SAR-1", "format": "json"})

    assert json.loads(response.content)["referral"]["concern"] == referral.concern


def test_the_export_as_pdf_highlights_third_party_details(sign_in, dpo, bolton_case):
    response = sign_in(dpo).post(sar_url(bolton_case), {"reason": "SAR-2026-014", "format": "pdf"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")
    export = queries.subject_access_export(scope_for(dpo), bolton_case.pk, "SAR-2026-014")
    html = documents.subject_access_html(export)
    assert re.search(r'<tr class="review"><th scope="row">Referrer name.*?</th><td>Alex Morgan</td>', html)
    for boxes in margin_texts(html):
        assert boxes["@top-center"] == boxes["@bottom-center"] == "OFFICIAL-SENSITIVE"
        assert boxes["@bottom-left"].startswith(f"Produced for Dana Price, {dpo.agency.name} on ")


def test_the_reason_is_required(sign_in, dpo, bolton_case):
    response = sign_in(dpo).post(sar_url(bolton_case), {"reason": "  ", "format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Give the reason for this subject access export" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT, actor_id=dpo.pk).exists()


def test_the_page_asks_for_a_reason_before_either_download(sign_in, dpo, bolton_case):
    page = sign_in(dpo).get(sar_url(bolton_case)).content.decode()

    assert 'name="reason"' in page
    assert 'value="json"' in page
    assert 'value="pdf"' in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT, actor_id=dpo.pk).exists()


def test_a_coordinator_gets_404_on_the_subject_access_page(sign_in, coordinator, bolton_case):
    client = sign_in(coordinator)

    assert client.get(sar_url(bolton_case)).status_code == 404
    assert client.post(sar_url(bolton_case), {"reason": "Curious", "format": "json"}).status_code == 404


def test_a_missing_referral_is_404_even_to_the_data_protection_officer(sign_in, dpo):
    assert sign_in(dpo).get("/staff/safeguarding/referrals/999999/subject-access/").status_code == 404
