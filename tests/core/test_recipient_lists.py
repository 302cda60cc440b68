"""Every list of people to tell comes from the one policy (`core.policy.who_may`): for each, the
right people, nobody outside the area (or the agency, team or case it is about), nobody without the
permission, nobody whose account is closed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from commonground.core import task_queue, tasks
from commonground.core.models import (
    AgencyKind,
    Area,
    Notification,
    NotificationDelivery,
    NotificationKind,
    NotificationPreference,
)
from commonground.core.roles import Role
from commonground.reports import notifications as report_notices
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Team
from commonground.safeguarding import queries as casework
from commonground.safeguarding.actions.information import recipients_for, send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import ExitReview
from commonground.safeguarding.notifications import exit_reviews_due_sweep
from commonground.tension.actions.alerts import raise_incident_spike_alert
from commonground.tension.actions.distribution import weekly_report_recipients
from commonground.tension.models import AlertDelivery, AlertSubscription
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.tension.assessment_builders import action_in, level

pytestmark = pytest.mark.django_db


def _recipients(kind: NotificationKind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient", flat=True))


def _closed_agency_member(role: Role, *areas: str):
    person = staff(role, *areas)
    person.agency.is_active = False
    person.agency.save()
    return person


# --- Report line ----------------------------------------------------------------------------------------


def test_a_report_reaching_a_queue_tells_the_team_members_who_may_read_reports():
    agency = AgencyFactory(serves=[BOLTON])
    team = Team.objects.create(name="Bolton community safety", agency=agency)
    other_team = Team.objects.create(name="Bury community safety", agency=AgencyFactory(serves=[BURY]))
    member = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER])
    without = UserFactory(agency=agency, roles=[Role.REPORTING_CENTRE_WORKER])
    closed = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER], is_active=False)
    team.members.add(member, without, closed)
    outside = UserFactory(agency=other_team.agency, roles=[Role.TRIAGE_OFFICER])
    other_team.members.add(outside)
    staff(Role.TRIAGE_OFFICER, BOLTON)  # same borough, not in the team
    report = submit_report(
        actor=None, answers=ReportAnswers(kind="hate_incident", description="Shouting", borough_code=BOLTON)
    ).report

    report_notices.reached_queues(report, [team])

    assert _recipients(NotificationKind.REPORT_IN_QUEUE) == {member.pk}


# --- Casework -------------------------------------------------------------------------------------------


def _request_to(agency, coordinator=None):
    coordinator = coordinator or staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON)
    record_screening_decision(actor=coordinator, referral=referral, decision="proceed", reasons="Concern")
    return send_information_request(
        actor=coordinator,
        referral=referral,
        agency=agency,
        question="Is the family known to you?",
        due_on=timezone.localdate() + timedelta(days=7),
    )


def _answering_agency():
    """An agency without a shared mailbox, its answerer, and those who must never be told."""
    agency = AgencyFactory(kind=AgencyKind.HEALTH, serves=[BOLTON], contact_email="")
    answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
    UserFactory(agency=agency, roles=[Role.REPORTING_CENTRE_WORKER])  # may not answer
    UserFactory(agency=agency, roles=[Role.PANEL_MEMBER], is_active=False)
    staff(Role.PANEL_MEMBER, BOLTON)  # another agency serving the same borough
    return agency, answerer


def test_an_information_request_tells_only_the_asked_agency_s_active_answerers():
    agency, answerer = _answering_agency()
    _request_to(agency)
    assert _recipients(NotificationKind.INFORMATION_REQUEST_RECEIVED) == {answerer.pk}


def test_chases_and_messages_to_an_agency_go_to_its_mailbox_or_its_active_answerers():
    agency, answerer = _answering_agency()
    assert recipients_for(agency) == [answerer.email]
    agency.contact_email = "safeguarding@health.example.org"
    assert recipients_for(agency) == ["safeguarding@health.example.org"]
    closed = _closed_agency_member(Role.PANEL_MEMBER, BOLTON)
    closed.agency.contact_email = ""
    assert recipients_for(closed.agency) == []


def test_an_answer_is_told_to_the_asker_only_while_they_still_coordinate_the_borough(
    django_capture_on_commit_callbacks,
):
    agency, answerer = _answering_agency()
    with django_capture_on_commit_callbacks(execute=True):
        request = _request_to(agency)
    asker = request.sent_by
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer_information_request(actor=answerer, request=request, answer="Known since 2024")
    assert [m.to for m in mail.outbox if "answered" in m.subject] == [[asker.email]]

    with django_capture_on_commit_callbacks(execute=True):
        second = _request_to(agency, coordinator=asker)
    asker.agency.areas.set(Area.objects.filter(code=OLDHAM))  # moved to another borough since asking
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_information_request(actor=answerer, request=second, answer="Not known")
    assert [m.to for m in mail.outbox if "answered" in m.subject] == []


def test_a_borough_s_coordinators_are_those_whose_areas_cover_it():
    bolton = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    whole_authority = staff(Role.SAFEGUARDING_COORDINATOR, GREATER_MANCHESTER)
    granted = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    granted.additional_areas.add(Area.objects.get(code=BOLTON))
    staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)  # outside the borough
    staff(Role.TRIAGE_OFFICER, BOLTON)  # without MANAGE_CASES
    staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, is_active=False)
    _closed_agency_member(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    borough = Area.objects.get(code=BOLTON)
    assert {c.pk for c in casework.coordinators_of(borough.pk)} == {bolton.pk, whole_authority.pk, granted.pk}


def test_an_exit_review_falling_due_tells_the_borough_s_active_coordinators_only():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    staff(Role.TRIAGE_OFFICER, BOLTON)
    staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, is_active=False)
    ExitReview.objects.create(
        referral=referral_in(BOLTON), months_after_exit=6, due_on=timezone.localdate() + timedelta(days=5)
    )

    exit_reviews_due_sweep(timezone.now())

    assert _recipients(NotificationKind.REVIEW_DUE) == {coordinator.pk}


# --- Tension --------------------------------------------------------------------------------------------


def test_a_response_action_tells_the_owner_s_active_updaters_who_cover_its_area():
    owner = AgencyFactory(serves=[BOLTON])
    officer = UserFactory(agency=owner, roles=[Role.PARTNER_OFFICER])
    UserFactory(agency=owner, roles=[Role.HELPLINE_ADVISOR])  # may not update actions
    UserFactory(agency=owner, roles=[Role.PARTNER_OFFICER], is_active=False)
    staff(Role.PARTNER_OFFICER, BOLTON)  # another agency

    action_in(BOLTON, owner=owner)
    assert _recipients(NotificationKind.RESPONSE_ACTION_ASSIGNED) == {officer.pk}

    Notification.objects.all().delete()
    action_in(BURY, owner=owner)  # outside the owner's areas: nobody there could open it
    assert _recipients(NotificationKind.RESPONSE_ACTION_ASSIGNED) == set()


def test_an_alert_tells_subscribers_who_may_see_tension_in_the_area_and_nobody_else():
    bolton = Area.objects.get(code=BOLTON)

    def subscribed(person, area=None):
        AlertSubscription.objects.create(
            user=person, area=area, minimum_level=level(1), include_incident_spikes=True
        )
        return person

    local = subscribed(staff(Role.TENSION_ANALYST, BOLTON))
    whole_authority = subscribed(staff(Role.PARTNER_OFFICER, GREATER_MANCHESTER), bolton)
    subscribed(staff(Role.TENSION_ANALYST, BURY))  # all their areas: not Bolton
    subscribed(staff(Role.TENSION_ANALYST, BURY), bolton)  # a subscription outside their areas
    subscribed(staff(Role.TRIAGE_OFFICER, BOLTON), bolton)  # without VIEW_TENSION
    subscribed(staff(Role.TENSION_ANALYST, BOLTON, is_active=False), bolton)

    alert = raise_incident_spike_alert(
        actor=None, area=bolton, change_key="test:bolton", summary="Incidents above usual", details={}
    )

    told = set(AlertDelivery.objects.filter(alert=alert).values_list("user", flat=True))
    assert told == {local.pk, whole_authority.pk}


def test_the_weekly_report_goes_to_active_subscribers_and_assessors_who_may_see_tension():
    assessor = staff(Role.TENSION_ANALYST, BOLTON)
    subscriber = staff(Role.PARTNER_OFFICER, BURY)
    AlertSubscription.objects.create(user=subscriber, area=None, minimum_level=level(1))
    lost_the_role = staff(Role.TRIAGE_OFFICER, BOLTON)  # a subscription left from an earlier role
    AlertSubscription.objects.create(user=lost_the_role, area=None, minimum_level=level(1))
    staff(Role.HELPLINE_ADVISOR, BOLTON)
    staff(Role.TENSION_ANALYST, BOLTON, is_active=False)
    staff(Role.TENSION_ANALYST, BOLTON, email="")

    assert {p.pk for p in weekly_report_recipients()} == {assessor.pk, subscriber.pk}


# --- Core -----------------------------------------------------------------------------------------------


def test_a_broken_or_anchored_audit_trail_is_told_to_active_data_protection_officers_only():
    officer = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER, is_active=False)
    staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    assert tasks._data_protection_officer_emails() == [officer.email]


def test_a_stuck_queue_is_told_to_active_system_administrators_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    administrator = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, is_active=False)
    staff(Role.TRIAGE_OFFICER, BOLTON)
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    with time_machine.travel(now - timedelta(minutes=20)):
        tasks.send_email.enqueue(to=["a@example.org"], subject="Waiting", body="…")
    mail.outbox.clear()

    with time_machine.travel(now):
        assert task_queue.alert_if_stuck() is True

    [message] = mail.outbox
    assert message.to == [administrator.email]


def test_the_daily_digest_goes_to_no_closed_account(django_capture_on_commit_callbacks):
    reader = staff(Role.TRIAGE_OFFICER, BOLTON)
    closed = staff(Role.TRIAGE_OFFICER, BOLTON)
    for person in (reader, closed):
        NotificationPreference.objects.create(user=person, delivery=NotificationDelivery.DAILY_DIGEST)
        Notification.objects.create(
            recipient=person, kind=NotificationKind.REPORT_IN_QUEUE, item_key="x:1", subject="A", url="/"
        )
    closed.is_active = False
    closed.save()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_notification_digests.enqueue()

    assert [m.to for m in mail.outbox] == [[reader.email]]
