"""Referrals, support-plan interventions and panel packs move only by their tables: a move the
table does not allow is refused by the action and changes nothing; an allowed one is audited."""

import pytest
from django.core.exceptions import ValidationError

from commonground.core.actions import moves
from commonground.core.models import AuditAction, AuditEvent
from commonground.safeguarding import pack_workflow
from commonground.safeguarding.actions import steps, support
from commonground.safeguarding.actions.documents import prepare_panel_pack, render_prepared_panel_pack
from commonground.safeguarding.models import (
    Intervention,
    InterventionStatus,
    PanelPackFile,
    Referral,
    ReferralStatus,
    ScreeningDecision,
)
from tests.factories import BOLTON
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_panel_pack_background import meeting_of
from tests.safeguarding.test_support_plan import _intervention, adopted_referral_in, case, coordinator  # noqa: F401

pytestmark = pytest.mark.django_db


def _statuses(object_type: str, pk: int) -> list[list[str]]:
    events = AuditEvent.objects.filter(object_type=object_type, object_id=str(pk)).exclude(
        action__in=[AuditAction.VIEW, AuditAction.LIST_VIEWED, AuditAction.EXPORT]
    )
    # A creation names the initial status alone; each move names the status before and after.
    changes = [event.changes.get("status") for event in events.order_by("sequence")]
    return [status for status in changes if isinstance(status, list)]


def test_an_adopted_case_cannot_be_screened_again(coordinator):  # noqa: F811
    adopted = adopted_referral_in(BOLTON)
    with pytest.raises(ValidationError, match="You cannot record the screening decision"):
        steps.record_screening_decision(
            actor=coordinator, referral=adopted, decision="no_further_action", reasons="No risk"
        )
    assert Referral.objects.get(pk=adopted.pk).status == ReferralStatus.ADOPTED
    assert not ScreeningDecision.objects.filter(referral=adopted).exists()


def test_a_screening_decision_moves_the_referral_and_is_audited(coordinator):  # noqa: F811
    referral = referral_in(BOLTON)
    decision = steps.record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Concern is specific"
    )
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.INFORMATION_GATHERING
    assert _statuses("safeguarding.screeningdecision", decision.pk) == [
        ["to_screen", "information_gathering"]
    ]


def test_a_stopped_intervention_is_not_restarted_and_nothing_is_written(coordinator, case):  # noqa: F811
    intervention = _intervention(coordinator, case)
    support.change_intervention_status(
        actor=coordinator, referral=case, intervention_id=intervention.pk, status="stopped"
    )
    with pytest.raises(ValidationError) as refused:
        support.change_intervention_status(
            actor=coordinator, referral=case, intervention_id=intervention.pk, status="active"
        )
    assert refused.value.message_dict == {"status": ["This support is stopped: it cannot change again"]}
    assert Intervention.objects.get(pk=intervention.pk).status == InterventionStatus.STOPPED
    assert _statuses("safeguarding.intervention", intervention.pk) == [["planned", "stopped"]]


def test_each_allowed_intervention_move_is_audited(coordinator, case):  # noqa: F811
    intervention = _intervention(coordinator, case)
    for status in ("active", "planned", "active", "completed"):
        support.change_intervention_status(
            actor=coordinator, referral=case, intervention_id=intervention.pk, status=status
        )
    assert _statuses("safeguarding.intervention", intervention.pk) == [
        ["planned", "active"],
        ["active", "planned"],
        ["planned", "active"],
        ["active", "completed"],
    ]


def test_a_pack_is_made_ready_once_audited_as_its_readers_and_never_moved_again(coordinator):  # noqa: F811
    meeting = meeting_of(coordinator, 2)
    pack = prepare_panel_pack(actor=coordinator, meeting_id=meeting.pk)
    assert render_prepared_panel_pack(pack.pk).startswith("ready")
    ready = AuditEvent.objects.filter(
        object_type="safeguarding.panelpackfile", action=AuditAction.UPDATE
    ).get()
    assert (ready.actor, ready.changes) == (coordinator, {"status": ["preparing", "ready"]})

    # The worker asked twice does nothing; the table itself refuses the move from "ready".
    assert render_prepared_panel_pack(pack.pk) == "nothing to prepare"
    stored = PanelPackFile.objects.get(pk=pack.pk)
    with pytest.raises(ValidationError, match="not being prepared any more"):
        moves.make_move(stored, pack_workflow.MACHINE, pack_workflow.REFUSED)
    assert PanelPackFile.objects.get(pk=pack.pk).status == PanelPackFile.Status.READY
