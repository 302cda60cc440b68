"""Tension assessments, alerts and response actions. Those who follow tension (analysts, the
cohesion lead, partner officers) see assessments, actions and their own alerts, in their areas
only (another borough's assessment or action is 404, like a missing one); only analysts record and
amend assessments and create actions; analysts and partner officers update actions (their own
agency's, for partner officers: the action's rule, tested in test_response_actions). Forms that
only post answer GET with 405 to those who may post."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

ANALYST = Role.TENSION_ANALYST.value
PARTNER = Role.PARTNER_OFFICER.value
VIEWERS = (ANALYST, Role.PROGRAMME_MANAGER.value, PARTNER, Role.BOROUGH_PROGRAMME_LEAD.value)
UPDATERS = (ANALYST, PARTNER)

ASSESSMENT = {"assessment_id": "{assessment}"}
ASSESSMENT_ELSEWHERE = {"assessment_id": "{assessment_elsewhere}"}
ACTION = {"action_id": "{action}"}
ACTION_ELSEWHERE = {"action_id": "{action_elsewhere}"}

EXPECTED = {
    "tension:assessments": [({}, only(*VIEWERS))],
    "tension:new-assessment": [({}, only(ANALYST))],
    "tension:assessment": [
        (ASSESSMENT, only(*VIEWERS)),
        (ASSESSMENT_ELSEWHERE, only(*VIEWERS, ok=404)),
    ],
    "tension:amend-assessment": [
        (ASSESSMENT, only(ANALYST)),
        (ASSESSMENT_ELSEWHERE, only(ANALYST, ok=404)),
    ],
    "tension:alerts": [({}, only(*VIEWERS))],
    "tension:mark-alert-read": [({"delivery_id": "{delivery}"}, only(*VIEWERS, ok=405))],
    "tension:alert-subscriptions": [({}, only(*VIEWERS))],
    "tension:cancel-alert-subscription": [({"subscription_id": "{subscription}"}, only(*VIEWERS, ok=405))],
    "tension:actions": [({}, only(*VIEWERS))],
    "tension:new-action": [({}, only(ANALYST))],
    "tension:actions-report": [({}, only(*VIEWERS))],
    "tension:action": [(ACTION, only(*VIEWERS)), (ACTION_ELSEWHERE, only(*VIEWERS, ok=404))],
    "tension:update-action-status": [(ACTION, only(*UPDATERS, ok=405))],
    # A GET goes back to the action's page, where the form is.
    "tension:complete-action": [
        (ACTION, only(*UPDATERS, ok=302)),
        (ACTION_ELSEWHERE, only(*UPDATERS, ok=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from commonground.tension.actions.alerts import subscribe_to_alerts
    from commonground.tension.models import AlertDelivery
    from tests.factories import BOLTON, OLDHAM, staff
    from tests.tension.assessment_builders import action_in, assessment_in, level

    lead = staff(Role.PROGRAMME_MANAGER, BOLTON)
    subscription = subscribe_to_alerts(
        actor=lead, area=None, minimum_level=level(2), include_incident_spikes=True, by_email=False
    )
    assessment = assessment_in(BOLTON, 3)
    return {
        "assessment": assessment.pk,
        "assessment_elsewhere": assessment_in(OLDHAM).pk,
        "action": action_in(BOLTON).pk,
        "action_elsewhere": action_in(OLDHAM).pk,
        "subscription": subscription.pk,
        "delivery": AlertDelivery.objects.get(user=lead).pk,
    }
