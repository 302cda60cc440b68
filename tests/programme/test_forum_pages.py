"""The forum's pages, driven as people use them: a recorder records a meeting, its attendees and
actions; a stale edit is refused with what changed and nothing typed lost; other staff are refused;
an action's owner finds it on their home page and marks it done there."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import AuditEvent, Notification, NotificationKind
from commonground.core.roles import Role
from commonground.programme.models import ForumAction, ForumAttendee, ForumMeeting
from tests.conftest import signed_in
from tests.factories import BOLTON, AgencyFactory, staff
from tests.programme.forum_world import a_meeting, a_meeting_with_an_action, a_recorder

pytestmark = pytest.mark.django_db


def meeting_form(**changes):
    return {
        "title": "Forum: spring meeting",
        "held_on": "12/3/2026",
        "held_at_time": "10:00",
        "place": "Room 2",
        "agenda": "1. Concerns from each sector",
        "minutes": "",
        **changes,
    }


def test_a_recorder_records_a_meeting_and_sees_its_page():
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    client = signed_in(lead)
    response = client.post(reverse("programme:forum-new-meeting"), meeting_form())
    meeting = ForumMeeting.objects.get()
    assert response.url == reverse("programme:forum-meeting", args=[meeting.pk])
    assert AuditEvent.objects.filter(
        object_type="programme.forummeeting", action="create", actor=lead
    ).exists()
    page = client.get(response.url).content.decode()
    assert "Forum: spring meeting" in page
    assert "Record a lesson from this meeting" in page
    assert reverse("programme:lesson-new") + f"?meeting={meeting.pk}" in page
    assert AuditEvent.objects.filter(object_type="programme.forummeeting", action="view", actor=lead).exists()


def test_a_meeting_form_with_mistakes_keeps_what_was_typed():
    client = signed_in(a_recorder())
    response = client.post(
        reverse("programme:forum-new-meeting"),
        meeting_form(title="", held_at_time="25:99", minutes="What we discussed"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the meeting&#x27;s title" in page
    assert "Enter the time as hours and minutes" in page
    assert "What we discussed" in page
    assert not ForumMeeting.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.TRAINING_LEAD, Role.TENSION_ANALYST])
def test_other_staff_may_not_record_or_open_the_forum(role):
    client = signed_in(staff(role, BOLTON))
    assert client.post(reverse("programme:forum-new-meeting"), meeting_form()).status_code == 403
    assert client.get(reverse("programme:forum-meetings")).status_code == 403
    assert not ForumMeeting.objects.exists()


def test_a_stale_edit_is_refused_with_what_changed_and_nothing_typed_lost():
    meeting = a_meeting(minutes="Draft")
    mine, theirs = signed_in(a_recorder()), signed_in(a_recorder())
    url = reverse("programme:forum-edit-meeting", args=[meeting.pk])
    assert 'name="version" value="1"' in mine.get(url).content.decode()
    theirs.post(
        url, meeting_form(title=meeting.title, agenda=meeting.agenda, minutes="Their minutes", version=1)
    )
    response = mine.post(url, meeting_form(title=meeting.title, minutes="My careful minutes", version=1))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this meeting while you were editing it" in page
    assert "<li>Minutes</li>" in page
    assert "My careful minutes" in page
    assert 'name="version" value="2"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Their minutes"
    # Saving again knowingly replaces their changes.
    mine.post(url, meeting_form(title=meeting.title, minutes="My careful minutes", version=2))
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("My careful minutes", 3)


def test_attendees_are_grouped_by_agency_and_a_guest_needs_an_agency():
    recorder = a_recorder()
    meeting = a_meeting(recorder)
    college = AgencyFactory(name="Riverside College")
    client = signed_in(recorder)
    url = reverse("programme:forum-add-attendee", args=[meeting.pk])
    refused = client.post(url, {"person": "", "name": "Safeguarding lead", "agency": ""})
    assert "Select the agency they attended for" in refused.content.decode()
    assert "Safeguarding lead" in refused.content.decode()
    client.post(url, {"person": "", "name": "Safeguarding lead", "agency": str(college.pk)})
    client.post(url, {"person": str(recorder.pk), "name": "", "agency": ""})
    assert ForumAttendee.objects.filter(meeting=meeting).count() == 2
    page = client.get(reverse("programme:forum-meeting", args=[meeting.pk])).content.decode()
    assert "<h3" in page and "Riverside College" in page and recorder.agency.name in page
    assert "Safeguarding lead" in page and "(guest)" in page


def test_an_action_added_at_the_meeting_waits_on_its_owners_home_and_they_mark_it_done():
    recorder = a_recorder()
    meeting = a_meeting(recorder)
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    due = timezone.localdate() + timedelta(days=5)
    client = signed_in(recorder)
    client.post(
        reverse("programme:forum-add-action", args=[meeting.pk]),
        {
            "description": "Send the trust a named police contact",
            "owner_person": str(officer.pk),
            "owner_agency": "",
            "due_on": due.strftime("%d/%m/%Y"),
        },
    )
    action = ForumAction.objects.get()
    assert (action.owner_person, action.owner_agency, action.due_on) == (officer, officer.agency, due)
    # The owner is told it waits for them, without its words.
    notice = Notification.objects.get(recipient=officer, kind=NotificationKind.FORUM_ACTION_ASSIGNED)
    assert "named police contact" not in notice.subject
    assert notice.url == reverse("programme:forum-action", args=[action.pk])
    assert not Notification.objects.filter(recipient=recorder).exists()
    meeting_page = client.get(reverse("programme:forum-meeting", args=[meeting.pk])).content.decode()
    assert "Send the trust a named police contact" in meeting_page

    owner = signed_in(officer)
    home = owner.get(reverse("core:staff-home")).content.decode()
    assert "Your forum actions" in home
    assert reverse("programme:forum-action", args=[action.pk]) in home
    action_page = owner.get(reverse("programme:forum-action", args=[action.pk])).content.decode()
    assert "Mark as done today" in action_page
    owner.post(reverse("programme:forum-action-done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    assert AuditEvent.objects.filter(
        object_type="programme.forumaction", action="update", actor=officer
    ).exists()
    # Done, it leaves their home; an empty list of one's own actions is not shown at all.
    assert "Your forum actions" not in owner.get(reverse("core:staff-home")).content.decode()


def test_an_overdue_action_is_flagged_and_one_far_off_waits_elsewhere():
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    a_meeting_with_an_action(owner=officer, due_in_days=-3)
    _meeting, later = a_meeting_with_an_action(owner=officer, due_in_days=30)
    home = signed_in(officer).get(reverse("core:staff-home")).content.decode()
    assert home.count("Send the trust a named police contact") == 1
    assert reverse("programme:forum-action", args=[later.pk]) not in home


def test_someone_else_cannot_see_or_mark_an_action():
    _meeting, action = a_meeting_with_an_action()
    stranger = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert stranger.get(reverse("programme:forum-action", args=[action.pk])).status_code == 404
    assert stranger.post(reverse("programme:forum-action-done", args=[action.pk])).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
