"""The quarterly report (PDF) for the combined authority and the Home Office: built from the same
frozen figures as the public pages, marked OFFICIAL on every page, and audited when produced."""

import io
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.insights.actions import editions as actions
from commonground.insights.quarters import Quarter
from tests.conftest import signed_in
from tests.factories import BOLTON, staff
from tests.insights import editions_data as data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def august_2026():
    with time_machine.travel(datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60)), tick=False):
        yield


@pytest.fixture
def preparer():
    return staff(Role.PROGRAMME_MANAGER, "E47000001", username="preparer")


@pytest.fixture
def draft(preparer):
    data.fixed_quarter()
    return actions.draft_edition(
        actor=preparer, quarter=Quarter.starting(2026, 2), quality_note="June was late."
    )


@pytest.fixture
def approved(draft, preparer):
    officer = staff(Role.DATA_PROTECTION_OFFICER, "E47000001")
    actions.submit_for_approval(actor=preparer, edition=draft)
    return actions.approve_edition(actor=officer, edition=draft)


def report_url(edition) -> str:
    return f"/staff/insights/editions/{edition.pk}/report.pdf"


def test_the_report_holds_the_headline_figures_and_is_marked_official_on_every_page(approved, preparer):
    response = signed_in(preparer).get(report_url(approved))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="common-ground-statistics-2026-q2-revision-1.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert "April to June 2026" in text
    assert "Hate incidents" in text and "60" in text and "+50%" in text  # 58 → 60; 40 last year
    assert "Prevent referrals" in text and "35" in text
    assert "June was late." in text
    assert "Withheld: could disclose small numbers." in text
    assert all(page.count("OFFICIAL") >= 2 for page in pages)
    assert "OFFICIAL-SENSITIVE" not in text


def test_producing_the_report_is_audited(approved, preparer):
    signed_in(preparer).get(report_url(approved))
    event = AuditEvent.objects.get(object_type="insights.statisticsedition", action=AuditAction.EXPORT)
    assert event.actor == preparer and event.changes["content_sha256"] == approved.content_sha256


def test_a_tension_analyst_may_download_the_report(approved):
    analyst = staff(Role.TENSION_ANALYST, BOLTON)
    assert signed_in(analyst).get(report_url(approved)).status_code == 200


def test_a_draft_has_no_report(draft, preparer):
    assert signed_in(preparer).get(report_url(draft)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_staff_without_statistics_permissions_cannot_download_the_report(approved):
    helpline = staff(Role.HELPLINE_ADVISOR, BOLTON)
    assert signed_in(helpline).get(report_url(approved)).status_code == 403
