"""Recording audits and marking their actions done: the date never in the future, a finding for
each checklist item, "meets with actions" with its actions; the entry's latest audit kept on it
(by date, not by when it was typed); who may; the audit trail; nothing saved when refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.directory.actions.audits import ActionAgreed, Finding, mark_action_done, record_audit
from commonground.directory.models import Audit, AuditAction, AuditResult
from tests.directory.world import a_lead, all_met, an_audit, an_entry, postcodes
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _postcodes():
    postcodes()


def test_an_audit_is_recorded_and_becomes_the_entrys_latest():
    lead = a_lead()
    entry = an_entry(lead)
    audit = an_audit(entry, lead, result=AuditResult.MEETS, days_ago=3)
    entry.refresh_from_db()
    assert entry.latest_audit_on == TODAY() - timedelta(days=3)
    assert entry.latest_audit_result == AuditResult.MEETS
    assert audit.findings.count() == 8 and audit.auditor == lead
    event = AuditEvent.objects.get(object_type="directory.audit", action="create")
    assert event.actor == lead and event.changes["result"] == "meets"


def test_an_older_audit_typed_later_does_not_replace_the_latest():
    entry = an_entry()
    an_audit(entry, result=AuditResult.DOES_NOT_MEET, days_ago=5)
    an_audit(entry, result=AuditResult.MEETS, days_ago=50)
    entry.refresh_from_db()
    assert entry.latest_audit_result == AuditResult.DOES_NOT_MEET


def test_an_audit_in_the_future_is_refused():
    entry = an_entry()
    with pytest.raises(ValidationError) as refused:
        an_audit(entry, days_ago=-1)
    assert "today" in refused.value.message_dict["audited_on"][0]
    assert not Audit.objects.exists()
    entry.refresh_from_db()
    assert entry.latest_audit_on is None


def test_every_checklist_item_needs_a_finding():
    entry = an_entry()
    with pytest.raises(ValidationError) as refused:
        record_audit(
            actor=a_lead(),
            entry=entry,
            audited_on=TODAY(),
            result=AuditResult.MEETS,
            findings=all_met(entry)[1:],
        )
    assert "Answer every item" in refused.value.message_dict["findings"][0]
    doubled = [*all_met(entry), Finding(item=all_met(entry)[0].item, met=False)]
    with pytest.raises(ValidationError):
        record_audit(
            actor=a_lead(), entry=entry, audited_on=TODAY(), result=AuditResult.MEETS, findings=doubled
        )
    assert not Audit.objects.exists()


def test_meets_with_actions_needs_an_action_due_after_the_audit():
    entry = an_entry()
    with pytest.raises(ValidationError) as refused:
        an_audit(entry, result=AuditResult.MEETS_WITH_ACTIONS)
    assert "Add the actions" in refused.value.message_dict["actions"][0]
    with pytest.raises(ValidationError) as refused:
        an_audit(
            entry,
            result=AuditResult.MEETS_WITH_ACTIONS,
            days_ago=10,
            actions=[ActionAgreed("Signage", TODAY() - timedelta(days=20))],
        )
    assert "due on or after the audit" in refused.value.message_dict["actions"][0]
    assert not Audit.objects.exists() and not AuditAction.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.REPORTING_CENTRE_WORKER, Role.GRANTS_OFFICER])
def test_only_auditors_may_record_an_audit(role):
    entry = an_entry()
    with pytest.raises(PermissionDenied):
        an_audit(entry, staff(role, BOLTON))
    assert not Audit.objects.exists()


def test_another_boroughs_lead_may_not_audit():
    entry = an_entry()
    with pytest.raises(PermissionDenied):
        an_audit(entry, a_lead(OLDHAM))
    assert not Audit.objects.exists()


def _open_action(entry, actor=None):
    audit = an_audit(
        entry,
        actor,
        result=AuditResult.MEETS_WITH_ACTIONS,
        actions=[ActionAgreed("Put up signage", TODAY() + timedelta(days=14))],
    )
    return audit.actions.get()


def test_an_action_is_marked_done_once():
    lead = a_lead()
    action = _open_action(an_entry(lead), lead)
    done = mark_action_done(actor=lead, action=action)
    assert done.done_on == TODAY() and done.done_by == lead
    assert AuditEvent.objects.filter(
        object_type="directory.auditaction", action="update", actor=lead
    ).exists()
    with pytest.raises(ValidationError) as refused:
        mark_action_done(actor=lead, action=action)
    assert "already marked done" in refused.value.messages[0]


def test_another_boroughs_lead_may_not_mark_an_action_done():
    action = _open_action(an_entry())
    with pytest.raises(PermissionDenied):
        mark_action_done(actor=a_lead(OLDHAM), action=action)
    action.refresh_from_db()
    assert action.done_on is None
