"""Triage and follow-up, used as triage officers and team members use them: the queue, a report's
page and its forms, links between reports about the same event, and the photos sent with a report."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission as DjangoPermission
from django.core import mail
from django.test import Client
from django.utils import timezone
from PIL import Image

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Permission, Role
from commonground.reports import queries
from commonground.reports.actions.follow_up import change_status
from commonground.reports.actions.submission import ReportAnswers, Submitted, submit_report
from commonground.reports.models import (
    LinkSuggestion,
    Message,
    Report,
    ReportStatus,
    StatusChange,
    Team,
    Urgency,
)
from commonground.reports.photos import clean_photo
from tests.factories import BOLTON, OLDHAM, UserFactory, staff

pytestmark = pytest.mark.django_db


def _report(borough: str = BOLTON, *, kind: str = "hate_incident", photos=(), **answers) -> Submitted:
    return submit_report(
        actor=None,
        answers=ReportAnswers(
            kind=kind,
            description=answers.pop("description", "Abuse shouted at a bus stop."),
            borough_code=borough,
            **answers,
        ),
        photos=list(photos),
    )


@pytest.fixture
def officer():
    return staff(Role.TRIAGE_OFFICER, BOLTON)


def _status(client: Client, report: Report, **data):
    return client.post(f"/staff/reports/{report.pk}/status/", data)


def _refresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


# --- The queue -----------------------------------------------------------------------------------


def test_the_queue_shows_overdue_reports_first_with_a_red_tag(officer, sign_in):
    with time_machine.travel(timezone.now() - timedelta(days=20)):
        due_long_ago_but_triaged = _report(description="Graffiti on the mosque wall").report
    change_status(actor=officer, report=due_long_ago_but_triaged, to_status="triaged", reason="Checked")
    with time_machine.travel(timezone.now() - timedelta(days=6)):
        overdue = _report(description="Eggs thrown at a house").report
    not_yet_due = _report(description="Leaflets through doors").report

    page = sign_in(officer).get("/staff/reports/").content.decode()

    # Overdue first, then the newest: a report triaged long ago no longer comes before new ones.
    order = [page.index(r.reference) for r in (overdue, not_yet_due, due_long_ago_but_triaged)]
    assert order == sorted(order)
    assert page.count(">Overdue</strong>") == 1
    row = page[page.index(overdue.reference) : page.index(not_yet_due.reference)]
    assert "Overdue" in row


def test_the_queue_filters_by_status_kind_and_my_teams(officer, sign_in):
    hate = _report().report
    tension = _report(kind="community_tension", description="Tension after a march").report
    team = Team.objects.create(name="Bolton community safety team", agency=officer.agency)
    team.members.add(officer)
    hate.teams.add(team)
    client = sign_in(officer)

    only_tension = client.get("/staff/reports/", {"kind": "community_tension"}).content.decode()
    assert tension.reference in only_tension and hate.reference not in only_tension

    mine = client.get("/staff/reports/", {"my_teams": "on"}).content.decode()
    assert hate.reference in mine and tension.reference not in mine

    closed = client.get("/staff/reports/", {"status": "closed"}).content.decode()
    assert "No reports match these filters" in closed


def test_an_empty_queue_says_so(officer, sign_in):
    _report(OLDHAM)
    page = sign_in(officer).get("/staff/reports/").content.decode()
    assert "There are no open reports in your areas or your teams' queues" in page


def test_the_queue_and_report_pages_are_for_report_readers_only(sign_in):
    report = _report().report
    advisor = sign_in(staff(Role.HELPLINE_ADVISOR, BOLTON))
    assert advisor.get("/staff/reports/").status_code == 403
    assert advisor.get(f"/staff/reports/{report.pk}/").status_code == 403
    assert Client().get("/staff/reports/").status_code == 302


# --- A report's page -----------------------------------------------------------------------------


def test_the_report_page_shows_what_the_reporter_shared_and_its_opening_is_audited(officer, sign_in):
    report = _report(
        description="Two men shouted at a woman in a headscarf.",
        street="Bradshawgate bus stop",
        strand_codes=["religion"],
        contact_name="Amina",
        share_with=["police"],
    ).report
    page = sign_in(officer).get(f"/staff/reports/{report.pk}/").content.decode()
    for shown in (
        "Two men shouted at a woman in a headscarf.",
        "Bradshawgate bus stop",
        "Religion or belief",
        "Amina",
    ):
        assert shown in page
    assert "Received through the website" in page  # the history, with its reason
    assert re.search(r"The police</dt>\s*<dd[^>]*>Agreed", page)
    assert "Change the status" in page
    assert AuditEvent.objects.filter(
        actor=officer, action=AuditAction.VIEW, object_type="reports.report", object_id=str(report.pk)
    ).exists()


def test_a_report_out_of_scope_is_not_found(officer, sign_in):
    elsewhere = _report(OLDHAM).report
    client = sign_in(officer)
    assert client.get(f"/staff/reports/{elsewhere.pk}/").status_code == 404
    assert _status(client, elsewhere, to_status="triaged", reason="Trying").status_code == 404
    assert _refresh(elsewhere).status == ReportStatus.RECEIVED


# --- Changing the status -------------------------------------------------------------------------


def test_a_status_change_with_a_reason_and_a_note_for_the_reporter(officer, sign_in):
    submitted = _report()
    report = submitted.report
    client = sign_in(officer)

    response = _status(
        client,
        report,
        to_status="triaged",
        reason="Checked: racially aggravated",
        public_note="Passed to the police with your consent",
    )

    assert response["Location"] == f"/staff/reports/{report.pk}/"
    assert "is now triaged" in client.get(response["Location"]).content.decode()
    assert _refresh(report).status == ReportStatus.TRIAGED
    change = StatusChange.objects.filter(report=report).last()
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        "received",
        "triaged",
        "Checked: racially aggravated",
        officer,
    )
    # The reporter sees the note through their private status link.
    seen_by_reporter = queries.report_by_status_secret(submitted.status_secret)
    assert "Passed to the police with your consent" in [
        c.public_note for c in seen_by_reporter.status_changes.all()
    ]
    assert AuditEvent.objects.filter(
        actor=officer,
        action=AuditAction.UPDATE,
        object_id=str(report.pk),
        reason="Checked: racially aggravated",
    ).exists()


def test_a_move_the_workflow_does_not_allow_is_refused_and_nothing_changes(officer, sign_in):
    report = _report().report
    page = _status(
        sign_in(officer), report, to_status="action_taken", reason="Skipping ahead"
    ).content.decode()
    assert "There is a problem" in page
    assert "Select a status this report can move to from where it is now" in page
    assert "Skipping ahead" in page  # what was typed is kept
    assert _refresh(report).status == ReportStatus.RECEIVED
    assert StatusChange.objects.filter(report=report).count() == 1


def test_a_page_left_open_after_a_colleague_closed_the_report_cannot_move_it(officer, sign_in):
    report = _report().report
    colleague = staff(Role.TRIAGE_OFFICER, BOLTON)
    _status(sign_in(colleague), report, to_status="closed", reason="Duplicate of a police report")
    page = _status(sign_in(officer), report, to_status="triaged", reason="Looks genuine").content.decode()
    assert "Select a status this report can move to from where it is now" in page
    assert _refresh(report).status == ReportStatus.CLOSED


def test_a_status_change_needs_a_reason(officer, sign_in):
    report = _report().report
    page = _status(
        sign_in(officer), report, to_status="triaged", reason="  ", public_note="Graffiti removed"
    ).content.decode()
    assert "Give a reason for the change" in page
    assert "<title>Error: Report" in page
    assert "Graffiti removed" in page
    assert _refresh(report).status == ReportStatus.RECEIVED


def test_a_reporter_who_gave_an_email_is_told_of_the_change(
    officer, sign_in, django_capture_on_commit_callbacks
):
    report = _report(contact_email="reporter@example.org").report
    with django_capture_on_commit_callbacks(execute=True):
        _status(
            sign_in(officer), report, to_status="triaged", reason="Checked", public_note="Graffiti removed"
        )
    assert [m.to for m in mail.outbox] == [["reporter@example.org"]]
    assert "Graffiti removed" in mail.outbox[0].body
    assert report.reference in mail.outbox[0].subject


def test_an_anonymous_reporter_gets_no_email(officer, sign_in, django_capture_on_commit_callbacks):
    report = _report().report
    with django_capture_on_commit_callbacks(execute=True):
        _status(sign_in(officer), report, to_status="triaged", reason="Checked")
    assert mail.outbox == []


# --- Urgency, teams and messages -----------------------------------------------------------------


def test_marking_a_report_urgent_brings_its_triage_due_time_within_the_hour(officer, sign_in):
    report = _report().report
    client = sign_in(officer)
    assert (
        "Give a reason for the urgency"
        in client.post(
            f"/staff/reports/{report.pk}/urgency/", {"urgency": "urgent", "reason": ""}
        ).content.decode()
    )
    client.post(f"/staff/reports/{report.pk}/urgency/", {"urgency": "urgent", "reason": "Repeat victim"})
    report = _refresh(report)
    assert report.urgency == Urgency.URGENT
    assert report.triage_due_at <= report.submitted_at + timedelta(hours=1)


def test_a_triage_officer_sends_a_report_to_other_teams(officer, sign_in):
    report = _report().report
    cohesion = Team.objects.create(name="Bolton cohesion team", agency=officer.agency)
    response = sign_in(officer).post(
        f"/staff/reports/{report.pk}/teams/", {"teams": [cohesion.pk], "reason": "Tension rather than hate"}
    )
    assert response.status_code == 302
    assert list(_refresh(report).teams.all()) == [cohesion]
    assert AuditEvent.objects.filter(actor=officer, reason="Tension rather than hate").exists()


def _team_member_without_triage(team: Team):
    """A team member who may read reports and write to reporters, but not triage."""
    member = UserFactory(agency=team.agency)
    for permission in (Permission.USE_STAFF_AREA, Permission.VIEW_REPORTS):
        member.user_permissions.add(
            DjangoPermission.objects.get(codename=permission.value, content_type__app_label="core")
        )
    team.members.add(member)
    return member


def test_a_team_member_without_triage_reads_and_messages_but_cannot_change_status(
    officer, sign_in, django_capture_on_commit_callbacks
):
    report = _report(contact_email="reporter@example.org").report
    team = Team.objects.create(name="Bolton cohesion team", agency=staff(Role.TRIAGE_OFFICER).agency)
    report.teams.add(team)
    client = sign_in(_team_member_without_triage(team))

    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert report.reference in page
    assert "Change the status" not in page

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"/staff/reports/{report.pk}/messages/", {"body": "Can you tell us which bus stop?"}
        )
    assert sent.status_code == 302
    assert Message.objects.get(report=report).body == "Can you tell us which bus stop?"
    assert [m.subject for m in mail.outbox] == [f"New message about your report {report.reference}"]

    assert _status(client, report, to_status="triaged", reason="I think so").status_code == 403
    assert (
        client.post(f"/staff/reports/{report.pk}/urgency/", {"urgency": "urgent", "reason": "x"}).status_code
        == 403
    )
    assert _refresh(report).status == ReportStatus.RECEIVED


def test_an_empty_message_is_refused(officer, sign_in):
    report = _report().report
    page = sign_in(officer).post(f"/staff/reports/{report.pk}/messages/", {"body": " "}).content.decode()
    assert "Write a message" in page
    assert Message.objects.count() == 0


# --- Links between reports about the same event ---------------------------------------------------


def test_a_triage_officer_links_reports_about_the_same_event_or_dismisses_the_suggestion(officer, sign_in):
    first = _report(description="Swastika sprayed on the bus shelter").report
    other = _report(description="Something else the same week").report
    report = _report(description="Graffiti on the bus shelter").report
    client = sign_in(officer)

    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "Reports that may be about the same event" in page
    assert first.reference in page and other.reference in page

    link = LinkSuggestion.objects.get(report=report, candidate=first)
    response = client.post(f"/staff/reports/{report.pk}/links/{link.pk}/", {"decision": "link"})
    assert response.status_code == 302
    assert _refresh(report).linked_to == first
    assert LinkSuggestion.objects.get(pk=link.pk).decision == LinkSuggestion.Decision.LINKED

    dismiss = LinkSuggestion.objects.get(report=report, candidate=other)
    client.post(f"/staff/reports/{report.pk}/links/{dismiss.pk}/", {"decision": "dismiss"})
    dismiss.refresh_from_db()
    assert (dismiss.decision, dismiss.decided_by) == (LinkSuggestion.Decision.DISMISSED, officer)
    assert _refresh(report).linked_to == first

    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "Reports that may be about the same event" not in page
    assert AuditEvent.objects.filter(
        actor=officer, object_id=str(report.pk), changes__linked_to=first.reference
    ).exists()

    # A decided suggestion cannot be decided again.
    assert (
        client.post(f"/staff/reports/{report.pk}/links/{link.pk}/", {"decision": "dismiss"}).status_code
        == 404
    )


# --- Photos --------------------------------------------------------------------------------------


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG")
    return clean_photo(buffer.getvalue())


def test_photos_are_shown_only_to_those_who_may_open_their_report(officer, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = _photo()
    bolton_report = _report(photos=[photo]).report
    oldham_report = _report(OLDHAM, photos=[photo]).report
    bolton_photo, oldham_photo = bolton_report.photos.get(), oldham_report.photos.get()
    client = sign_in(officer)

    page = client.get(f"/staff/reports/{bolton_report.pk}/").content.decode()
    assert f"/staff/reports/{bolton_report.pk}/photos/{bolton_photo.pk}/" in page
    shown = client.get(f"/staff/reports/{bolton_report.pk}/photos/{bolton_photo.pk}/")
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["Cache-Control"] == "private, no-store"
    assert b"".join(shown.streaming_content) == photo.content

    assert client.get(f"/staff/reports/{oldham_report.pk}/photos/{oldham_photo.pk}/").status_code == 404
    # Nor through a report that is in scope.
    assert client.get(f"/staff/reports/{bolton_report.pk}/photos/{oldham_photo.pk}/").status_code == 404
    assert (
        sign_in(staff(Role.HELPLINE_ADVISOR, BOLTON))
        .get(f"/staff/reports/{bolton_report.pk}/photos/{bolton_photo.pk}/")
        .status_code
        == 403
    )


def test_the_staff_navigation_offers_each_role_its_report_pages(sign_in):
    triage = sign_in(staff(Role.TRIAGE_OFFICER, BOLTON)).get("/staff/").content.decode()
    assert 'href="/staff/reports/"' in triage and 'href="/staff/helpline/"' not in triage
    advisor = sign_in(staff(Role.HELPLINE_ADVISOR, BOLTON)).get("/staff/").content.decode()
    assert 'href="/staff/helpline/"' in advisor and 'href="/staff/reporting-centre/new/"' in advisor
    assert 'href="/staff/reports/"' not in advisor
    centre = sign_in(staff(Role.REPORTING_CENTRE_WORKER, BOLTON)).get("/staff/").content.decode()
    assert 'href="/staff/reporting-centre/new/"' in centre and 'href="/staff/helpline/"' not in centre
