"""The forum's actions: each write audited in its own transaction; refused without the permission
to run the forum; a stale edit refused with what changed; an action marked done by its owner (who
need not follow the programme) or a recorder, and by nobody else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.programme.actions import forum as actions
from commonground.programme.models import ForumAttendee, ForumMeeting
from tests.factories import BOLTON, staff
from tests.programme.forum_world import a_meeting, a_meeting_with_an_action, a_recorder

pytestmark = pytest.mark.django_db


def details(**changes):
    values = {"held_at": timezone.now(), "title": "Forum", "place": "", "agenda": "", "minutes": ""}
    return actions.MeetingDetails(**{**values, **changes})


def test_recording_a_meeting_is_audited():
    recorder = a_recorder()
    meeting = a_meeting(recorder, title="  Winter forum ")
    assert meeting.title == "Winter forum"
    event = AuditEvent.objects.get(object_type="programme.forummeeting", action="create")
    assert event.actor == recorder
    assert event.changes["title"] == "Winter forum"


def test_a_meeting_needs_the_permission_to_run_the_forum():
    partner = staff(Role.PARTNER_OFFICER, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.create_meeting(actor=partner, details=details())
    assert not ForumMeeting.objects.exists()
    assert not AuditEvent.objects.filter(object_type="programme.forummeeting").exists()


def test_a_meeting_needs_a_title():
    with pytest.raises(ValidationError) as refused:
        actions.create_meeting(actor=a_recorder(), details=details(title="  "))
    assert refused.value.message_dict == {"title": ["Enter the meeting's title"]}


def test_an_edit_from_a_stale_page_is_refused_naming_what_changed():
    recorder, colleague = a_recorder(), a_recorder()
    meeting = a_meeting(recorder, minutes="First draft")
    actions.edit_meeting(
        actor=colleague,
        meeting=meeting,
        expected_version=1,
        details=details(
            held_at=meeting.held_at,
            title=meeting.title,
            place=meeting.place,
            agenda=meeting.agenda,
            minutes="Colleague's minutes",
        ),
    )
    with pytest.raises(actions.MeetingConflict) as conflict:
        actions.edit_meeting(
            actor=recorder,
            meeting=meeting,
            expected_version=1,
            details=details(held_at=meeting.held_at, title="My title", minutes="My minutes"),
        )
    assert conflict.value.changed == {"minutes": "Minutes"}
    assert conflict.value.current_version == 2
    assert "changed this meeting" in str(conflict.value)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.minutes, meeting.version) == (
        "Forum: autumn meeting",
        "Colleague's minutes",
        2,
    )
    event = AuditEvent.objects.get(object_type="programme.forummeeting", action="update")
    assert event.changes == {"fields": ["minutes"], "version": [1, 2]}


def test_a_guest_needs_an_agency_and_a_member_of_staff_attends_for_their_own():
    recorder = a_recorder()
    meeting = a_meeting(recorder)
    with pytest.raises(ValidationError) as refused:
        actions.add_attendee(actor=recorder, meeting=meeting, name="College safeguarding lead")
    assert refused.value.message_dict == {"agency": ["Select the agency they attended for"]}
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    attendee = actions.add_attendee(actor=recorder, meeting=meeting, person=officer)
    assert attendee.agency == officer.agency
    assert AuditEvent.objects.get(object_type="programme.forumattendee").changes["guest"] is False
    with pytest.raises(ValidationError, match="already an attendee"):
        actions.add_attendee(actor=recorder, meeting=meeting, person=officer)
    assert ForumAttendee.objects.filter(meeting=meeting).count() == 1


def test_only_a_recorder_adds_attendees_and_actions():
    meeting = a_meeting()
    lead = staff(Role.TRAINING_LEAD, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.add_attendee(actor=lead, meeting=meeting, person=lead)
    with pytest.raises(PermissionDenied):
        actions.add_action(
            actor=lead,
            meeting=meeting,
            description="Do it",
            owner_agency=lead.agency,
            due_on=timezone.localdate(),
        )


def test_the_owner_marks_their_action_done_without_following_the_programme():
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    _meeting, action = a_meeting_with_an_action(owner=officer)
    done = actions.mark_action_done(actor=officer, action=action)
    assert done.done_on == timezone.localdate()
    event = AuditEvent.objects.get(object_type="programme.forumaction", action="update")
    assert event.actor == officer
    assert event.changes["on_time"] is True
    with pytest.raises(ValidationError, match="already marked done"):
        actions.mark_action_done(actor=officer, action=action)


def test_someone_else_cannot_mark_an_action_done():
    _meeting, action = a_meeting_with_an_action()
    stranger = staff(Role.PARTNER_OFFICER, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.mark_action_done(actor=stranger, action=action)
    action.refresh_from_db()
    assert action.done_on is None
    assert not AuditEvent.objects.filter(object_type="programme.forumaction", action="update").exists()


def test_a_recorder_may_mark_any_action_done_but_not_in_the_future():
    _meeting, action = a_meeting_with_an_action(owner=staff(Role.PARTNER_OFFICER, BOLTON))
    recorder = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    with pytest.raises(ValidationError):
        actions.mark_action_done(
            actor=recorder, action=action, done_on=timezone.localdate() + timedelta(days=1)
        )
    assert actions.mark_action_done(actor=recorder, action=action).done_on == timezone.localdate()
