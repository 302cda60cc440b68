"""The one move helper (core/actions/moves.py) and the table shape (core/state_machine.py), and a
role request moving only by its table: decided once, audited with the status before and after."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from commonground.core import role_grant_workflow
from commonground.core.actions import moves
from commonground.core.actions.roles import approve_role_grant, decline_role_grant, request_role_grant
from commonground.core.models import AuditAction, AuditEvent, RoleGrantRequest, RoleGrantStatus
from commonground.core.roles import Role
from commonground.core.state_machine import BadTable, Machine, MoveRefused, check_move, to_any_of
from tests.factories import BOLTON, staff

DOOR = Machine(
    name="door",
    initial="shut",
    moves={"shut": {"open": "open", "lock": "locked"}, "open": {"shut": "shut"}, "locked": {}},
    refusals={"lock": "Only a shut door can be locked: this one is {state}"},
)


# --- The table shape (pure) ------------------------------------------------------------------------------


def test_a_table_gives_the_state_after_an_allowed_step_and_words_a_refused_one():
    assert check_move(DOOR, "shut", "open") == "open"
    with pytest.raises(MoveRefused, match="Only a shut door can be locked: this one is open"):
        check_move(DOOR, "open", "lock")
    with pytest.raises(MoveRefused, match="A door that is locked cannot do that now"):
        check_move(DOOR, "locked", "open")
    assert DOOR.final == {"locked"} and DOOR.allowed("shut") == ["open", "lock"]


def test_a_table_that_contradicts_itself_is_refused_when_written():
    with pytest.raises(BadTable):
        Machine(name="door", initial="ajar", moves={"shut": {}})
    with pytest.raises(BadTable):
        Machine(name="door", initial="shut", moves={"shut": {"open": "open"}})
    with pytest.raises(BadTable):
        Machine(name="door", initial="shut", moves={"shut": {}}, labels={"open": "Open"})


def test_steps_named_by_the_state_they_lead_to():
    assert to_any_of({"a": ("b",), "b": ()}) == {"a": {"b": "b"}, "b": {}}


# --- The move helper -------------------------------------------------------------------------------------


@pytest.fixture
def grant(db):
    asker = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    return request_role_grant(
        actor=asker, user=staff(Role.PANEL_MEMBER, BOLTON), role=Role.DATA_PROTECTION_OFFICER
    )


def test_a_status_moves_only_inside_a_transaction(grant, monkeypatch):
    # Tests run inside a transaction of their own: seen from the helper, outside any.
    monkeypatch.setattr(transaction.get_connection(), "in_atomic_block", False)
    with pytest.raises(transaction.TransactionManagementError):
        moves.make_move(grant, role_grant_workflow.MACHINE, role_grant_workflow.DECLINE)
    monkeypatch.undo()
    assert RoleGrantRequest.objects.get(pk=grant.pk).status == RoleGrantStatus.PENDING


def test_the_move_is_checked_from_the_stored_status_not_a_stale_copy(grant):
    stale = RoleGrantRequest.objects.get(pk=grant.pk)
    with transaction.atomic():
        moves.make_move(grant, role_grant_workflow.MACHINE, role_grant_workflow.DECLINE)
    with transaction.atomic(), pytest.raises(ValidationError, match="already been decided"):
        moves.make_move(stale, role_grant_workflow.MACHINE, role_grant_workflow.APPROVE)
    assert RoleGrantRequest.objects.get(pk=grant.pk).status == RoleGrantStatus.DECLINED


# --- Role requests, through the actions -------------------------------------------------------------------


def test_a_declined_request_cannot_be_approved_and_its_decline_is_audited(grant):
    second = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    decline_role_grant(actor=second, grant=grant, reason="Not needed")
    with pytest.raises(PermissionDenied, match="already been decided"):
        approve_role_grant(actor=staff(Role.SYSTEM_ADMINISTRATOR, BOLTON), grant=grant)
    stored = RoleGrantRequest.objects.get(pk=grant.pk)
    assert (stored.status, stored.decided_by) == (RoleGrantStatus.DECLINED, second)
    declined = AuditEvent.objects.get(action=AuditAction.ROLE_GRANT_DECLINED)
    assert declined.changes["status"] == ["pending", "declined"]
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_GRANT_APPROVED).exists()


def test_an_approval_is_audited_with_the_status_before_and_after(grant):
    approve_role_grant(actor=staff(Role.SYSTEM_ADMINISTRATOR, BOLTON), grant=grant)
    approved = AuditEvent.objects.get(action=AuditAction.ROLE_GRANT_APPROVED)
    assert approved.changes["status"] == ["pending", "approved"]
