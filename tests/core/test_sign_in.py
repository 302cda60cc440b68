"""Signing in: password (argon2), lockout that cools off, the second factor, idle expiry, reset."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.models import AuditAction, AuditEvent, User
from commonground.core.roles import Role
from tests.factories import BOLTON, confirmed_device, staff

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_passwords_are_stored_with_argon2(settings):
    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def test_a_wrong_password_gets_a_clear_message_and_an_audit_event():
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    response = _sign_in(Client(), user.username, "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page
    assert "Your username or password is not right" in page
    assert f'value="{user.username}"' in page  # what was typed is kept
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == AuditAction.SIGN_IN_FAILED
    assert event.object_id == str(user.pk)


def test_empty_fields_get_a_message_for_each():
    page = Client().post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in page
    assert "Enter your password" in page


def test_after_five_failures_the_account_is_locked_then_the_lock_cools_off():
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = Client()
    for _ in range(4):
        assert _sign_in(client, user.username, "wrong").status_code == 200
    locked = _sign_in(client, user.username, "wrong")
    assert locked.status_code == 429
    assert "You need to wait before signing in again" in locked.content.decode()
    # Even the right password is refused while the lock holds.
    assert _sign_in(client, user.username).status_code == 429
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, object_id=str(user.pk)).exists()

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _sign_in(Client(), user.username)
    assert response.status_code == 302


def test_a_staff_user_with_a_device_must_enter_a_code_before_reaching_anything():
    user = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    device = confirmed_device(user)
    client = Client()
    response = _sign_in(client, user.username)
    assert response.status_code == 302
    home = client.get("/staff/")
    assert home.status_code == 302
    assert home["Location"].startswith("/two-factor/?next=/staff/")

    wrong = client.post("/two-factor/?next=/staff/", {"code": "000000", "next": "/staff/"})
    assert "That code is not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED, actor=user).exists()

    # django-otp slows guessing: after a wrong code the next try waits a moment.
    too_soon = client.post("/two-factor/?next=/staff/", {"code": _code(device), "next": "/staff/"})
    assert "Wait a few seconds" in too_soon.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        right = client.post("/two-factor/?next=/staff/", {"code": _code(device), "next": "/staff/"})
    assert right.status_code == 302
    assert right["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).exists()


def test_a_staff_user_without_a_device_is_taken_to_set_one_up_with_a_qr_code():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    client = Client()
    _sign_in(client, user.username)
    response = client.get("/staff/")
    assert response["Location"].startswith("/two-factor/set-up/")
    page = client.get(response["Location"])
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    done = client.post("/two-factor/set-up/", {"code": _code(device), "next": "/staff/"})

    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_ENROLLED, actor=user).exists()
    assert client.get("/staff/").status_code == 200


def test_a_code_must_be_six_digits():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    confirmed_device(user)
    client = Client()
    _sign_in(client, user.username)
    page = client.post("/two-factor/", {"code": "12ab"}).content.decode()
    assert "The code must be 6 digits" in page


def test_sessions_expire_after_thirty_idle_minutes(sign_in):
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = sign_in(user)
    assert client.get("/staff/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get("/staff/").status_code == 200  # activity keeps the session alive
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        expired = client.get("/staff/")
    assert expired.status_code == 302
    assert expired["Location"].startswith("/sign-in/")


def test_signing_out_is_a_post_and_is_audited(sign_in):
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = sign_in(user)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response["Location"] == "/signed-out/"
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=user).exists()
    assert client.get("/staff/").status_code == 302


def test_a_forged_csrf_token_gets_a_friendly_page_and_signs_nobody_in():
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = Client(enforce_csrf_checks=True)
    client.get("/sign-in/")
    response = client.post(
        "/sign-in/", {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": "forged" * 8}
    )
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password():
    user = staff(Role.TRIAGE_OFFICER, BOLTON, email="alex@example.org")
    client = Client()
    response = client.post("/password-reset/", {"email": "alex@example.org"})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "correct horse battery staple", "new_password2": "correct horse battery staple"},
    )
    assert done["Location"] == "/password-reset/done/"
    assert User.objects.get(pk=user.pk).check_password("correct horse battery staple")
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor=user).exists()


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing():
    response = Client().post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_an_open_redirect_after_sign_in_is_refused():
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    device = confirmed_device(user)
    client = Client()
    _sign_in(client, user.username)
    response = client.post("/two-factor/", {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"
