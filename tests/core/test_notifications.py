"""Notifications to staff: each event tells the right people once, in the service and by email
(immediately or in a daily digest, as each person chose); no email carries a report's or case's
content; the time-based notices are idempotent; and nobody reads or marks another's notification."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from commonground.core import tasks
from commonground.core.models import (
    AgencyKind,
    Notification,
    NotificationDelivery,
    NotificationKind,
    NotificationPreference,
)
from commonground.core.roles import Role
from commonground.reports.actions.follow_up import set_consent
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Report, RoutingRule, Team
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import ExitReview
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.tension.assessment_builders import action_in

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

DESCRIPTION = "Qzvwords shouted at the bus stop on Qzvstreet"
REPORTER = "Qzvreportername"


@pytest.fixture
def team():
    """A Bolton team whose queue receives hate incidents, with a member who reads reports."""
    agency = AgencyFactory(serves=[BOLTON])
    team = Team.objects.create(name="Bolton community safety", agency=agency)
    RoutingRule.objects.create(kind="hate_incident", borough=agency.areas.get(), team=team)
    return team


def _member(team: Team, role: Role = Role.TRIAGE_OFFICER, **fields):
    user = UserFactory(agency=team.agency, roles=[role], **fields)
    team.members.add(user)
    return user


def _report(**answers) -> Report:
    return submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="hate_incident",
            description=DESCRIPTION,
            borough_code=BOLTON,
            contact_name=REPORTER,
            **answers,
        ),
    ).report


def _staff_emails():
    return [message for message in mail.outbox if message.subject.startswith("Common Ground: ")]


def _assert_no_content(message, *secrets):
    for secret in (DESCRIPTION, REPORTER, "Qzvstreet", *secrets):
        assert secret not in message.subject and secret not in message.body


# --- A report reaches a team's queue -------------------------------------------------------------------


def test_a_new_report_tells_each_member_of_the_team_whose_queue_it_reaches(
    team, django_capture_on_commit_callbacks
):
    member = _member(team)
    reader = _member(team, Role.SAFEGUARDING_COORDINATOR)  # reads reports, without triage
    _member(team, Role.HELPLINE_ADVISOR)  # may not read reports: not told
    outsider = staff(Role.TRIAGE_OFFICER, BOLTON)  # in the area but not in the team

    with django_capture_on_commit_callbacks(execute=True):
        report = _report()

    told = Notification.objects.filter(kind=NotificationKind.REPORT_IN_QUEUE)
    assert sorted(told.values_list("recipient", flat=True)) == sorted([member.pk, reader.pk])
    assert not told.filter(recipient=outsider).exists()
    emails = _staff_emails()
    assert sorted(m.to[0] for m in emails) == sorted([member.email, reader.email])
    for message in emails:
        assert report.reference in message.subject
        assert "/staff/notifications/" in message.body
        _assert_no_content(message)


def test_routing_a_report_to_another_team_tells_that_team_but_not_the_officer_who_did_it(
    team, sign_in, django_capture_on_commit_callbacks
):
    report = _report()
    officer = staff(Role.TRIAGE_OFFICER, BOLTON)
    cohesion = Team.objects.create(name="Bolton cohesion", agency=team.agency)
    newcomer = _member(cohesion)
    cohesion.members.add(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(officer).post(
            f"/staff/reports/{report.pk}/teams/",
            {"teams": [cohesion.pk], "reason": "Tension rather than hate"},
        )

    assert response.status_code == 302
    assert list(
        Notification.objects.filter(
            kind=NotificationKind.REPORT_IN_QUEUE, item_key=f"reports.report:{report.pk}"
        ).values_list("recipient", flat=True)
    ) == [newcomer.pk]
    assert [m.to for m in _staff_emails()] == [[newcomer.email]]


# --- A report goes overdue: the hourly task ----------------------------------------------------------


def test_an_overdue_report_is_told_once_to_its_team_however_often_the_task_runs(
    team, django_capture_on_commit_callbacks
):
    member = _member(team)
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        report = _report()
    _report()  # a new one, not overdue
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_notices.enqueue()
        tasks.send_due_notices.enqueue()

    overdue = Notification.objects.filter(kind=NotificationKind.REPORT_OVERDUE)
    assert list(overdue.values_list("recipient", "item_key")) == [(member.pk, f"reports.report:{report.pk}")]
    [message] = _staff_emails()
    assert message.to == [member.email]
    assert f"Report {report.reference} is overdue" in message.subject
    _assert_no_content(message)


# --- Information requests -------------------------------------------------------------------------------


def _request_to(agency, *, due_in_days=7):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON, first_name="Qzvfirst", last_name="Qzvlast")
    record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Enough concern"
    )
    return send_information_request(
        actor=coordinator,
        referral=referral,
        agency=agency,
        question="Qzvquestion: is the family known to you?",
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


def test_an_information_request_tells_the_agency_staff_who_answer_requests(
    django_capture_on_commit_callbacks,
):
    agency = AgencyFactory(kind=AgencyKind.HEALTH, serves=[BOLTON])
    answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
    UserFactory(agency=agency, roles=[Role.REPORTING_CENTRE_WORKER])  # may not answer: not told

    with django_capture_on_commit_callbacks(execute=True):
        request = _request_to(agency)

    [notice] = Notification.objects.filter(kind=NotificationKind.INFORMATION_REQUEST_RECEIVED)
    assert notice.recipient == answerer
    assert notice.url == f"/staff/safeguarding/requests/{request.pk}/"
    [message] = [m for m in _staff_emails() if m.subject.startswith("Common Ground: An information request")]
    assert message.to == [answerer.email]
    _assert_no_content(message, "Qzvfirst", "Qzvlast", "Qzvquestion")


def test_an_overdue_information_request_is_told_once(django_capture_on_commit_callbacks):
    agency = AgencyFactory(kind=AgencyKind.HEALTH, serves=[BOLTON])
    answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
    request = _request_to(agency, due_in_days=1)
    mail.outbox.clear()

    with (
        time_machine.travel(timezone.now() + timedelta(days=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.send_due_notices.enqueue()
        tasks.send_due_notices.enqueue()

    overdue = Notification.objects.filter(kind=NotificationKind.INFORMATION_REQUEST_OVERDUE)
    assert list(overdue.values_list("recipient", "item_key")) == [
        (answerer.pk, f"safeguarding.informationrequest:{request.pk}")
    ]
    [message] = [m for m in _staff_emails() if "overdue" in m.subject]
    _assert_no_content(message, "Qzvfirst", "Qzvlast", "Qzvquestion")


# --- Tension response actions and exit reviews --------------------------------------------------------


def test_a_response_action_tells_the_owner_agency_staff_who_update_actions(
    django_capture_on_commit_callbacks,
):
    owner = AgencyFactory(serves=[BOLTON])
    officer = UserFactory(agency=owner, roles=[Role.PARTNER_OFFICER])
    UserFactory(agency=owner, roles=[Role.HELPLINE_ADVISOR])  # no response actions: not told
    UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.PARTNER_OFFICER])  # another agency

    with django_capture_on_commit_callbacks(execute=True):
        action = action_in(BOLTON, owner=owner)

    [notice] = Notification.objects.filter(kind=NotificationKind.RESPONSE_ACTION_ASSIGNED)
    assert (notice.recipient, notice.url) == (officer, f"/staff/tension/actions/{action.pk}/")
    [message] = _staff_emails()
    assert message.to == [officer.email]
    _assert_no_content(message, action.description)


def test_an_exit_review_falling_due_tells_the_boroughs_coordinators_once(django_capture_on_commit_callbacks):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)  # another borough: not told
    referral = referral_in(BOLTON, first_name="Qzvfirst", last_name="Qzvlast")
    review = ExitReview.objects.create(
        referral=referral, months_after_exit=6, due_on=timezone.localdate() + timedelta(days=5)
    )
    ExitReview.objects.create(
        referral=referral, months_after_exit=12, due_on=timezone.localdate() + timedelta(days=200)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_notices.enqueue()
        tasks.send_due_notices.enqueue()

    due = Notification.objects.filter(kind=NotificationKind.REVIEW_DUE)
    assert list(due.values_list("recipient", "item_key")) == [
        (coordinator.pk, f"safeguarding.exitreview:{review.pk}")
    ]
    [message] = _staff_emails()
    assert message.to == [coordinator.email]
    _assert_no_content(message, "Qzvfirst", "Qzvlast")


# --- Preferences and the daily digest --------------------------------------------------------------------


def test_a_person_chooses_a_daily_digest_on_the_settings_page(sign_in):
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = sign_in(user)
    page = client.get("/staff/notifications/settings/").content.decode()
    assert 'value="immediate" checked' in page  # the default

    refused = client.post("/staff/notifications/settings/", {"delivery": "sometimes"}).content.decode()
    assert "Select how you want to hear about your notifications" in refused
    assert not NotificationPreference.objects.filter(user=user).exists()

    assert client.post("/staff/notifications/settings/", {"delivery": "daily_digest"}).status_code == 302
    assert NotificationPreference.objects.get(user=user).delivery == NotificationDelivery.DAILY_DIGEST


def test_the_digest_lists_unread_notices_once_and_immediate_emails_are_not_sent_to_digest_readers(
    team, django_capture_on_commit_callbacks
):
    digest_reader = _member(team)
    NotificationPreference.objects.create(user=digest_reader, delivery=NotificationDelivery.DAILY_DIGEST)
    immediate = _member(team)

    with django_capture_on_commit_callbacks(execute=True):
        first, second, already_read = _report(), _report(), _report()
    assert [m.to for m in _staff_emails()] == [[immediate.email]] * 3
    Notification.objects.filter(recipient=digest_reader, item_key=f"reports.report:{already_read.pk}").update(
        read_at=timezone.now()
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_notification_digests.enqueue()
        tasks.send_notification_digests.enqueue()

    [digest] = _staff_emails()
    assert digest.to == [digest_reader.email]
    assert first.reference in digest.body and second.reference in digest.body
    assert already_read.reference not in digest.body
    _assert_no_content(digest)


# --- The notifications page: one's own only -------------------------------------------------------------


def test_a_person_sees_opens_and_marks_read_only_their_own_notifications(team, sign_in):
    member = _member(team)
    colleague = _member(team)
    report = _report()
    mine = Notification.objects.get(recipient=member)
    theirs = Notification.objects.get(recipient=colleague)
    client = sign_in(member)

    page = client.get("/staff/notifications/").content.decode()
    assert f"Report {report.reference} is in your team&#x27;s queue" in page
    assert "Notifications (1 unread)" in page
    assert page.count("/staff/notifications/" + str(theirs.pk)) == 0

    assert client.get(f"/staff/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/staff/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None

    opened = client.get(f"/staff/notifications/{mine.pk}/")
    assert opened.status_code == 302 and opened["Location"] == f"/staff/reports/{report.pk}/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "Notifications (1 unread)" not in client.get("/staff/notifications/").content.decode()


def test_mark_all_as_read_marks_only_ones_own(team, sign_in):
    member, colleague = _member(team), _member(team)
    _report()
    _report()
    response = sign_in(member).post("/staff/notifications/read/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 2


def test_a_partner_team_is_told_only_once_the_reporter_agrees_to_share(
    team, django_capture_on_commit_callbacks
):
    police = Team.objects.create(
        name="Police hate crime unit", agency=AgencyFactory(serves=[BOLTON]), requires_consent="police"
    )
    RoutingRule.objects.create(kind="hate_incident", borough=None, team=police)
    officer = _member(police)
    report = _report()
    assert not Notification.objects.filter(recipient=officer).exists()

    with django_capture_on_commit_callbacks(execute=True):
        set_consent(report=report, partner="police", given=True)

    [notice] = Notification.objects.filter(recipient=officer)
    assert notice.kind == NotificationKind.REPORT_IN_QUEUE
    [message] = _staff_emails()
    assert message.to == [officer.email]
    _assert_no_content(message)
