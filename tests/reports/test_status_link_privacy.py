"""The private status link keeps its secret out of addresses: opened once, it is exchanged for the
session and the browser moves to /status/; the confirmation page reads what it shows from the
server; what a link may do is limited per link, with nothing typed lost."""

import base64
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.reports.models import Message, Report
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, send, walk

pytestmark = pytest.mark.django_db

EMAIL = "sam.private@example.org"


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


def _answers(email: str = "") -> list[tuple[str, dict]]:
    return [
        (step, {**data, "contact_email": email} if step == "contact" else data)
        for step, data in HATE_INCIDENT_ANSWERS
    ]


def _report_and_link(client: Client, email: str = "") -> tuple[Report, str]:
    """Send a report; its private link's path and secret, as the confirmation page shows them."""
    check = walk(client, "hate-incident", _answers(email))
    confirmation = client.get(send(client, "hate-incident", check)["Location"]).content.decode()
    path = re.search(r'href="http://testserver(/status/([^"/]+)/)"', confirmation)
    return Report.objects.order_by("-pk").first(), path.group(1)


def _secret(status_path: str) -> str:
    return status_path.strip("/").split("/")[1]


def _encodings(text: str) -> list[str]:
    """`text` and the ways an address could carry it (base64 of several alignments, percent-encoded)."""
    raw = text.encode()
    found = [text, text.replace("@", "%40")]
    for shift in range(3):
        encoded = base64.urlsafe_b64encode(b"x" * shift + raw).decode().rstrip("=")
        found.append(encoded[(shift * 4 + 2) // 3 + 1 : -2])  # the part that depends on `text` alone
    return found


def test_opening_the_link_moves_to_an_address_without_the_secret_in_a_new_session(teams):
    report, status_path = _report_and_link(Client())
    reporter = Client()
    reporter.get("/report/")  # a session someone may have fixed in this browser beforehand
    reporter.session.save()
    before = reporter.cookies.get(settings.SESSION_COOKIE_NAME)

    opened = reporter.get(status_path)

    assert opened.status_code == 303
    assert opened["Location"] == "/status/"
    assert opened["Referrer-Policy"] == "no-referrer"
    assert before is None or reporter.cookies[settings.SESSION_COOKIE_NAME].value != before.value
    page = reporter.get("/status/")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"  # its own forms need their Origin
    html = page.content.decode()
    assert report.reference in html and "Received" in html
    assert _secret(status_path) not in html  # the forms post to /status/, not to the link
    assert html.count('action="/status/"') == 2
    # The session keeps the secret's hash (as the database does), never the secret.
    assert _secret(status_path) not in str(dict(reporter.session))


def test_without_opening_the_link_here_the_status_page_shows_no_report(teams):
    report, status_path = _report_and_link(Client())
    Client().get(status_path)  # someone else's browser

    page = Client().get("/status/").content.decode()

    assert "Open your private link again" in page
    assert report.reference not in page


def test_a_message_sent_after_the_session_ended_is_not_sent_and_is_shown_to_copy(teams):
    _report, status_path = _report_and_link(Client())
    reporter = Client()
    reporter.get(status_path)
    reporter.session.flush()  # 30 minutes idle, or the browser closed

    page = reporter.post("/status/", {"action": "message", "body": "The bus was the 471 & it was late."})

    assert page.status_code == 200
    assert "Your message has not been sent yet" in page.content.decode()
    assert "The bus was the 471 &amp; it was late." in page.content.decode()
    assert Message.objects.count() == 0


def test_the_old_secret_address_no_longer_takes_messages(teams):
    _report, status_path = _report_and_link(Client())
    response = Client().post(status_path, {"action": "message", "body": "Hello"})
    assert response.status_code == 405
    assert Message.objects.count() == 0


def test_the_journey_addresses_carry_no_secret_and_no_email_address(teams):
    client = Client()
    check = walk(client, "hate-incident", _answers(EMAIL))
    sent = send(client, "hate-incident", check)
    addresses = [sent["Location"]]
    confirmation = client.get(sent["Location"], follow=True)
    addresses += [url for url, _status in confirmation.redirect_chain] + [confirmation.request["PATH_INFO"]]
    html = confirmation.content.decode()
    status_path = re.search(r'href="http://testserver(/status/[^"/]+/)"', html).group(1)
    secret = _secret(status_path)
    opened = client.get(status_path, follow=True)
    addresses += [url for url, _status in opened.redirect_chain]
    assert opened.status_code == 200 and Report.objects.get().reference in opened.content.decode()

    assert addresses[0] == "/report/hate-incident/sent/"
    assert confirmation["Referrer-Policy"] == "same-origin"
    assert EMAIL in html  # "We have sent your reference and your private link to …"
    for address in addresses:
        for hidden in (secret, EMAIL):
            assert not any(form in address for form in _encodings(hidden)), (address, hidden)
    # Another browser at the same address sees nothing: the page is read from this session.
    elsewhere = Client().get(addresses[0])
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/report/hate-incident/"


def test_the_confirmation_page_is_shown_for_an_hour(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    confirmation = send(client, "hate-incident", check)["Location"]
    assert client.get(confirmation).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        later = client.get(confirmation)
    assert later.status_code == 302 and later["Location"] == "/report/hate-incident/"


def test_a_status_link_that_does_too_much_is_asked_to_wait_and_keeps_what_was_typed(teams, settings):
    settings.REPORT_STATUS_ACTION_LIMIT = 2
    report, status_path = _report_and_link(Client())
    reporter = Client()
    reporter.get(status_path)
    for number in (1, 2):
        sent = reporter.post("/status/", {"action": "message", "body": f"Message {number}"})
        assert sent.status_code == 303
    events_before = AuditEvent.objects.count()

    refused = reporter.post("/status/", {"action": "message", "body": "A third, long message."})
    consent = reporter.post("/status/", {"action": "consent", "share_with": ["council"]})

    assert refused.status_code == consent.status_code == 429
    page = refused.content.decode()
    assert "You have sent a lot from this link in a short time" in page
    assert "A third, long message.</textarea>" in page  # nothing typed is lost
    assert re.search(r'value="council"[^>]*checked', consent.content.decode())
    assert list(report.messages.values_list("body", flat=True)) == ["Message 1", "Message 2"]
    assert AuditEvent.objects.count() == events_before
    assert not report.consents.filter(partner="council").exists()
    # Another report's link is not held back by this one's.
    other_report, other_path = _report_and_link(Client())
    other = Client()
    other.get(other_path)
    assert other.post("/status/", {"action": "message", "body": "Hello"}).status_code == 303
    assert other_report.messages.count() == 1
    # An hour later this link may send again.
    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        reporter.get(status_path)  # its session has ended by then: the link is opened again
        again = reporter.post("/status/", {"action": "message", "body": "A third, long message."})
    assert again.status_code == 303
    assert report.messages.count() == 3
