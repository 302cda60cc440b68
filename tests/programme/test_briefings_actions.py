"""Writing, sending and chasing briefings, as actions: each audited; refused without an audience,
with an expiry in the past, and when chasing someone who has read it or is not in the audience.
The notice to the audience says only that a briefing is waiting and from whom: never its title or
a word of its body, in the service or by email."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import Area, AuditAction, AuditEvent, Notification
from commonground.core.roles import Role
from commonground.programme.actions import briefings as actions
from commonground.programme.models import BriefingChase, BriefingReceipt, BriefingStatus
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db

TITLE = "Qzvtitle local risk profile"
BODY = "Qzvbody far-right leafleting near the market"


def coordinators() -> Group:
    return Group.objects.get(name=Role.SAFEGUARDING_COORDINATOR.group_name)


def draft(author, **changes):
    fields = {
        "title": TITLE,
        "body": BODY,
        "marking": "official_sensitive",
        "roles": [coordinators()],
        "agencies": [],
        "boroughs": [Area.objects.get(code=BOLTON)],
        "expires_at": timezone.now() + timedelta(days=14),
    }
    fields.update(changes)
    return actions.write_briefing(actor=author, **fields)


@pytest.fixture
def people():
    return {
        "author": staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER),
        "bolton": staff(Role.SAFEGUARDING_COORDINATOR, BOLTON),
        "bolton_too": staff(Role.SAFEGUARDING_COORDINATOR, BOLTON),
        "oldham": staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),
        "analyst": staff(Role.TENSION_ANALYST, BOLTON),
    }


def test_writing_a_briefing_is_audited_and_stays_a_draft(people):
    briefing = draft(people["author"])
    assert briefing.status == BriefingStatus.DRAFT and briefing.sent_at is None
    event = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="programme.briefing", object_id=str(briefing.pk)
    )
    assert event.actor == people["author"] and event.changes["boroughs"] == [BOLTON]


def test_a_briefing_without_an_audience_is_refused_kindly(people):
    with pytest.raises(ValidationError) as refused:
        draft(people["author"], roles=[], boroughs=[])
    assert refused.value.message_dict["roles"] == [actions.NO_AUDIENCE]


def test_an_expiry_in_the_past_is_refused(people):
    with pytest.raises(ValidationError) as refused:
        draft(people["author"], expires_at=timezone.now() - timedelta(minutes=1))
    assert refused.value.message_dict["expires_on"] == [actions.EXPIRY_IN_THE_PAST]


def test_only_authors_write_briefings(people):
    with pytest.raises(PermissionDenied):
        draft(people["analyst"])


def test_sending_tells_the_audience_that_a_briefing_waits_and_never_what_it_says(
    people, django_capture_on_commit_callbacks
):
    briefing = draft(people["author"])
    with django_capture_on_commit_callbacks(execute=True):
        sent = actions.send_briefing(actor=people["author"], briefing=briefing)
    assert sent.status == BriefingStatus.SENT and sent.sent_at is not None
    told = Notification.objects.filter(item_key=f"programme.briefing:{briefing.pk}")
    assert {n.recipient for n in told} == {people["bolton"], people["bolton_too"]}
    agency = people["author"].agency.name
    for notice in told:
        assert notice.subject == f"A briefing from {agency} is waiting for you"
    assert mail.outbox, "the audience is emailed"
    for message in mail.outbox:
        for secret in ("Qzvtitle", "Qzvbody", "OFFICIAL", "risk profile", "leafleting"):
            assert secret not in message.subject and secret not in message.body
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_type="programme.briefing", object_id=str(briefing.pk)
    )
    assert event.changes["status"] == ["draft", "sent"] and event.changes["told"] == 2


def test_a_briefing_is_sent_once_and_only_by_its_author(people):
    briefing = draft(people["author"])
    other_author = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.send_briefing(actor=other_author, briefing=briefing)
    actions.send_briefing(actor=people["author"], briefing=briefing)
    with pytest.raises(ValidationError):
        actions.send_briefing(actor=people["author"], briefing=briefing)


def test_a_reader_receipt_counts_first_last_and_times(people):
    briefing = actions.send_briefing(actor=people["author"], briefing=draft(people["author"]))
    first = actions.record_opened(actor=people["bolton"], briefing=briefing)
    again = actions.record_opened(actor=people["bolton"], briefing=briefing)
    assert again.pk == first.pk and again.times_opened == 2
    assert again.last_opened_at >= again.first_opened_at
    assert actions.record_opened(actor=people["author"], briefing=briefing) is None
    assert BriefingReceipt.objects.filter(briefing=briefing).count() == 1
    assert AuditEvent.objects.filter(object_type="programme.briefingreceipt").count() == 2


def test_chasing_one_who_has_not_read_it(people, django_capture_on_commit_callbacks):
    briefing = actions.send_briefing(actor=people["author"], briefing=draft(people["author"]))
    with django_capture_on_commit_callbacks(execute=True):
        chase = actions.chase_reader(actor=people["author"], briefing=briefing, person=people["bolton_too"])
    assert BriefingChase.objects.get() == chase
    reminder = Notification.objects.get(recipient=people["bolton_too"], kind=actions.BRIEFING_CHASED)
    assert "Qzv" not in reminder.subject and reminder.subject.startswith("Reminder: A briefing from")
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="programme.briefingchase", object_id=str(chase.pk)
    ).exists()


def test_chasing_a_reader_or_someone_outside_the_audience_is_refused(people):
    briefing = actions.send_briefing(actor=people["author"], briefing=draft(people["author"]))
    actions.record_opened(actor=people["bolton"], briefing=briefing)
    with pytest.raises(ValidationError, match="already read it"):
        actions.chase_reader(actor=people["author"], briefing=briefing, person=people["bolton"])
    with pytest.raises(ValidationError, match="not in the briefing's audience"):
        actions.chase_reader(actor=people["author"], briefing=briefing, person=people["oldham"])
    assert not BriefingChase.objects.exists()
