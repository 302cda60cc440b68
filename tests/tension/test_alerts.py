"""Alerts: subscribers are told once per change, in the app and by email, when an assessment
raises an area's level to their minimum or above, or when incidents in a borough are well above
their baseline (the daily task). Running the task twice, or amending to the same level, tells
nobody twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import Area, AuditEvent
from commonground.core.roles import Role
from commonground.tension.actions.alerts import mark_alert_read, raise_incident_alerts, subscribe_to_alerts
from commonground.tension.actions.assessments import amend_assessment
from commonground.tension.models import Alert, AlertDelivery, AlertSubscription
from commonground.tension.tasks import alert_incidents_above_baseline
from commonground.tension.waiting import unread_alerts
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, staff
from tests.tension.assessment_builders import (
    analyst,
    assessment_in,
    details,
    hate_incident,
    level,
    tension_report,
    this_week,
)

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


def _lead(*codes, minimum=5, area=None, by_email=True, spikes=True):
    lead = staff(Role.PROGRAMME_MANAGER, *(codes or (OLDHAM,)))
    subscribe_to_alerts(
        actor=lead,
        area=Area.objects.get(code=area) if area else None,
        minimum_level=level(minimum),
        include_incident_spikes=spikes,
        by_email=by_email,
    )
    return lead


def test_raising_oldham_to_the_second_highest_level_tells_the_subscribed_cohesion_lead_once(
    django_capture_on_commit_callbacks,
):
    lead = _lead(OLDHAM, minimum=5)
    by = analyst(OLDHAM)
    assessment_in(OLDHAM, 2, week=this_week() - timedelta(weeks=1), by=by)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = assessment_in(OLDHAM, 5, by=by)
    alert = Alert.objects.get()
    assert alert.change_key == f"level_raised:{OLDHAM}:{this_week().isoformat()}:5"
    assert alert.assessment == assessment
    assert [d.user for d in AlertDelivery.objects.all()] == [lead]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead.email]
    assert "Oldham" in mail.outbox[0].subject and "level 5" in mail.outbox[0].subject
    assert "/staff/tension/alerts/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(object_type="tension.alert").count() == 1


def test_an_amendment_to_the_same_level_tells_nobody_again(django_capture_on_commit_callbacks):
    _lead(OLDHAM, minimum=4)
    by = analyst(OLDHAM)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = assessment_in(OLDHAM, 5, by=by)
        lower = amend_assessment(
            actor=by, assessment=assessment, expected_revision=1, details=details(2), reason="Calmer"
        )
        amend_assessment(actor=by, assessment=lower, expected_revision=2, details=details(5), reason="Again")
    assert Alert.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_higher_level_on_amendment_is_a_new_change_and_alerts(django_capture_on_commit_callbacks):
    _lead(OLDHAM, minimum=4)
    by = analyst(OLDHAM)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = assessment_in(OLDHAM, 4, by=by)
        amend_assessment(
            actor=by, assessment=assessment, expected_revision=1, details=details(6), reason="Disorder"
        )
    assert sorted(Alert.objects.values_list("change_key", flat=True)) == [
        f"level_raised:{OLDHAM}:{this_week().isoformat()}:4",
        f"level_raised:{OLDHAM}:{this_week().isoformat()}:6",
    ]
    assert len(mail.outbox) == 2


def test_no_alert_below_the_subscribers_minimum_or_when_the_level_does_not_rise():
    _lead(OLDHAM, minimum=5)
    by = analyst(OLDHAM)
    assessment_in(OLDHAM, 4, week=this_week() - timedelta(weeks=1), by=by)  # below the minimum
    assert not AlertDelivery.objects.exists()
    assessment_in(OLDHAM, 5, week=this_week() - timedelta(weeks=2), by=by)  # older: not current
    assert not Alert.objects.exists()


def test_only_subscribers_whose_scope_covers_the_area_are_told():
    inside = _lead(OLDHAM, minimum=2)
    _lead(BOLTON, minimum=2)
    ward_follower = _lead(OLDHAM, minimum=2, area=OLDHAM)  # a borough subscription covers its wards
    ward = Area.objects.filter(parent__code=OLDHAM).first()
    assessment_in(ward.code, 3, by=analyst(OLDHAM))
    assert sorted(d.user_id for d in AlertDelivery.objects.all()) == sorted([inside.pk, ward_follower.pk])


def test_a_subscriber_who_chose_no_email_is_told_only_in_the_app(django_capture_on_commit_callbacks):
    lead = _lead(OLDHAM, minimum=2, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_in(OLDHAM, 3)
    delivery = AlertDelivery.objects.get(user=lead)
    assert delivery.emailed_at is None and mail.outbox == []


def test_a_subscription_to_an_area_outside_ones_scope_is_refused():
    lead = staff(Role.PROGRAMME_MANAGER, BOLTON)
    with pytest.raises(ValidationError):
        subscribe_to_alerts(
            actor=lead,
            area=Area.objects.get(code=OLDHAM),
            minimum_level=level(3),
            include_incident_spikes=True,
            by_email=True,
        )
    assert not AlertSubscription.objects.exists()


# --- Incidents above baseline --------------------------------------------------------------------


def _busy_week_in_oldham(incidents: int = 6):
    now = timezone.now()
    start_of_week = timezone.make_aware(timezone.datetime.combine(this_week(), timezone.datetime.min.time()))
    moment = max(start_of_week + timedelta(minutes=1), now - timedelta(minutes=30))
    for number in range(incidents):
        if number % 2:
            tension_report(OLDHAM, observed_at=moment)
        else:
            hate_incident(OLDHAM, submitted_at=moment)
    tension_report(OLDHAM, observed_at=now - timedelta(weeks=4))  # a quiet quarter


def test_the_daily_task_alerts_a_spike_once_however_often_it_runs(django_capture_on_commit_callbacks):
    lead = _lead(OLDHAM, minimum=6)
    _lead(OLDHAM, minimum=2, spikes=False)
    _busy_week_in_oldham()
    with django_capture_on_commit_callbacks(execute=True):
        alert_incidents_above_baseline.enqueue()
        alert_incidents_above_baseline.enqueue()
    alert = Alert.objects.get()
    assert alert.kind == "incidents_above_baseline" and alert.area.code == OLDHAM
    assert alert.details["count"] == 6
    assert [d.user for d in AlertDelivery.objects.all()] == [lead]
    assert len(mail.outbox) == 1 and "above their usual level" in mail.outbox[0].subject


def test_an_ordinary_week_raises_no_spike_alert():
    _lead(OLDHAM, minimum=6)
    _busy_week_in_oldham(incidents=4)
    assert raise_incident_alerts() == []


# --- Pages and the staff home ---------------------------------------------------------------------


def test_the_alerts_page_lists_ones_alerts_and_marks_them_read(sign_in):
    lead = _lead(OLDHAM, minimum=2)
    assessment_in(OLDHAM, 3)
    scope = scope_for(lead)
    assert unread_alerts(scope)[0].label == "1 unread tension alert"
    client = sign_in(lead)
    page = client.get("/staff/tension/alerts/").content.decode()
    assert "Tension in Oldham raised to level 3" in page
    delivery = AlertDelivery.objects.get()
    assert client.post(f"/staff/tension/alerts/{delivery.pk}/read/").status_code == 302
    delivery.refresh_from_db()
    assert delivery.read_at is not None


def test_nobody_marks_someone_elses_alert_read(sign_in):
    lead = _lead(OLDHAM, minimum=2)
    assessment_in(OLDHAM, 3)
    delivery = AlertDelivery.objects.get(user=lead)
    other = staff(Role.PROGRAMME_MANAGER, OLDHAM)
    assert sign_in(other).post(f"/staff/tension/alerts/{delivery.pk}/read/").status_code == 404
    with pytest.raises(PermissionDenied):
        mark_alert_read(actor=other, delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.read_at is None


def test_subscribing_through_the_page_and_changing_it_keeps_one_subscription_per_area(sign_in):
    lead = staff(Role.PARTNER_OFFICER, OLDHAM)
    client = sign_in(lead)
    form = {"area": OLDHAM, "minimum_level": "4", "include_incident_spikes": "yes", "by_email": "no"}
    assert client.post("/staff/tension/alerts/subscriptions/", form).status_code == 302
    assert (
        client.post("/staff/tension/alerts/subscriptions/", {**form, "minimum_level": "3"}).status_code == 302
    )
    subscription = AlertSubscription.objects.get(user=lead)
    assert (subscription.minimum_level.rank, subscription.by_email) == (3, False)
    response = client.post("/staff/tension/alerts/subscriptions/", {**form, "minimum_level": "12"})
    assert "Select a level on the tension scale" in response.content.decode()
    assert client.post(f"/staff/tension/alerts/subscriptions/{subscription.pk}/cancel/").status_code == 302
    assert not AlertSubscription.objects.exists()
