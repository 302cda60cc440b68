"""The referral state machine (pure): the table matches the model's statuses and the recorded steps'
outcomes, every status is reachable, the final ones stay final, and no sequence of steps leaves the
table. The process dates: the exit review window and the dates of a case's milestones."""

from collections import deque
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonground.safeguarding import workflow
from commonground.safeguarding.models import (
    GatewayOutcome,
    PanelOutcome,
    ReferralStatus,
    ScreeningOutcome,
)

FINAL = {workflow.SIGNPOSTED, workflow.NO_FURTHER_ACTION, workflow.NOT_ADOPTED}


def reachable_from(status: str) -> set[str]:
    seen, queue = {status}, deque([status])
    while queue:
        for after in workflow.MOVES[queue.popleft()].values():
            if after not in seen:
                seen.add(after)
                queue.append(after)
    return seen


def test_the_table_has_exactly_the_models_statuses_with_the_same_labels():
    assert dict(ReferralStatus.choices) == workflow.STATUS_LABELS
    assert set(workflow.MOVES) == set(ReferralStatus.values)
    assert workflow.INITIAL == ReferralStatus.TO_SCREEN
    targets = {after for moves in workflow.MOVES.values() for after in moves.values()}
    assert targets <= set(ReferralStatus.values)


def test_every_step_in_the_table_is_named_and_every_named_step_is_used():
    used = {step for moves in workflow.MOVES.values() for step in moves}
    assert used == set(workflow.STEPS)


def test_each_recorded_outcome_is_a_step_of_the_table():
    assert {workflow.screening_step(value) for value in ScreeningOutcome.values} <= set(workflow.STEPS)
    assert {workflow.gateway_step(value) for value in GatewayOutcome.values} <= set(workflow.STEPS)
    assert {workflow.panel_decision_step(value) for value in PanelOutcome.values} <= set(workflow.STEPS)


def test_every_status_is_reachable_from_a_new_referral():
    assert reachable_from(workflow.INITIAL) == set(ReferralStatus.values)


def test_final_statuses_have_no_move_and_an_ended_case_only_its_reviews():
    assert {status for status, moves in workflow.MOVES.items() if not moves} == FINAL
    assert workflow.MOVES[workflow.EXITED] == {workflow.EXIT_REVIEW_COMPLETED: workflow.EXITED}
    for status in FINAL | {workflow.EXITED}:
        assert reachable_from(status) == {status}


def test_the_moves_of_the_process():
    move = workflow.move
    assert move("to_screen", "screening:proceed") == "information_gathering"
    assert move("to_screen", "screening:passed_to_police") == "with_police"
    assert move("with_police", "gateway:passed_to_channel") == "to_screen"
    assert move("police_led", "gateway:passed_to_channel") == "to_screen"
    assert move("information_gathering", "gateway:passed_to_channel") == "information_gathering"
    assert move("information_gathering", "panel:put_on_agenda") == "at_panel"
    assert [move("at_panel", workflow.panel_decision_step(o)) for o in PanelOutcome.values] == [
        "adopted",
        "not_adopted",
        "at_panel",
    ]
    assert move("adopted", "support:exit") == "exited"
    assert move("adopted", "support:consent_withdrawn") == "exited"
    assert move("adopted", "support:transfer") == "adopted"


def test_a_move_not_in_the_table_is_refused_with_the_reason():
    with pytest.raises(workflow.MoveRefused) as refused:
        workflow.move("exited", "screening:no_further_action")
    assert str(refused.value) == (
        "You cannot record the screening decision “no further action” now: the referral is "
        "“Support ended”. You can record the screening decision “no further action” only while it is "
        "“To screen” or “Information gathering”."
    )
    assert "only while it is “Adopted as a Channel case”" in workflow.refusal("at_panel", "support:exit")
    assert "needs a new referral" in workflow.refusal("not_adopted", "panel:put_on_agenda")
    assert not workflow.can("information_gathering", "screening:proceed")
    assert workflow.allowed("information_gathering", "screening") == [
        "not_appropriate",
        "passed_to_police",
        "no_further_action",
    ]
    assert workflow.allowed("exited", "screening") == []


# What is tested is where the steps lead, not how fast they are drawn.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(workflow.STEPS), max_size=40))
def test_any_sequence_of_steps_only_yields_statuses_of_the_table(steps):
    status = workflow.INITIAL
    for step in steps:
        try:
            after = workflow.move(status, step)
        except workflow.MoveRefused:
            assert not workflow.can(status, step)
            continue
        assert after in workflow.STATUS_LABELS
        assert after in reachable_from(status)
        if status in FINAL | {workflow.EXITED}:
            assert after == status
        status = after
    assert status in set(ReferralStatus.values)


def test_an_exit_review_opens_a_month_before_it_is_due_and_never_closes():
    due = date(2027, 3, 31)
    assert workflow.review_opens_on(due) == date(2027, 2, 28)
    assert workflow.review_opens_on(date(2027, 1, 15)) == date(2026, 12, 15)
    assert workflow.review_too_early(months_after_exit=6, due_on=due, today=date(2027, 2, 27)) == (
        "The 6-month review can be completed from 28 February 2027, a month before it is due on 31 March 2027"
    )
    assert workflow.review_too_early(months_after_exit=6, due_on=due, today=date(2027, 2, 28)) == ""
    assert workflow.review_too_early(months_after_exit=6, due_on=due, today=date(2028, 1, 1)) == ""


def test_a_case_milestone_is_dated_between_adoption_and_today():
    def error(happened_on, adopted_on=date(2026, 7, 1)):
        return workflow.case_event_date_error(
            happened_on,
            today=date(2026, 11, 22),
            received_on=date(2026, 6, 1),
            adopted_on=adopted_on,
            what="support ended",
            too_early="The exit date",
        )

    assert error(date(2026, 7, 1)) == ""
    assert error(date(2026, 11, 23)) == "The date support ended must be today or in the past"
    assert (
        error(date(2026, 5, 31)) == "The exit date cannot be before the referral was received on 1 June 2026"
    )
    assert (
        error(date(2026, 6, 30)) == "The exit date cannot be before the panel adopted the case on 1 July 2026"
    )
    assert error(date(2026, 6, 30), adopted_on=None) == ""
