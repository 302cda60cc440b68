"""Every page that shows a person's details leaves an audit event naming that person's record.

The URL x role matrix already opens every page as every role with sample records. Here those
records carry distinctive personal values (a made-up name, telephone number, address or note that
appears nowhere else), and every page that answers 200 with one of them in its HTML must have
written, during that request, an event by that user naming the record: the record opened, the
person it is about, or a list page that names it. A new page that forgets fails here."""

import itertools
import string

import pytest
from django.contrib.auth import SESSION_KEY

from commonground.core import audit
from commonground.core.models import AuditEvent
from commonground.reports.models import HelplineCall, Report
from commonground.safeguarding.models import Referral
from tests.architecture.test_url_permissions import EXPECTED, _all_urls, _fill, _path
from tests.architecture.test_url_permissions import world as world

pytestmark = pytest.mark.django_db

# Pages of the security test's finding that show these values, each of which must be checked here
# (the triage queue, the call log and the information requests list show references rather than
# names: their list events have tests of their own).
PAGES_OF_THE_FINDING = {
    "reports:helpline-call",
    "reports:call-backs",
    "reports:call-back",
    "safeguarding:agenda-item",
    "safeguarding:panel",
    "safeguarding:panels",
    "safeguarding:list",
}


def _tokens():
    """Made-up words that cannot occur in a page by chance: "Qzv" and letters only."""
    for letters in itertools.product(string.ascii_lowercase, repeat=3):
        yield "Qzv" + "".join(letters)


def give_distinctive_personal_details() -> dict[str, set[str]]:
    """Record reference ("type:id") → the personal values only that record shows."""
    tokens = _tokens()
    markers: dict[str, set[str]] = {}
    for referral in Referral.objects.all():
        first, last = next(tokens), next(tokens)
        Referral.objects.filter(pk=referral.pk).update(first_name=first, last_name=last)
        markers[audit.subject_ref_of(referral)] = {first, last}
    for report in Report.objects.all():
        name, words = next(tokens), next(tokens)
        Report.objects.filter(pk=report.pk).update(
            contact_name=name, description=f"{words} {report.description}"
        )
        markers[audit.subject_ref_of(report)] = {name, words}
    for call in HelplineCall.objects.all():
        note = next(tokens)
        HelplineCall.objects.filter(pk=call.pk).update(notes=f"Caller {note} asked for advice")
        markers[audit.subject_ref_of(call)] = {note}
    return markers


def names_record(event: AuditEvent, ref: str) -> bool:
    return (
        event.subject_ref == ref
        or f"{event.object_type}:{event.object_id}" == ref
        or ref in (event.changes or {}).get("shown", [])
    )


def test_every_page_showing_personal_details_records_who_read_them(world):
    clients, values = world
    markers = give_distinctive_personal_details()
    unaudited, checked = [], set()
    for key, pattern, _ in _all_urls():
        for kwargs, expected in EXPECTED[key]:
            path = _path(pattern, _fill(kwargs, values))
            for role, client in clients.items():
                if expected[role] != 200:
                    continue
                before = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
                response = client.get(path)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                html = response.content.decode()
                shown = [ref for ref, personal in markers.items() if any(value in html for value in personal)]
                if not shown:
                    continue
                checked.add(key)
                events = list(
                    AuditEvent.objects.filter(
                        sequence__gt=before or 0, actor_id=client.session.get(SESSION_KEY)
                    )
                )
                for ref in shown:
                    if not any(names_record(event, ref) for event in events):
                        unaudited.append(f"{path} as {role} shows {ref} without an audit event naming it")
    assert unaudited == [], "\n".join(unaudited)
    assert checked >= PAGES_OF_THE_FINDING, f"not checked: {sorted(PAGES_OF_THE_FINDING - checked)}"
