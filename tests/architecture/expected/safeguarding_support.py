"""The support part of casework: only coordinators (MANAGE_CASES) open an adopted case's support
plan, its consent-withdrawn, exit, exit review and transfer pages, and only in their boroughs
(another borough's case, and every one of these pages to anyone else, is 404, like a missing
case). Forms that only post answer GET with 405 to those who may post."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
CASE = {"referral_id": "{support_case}"}
ELSEWHERE = {"referral_id": "{support_case_elsewhere}"}


def _pages(**extra):
    return [
        ({**CASE, **extra}, only(COORDINATOR, other=404)),
        ({**ELSEWHERE, **extra}, only(COORDINATOR, ok=404, other=404)),
    ]


def _posts(**extra):
    return [({**CASE, **extra}, only(COORDINATOR, ok=405, other=404))]


EXPECTED = {
    "safeguarding:support-plan": _pages(),
    "safeguarding:record-consent-withdrawn": _pages(),
    "safeguarding:close-case": _pages(),
    "safeguarding:transfer": _pages(),
    "safeguarding:complete-exit-review": [
        ({"referral_id": "{exited_case}", "review_id": "{exit_review}"}, only(COORDINATOR, other=404)),
        (
            {"referral_id": "{support_case}", "review_id": "{exit_review}"},
            only(COORDINATOR, ok=404, other=404),
        ),
    ],
    "safeguarding:add-intervention": _posts(),
    "safeguarding:change-intervention-status": _posts(intervention_id="{intervention}"),
    "safeguarding:add-progress-note": _posts(intervention_id="{intervention}"),
    "safeguarding:add-plan-action": _posts(),
    "safeguarding:mark-plan-action-done": _posts(action_id="{plan_action}"),
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from commonground.safeguarding.actions import exit_and_transfer, support
    from tests.factories import BOLTON, OLDHAM, staff
    from tests.safeguarding.test_support_plan import adopted_referral_in

    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    today = timezone.localdate()
    case = adopted_referral_in(BOLTON)
    intervention = support.add_intervention(
        actor=coordinator,
        referral=case,
        kind="mentoring",
        provider="Mentor",
        owner=coordinator,
        starts_on=today,
        due_on=today,
    )
    plan_action = support.add_plan_action(
        actor=coordinator, referral=case, description="Call", owner=coordinator, due_on=today
    )
    # Support ended six months ago, so its 6-month review is open to complete (and linked).
    with time_machine.travel(timezone.now() - timedelta(days=183), tick=False):
        exited = adopted_referral_in(BOLTON)
        exit_and_transfer.close_case(
            actor=coordinator, referral=exited, happened_on=timezone.localdate(), reasons="Done"
        )
    return {
        "support_case": case.pk,
        "support_case_elsewhere": adopted_referral_in(OLDHAM).pk,
        "intervention": intervention.pk,
        "plan_action": plan_action.pk,
        "exited_case": exited.pk,
        "exit_review": exited.exit_reviews.get(months_after_exit=6).pk,
    }
