"""The lessons library as people use it: a recorder writes a lesson (a lesson for named agencies
without one is refused kindly, nothing typed lost), from a forum meeting too; each member of staff
reads what their readership allows (another agency's lesson is 404) and its author always; search
and filters by tag and by agency concerned."""

import pytest
from django.urls import reverse

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.programme.actions.lessons import NAMED_WITHOUT_AGENCY
from commonground.programme.models import Lesson
from tests.conftest import signed_in
from tests.factories import BOLTON, AgencyFactory, staff
from tests.programme.forum_world import a_lesson, a_meeting, a_recorder

pytestmark = pytest.mark.django_db


def lesson_form(**changes):
    return {
        "title": "Release plans that include the Prevent lead",
        "what_happened": "A person leaving custody moved to a new borough.",
        "learned": "Earlier planning would have allowed support to be in place.",
        "changed": "Release planning invites the receiving borough.",
        "tags": "probation, information sharing",
        "readership": "partnership",
        **changes,
    }


def test_a_recorder_writes_a_lesson_from_a_meeting():
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    meeting = a_meeting()
    client = signed_in(lead)
    form_page = client.get(reverse("programme:lesson-new") + f"?meeting={meeting.pk}").content.decode()
    assert f'value="{meeting.pk}" selected' in form_page
    response = client.post(reverse("programme:lesson-new"), lesson_form(forum_meeting=str(meeting.pk)))
    lesson = Lesson.objects.get()
    assert response.url == reverse("programme:lesson-detail", args=[lesson.pk])
    assert lesson.forum_meeting == meeting and lesson.created_by == lead
    assert AuditEvent.objects.filter(object_type="programme.lesson", action="create", actor=lead).exists()
    meeting_page = client.get(reverse("programme:forum-meeting", args=[meeting.pk])).content.decode()
    assert "Release plans that include the Prevent lead" in meeting_page


def test_named_agencies_without_an_agency_get_a_kind_message_and_keep_what_was_typed():
    client = signed_in(a_recorder())
    response = client.post(reverse("programme:lesson-new"), lesson_form(readership="named_agencies"))
    page = response.content.decode()
    assert response.status_code == 200
    assert NAMED_WITHOUT_AGENCY in page
    assert "Earlier planning would have allowed support to be in place." in page
    assert "probation, information sharing" in page
    assert not Lesson.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.TRAINING_LEAD, Role.DATA_PROTECTION_OFFICER])
def test_other_staff_read_the_library_but_may_not_write_in_it(role):
    lesson = a_lesson()
    client = signed_in(staff(role, BOLTON))
    assert client.post(reverse("programme:lesson-new"), lesson_form()).status_code == 403
    assert client.get(reverse("programme:lesson-edit", args=[lesson.pk])).status_code == 403
    assert (
        client.post(reverse("programme:lesson-edit", args=[lesson.pk]), lesson_form(version=1)).status_code
        == 403
    )
    assert Lesson.objects.count() == 1
    page = client.get(reverse("programme:lesson-detail", args=[lesson.pk])).content.decode()
    assert "Talking about where the images came from" in page
    assert "Edit this lesson" not in page


def test_a_lesson_for_named_agencies_is_read_by_them_only_and_by_its_author():
    police = AgencyFactory(name="Test police")
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    author = a_recorder()
    lesson = a_lesson(author, readers=[police], title="Restricted lesson")
    url = reverse("programme:lesson-detail", args=[lesson.pk])
    assert signed_in(officer).get(url).status_code == 404
    assert (
        "Restricted lesson" not in signed_in(officer).get(reverse("programme:lesson-list")).content.decode()
    )
    from tests.factories import UserFactory

    colleague_of_police = UserFactory(agency=police, roles=[Role.PARTNER_OFFICER])
    reader = signed_in(colleague_of_police)
    page = reader.get(url).content.decode()
    assert "Shared with named agencies only: Test police" in page
    assert "Restricted lesson" in reader.get(reverse("programme:lesson-list")).content.decode()
    assert AuditEvent.objects.filter(
        object_type="programme.lesson", action="view", actor=colleague_of_police
    ).exists()
    assert signed_in(author).get(url).status_code == 200


def test_the_author_edits_and_a_stale_edit_keeps_what_was_typed():
    author = a_recorder()
    lesson = a_lesson(author)
    url = reverse("programme:lesson-edit", args=[lesson.pk])
    mine, theirs = signed_in(author), signed_in(a_recorder())
    assert 'name="version" value="1"' in mine.get(url).content.decode()
    theirs.post(url, lesson_form(title=lesson.title, version=1))
    response = mine.post(url, lesson_form(title="My better title", learned="My careful words", version=1))
    page = response.content.decode()
    assert "Someone else changed this lesson while you were editing it" in page
    assert "My careful words" in page and "My better title" in page
    assert 'name="version" value="2"' in page
    lesson.refresh_from_db()
    assert lesson.title == "Memes in student group chats"


def titles_found(client, **search) -> list[str]:
    page = client.get(reverse("programme:lesson-list"), search).content.decode()
    return [
        title
        for title in ("Memes in chats", "A&E worries", "Release plans")
        if title in page.replace("&amp;", "&")
    ]


@pytest.fixture
def library():
    college = AgencyFactory(name="Riverside College")
    trust = AgencyFactory(name="Hillside NHS Trust")
    author = a_recorder()
    a_lesson(
        author,
        title="Memes in chats",
        what_happened="Students shared memes in a group chat.",
        learned="Talk about where images come from.",
        changed="",
        tags="online, education",
        agencies_concerned=[college],
    )
    a_lesson(
        author,
        title="A&E worries",
        what_happened="Staff heard a patient support violence.",
        learned="One named contact helps more than a policy.",
        changed="The contact's number is on the safeguarding card.",
        tags="health, information sharing",
        agencies_concerned=[trust],
    )
    a_lesson(
        author,
        title="Release plans",
        what_happened="A person left custody for a new borough.",
        learned="Plan earlier with the receiving borough.",
        changed="Planning invites the Prevent lead three months ahead.",
        tags="probation",
    )
    return {"college": college, "trust": trust}


def test_search_finds_any_word_in_any_field_and_every_word_must_appear(library):
    client = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert titles_found(client, q="MEMES") == ["Memes in chats"]  # title, any case
    assert titles_found(client, q="violence") == ["A&E worries"]  # what happened
    assert titles_found(client, q="receiving") == ["Release plans"]  # what was learned
    assert titles_found(client, q="safeguarding card") == ["A&E worries"]  # what changed
    assert titles_found(client, q="probation") == ["Release plans"]  # a tag
    assert titles_found(client, q="borough") == ["Release plans"]
    assert titles_found(client, q="memes borough") == []  # every word must appear
    assert titles_found(client) == ["Memes in chats", "A&E worries", "Release plans"]


def test_filters_by_tag_and_by_agency_concerned(library):
    client = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert titles_found(client, tag="information sharing") == ["A&E worries"]
    assert titles_found(client, agency=str(library["college"].pk)) == ["Memes in chats"]
    assert titles_found(client, tag="online", q="contact") == []
    page = client.get(reverse("programme:lesson-list"), {"tag": "no such tag"}).content.decode()
    assert "Select a tag from the list" in page
    assert AuditEvent.objects.filter(action="list_viewed", object_type="programme.lesson").exists()
