"""The lessons library's actions: writing a lesson is for those who run the forum, audited; a lesson
for named agencies names at least one; its author (or a recorder) edits it, a stale edit refused
with what changed; other staff are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonground.core.actions.roles import grant_role
from commonground.core.models import AuditEvent, User
from commonground.core.roles import Role
from commonground.programme.actions import lessons as actions
from commonground.programme.lesson_search import tags_of, words_of
from commonground.programme.models import Lesson, Readership
from tests.factories import BOLTON, AgencyFactory, staff
from tests.programme.forum_world import a_lesson, a_meeting, a_recorder

pytestmark = pytest.mark.django_db


def details(**changes):
    values = {
        "title": "A lesson",
        "what_happened": "Something happened",
        "learned": "Something was learned",
        "tags": "Online,  online , Schools",
    }
    return actions.LessonDetails(**{**values, **changes})


def test_writing_a_lesson_is_audited_with_its_readership():
    author = a_recorder()
    police = AgencyFactory(name="Test police")
    lesson = actions.create_lesson(
        actor=author, details=details(readership=Readership.NAMED_AGENCIES, reader_agencies=[police])
    )
    assert sorted(tag.name for tag in lesson.tags.all()) == ["online", "schools"]
    event = AuditEvent.objects.get(object_type="programme.lesson", action="create")
    assert event.actor == author
    assert event.changes["readership"] == "named_agencies"
    assert event.changes["reader_agencies"] == ["Test police"]


def test_named_agencies_need_at_least_one_agency():
    with pytest.raises(ValidationError) as refused:
        actions.create_lesson(actor=a_recorder(), details=details(readership=Readership.NAMED_AGENCIES))
    assert refused.value.message_dict == {"reader_agencies": [actions.NAMED_WITHOUT_AGENCY]}
    assert not Lesson.objects.exists()


def test_a_lesson_for_the_whole_partnership_keeps_no_reader_agencies():
    lesson = actions.create_lesson(actor=a_recorder(), details=details(reader_agencies=[AgencyFactory()]))
    assert lesson.reader_agencies.count() == 0


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.TRAINING_LEAD])
def test_other_staff_may_not_write_a_lesson(role):
    with pytest.raises(PermissionDenied):
        actions.create_lesson(actor=staff(role, BOLTON), details=details())
    assert not AuditEvent.objects.filter(object_type="programme.lesson").exists()


def test_the_author_edits_their_lesson_and_a_stale_edit_names_what_changed():
    author, colleague = a_recorder(), a_recorder()
    lesson = a_lesson(author)
    actions.edit_lesson(
        actor=colleague,
        lesson=lesson,
        expected_version=1,
        details=details(
            title=lesson.title,
            what_happened=lesson.what_happened,
            learned="Learned more",
            changed=lesson.changed,
            tags="online, education",
        ),
    )
    with pytest.raises(actions.LessonConflict) as conflict:
        actions.edit_lesson(actor=author, lesson=lesson, expected_version=1, details=details(title="Mine"))
    assert conflict.value.changed == {"learned": "What was learned"}
    assert "changed this lesson" in str(conflict.value)
    lesson.refresh_from_db()
    assert (lesson.title, lesson.learned, lesson.version) == (
        "Memes in student group chats",
        "Learned more",
        2,
    )
    event = AuditEvent.objects.get(object_type="programme.lesson", action="update")
    assert event.changes["fields"] == ["learned"]
    assert event.changes["version"] == [1, 2]


def test_staff_who_neither_wrote_it_nor_run_the_forum_may_not_edit_it():
    lesson = a_lesson()
    reader = staff(Role.PARTNER_OFFICER, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.edit_lesson(actor=reader, lesson=lesson, expected_version=1, details=details())
    lesson.refresh_from_db()
    assert lesson.version == 1


def test_a_lesson_out_of_the_editors_readership_is_refused_as_not_found():
    lesson = a_lesson(readers=["elsewhere"])
    with pytest.raises(PermissionDenied, match="not found"):
        actions.edit_lesson(
            actor=staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON),
            lesson=lesson,
            expected_version=1,
            details=details(),
        )


def test_the_words_of_a_search_and_the_tags_typed():
    assert words_of("Memes, MEMES and a group-chat! Don\u2019t") == ["memes", "and", "group-chat", "don't"]
    assert len(words_of(" ".join(f"word{n}" for n in range(40)))) == 12
    assert words_of("  ,;  ") == []
    assert tags_of(" Information   sharing, , online,ONLINE ") == ["information sharing", "online"]


def test_an_author_who_no_longer_follows_the_forum_keeps_the_lessons_meeting():
    author = a_recorder()
    meeting = a_meeting(author)
    lesson = a_lesson(author, forum_meeting=meeting)
    author.groups.clear()
    grant_role(actor=None, user=author, role=Role.PARTNER_OFFICER)
    author = User.objects.get(pk=author.pk)  # a new request: the scope read afresh
    edited = actions.edit_lesson(
        actor=author, lesson=lesson, expected_version=1, details=details(title="Now")
    )
    assert (edited.title, edited.forum_meeting) == ("Now", meeting)
