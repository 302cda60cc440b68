"""Lockouts per username and client address (the address our own proxy saw), and failed sign-ins
with made-up usernames that are counted rather than each written to the audit trail."""

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from commonground.core import audit, failed_sign_ins
from commonground.core.client_address import address_from, client_address
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from tests.clock import FROZEN
from tests.factories import BOLTON, staff

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]
PASSWORD = "a-long-test-password"


def _sign_in(client: Client, username: str, password: str, forwarded_for: str):
    return client.post(
        "/sign-in/",
        {"username": username, "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_a_colleague_locked_out_from_one_client_can_still_sign_in_from_another(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    attacker = Client()
    for _ in range(4):
        assert _sign_in(attacker, user.username, "wrong", "203.0.113.9").status_code == 200
    assert _sign_in(attacker, user.username, "wrong", "203.0.113.9").status_code == 429
    # The attacker stays locked out, even with the right password.
    assert _sign_in(attacker, user.username, PASSWORD, "203.0.113.9").status_code == 429

    # Both reach the app through the same proxy (same REMOTE_ADDR); the colleague's office is B.
    colleague = Client()
    response = _sign_in(colleague, user.username, PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert colleague.session["_auth_user_id"] == str(user.pk)


def test_a_client_cannot_escape_its_lockout_by_writing_its_own_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = Client()
    # The client sends made-up addresses first; our proxy appends the real one last.
    for made_up in range(5):
        _sign_in(client, user.username, "wrong", f"10.0.0.{made_up}, 203.0.113.9")
    assert _sign_in(client, user.username, PASSWORD, "10.9.9.9, 203.0.113.9").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = Client()
    for made_up in range(5):
        _sign_in(client, user.username, "wrong", f"10.0.0.{made_up}")
    assert _sign_in(client, user.username, PASSWORD, "10.9.9.9").status_code == 429


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "trusted_proxies", "expected"),
    [
        ("127.0.0.1", "", 0, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.9", 0, "127.0.0.1"),  # nobody we trust wrote it
        ("127.0.0.1", "203.0.113.9", 1, "203.0.113.9"),
        ("127.0.0.1", "1.2.3.4, 203.0.113.9", 1, "203.0.113.9"),  # leftmost is the client's claim
        ("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
        ("127.0.0.1", "203.0.113.9", 2, "127.0.0.1"),  # shorter than our proxy chain
        ("127.0.0.1", "1.2.3.4, not-an-address", 1, "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", 1, "2001:db8::1"),
        ("127.0.0.1", " 203.0.113.9 ,", 1, "203.0.113.9"),
    ],
)
def test_the_client_address_is_the_entry_our_own_proxies_wrote(
    remote_addr, forwarded_for, trusted_proxies, expected
):
    assert (
        address_from(remote_addr=remote_addr, forwarded_for=forwarded_for, trusted_proxies=trusted_proxies)
        == expected
    )


def test_the_audit_trail_records_the_client_address_behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", headers={"X-Forwarded-For": "1.2.3.4, 203.0.113.9"})
    assert client_address(request) == "203.0.113.9"
    assert audit.client_ip(request) == "203.0.113.9"

    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    _sign_in(Client(), user.username, PASSWORD, "1.2.3.4, 203.0.113.9")
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN, actor=user).ip_address == "203.0.113.9"


def test_failed_sign_ins_with_unknown_usernames_are_counted_not_each_audited():
    before = AuditEvent.objects.count()
    client = Client()
    for number in range(30):
        response = _sign_in(client, f"made-up-{number}", "wrong", "203.0.113.9")
        assert response.status_code == 200
        assert "Your username or password is not right" in response.content.decode()

    assert AuditEvent.objects.count() == before
    assert failed_sign_ins.unknown_username_failures_on(timezone.localdate()) == 30


def test_locking_out_an_unknown_username_is_counted_not_audited():
    client = Client()
    for _ in range(6):
        _sign_in(client, "nobody-by-this-name", "wrong", "203.0.113.9")
    assert not AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).exists()
    assert failed_sign_ins.unknown_username_failures_on(timezone.localdate()) >= 5


def test_failed_sign_ins_for_a_real_account_are_still_audited():
    user = staff(Role.TRIAGE_OFFICER, BOLTON)
    _sign_in(Client(), user.username, "wrong", "203.0.113.9")
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.object_id == str(user.pk)
