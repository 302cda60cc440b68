"""Emergency ("break-glass") access: a coordinator or triage officer opens ONE record outside their
areas by its reference, with a reason, for one hour. The record's owners are told at once, the
audit trail marks the opening and every page seen under it, nobody else gains anything, and after
the hour the record answers "not found" again. Failed attempts to open records out of scope are
kept for the data protection officer; a record that does not exist is not."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from commonground.core.models import (
    AuditAction,
    AuditEvent,
    BreakGlassAccess,
    Notification,
    NotificationKind,
    OutOfScopeAttempt,
)
from commonground.core.roles import Role
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Report, RoutingRule, Team
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in

pytestmark = [pytest.mark.django_db, FROZEN]

REASON = "The young person called the helpline from Bolton tonight, threatening to hurt someone"


def _referral_page(referral) -> str:
    return f"/staff/safeguarding/referrals/{referral.pk}/"


def _break_glass(client, reference: str, reason: str = REASON):
    return client.post("/staff/break-glass/", {"reference": reference, "reason": reason})


@pytest.fixture
def oldham_case():
    return referral_in(OLDHAM)


@pytest.fixture
def oldham_coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)


@pytest.fixture
def bolton_coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


def test_a_coordinator_opens_one_referral_of_another_borough_for_one_hour(
    sign_in, oldham_case, bolton_coordinator
):
    another_oldham_case = referral_in(OLDHAM)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = sign_in(bolton_coordinator)
        assert client.get(_referral_page(oldham_case)).status_code == 404

        response = _break_glass(client, oldham_case.reference.lower())

        assert response.status_code == 302 and response.url == _referral_page(oldham_case)
        page = client.get(_referral_page(oldham_case))
        assert page.status_code == 200 and oldham_case.reference in page.content.decode()
        # Exactly that record: another referral of the same borough is still out of reach.
        assert client.get(_referral_page(another_oldham_case)).status_code == 404

        # (A page every 20 minutes, within the session's idle time: the person keeps working.)
        for _ in range(2):
            clock.shift(timedelta(minutes=20))
            assert client.get(_referral_page(oldham_case)).status_code == 200
        clock.shift(timedelta(minutes=19, seconds=59))
        assert client.get(_referral_page(oldham_case)).status_code == 200
        clock.shift(timedelta(seconds=2))
        assert client.get(_referral_page(oldham_case)).status_code == 404


def test_the_owners_are_told_at_once_and_the_audit_trail_marks_the_opening_and_each_page(
    sign_in, django_capture_on_commit_callbacks, oldham_case, oldham_coordinator, bolton_coordinator
):
    client = sign_in(bolton_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _break_glass(client, oldham_case.reference)
    client.get(_referral_page(oldham_case))

    notice = Notification.objects.get(kind=NotificationKind.BREAK_GLASS_USED)
    assert notice.recipient == oldham_coordinator and notice.url == _referral_page(oldham_case)
    assert oldham_case.reference in notice.subject and oldham_case.first_name not in notice.subject
    # The opener's own borough is not told, nor the opener.
    assert not Notification.objects.filter(recipient=bolton_coordinator).exists()
    emails = [m for m in mail.outbox if m.to == [oldham_coordinator.email]]
    assert len(emails) == 1 and "emergency" in emails[0].subject

    opened = AuditEvent.objects.get(actor=bolton_coordinator, action=AuditAction.BREAK_GLASS)
    assert opened.outside_normal_scope and opened.reason == REASON
    assert opened.subject_ref == f"safeguarding.referral:{oldham_case.pk}"
    seen = AuditEvent.objects.get(
        actor=bolton_coordinator, action=AuditAction.VIEW, object_id=str(oldham_case.pk)
    )
    assert seen.outside_normal_scope and seen.changes["break_glass"] is True


def test_a_second_user_gains_nothing_from_anothers_emergency_access(sign_in, oldham_case, bolton_coordinator):
    _break_glass(sign_in(bolton_coordinator), oldham_case.reference)
    colleague = UserFactory(agency=bolton_coordinator.agency, roles=[Role.SAFEGUARDING_COORDINATOR])

    assert sign_in(colleague).get(_referral_page(oldham_case)).status_code == 404


def test_without_a_reason_nothing_opens_and_the_reference_typed_is_kept(
    sign_in, oldham_case, bolton_coordinator
):
    client = sign_in(bolton_coordinator)

    response = _break_glass(client, oldham_case.reference, reason="   ")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the reason you need to open this record in an emergency" in page
    assert f'value="{oldham_case.reference}"' in page
    assert not BreakGlassAccess.objects.exists()
    assert client.get(_referral_page(oldham_case)).status_code == 404


def test_a_reference_that_names_nothing_or_a_record_already_in_scope_is_refused_clearly(
    sign_in, bolton_coordinator
):
    client = sign_in(bolton_coordinator)
    own = referral_in(BOLTON)

    missing = _break_glass(client, "SG-AAAA-BBBB").content.decode()
    in_scope = _break_glass(client, own.reference).content.decode()

    assert "No record you could open has the reference SG-AAAA-BBBB" in missing
    assert f"You can already open {own.reference}" in in_scope
    assert not BreakGlassAccess.objects.exists()


def test_staff_without_the_permission_cannot_use_the_page(sign_in, oldham_case):
    panel_member = staff(Role.PANEL_MEMBER, BOLTON)

    assert sign_in(panel_member).get("/staff/break-glass/").status_code == 403
    assert _break_glass(sign_in(panel_member), oldham_case.reference).status_code == 403


def test_a_triage_officer_opens_a_report_of_another_team_and_that_team_is_told(sign_in):
    agency = AgencyFactory(serves=[OLDHAM])
    team = Team.objects.create(name="Oldham community safety", agency=agency)
    RoutingRule.objects.create(kind="hate_incident", borough=agency.areas.get(), team=team)
    member = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER])
    team.members.add(member)
    report = submit_report(
        actor=None,
        answers=ReportAnswers(kind="hate_incident", description="Abuse at the market.", borough_code=OLDHAM),
    ).report
    officer = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = sign_in(officer)
    assert client.get(f"/staff/reports/{report.pk}/").status_code == 404

    response = _break_glass(client, report.reference)

    assert response.status_code == 302
    assert client.get(f"/staff/reports/{report.pk}/").status_code == 200
    assert Notification.objects.filter(kind=NotificationKind.BREAK_GLASS_USED).get().recipient == member
    # A triage officer holds no casework permission: a referral cannot be opened this way.
    referral = referral_in(OLDHAM)
    refused = _break_glass(client, referral.reference).content.decode()
    assert f"No record you could open has the reference {referral.reference}" in refused
    assert Report.objects.count() == 1


def test_a_failed_attempt_out_of_scope_is_kept_and_a_missing_record_is_not(
    sign_in, oldham_case, bolton_coordinator
):
    client = sign_in(bolton_coordinator)

    out_of_scope = client.get(_referral_page(oldham_case))
    missing = client.get("/staff/safeguarding/referrals/999999/")

    assert out_of_scope.status_code == missing.status_code == 404
    # The same page either way (it differs only in the per-response nonce of its scripts).
    assert out_of_scope.templates[0].name == missing.templates[0].name == "404.html"
    attempt = OutOfScopeAttempt.objects.get()
    assert (attempt.user, attempt.record_type, attempt.record_pk, attempt.path) == (
        bolton_coordinator,
        "safeguarding.referral",
        str(oldham_case.pk),
        _referral_page(oldham_case),
    )


def test_a_failed_attempt_inside_an_action_that_rolls_back_is_still_kept(
    sign_in, oldham_case, bolton_coordinator
):
    """Recording a screening decision locks the referral inside the action's transaction: its 404
    rolls that back, and the attempt is kept all the same."""
    client = sign_in(bolton_coordinator)

    response = client.post(f"/staff/safeguarding/referrals/{oldham_case.pk}/screening/", {"outcome": "x"})

    assert response.status_code == 404
    assert OutOfScopeAttempt.objects.filter(record_pk=str(oldham_case.pk)).exists()


def test_the_dpo_home_lists_the_emergency_opening_once_not_every_page_read_under_it(
    sign_in, oldham_case, bolton_coordinator
):
    client = sign_in(bolton_coordinator)
    _break_glass(client, oldham_case.reference)
    for _ in range(3):
        client.get(_referral_page(oldham_case))

    home = sign_in(staff(Role.DATA_PROTECTION_OFFICER, OLDHAM)).get("/staff/").content.decode()

    # The opening waits for review (as an emergency opening, and among records opened outside
    # scope); the three pages read under it do not crowd the list.
    assert home.count(f"opened {oldham_case.reference}") == 2
    assert home.count(REASON) == 2
