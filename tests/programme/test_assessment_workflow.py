"""The self-assessment state machine (pure): the table matches the model's statuses, every status is
reachable from the initial one, moderated is final, no sequence of moves leaves the table, and a
moderator never moderates their own borough."""

from collections import deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commonground.programme import assessment_workflow as workflow
from commonground.programme.models import AssessmentStatus, BoroughAssessment

STATUSES = sorted(workflow.ALLOWED_MOVES)


def test_the_table_has_exactly_the_models_statuses_with_the_same_labels():
    assert dict(AssessmentStatus.choices) == workflow.STATUS_LABELS
    assert set(workflow.ALLOWED_MOVES) == set(AssessmentStatus.values)
    assert all(isinstance(moves, frozenset) for moves in workflow.ALLOWED_MOVES.values())
    assert set().union(*workflow.ALLOWED_MOVES.values()) <= set(AssessmentStatus.values)


def test_the_initial_status_is_the_models_default():
    assert workflow.INITIAL == workflow.DRAFT
    assert BoroughAssessment._meta.get_field("status").default == workflow.INITIAL


def test_every_status_is_reachable_from_the_initial_one():
    seen, queue = {workflow.INITIAL}, deque([workflow.INITIAL])
    while queue:
        for after in workflow.ALLOWED_MOVES[queue.popleft()]:
            if after not in seen:
                seen.add(after)
                queue.append(after)
    assert seen == set(workflow.ALLOWED_MOVES)


def test_draft_is_submitted_then_moderated_and_moderated_is_final():
    status = workflow.move(workflow.DRAFT, workflow.SUBMITTED)
    assert workflow.move(status, workflow.MODERATED) == workflow.MODERATED
    assert workflow.is_final(workflow.MODERATED)
    for status in STATUSES:
        assert not workflow.can_move(workflow.MODERATED, status)


def test_a_draft_cannot_be_moderated_without_being_submitted():
    with pytest.raises(workflow.MoveRefused) as refused:
        workflow.move(workflow.DRAFT, workflow.MODERATED)
    assert "Draft" in str(refused.value) and "Moderated" in str(refused.value)


def test_a_submitted_assessment_can_go_back_to_the_borough():
    assert workflow.move(workflow.SUBMITTED, workflow.DRAFT) == workflow.DRAFT


@given(st.lists(st.sampled_from(STATUSES), max_size=30))
def test_no_sequence_of_moves_leaves_the_table(targets):
    status = workflow.INITIAL
    for target in targets:
        if workflow.can_move(status, target):
            status = workflow.move(status, target)
        else:
            with pytest.raises(workflow.MoveRefused):
                workflow.move(status, target)
        assert status in workflow.ALLOWED_MOVES


def test_a_moderator_cannot_moderate_their_own_borough():
    assert not workflow.may_moderate(3, {3})
    assert not workflow.may_moderate(3, frozenset({1, 3}))
    assert workflow.may_moderate(3, {1, 2})
    # A combined-authority moderator who serves no single borough may moderate any.
    assert workflow.may_moderate(3, set())


@given(st.integers(min_value=1, max_value=50), st.frozensets(st.integers(min_value=1, max_value=50)))
def test_moderating_is_refused_exactly_for_the_moderators_boroughs(borough, own_boroughs):
    assert workflow.may_moderate(borough, own_boroughs) is (borough not in own_boroughs)
