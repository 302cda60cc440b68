"""The demo forum and lessons: loaded through the part's actions for the demo accounts, showing a
meeting with partners from several sectors, an action waiting on the demo partner officer's home,
and lessons, one of them for named agencies only. Loading twice makes nothing new."""

import pytest
from django.urls import reverse

from commonground.core.demo import load_demo
from commonground.core.models import AuditEvent, User
from commonground.programme.demo import forum
from commonground.programme.models import ForumAction, ForumAttendee, ForumMeeting, Lesson, Readership
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_demo_forum_shows_the_partnership_at_work():
    load_demo()
    forum.load()
    forum.load()
    meeting = ForumMeeting.objects.get()
    agencies = set(ForumAttendee.objects.filter(meeting=meeting).values_list("agency__name", flat=True))
    assert {"Demo Further Education College", "Demo NHS Foundation Trust", "Demo Police Force"} <= agencies
    assert "Demo Probation Service" in agencies
    assert ForumAction.objects.filter(meeting=meeting).count() == 3
    assert Lesson.objects.count() == 5
    assert Lesson.objects.filter(readership=Readership.NAMED_AGENCIES).count() == 1
    assert AuditEvent.objects.filter(object_type="programme.lesson", action="create").count() == 5

    partner = User.objects.get(username="partner")
    home = signed_in(partner).get(reverse("core:staff-home")).content.decode()
    assert "Send the trust a named police contact" in home
    library = signed_in(partner).get(reverse("programme:lesson-list")).content.decode()
    assert "Release plans that include the Prevent lead" in library  # read by the police
    analyst = User.objects.get(username="analyst")
    assert "Release plans" not in signed_in(analyst).get(reverse("programme:lesson-list")).content.decode()
    programme = signed_in(User.objects.get(username="programme"))
    page = programme.get(reverse("programme:forum-meeting", args=[meeting.pk])).content.decode()
    assert "Demo guest: trust Prevent lead" in page
    assert "Record a lesson from this meeting" in page
