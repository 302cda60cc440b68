"""Forum meetings, actions and lessons for the forum and lessons tests (and the URL matrix), made
through the part's own actions by a programme manager of the combined authority."""

from datetime import timedelta

from django.utils import timezone

from commonground.core.roles import Role
from commonground.programme.actions import forum as forum_actions
from commonground.programme.actions import lessons as lesson_actions
from commonground.programme.models import Readership
from tests.factories import GREATER_MANCHESTER, AgencyFactory, staff


def a_recorder(**fields):
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER, **fields)


def a_meeting(recorder=None, **details):
    recorder = recorder or a_recorder()
    values = {
        "held_at": timezone.now() - timedelta(days=3),
        "title": "Forum: autumn meeting",
        "place": "Room 2",
        "agenda": "1. Concerns from each sector",
        "minutes": "The college described memes shared by students.",
        **details,
    }
    return forum_actions.create_meeting(actor=recorder, details=forum_actions.MeetingDetails(**values))


def a_meeting_with_an_action(owner=None, *, due_in_days: int = 10):
    recorder = a_recorder()
    meeting = a_meeting(recorder)
    owner = owner or recorder
    forum_actions.add_attendee(actor=recorder, meeting=meeting, person=recorder)
    action = forum_actions.add_action(
        actor=recorder,
        meeting=meeting,
        description="Send the trust a named police contact",
        owner_agency=owner.agency,
        owner_person=owner,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )
    return meeting, action


def a_lesson(author=None, *, readers=(), **details):
    """A lesson; `readers` are agencies (or "elsewhere" for a new agency) for a named readership."""
    author = author or a_recorder()
    reader_agencies = [AgencyFactory() if reader == "elsewhere" else reader for reader in readers]
    values = {
        "title": "Memes in student group chats",
        "what_happened": "Tutors found students sharing extremist memes in a class chat.",
        "learned": "Talking about where the images came from worked better than a ban.",
        "changed": "Tutorials include a session on extremist imagery online.",
        "tags": "online, education",
        "readership": Readership.NAMED_AGENCIES if reader_agencies else Readership.PARTNERSHIP,
        "reader_agencies": reader_agencies,
        **details,
    }
    return lesson_actions.create_lesson(actor=author, details=lesson_actions.LessonDetails(**values))
