"""The second factor cannot be swapped with a password alone; recovery codes; session keys that
change at each step of signing in; and sessions that end after an absolute lifetime."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from tests.factories import BOLTON, confirmed_device, staff

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_only(user) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _fully_signed_in(user, device: TOTPDevice) -> Client:
    client = _password_only(user)
    response = client.post("/two-factor/", {"code": _code(device), "next": "/staff/"})
    assert response["Location"] == "/staff/"
    return client


def _enrol(client: Client, user) -> list[str]:
    """Set up an authenticator on the set-up page; returns the recovery codes shown once after."""
    client.get("/two-factor/set-up/")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).get()
    done = client.post("/two-factor/set-up/", {"code": _code(device), "next": "/staff/"})
    assert done.status_code == 302
    assert done["Location"].startswith("/two-factor/recovery-codes/")
    page = client.get(done["Location"]).content.decode()
    return re.findall(r'<li class="cg-recovery-code">([a-z2-7]{4}-[a-z2-7]{4})</li>', page)


# --- The attack: a stolen password must not be enough to replace the authenticator ---------------


def test_a_password_alone_cannot_replace_an_existing_authenticator():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    own_device = confirmed_device(user)
    attacker = _password_only(user)

    page = attacker.get("/two-factor/set-up/")

    # No new secret is offered: the attacker is sent to enter a code from the existing device.
    assert page.status_code == 302
    assert page["Location"].startswith("/two-factor/?next=")
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()

    # Confirming a device the attacker made some other way is refused as well.
    planted = TOTPDevice.objects.create(user=user, name="Planted", confirmed=False)
    confirm = attacker.post("/two-factor/set-up/", {"code": _code(planted), "next": "/staff/"})
    assert confirm.status_code == 302
    assert confirm["Location"].startswith("/two-factor/?next=")
    planted.refresh_from_db()
    assert not planted.confirmed
    own_device.refresh_from_db()
    assert own_device.confirmed
    # Still not signed in fully: the staff area asks for the existing device's code.
    assert attacker.get("/staff/")["Location"].startswith("/two-factor/?next=/staff/")
    assert not AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_ENROLLED).exists()


def test_a_password_alone_cannot_replace_recovery_codes_either():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    attacker = _password_only(user)
    page = attacker.get("/two-factor/set-up/")
    assert page["Location"].startswith("/two-factor/?next=")


def test_after_a_full_sign_in_the_authenticator_can_be_replaced():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    old_device = confirmed_device(user)
    client = _fully_signed_in(user, old_device)

    page = client.get("/two-factor/set-up/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    codes = _enrol(client, user)

    assert len(codes) == 10
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/staff/").status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_ENROLLED, actor=user)
    assert event.changes == {"replaced_an_existing_device": True, "recovery_codes_issued": 10}


def test_the_staff_home_links_to_changing_the_authenticator(sign_in):
    client = sign_in(staff(Role.TRIAGE_OFFICER, BOLTON))
    assert 'href="/two-factor/set-up/"' in client.get("/staff/").content.decode()


# --- Recovery codes -----------------------------------------------------------------------------


def test_recovery_codes_are_shown_once_after_enrolment():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    client = _password_only(user)
    codes = _enrol(client, user)

    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in codes}

    again = client.get("/two-factor/recovery-codes/").content.decode()
    assert codes[0] not in again
    assert "were shown once" in again


def test_each_recovery_code_signs_in_once_and_is_audited():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    codes = _enrol(_password_only(user), user)

    first = _password_only(user)
    # Typed with spaces or capitals, as people copy them from paper.
    used = first.post("/two-factor/", {"code": codes[0].upper().replace("-", " "), "next": "/staff/"})
    assert used["Location"] == "/staff/"
    assert first.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODE_USED, actor=user).count() == 1
    assert StaticToken.objects.filter(device__user=user).count() == 9

    second = _password_only(user)
    reused = second.post("/two-factor/", {"code": codes[0], "next": "/staff/"})
    assert "That code is not right" in reused.content.decode()
    assert second.get("/staff/")["Location"].startswith("/two-factor/")
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED, actor=user).exists()

    # Another code still works (after django-otp's short wait following the wrong one).
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        other = second.post("/two-factor/", {"code": codes[1], "next": "/staff/"})
    assert other["Location"] == "/staff/"


def test_a_recovery_code_cannot_be_used_to_set_up_a_device():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    client = _password_only(user)
    client.get("/two-factor/set-up/")
    page = client.post("/two-factor/set-up/", {"code": "abcd-efgh"}).content.decode()
    assert "The code must be 6 digits" in page


# --- Session keys change at each step ----------------------------------------------------------


def test_the_session_key_changes_after_the_password_and_after_the_second_factor():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    device = confirmed_device(user)
    client = Client()
    client.get("/sign-in/")
    client.session.save()  # a session before signing in, as a visitor to public pages has
    before = client.session.session_key

    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    after_password = client.session.session_key
    client.post("/two-factor/", {"code": _code(device), "next": "/staff/"})
    after_second_factor = client.session.session_key

    assert len({before, after_password, after_second_factor}) == 3
    assert client.get("/staff/").status_code == 200


def test_the_session_key_changes_after_enrolment():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    client = _password_only(user)
    after_password = client.session.session_key
    _enrol(client, user)
    assert client.session.session_key != after_password


# --- Absolute session lifetime -----------------------------------------------------------------


def test_a_session_ends_after_twelve_hours_even_when_active_throughout(sign_in):
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = sign_in(user)
        # A request every 20 minutes keeps the 30-minute idle timeout from ever striking.
        for _ in range(35):  # 11 h 40 min
            clock.shift(timedelta(minutes=20))
            assert client.get("/staff/").status_code == 200
        clock.shift(timedelta(minutes=21))  # 12 h 1 min after signing in
        ended = client.get("/staff/")
    assert ended.status_code == 302
    assert ended["Location"].startswith("/sign-in/")
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=user).exists()


def test_the_absolute_session_lifetime_is_a_setting(sign_in, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 60 * 60
    client = sign_in(staff(Role.TRIAGE_OFFICER, BOLTON))
    with time_machine.travel(timezone.now() + timedelta(minutes=25)):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=50)):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get("/staff/").status_code == 302


def test_an_administrators_reset_removes_the_authenticator_and_the_recovery_codes(sign_in):
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    _enrol(_password_only(user), user)
    device = TOTPDevice.objects.get(user=user)
    administrator = sign_in(staff(Role.SYSTEM_ADMINISTRATOR, BOLTON))

    response = administrator.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    # At the next sign-in the person sets up afresh.
    assert _password_only(user).get("/staff/")["Location"].startswith("/two-factor/set-up/")
