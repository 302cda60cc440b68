"""Applicants sign in by an emailed link: single use, short-lived, never a staff session."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.grants import applicant_session
from commonground.grants.models import Applicant, SignInLink
from tests.conftest import signed_in
from tests.factories import BOLTON, AgencyFactory, UserFactory
from tests.grants.helpers import applicant_client, link_from_outbox

pytestmark = pytest.mark.django_db


def _ask(client, email, capture, next_path=""):
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post("/grants/sign-in/", {"email": email, "next": next_path})
    return response


def _path(link):
    return link.split("testserver", 1)[-1]


def test_the_link_signs_in_once_and_goes_where_the_person_was_going(django_capture_on_commit_callbacks):
    client = Client()
    response = client.get("/grants/your-applications/")
    assert response.status_code == 302 and response["Location"].startswith("/grants/sign-in/?next=")
    sent = _ask(client, "Group@Example.org", django_capture_on_commit_callbacks, "/grants/your-applications/")
    assert sent["Location"] == "/grants/sign-in/check-your-email/"
    [message] = mail.outbox
    assert message.to == ["group@example.org"] and "30 minutes" in message.body
    link = link_from_outbox("group@example.org")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    # Only the hash is stored.
    assert not SignInLink.objects.filter(token_hash=token).exists()
    assert client.get(_path(link)).status_code == 200  # opening it (a mail scanner) spends nothing
    signed = client.post(_path(link))
    assert signed["Location"] == "/grants/your-applications/"
    assert client.get("/grants/your-applications/").status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, actor_label__startswith="applicant:"
    ).exists()
    # Used once: not again, not in another browser.
    again = Client().post(_path(link))
    assert again.status_code == 404 and "does not work any more" in again.content.decode()


def test_an_expired_or_wrong_link_signs_nobody_in(django_capture_on_commit_callbacks):
    client = Client()
    _ask(client, "late@example.org", django_capture_on_commit_callbacks)
    link = link_from_outbox("late@example.org")
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(_path(link)).status_code == 404
    assert client.post("/grants/sign-in/link/made-up-token/").status_code == 404
    assert client.get("/grants/your-applications/").status_code == 302


def test_the_reply_is_the_same_whoever_the_email_belongs_to(django_capture_on_commit_callbacks):
    Applicant.objects.create(email="known@example.org")
    known = _ask(Client(), "known@example.org", django_capture_on_commit_callbacks)
    unknown = _ask(Client(), "unknown@example.org", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_a_bad_email_gets_a_clear_message_and_keeps_what_was_typed():
    page = Client().post("/grants/sign-in/", {"email": "not an email"})
    text = page.content.decode()
    assert "Enter an email address in the correct format" in text and 'value="not an email"' in text
    assert "<title>Error:" in text


def test_too_many_attempts_for_one_email_pause_it(django_capture_on_commit_callbacks):
    for number in range(applicant_session.PER_EMAIL):
        assert _ask(Client(), "busy@example.org", django_capture_on_commit_callbacks).status_code == 302, (
            number
        )
    limited = _ask(Client(), "busy@example.org", django_capture_on_commit_callbacks)
    assert limited.status_code == 429 and mail.outbox == []
    # Another address is not held back by it.
    assert _ask(Client(), "other@example.org", django_capture_on_commit_callbacks).status_code == 302


def test_too_many_attempts_from_one_address_pause_it(settings, django_capture_on_commit_callbacks):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    for number in range(applicant_session.PER_ADDRESS):
        response = _ask(client, f"person{number}@example.org", django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert _ask(client, "one-more@example.org", django_capture_on_commit_callbacks).status_code == 429
    elsewhere = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _ask(elsewhere, "one-more@example.org", django_capture_on_commit_callbacks).status_code == 302


def test_signing_out_ends_the_applicant_session_and_is_audited(django_capture_on_commit_callbacks):
    client = applicant_client("leaving@example.org", capture=django_capture_on_commit_callbacks)
    page = client.post("/grants/sign-out/")
    assert "You have signed out" in page.content.decode()
    assert client.get("/grants/your-applications/").status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_OUT, actor_label__startswith="applicant:"
    ).exists()


def test_raising_the_session_version_signs_out_every_session(django_capture_on_commit_callbacks):
    client = applicant_client("stolen@example.org", capture=django_capture_on_commit_callbacks)
    Applicant.objects.filter(email="stolen@example.org").update(session_version=2)
    assert client.get("/grants/your-applications/").status_code == 302


def test_a_staff_account_can_never_act_as_an_applicant(django_capture_on_commit_callbacks):
    officer = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.GRANTS_OFFICER])
    staff = signed_in(officer)
    assert staff.get("/grants/your-applications/").status_code == 302
    page = staff.get("/grants/sign-in/").content.decode()
    assert "A staff account cannot apply" in page
    # Asking for a link while signed in as staff sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post("/grants/sign-in/", {"email": officer.email})
    assert mail.outbox == []
    # Even with an applicant session in the same browser, the staff account is only staff.
    applicant = Applicant.objects.create(email="both@example.org")
    session = staff.session
    session[applicant_session.SESSION_KEY] = {"id": applicant.pk, "version": applicant.session_version}
    session.save()
    assert staff.get("/grants/your-applications/").status_code == 302


def test_an_applicant_can_never_open_a_staff_page(django_capture_on_commit_callbacks):
    client = applicant_client("group@example.org", capture=django_capture_on_commit_callbacks)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert "/grants/" not in response["Location"]


def test_an_optional_password_signs_in_and_forgetting_it_is_the_email_link(
    django_capture_on_commit_callbacks,
):
    client = applicant_client("pw@example.org", capture=django_capture_on_commit_callbacks)
    other_session = applicant_client("pw@example.org", capture=django_capture_on_commit_callbacks)
    short = client.post("/grants/account/password/", {"password": "short", "password_again": "short"})
    assert short.status_code == 200 and "12 characters or more" in short.content.decode()
    differ = client.post(
        "/grants/account/password/", {"password": "three random words", "password_again": "three random word"}
    )
    assert "The passwords are not the same" in differ.content.decode()
    done = client.post(
        "/grants/account/password/",
        {"password": "three random words", "password_again": "three random words"},
    )
    assert done.status_code == 302
    assert Applicant.objects.get(email="pw@example.org").password.startswith("md5$")  # tests' fast hasher
    # Setting it signs out the other sessions, not this one.
    assert client.get("/grants/your-applications/").status_code == 200
    assert other_session.get("/grants/your-applications/").status_code == 302
    fresh = Client()
    wrong = fresh.post(
        "/grants/sign-in/password/", {"email": "pw@example.org", "password": "wrong words here"}
    )
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, actor_label__startswith="applicant:"
    ).exists()
    unknown = fresh.post(
        "/grants/sign-in/password/", {"email": "nobody@example.org", "password": "whatever words"}
    )
    assert unknown.content.decode().count("not right") == wrong.content.decode().count("not right")
    right = fresh.post(
        "/grants/sign-in/password/",
        {"email": "PW@example.org", "password": "three random words", "next": "/grants/your-applications/"},
    )
    assert right.status_code == 302 and fresh.get("/grants/your-applications/").status_code == 200
    assert "Sign in with an email link" in Client().get("/grants/sign-in/password/").content.decode()


def test_wrong_passwords_lock_the_email_out_for_a_while(monkeypatch):
    monkeypatch.setattr(applicant_session, "WINDOW_SECONDS", 3)
    applicant = Applicant(email="guess@example.org")
    applicant.set_password("the real password")
    applicant.save()
    for _attempt in range(applicant_session.PER_EMAIL):
        Client().post(
            "/grants/sign-in/password/", {"email": "guess@example.org", "password": "a wrong guess"}
        )
    locked = Client().post(
        "/grants/sign-in/password/", {"email": "guess@example.org", "password": "another guess"}
    )
    assert locked.status_code == 429
    # The lock-out cools off: once its window has passed, the counter has expired and trying works again.
    time.sleep(3.5)
    again = Client().post(
        "/grants/sign-in/password/", {"email": "guess@example.org", "password": "a wrong guess"}
    )
    assert again.status_code == 200 and "not right" in again.content.decode()
