"""Panel packs that scale: the pack's data is gathered in the same number of queries whatever the
size of the agenda (each case still audited), and a large pack is prepared by the worker, kept for
its reader alone, announced by an email that carries no case content, and deleted a day later."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding import queries
from commonground.safeguarding.actions import panels as actions
from commonground.safeguarding.models import PanelPackFile, Referral, VulnerabilityFactor
from commonground.safeguarding.tasks import remove_expired_panel_packs
from tests.core import test_background_tasks
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.test_panels import attend, new_meeting, ready_referral

# The tests that run the worker use a database it commits to, as in production: they carry no
# django_db mark, so that the places are loaded again after the database is emptied.
_restore_after_flush = test_background_tasks._restore_after_flush
worker_db = test_background_tasks.worker_db

PANELS = "/staff/safeguarding/panels/"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Chris", last_name="Lowe")


def meeting_of(coordinator, cases: int):
    """A Bolton meeting with `cases` referrals on its agenda, each with its factors discussed."""
    meeting = new_meeting(BOLTON, coordinator)
    factors = VulnerabilityFactor.objects.filter(is_active=True)
    for number in range(cases):
        referral = ready_referral(BOLTON, first_name=f"Person{number}", last_name="Example")
        item = actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
        actions.record_factor_discussion(
            actor=coordinator,
            agenda_item=item,
            judgements={f.pk: actions.Judgement("present", f"Evidence {number}") for f in factors},
        )
    return meeting


def pack_queries(coordinator, meeting) -> tuple[int, int]:
    """The queries of gathering the pack's data, and the number of cases it holds."""
    scope = scope_for(coordinator)
    with CaptureQueriesContext(connection) as captured:
        pack = queries.panel_pack(scope, meeting.pk)
    return len(captured), len(pack.cases)


@pytest.mark.django_db
def test_gathering_the_pack_takes_the_same_queries_for_3_cases_as_for_30(coordinator):
    small, large = meeting_of(coordinator, 3), meeting_of(coordinator, 30)

    small_queries, small_cases = pack_queries(coordinator, small)
    large_queries, large_cases = pack_queries(coordinator, large)

    assert (small_cases, large_cases) == (3, 30)
    assert small_queries == large_queries
    # Still one export event per case, chained one after the other.
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(large.pk))
    referrals = Referral.objects.filter(agenda_items__meeting=large)
    assert sorted(exports.values_list("subject_ref", flat=True)) == sorted(
        audit.subject_ref_of(r) for r in referrals
    )
    assert audit.verify_chain() is None


# --- Large packs, prepared by the worker -----------------------------------------------------------


@pytest.fixture
def background(settings, worker_db):
    """The database queue and a database the worker commits to, as in production."""
    settings.TASKS = DATABASE_TASKS
    settings.PANEL_PACK_BACKGROUND_FROM = 3
    settings.PANEL_PACK_KEEP_HOURS = 24


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks):
    """Run the queued tasks, and those their commits enqueue (the email), as the worker would."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_worker", "--batch", "--no-scheduler")
        call_command("run_worker", "--batch", "--no-scheduler")

    return run


@pytest.fixture
def ask(sign_in, django_capture_on_commit_callbacks):
    """The reader asks for the meeting's pack; what their request enqueues after commit is queued."""

    def get(reader, meeting):
        with django_capture_on_commit_callbacks(execute=True):
            return sign_in(reader).get(f"{PANELS}{meeting.pk}/pack.pdf")

    return get


def test_a_small_pack_still_renders_in_the_request(background, sign_in, coordinator):
    meeting = meeting_of(coordinator, 2)

    response = sign_in(coordinator).get(f"{PANELS}{meeting.pk}/pack.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not PanelPackFile.objects.exists()


def test_a_large_pack_is_prepared_by_the_worker_and_downloaded_by_its_reader(
    background, sign_in, ask, run_worker, coordinator
):
    meeting = meeting_of(coordinator, 3)
    client = sign_in(coordinator)

    response = ask(coordinator, meeting)
    again = ask(coordinator, meeting)

    assert response.status_code == again.status_code == 200
    assert "Your panel pack is being prepared" in response.content.decode()
    assert "We will tell you when it is ready" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    pack = PanelPackFile.objects.get()  # asked twice, prepared once
    assert pack.status == PanelPackFile.Status.PREPARING
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    assert "Being prepared" in client.get(f"{PANELS}{meeting.pk}/").content.decode()

    run_worker()

    pack.refresh_from_db()
    assert pack.status == PanelPackFile.Status.READY
    # Gathered as the coordinator: each case audited as an export, as in the request.
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor_id=coordinator.pk).count() == 3
    [email] = mail.outbox
    assert email.to == [coordinator.email]
    download_url = f"{PANELS}{meeting.pk}/packs/{pack.pk}.pdf"
    assert download_url in email.body
    assert "Person" not in email.body and "Example" not in email.body and "Evidence" not in email.body
    page = client.get(f"{PANELS}{meeting.pk}/").content.decode()
    assert "Ready" in page and download_url in page

    download = client.get(download_url)

    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")
    assert download["Cache-Control"] == "no-store"
    assert f"panel-pack-{meeting.pk}-" in download["Content-Disposition"]
    downloads = AuditEvent.objects.filter(action=AuditAction.EXPORT, changes__prepared=pack.pk)
    assert sorted(downloads.values_list("subject_ref", flat=True)) == sorted(
        audit.subject_ref_of(r) for r in Referral.objects.filter(agenda_items__meeting=meeting)
    )


def test_a_prepared_pack_is_404_to_a_panel_member_and_another_boroughs_coordinator(
    background, sign_in, ask, run_worker, coordinator
):
    meeting = meeting_of(coordinator, 3)
    ask(coordinator, meeting)
    run_worker()
    pack = PanelPackFile.objects.get(status=PanelPackFile.Status.READY)
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH)
    attend(meeting, member)
    oldham = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    another_bolton_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    for reader in (member, oldham, another_bolton_coordinator):
        assert sign_in(reader).get(f"{PANELS}{meeting.pk}/packs/{pack.pk}.pdf").status_code == 404
    assert not AuditEvent.objects.filter(changes__prepared=pack.pk).exists()


def test_a_pack_is_out_of_date_once_the_agenda_changes(background, sign_in, ask, run_worker, coordinator):
    meeting = meeting_of(coordinator, 3)
    client = sign_in(coordinator)
    ask(coordinator, meeting)
    run_worker()
    assert "Out of date" not in client.get(f"{PANELS}{meeting.pk}/").content.decode()

    actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=ready_referral(BOLTON))

    assert "Out of date: the agenda changed since" in client.get(f"{PANELS}{meeting.pk}/").content.decode()


def test_the_sweep_deletes_a_pack_a_day_after_it_was_asked_for(
    background, sign_in, ask, run_worker, coordinator
):
    meeting = meeting_of(coordinator, 3)
    ask(coordinator, meeting)
    run_worker()
    pack = PanelPackFile.objects.get()
    download_url = f"{PANELS}{meeting.pk}/packs/{pack.pk}.pdf"

    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        remove_expired_panel_packs.enqueue()
        run_worker()
        assert PanelPackFile.objects.filter(pk=pack.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert sign_in(coordinator).get(download_url).status_code == 404  # expired before the sweep
        remove_expired_panel_packs.enqueue()
        run_worker()
        assert not PanelPackFile.objects.filter(pk=pack.pk).exists()
