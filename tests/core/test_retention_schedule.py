"""The retention schedule covers everything: every model of ours declares how long it keeps personal
data and what happens at the end, or that it holds none (system check core.E007, which fails for a
model that says nothing); each declaration names a task that exists; the privacy notice is made
from the same declarations; tension reports' words and staff notices are swept when their time is
up; records reviewed at the end wait on the data protection officers' home."""

from datetime import timedelta

import pytest
import time_machine
from django.core import checks
from django.core.management import call_command
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone
from django.utils.module_loading import import_string

from commonground.core import retention_schedule
from commonground.core.checks import every_model_declares_its_retention, models_without_retention
from commonground.core.models import AuditAction, AuditEvent, Notification
from commonground.core.models.notifications import NotificationKind
from commonground.core.roles import Role
from commonground.core.tasks import remove_notifications_past_retention
from commonground.tension.actions.reports import erase_report_text_past_retention
from commonground.tension.models import TensionReport
from commonground.tension.queries.reports import TEXT_ERASED
from tests.factories import BOLTON, UserFactory
from tests.tension.assessment_builders import tension_report

# --- The check ----------------------------------------------------------------------------------


def test_the_check_fails_for_a_model_with_personal_data_and_no_retention_declaration():
    with isolate_apps("commonground.core") as registry:

        class CaseNote(models.Model):  # noqa: DJ008 (a model for this test only)
            person_name = models.CharField(max_length=100)
            note = models.TextField()

            class Meta:
                app_label = "core"

        CaseNote.__module__ = "commonground.core.models.case_notes"
        errors = models_without_retention(registry.get_models())

        assert [(error.id, error.msg) for error in errors] == [
            ("core.E007", "core.CaseNote declares no retention.")
        ]
        assert isinstance(errors[0], checks.Error) and "retention.py" in errors[0].hint

        retention_schedule.declare(
            "core.CaseNote",
            what="Case notes",
            starts="from the day written",
            at_the_end=retention_schedule.AtTheEnd.ERASE,
            enforced_by="commonground.core.tasks.remove_notifications_past_retention",
            days=365,
        )
        try:
            assert models_without_retention(registry.get_models()) == []
        finally:
            retention_schedule._SCHEDULE.pop("core.casenote")


def test_a_record_that_follows_an_undeclared_one_fails_the_check():
    retention_schedule.declare(
        "core.Orphan",
        what="Notes",
        starts="with their record",
        at_the_end=retention_schedule.AtTheEnd.ERASE,
        enforced_by="commonground.core.tasks.remove_notifications_past_retention",
        follows="core.NothingDeclared",
    )
    try:
        messages = [error.msg for error in every_model_declares_its_retention(None)]
    finally:
        retention_schedule._SCHEDULE.pop("core.orphan")
    assert messages == ["core.orphan follows core.nothingdeclared, which declares no retention."]


@pytest.mark.django_db
def test_every_model_of_the_project_declares_its_retention_and_the_check_passes():
    assert every_model_declares_its_retention(None) == []
    call_command("check", fail_level="ERROR")


def test_every_declaration_names_a_task_or_list_that_exists():
    for entry in retention_schedule.schedule():
        enforcer = import_string(entry.enforced_by)  # a task (run by the worker) or a function
        assert callable(getattr(enforcer, "call", enforcer)), entry.label
        if entry.follows is None:
            assert entry.period_days and entry.period_days > 0, entry.label


def test_tension_reports_helpline_calls_messages_notices_and_audit_reasons_are_covered():
    for label in (
        "tension.tensionreport",
        "reports.helplinecall",
        "reports.message",
        "core.notification",
        "core.auditevent",
    ):
        assert retention_schedule.retention_for(label) is not None, label
    assert "reasons" in str(retention_schedule.retention_for("core.auditevent").what)


# --- The privacy notice ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_privacy_notice_lists_every_declared_record_with_the_period_the_settings_hold(
    client, settings, django_assert_num_queries
):
    settings.REPORT_RETENTION_DAYS = 3 * 365
    with django_assert_num_queries(0):
        page = client.get("/privacy/").content.decode().replace("&#x27;", "'")

    for entry in retention_schedule.schedule():
        assert str(entry.what) in page, entry.label
    report_row = page[page.index('<td class="govuk-table__cell">Reports to the report line') :]
    assert report_row.index("3 years") < report_row.index("</tr>")
    assert "2 years" in page and "7 years" in page
    for reason in set(retention_schedule.NO_PERSONAL_DATA.values()):
        assert reason not in page


# --- The sweeps -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_tension_reports_words_are_erased_when_its_period_is_over_and_its_facts_kept(settings):
    settings.TENSION_REPORT_TEXT_RETENTION_DAYS = 365
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        old = tension_report(BOLTON)
    recent = tension_report(BOLTON)
    old_facts = (
        old.category,
        old.source_type,
        old.observed_at,
        list(old.areas.values_list("code", flat=True)),
    )

    assert erase_report_text_past_retention() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.description == TEXT_ERASED and old.handling_conditions == ""
    assert (
        old.category,
        old.source_type,
        old.observed_at,
        list(old.areas.values_list("code", flat=True)),
    ) == old_facts
    assert recent.description == "Stickers on the bus shelter"
    event = AuditEvent.objects.get(action=AuditAction.ERASE, object_type="tension.tensionreport")
    assert event.object_id == str(old.pk) and event.actor is None
    # A second run changes nothing.
    assert erase_report_text_past_retention() == 0
    assert TensionReport.objects.count() == 2


@pytest.mark.django_db
def test_staff_notices_are_removed_when_their_period_is_over(settings):
    settings.NOTIFICATION_RETENTION_DAYS = 30
    person = UserFactory()
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        Notification.objects.create(
            recipient=person, kind=NotificationKind.SHARING_REFUSED, item_key="old", subject="Old"
        )
    Notification.objects.create(
        recipient=person, kind=NotificationKind.SHARING_REFUSED, item_key="new", subject="New"
    )

    assert remove_notifications_past_retention.call() == 1

    assert list(Notification.objects.values_list("item_key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_records_reviewed_at_the_end_wait_on_the_data_protection_officers_home(sign_in):
    from commonground.programme.models import ForumMeeting

    officer = UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])
    home = sign_in(officer).get("/staff/").content.decode()
    assert "Records past their retention period, to review" in home
    assert "No record waits for a retention review." in home

    ForumMeeting.objects.create(
        held_at=timezone.now() - timedelta(days=7 * 365), title="Cohesion forum", created_by=officer
    )

    home = sign_in(officer).get("/staff/").content.decode()
    assert "1 past 2190 days" in home
