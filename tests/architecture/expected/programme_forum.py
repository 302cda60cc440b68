"""The partnership forum and the lessons library. The forum is for those who follow the programme
(the programme team and borough programme leads), who also record it; a forum action is also open
to its owner (404 to other staff, as if it did not exist); marking one done is by POST only (405 to
a GET). The lessons library is every member of staff's: each reads the lessons shared with the whole
partnership or with their agency (another agency's lesson is 404); those who run the forum write and
edit lessons (403 to other staff on a lesson they can read, since they know it exists)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only, staff_page

FOLLOWERS = (Role.PROGRAMME_MANAGER.value, Role.BOROUGH_PROGRAMME_LEAD.value)
RECORDERS = FOLLOWERS

EXPECTED = {
    "programme:forum-meetings": [({}, only(*FOLLOWERS))],
    "programme:forum-new-meeting": [({}, only(*RECORDERS))],
    "programme:forum-meeting": [
        ({"meeting_id": "{forum_meeting}"}, only(*FOLLOWERS)),
        ({"meeting_id": "999999"}, only(*FOLLOWERS, ok=404)),
    ],
    "programme:forum-edit-meeting": [({"meeting_id": "{forum_meeting}"}, only(*RECORDERS))],
    "programme:forum-add-attendee": [({"meeting_id": "{forum_meeting}"}, only(*RECORDERS))],
    "programme:forum-add-action": [({"meeting_id": "{forum_meeting}"}, only(*RECORDERS))],
    "programme:forum-action": [({"action_id": "{forum_action}"}, only(*FOLLOWERS, other=404))],
    "programme:forum-action-done": [({"action_id": "{forum_action}"}, staff_page(405))],
    "programme:lesson-list": [({}, staff_page(200))],
    "programme:lesson-new": [({}, only(*RECORDERS))],
    "programme:lesson-detail": [
        ({"lesson_id": "{lesson}"}, staff_page(200)),
        ({"lesson_id": "{lesson_for_bolton}"}, staff_page(200)),
        ({"lesson_id": "{lesson_elsewhere}"}, staff_page(404)),
    ],
    "programme:lesson-edit": [
        ({"lesson_id": "{lesson}"}, only(*RECORDERS)),
        ({"lesson_id": "{lesson_elsewhere}"}, staff_page(404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.programme.forum_world import a_lesson, a_meeting_with_an_action

    meeting, action = a_meeting_with_an_action()
    return {
        "forum_meeting": meeting.pk,
        "forum_action": action.pk,
        "lesson": a_lesson().pk,
        "lesson_for_bolton": a_lesson(readers=[agency]).pk,
        "lesson_elsewhere": a_lesson(readers=["elsewhere"]).pk,
    }
