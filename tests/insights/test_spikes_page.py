"""Spike detection for analysts, and the spikes of the latest complete week feeding the tension
alerts once per change."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from commonground.core.roles import Role
from commonground.insights import spike_alerts
from commonground.insights.queries import spikes as queries
from commonground.insights.tasks import refresh_spikes
from commonground.tension.models import Alert, AlertDelivery, AlertKind, AlertSubscription, TensionLevel
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, staff
from tests.insights import staff_builders as build

pytestmark = pytest.mark.django_db

# A Wednesday: the latest complete week started on Monday 9 November 2026.
NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)
LAST_WEEK = date(2026, 11, 9)


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, BOLTON)


@pytest.fixture
def spikes_once_computed(django_capture_on_commit_callbacks):
    """The page as an analyst sees it once the refresh their first visit asked for has run (tasks
    run at once in tests, after the request's commit)."""

    def get(user, params=None):
        client = signed_in(user)
        with django_capture_on_commit_callbacks(execute=True):
            client.get(reverse("insights:staff-spikes"), params or {})
        return client.get(reverse("insights:staff-spikes"), params or {})

    return get


def _steady_then_spike(borough: str, *, weeks: int, spike: int, strand: str = "race"):
    """One incident a week (on the Tuesday) for `weeks` weeks before LAST_WEEK, then `spike` in it."""
    for monday in build.weeks(date.fromordinal(LAST_WEEK.toordinal() - 7 * weeks), weeks):
        build.incident(borough, date.fromordinal(monday.toordinal() + 1), strand)
    for _ in range(spike):
        build.incident(borough, date(2026, 11, 10), strand)


def test_the_latest_complete_week_is_the_one_before_this_one():
    assert queries.latest_complete_week(date(2026, 11, 18)) == LAST_WEEK
    assert queries.latest_complete_week(date(2026, 11, 16)) == LAST_WEEK  # a Monday
    assert queries.latest_complete_week(date(2026, 11, 22)) == LAST_WEEK  # a Sunday: not over yet


def test_a_week_far_above_the_weeks_before_is_listed_by_ears_c2(analyst, spikes_once_computed):
    _steady_then_spike(BOLTON, weeks=12, spike=8)
    _steady_then_spike(BURY, weeks=12, spike=8)  # outside the analyst's scope
    with time_machine.travel(NOW, tick=False):
        response = spikes_once_computed(analyst, {"method": "ears_c2"})
    data = response.context["data"]
    # Baseline: the 7 weeks before a 2-week gap, all 1: mean 1, sd 0 floored to 1; threshold
    # 1 + 3 * 1 = 4; the week's 8 is above it and at least 5.
    assert [(r.borough.code, r.strand_code, r.week_start, r.count) for r in data.rows] == [
        (BOLTON, "all", LAST_WEEK, 8),
        (BOLTON, "race", LAST_WEEK, 8),
    ]
    assert data.rows[0].expected == 1 and data.rows[0].threshold == 4
    content = response.content.decode()
    assert "Spikes in hate incidents" in content and "9 Nov 2026" in content and "Bury" not in content


def test_the_farrington_method_flags_a_spike_against_the_same_weeks_a_year_before(
    analyst, spikes_once_computed
):
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    with time_machine.travel(NOW, tick=False):
        data = spikes_once_computed(analyst).context["data"]
    assert data.method == "farrington"
    flagged = {(r.strand_code, r.week_start) for r in data.rows}
    assert ("all", LAST_WEEK) in flagged
    row = next(r for r in data.rows if r.strand_code == "all")
    assert row.count == 12 and row.expected == pytest.approx(1.0) and row.threshold < 12


def test_quiet_weeks_show_that_there_are_no_spikes(analyst, spikes_once_computed):
    _steady_then_spike(BOLTON, weeks=12, spike=1)
    with time_machine.travel(NOW, tick=False):
        response = spikes_once_computed(analyst, {"method": "ears_c2"})
    assert "No spikes" in response.content.decode()


def test_an_unknown_method_is_refused_with_a_message(analyst):
    response = signed_in(analyst).get(reverse("insights:staff-spikes"), {"method": "guess"})
    assert "Choose a method from the list" in response.content.decode()


def test_staff_without_the_insights_permission_are_refused():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    assert signed_in(coordinator).get(reverse("insights:staff-spikes")).status_code == 403


def test_spikes_in_the_latest_complete_week_raise_tension_alerts_once(analyst):
    subscriber = staff(Role.TENSION_ANALYST, BOLTON)
    AlertSubscription.objects.create(user=subscriber, minimum_level=TensionLevel.objects.get(rank=4))
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    raised = spike_alerts.raise_spike_alerts(today=date(2026, 11, 18))
    keys = sorted(alert.change_key for alert in raised)
    assert keys == ["spike:E08000001:all:2026-11-09", "spike:E08000001:race:2026-11-09"]
    assert all(alert.kind == AlertKind.INCIDENTS_ABOVE_BASELINE for alert in raised)
    assert "Hate incidents in Bolton are above their usual level" in raised[0].summary
    assert AlertDelivery.objects.filter(user=subscriber).count() == 2
    # The daily run again: the same changes alert nobody a second time.
    cache.clear()
    assert spike_alerts.raise_spike_alerts(today=date(2026, 11, 20)) == []
    assert Alert.objects.filter(change_key__startswith="spike:").count() == 2


def test_the_daily_task_raises_the_spike_alerts():
    from commonground.insights.tasks import alert_incident_spikes

    subscriber = staff(Role.TENSION_ANALYST, BOLTON)
    AlertSubscription.objects.create(user=subscriber, minimum_level=TensionLevel.objects.get(rank=4))
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    with time_machine.travel(NOW, tick=False):
        assert alert_incident_spikes.call() == 2
        assert alert_incident_spikes.call() == 0


# --- Never worked out in a web request -------------------------------------------------------------


@pytest.fixture
def no_fitting_in_requests(monkeypatch):
    """Fitting the spike models fails the test if a web request tries it."""

    def refuse(*args, **kwargs):
        raise AssertionError("a web request fitted the spike models")

    monkeypatch.setattr(queries.surveillance, "detect_spikes", refuse)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued_refreshes() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="commonground.insights.tasks.refresh_spikes").count()


