"""The recorded steps of a referral: the coordinator's screening decision and the police gateway
check. Each needs its reasons, is refused from the wrong account, and is audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions.steps import record_gateway_check, record_screening_decision
from commonground.safeguarding.models import GatewayCheck, Referral, ReferralStatus, ScreeningDecision
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db


def url(referral, step):
    return f"/staff/safeguarding/referrals/{referral.pk}/{step}/"


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


def test_screening_needs_reasons(sign_in, coordinator):
    referral = referral_in(BOLTON)
    response = sign_in(coordinator).post(url(referral, "screening"), {"decision": "proceed", "reasons": " "})
    assert response.status_code == 200
    assert "Give the reasons for the decision" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert not ScreeningDecision.objects.exists()
    with pytest.raises(ValidationError):
        record_screening_decision(actor=coordinator, referral=referral, decision="proceed", reasons="")


def test_not_appropriate_for_channel_needs_the_services_signposted_to(sign_in, coordinator):
    referral = referral_in(BOLTON)
    response = sign_in(coordinator).post(
        url(referral, "screening"), {"decision": "not_appropriate", "reasons": "No ideology present"}
    )
    assert "Name the services the person was signposted to" in response.content.decode()
    assert not ScreeningDecision.objects.exists()
    with pytest.raises(ValidationError) as refused:
        record_screening_decision(
            actor=coordinator, referral=referral, decision="not_appropriate", reasons="No ideology present"
        )
    assert "signposted_to" in refused.value.message_dict
    assert Referral.objects.get().status == ReferralStatus.TO_SCREEN


def test_a_screening_decision_is_recorded_moves_the_referral_on_and_is_audited(sign_in, coordinator):
    referral = referral_in(BOLTON)
    response = sign_in(coordinator).post(
        url(referral, "screening"),
        {"decision": "not_appropriate", "reasons": "Mental health need", "signposted_to": "Early help"},
    )
    assert response.status_code == 302
    decision = ScreeningDecision.objects.get()
    assert (decision.decided_by, decision.signposted_to) == (coordinator, "Early help")
    assert Referral.objects.get().status == ReferralStatus.SIGNPOSTED
    event = AuditEvent.objects.get(object_type="safeguarding.screeningdecision")
    assert event.subject_ref == f"safeguarding.referral:{referral.pk}"
    assert event.action == AuditAction.CREATE
    assert event.changes["status"] == ["to_screen", "signposted"]
    html = sign_in(coordinator).get(f"/staff/safeguarding/referrals/{referral.pk}/").content.decode()
    assert "Signposted to: Early help" in html


def test_a_police_gateway_check_is_recorded_and_audited(sign_in, coordinator):
    referral = referral_in(BOLTON)
    record_screening_decision(
        actor=coordinator, referral=referral, decision="passed_to_police", reasons="Possible CT risk"
    )
    assert Referral.objects.get().status == ReferralStatus.WITH_POLICE
    response = sign_in(coordinator).post(
        url(referral, "gateway-check"), {"outcome": "passed_to_channel", "notes": "Deconflicted"}
    )
    assert response.status_code == 302
    check = GatewayCheck.objects.get()
    assert (check.recorded_by, check.notes) == (coordinator, "Deconflicted")
    assert Referral.objects.get().status == ReferralStatus.TO_SCREEN
    assert AuditEvent.objects.get(object_type="safeguarding.gatewaycheck").subject_ref == (
        f"safeguarding.referral:{referral.pk}"
    )


def test_a_gateway_check_needs_an_outcome(sign_in, coordinator):
    referral = referral_in(BOLTON)
    response = sign_in(coordinator).post(url(referral, "gateway-check"), {"notes": "x"})
    assert "Select the outcome of the police gateway assessment" in response.content.decode()
    assert not GatewayCheck.objects.exists()


def test_steps_are_refused_from_the_wrong_account_and_change_nothing(sign_in, coordinator):
    referral = referral_in(OLDHAM)
    client = sign_in(coordinator)
    assert client.post(url(referral, "screening"), {"decision": "proceed", "reasons": "x"}).status_code == 404
    assert client.post(url(referral, "gateway-check"), {"outcome": "police_led"}).status_code == 404
    with pytest.raises(PermissionDenied):
        record_screening_decision(actor=coordinator, referral=referral, decision="proceed", reasons="x")
    panel = staff(Role.PANEL_MEMBER, OLDHAM)
    assert (
        sign_in(panel).post(url(referral, "screening"), {"decision": "proceed", "reasons": "x"}).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        record_gateway_check(actor=panel, referral=referral, outcome="police_led")
    assert not ScreeningDecision.objects.exists()
    assert not GatewayCheck.objects.exists()
    assert Referral.objects.get().status == ReferralStatus.TO_SCREEN
