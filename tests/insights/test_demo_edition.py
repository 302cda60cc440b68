"""The demo data publishes one statistics edition, through the publishing actions, so that the
public statistics pages show tables on a first run; loading the demo again changes nothing."""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from commonground.core.models import AuditEvent
from commonground.insights.demo import HISTORY_KEY, last_ended_quarter
from commonground.insights.models import EditionStatus, StatisticsEdition
from commonground.reports.models import Report

pytestmark = pytest.mark.django_db


def _load_demo():
    with override_settings(DEBUG=True):
        call_command("load_demo", "--quiet-sign-ins")


def test_the_demo_publishes_last_quarter_s_statistics_through_the_approval():
    _load_demo()
    edition = StatisticsEdition.objects.get()
    quarter = last_ended_quarter()
    assert (edition.status, edition.period_start, edition.period_end) == (
        EditionStatus.PUBLISHED,
        quarter.start,
        quarter.end,
    )
    assert edition.prepared_by.username == "programme"
    assert edition.approved_by.username == "dpo"
    assert edition.published_by.username == "programme"
    # Each step of the workflow left its audit event.
    assert AuditEvent.objects.filter(object_type="insights.statisticsedition").count() >= 4

    page = Client().get(reverse("insights:public-latest")).content.decode()
    assert "govuk-table" in page
    assert "Hate incidents" in page


def test_loading_the_demo_again_changes_nothing():
    _load_demo()
    history = Report.objects.filter(submission_key__startswith=HISTORY_KEY).count()
    assert history > 100
    _load_demo()
    assert StatisticsEdition.objects.count() == 1
    assert Report.objects.filter(submission_key__startswith=HISTORY_KEY).count() == history