def test_a_cold_page_asks_the_worker_once_and_fits_nothing(
    analyst, database_queue, no_fitting_in_requests, django_capture_on_commit_callbacks
):
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    other_analyst = staff(Role.TENSION_ANALYST, BOLTON)

    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        first = signed_in(analyst).get(reverse("insights:staff-spikes"))
        second = signed_in(other_analyst).get(reverse("insights:staff-spikes"))

    for response in (first, second):
        assert response.status_code == 200
        assert "The spikes are being computed" in response.content.decode()
        assert "No spikes" not in response.content.decode()
    assert _queued_refreshes() == 1


def test_the_refresh_task_fills_the_cache_and_the_page_shows_when_it_was_computed(
    analyst, database_queue, monkeypatch, django_capture_on_commit_callbacks
):
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    early = datetime(2026, 11, 18, 3, 5, tzinfo=UTC)
    with time_machine.travel(early, tick=False), django_capture_on_commit_callbacks(execute=True):
        signed_in(analyst).get(reverse("insights:staff-spikes"))
    assert _queued_refreshes() == 1
    with time_machine.travel(datetime(2026, 11, 18, 3, 10, tzinfo=UTC), tick=False):
        refresh_spikes.call(method="farrington")  # what the worker runs
        assert cache.get(queries.last_result_key("farrington"))[0] == LAST_WEEK

    def refuse(*args, **kwargs):
        raise AssertionError("a web request fitted the spike models")

    monkeypatch.setattr(queries.surveillance, "detect_spikes", refuse)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = signed_in(analyst).get(reverse("insights:staff-spikes"))
    content = response.content.decode()
    assert "Computed at 03:10 today." in content
    assert ("all", LAST_WEEK) in {(r.strand_code, r.week_start) for r in response.context["data"].rows}
    assert _queued_refreshes() == 1  # the warmed result asked for nothing more


def test_last_weeks_result_is_shown_while_this_weeks_is_computed(
    analyst, database_queue, django_capture_on_commit_callbacks
):
    _steady_then_spike(BOLTON, weeks=60, spike=12)
    with time_machine.travel(NOW, tick=False):
        queries.detect(method="farrington", last_week=LAST_WEEK)
    a_week_later = datetime(2026, 11, 25, 12, tzinfo=UTC)

    with time_machine.travel(a_week_later, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = signed_in(analyst).get(reverse("insights:staff-spikes"))

    content = response.content.decode()
    assert "Computed at 12:00 on 18 November 2026." in content
    assert (
        "the latest week&#x27;s are being computed" in content
        or "the latest week's are being computed" in content
    )
    assert response.context["data"].rows
    assert _queued_refreshes() == 1


def test_the_daily_task_warms_every_method_in_the_cache():
    from commonground.insights.tasks import alert_incident_spikes

    _steady_then_spike(BOLTON, weeks=12, spike=8)
    with time_machine.travel(NOW, tick=False):
        alert_incident_spikes.call()

        for method in queries.METHODS:
            week, _ = cache.get(queries.last_result_key(method))
            assert week == LAST_WEEK
