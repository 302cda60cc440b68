"""A response action moves only by its table (tension/response_workflow.py): a move the table does
not allow is refused by the action and changes nothing; an allowed one is audited."""

import pytest
from django.core.exceptions import ValidationError

from commonground.core.models import AuditAction, AuditEvent
from commonground.tension.actions.responses import complete_response_action, update_response_action_status
from commonground.tension.models import ActionStatus, ResponseAction
from tests.factories import OLDHAM
from tests.tension.assessment_builders import action_in
from tests.tension.test_response_actions import council, officer  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _status_updates(action: ResponseAction) -> list[list[str]]:
    events = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="tension.responseaction", object_id=str(action.pk)
    )
    return [event.changes["status"] for event in events.order_by("sequence")]


def test_a_cancelled_action_is_neither_reopened_nor_completed(officer, council):  # noqa: F811
    action = action_in(OLDHAM, owner=council)
    update_response_action_status(actor=officer, action=action, status=ActionStatus.CANCELLED)
    with pytest.raises(ValidationError) as reopened:
        update_response_action_status(actor=officer, action=action, status=ActionStatus.OPEN)
    assert reopened.value.message_dict == {"status": ["This action is closed and cannot change"]}
    with pytest.raises(ValidationError) as completed:
        complete_response_action(actor=officer, action=action, evidence="Removed, job 88213")
    assert completed.value.message_dict == {"evidence": ["This action is already closed"]}
    stored = ResponseAction.objects.get(pk=action.pk)
    assert (stored.status, stored.completed_at, stored.completion_evidence) == (
        ActionStatus.CANCELLED,
        None,
        "",
    )
    assert _status_updates(action) == [["open", "cancelled"]]


def test_each_allowed_move_is_audited_with_the_status_before_and_after(officer, council):  # noqa: F811
    action = action_in(OLDHAM, owner=council)
    update_response_action_status(actor=officer, action=action, status=ActionStatus.IN_PROGRESS)
    update_response_action_status(actor=officer, action=action, status=ActionStatus.OPEN)
    complete_response_action(actor=officer, action=action, evidence="Removed, job 88213")
    assert _status_updates(action) == [["open", "in_progress"], ["in_progress", "open"], ["open", "done"]]
