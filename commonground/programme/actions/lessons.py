"""The lessons library: what happened, what was learned and what changed because of it, tagged,
naming the agencies concerned, read by the whole partnership or by named agencies only. Those who
run the forum write lessons; they and a lesson's author may edit it. Each write is audited; an edit
made from a stale page is refused with what changed (`LessonConflict`)."""

from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Agency, AuditAction, User
from commonground.core.roles import Permission
from commonground.programme.lesson_search import tags_of
from commonground.programme.models import ForumMeeting, Lesson, LessonTag, Readership

# The fields an edit may change, with the label a conflict names them by.
LESSON_FIELDS = {
    "title": "Title",
    "what_happened": "What happened",
    "learned": "What was learned",
    "changed": "What changed because of it",
    "tags": "Tags",
    "agencies_concerned": "Agencies concerned",
    "readership": "Who may read it",
    "reader_agencies": "The agencies that may read it",
    "forum_meeting": "Forum meeting",
}
_TEXT_FIELDS = ("title", "what_happened", "learned", "changed", "readership", "forum_meeting")
NAMED_WITHOUT_AGENCY = (
    "Select at least one agency that may read this lesson, or share it with the whole partnership"
)


class LessonConflict(ConflictError):
    """Someone else saved the lesson after this edit began; `changed` names what they changed."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        names = ", ".join(changed.values()) or "the lesson"
        self.args = (f"Someone else changed this lesson while you were editing it: {names}",)


@dataclass(frozen=True)
class LessonDetails:
    title: str
    what_happened: str
    learned: str
    changed: str = ""
    tags: str = ""  # as typed: separated by commas
    agencies_concerned: list[Agency] = field(default_factory=list)
    readership: str = Readership.PARTNERSHIP
    reader_agencies: list[Agency] = field(default_factory=list)
    forum_meeting: ForumMeeting | None = None


def _checked(scope: Scope, details: LessonDetails, *, kept_meeting_id: int | None = None) -> LessonDetails:
    """The details trimmed and checked; a meeting already linked (`kept_meeting_id`) stays linkable."""
    errors: dict[str, str] = {}
    if not details.title.strip():
        errors["title"] = "Enter the lesson's title"
    if not details.what_happened.strip():
        errors["what_happened"] = "Describe what happened"
    if not details.learned.strip():
        errors["learned"] = "Describe what was learned"
    if details.readership not in Readership.values:
        errors["readership"] = "Select who may read the lesson"
    elif details.readership == Readership.NAMED_AGENCIES and not details.reader_agencies:
        errors["reader_agencies"] = NAMED_WITHOUT_AGENCY
    if (
        details.forum_meeting is not None
        and details.forum_meeting.pk != kept_meeting_id
        and not access.visible(scope, ForumMeeting).filter(pk=details.forum_meeting.pk).exists()
    ):
        errors["forum_meeting"] = "That forum meeting was not found"
    if errors:
        raise ValidationError(errors)
    named = details.readership == Readership.NAMED_AGENCIES
    return LessonDetails(
        title=details.title.strip(),
        what_happened=details.what_happened.strip(),
        learned=details.learned.strip(),
        changed=details.changed.strip(),
        tags=", ".join(tags_of(details.tags)),
        agencies_concerned=list(details.agencies_concerned),
        readership=details.readership,
        # Agencies named for a lesson the whole partnership reads would mislead a later reader.
        reader_agencies=list(details.reader_agencies) if named else [],
        forum_meeting=details.forum_meeting,
    )


def _tags(details: LessonDetails) -> list[LessonTag]:
    return [LessonTag.objects.get_or_create(name=name)[0] for name in tags_of(details.tags)]


def _values(lesson: Lesson) -> dict:
    """The lesson as comparable values: text as it is, related records as sets of keys."""
    values = {name: getattr(lesson, name) for name in _TEXT_FIELDS}
    values["forum_meeting"] = lesson.forum_meeting_id
    values["tags"] = {tag.name for tag in lesson.tags.all()}
    values["agencies_concerned"] = {agency.pk for agency in lesson.agencies_concerned.all()}
    values["reader_agencies"] = {agency.pk for agency in lesson.reader_agencies.all()}
    return values


def _values_of(details: LessonDetails) -> dict:
    values = {name: getattr(details, name) for name in _TEXT_FIELDS}
    values["forum_meeting"] = details.forum_meeting.pk if details.forum_meeting else None
    values["tags"] = set(tags_of(details.tags))
    values["agencies_concerned"] = {agency.pk for agency in details.agencies_concerned}
    values["reader_agencies"] = {agency.pk for agency in details.reader_agencies}
    return values


def _readers(details: LessonDetails) -> list[str]:
    return sorted(agency.name for agency in details.reader_agencies)


def create_lesson(*, actor: User, details: LessonDetails) -> Lesson:
    scope = scope_for(actor)
    scope.require(Permission.RUN_PARTNERSHIP_FORUM)
    details = _checked(scope, details)
    with transaction.atomic():
        lesson = Lesson.objects.create(
            title=details.title,
            what_happened=details.what_happened,
            learned=details.learned,
            changed=details.changed,
            readership=details.readership,
            forum_meeting=details.forum_meeting,
            created_by=actor,
        )
        lesson.tags.set(_tags(details))
        lesson.agencies_concerned.set(details.agencies_concerned)
        lesson.reader_agencies.set(details.reader_agencies)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=lesson,
            changes={
                "title": lesson.title,
                "readership": lesson.readership,
                "reader_agencies": _readers(details),
                "forum_meeting": lesson.forum_meeting_id,
            },
        )
    return lesson


def may_edit(scope: Scope, lesson: Lesson) -> bool:
    """Its author, or anyone who runs the forum (and can read it)."""
    return lesson.created_by_id == scope.user.pk or scope.can(Permission.RUN_PARTNERSHIP_FORUM)


def edit_lesson(*, actor: User, lesson: Lesson, expected_version: int, details: LessonDetails) -> Lesson:
    """Change a lesson. If someone saved it after `expected_version`, raise LessonConflict naming
    what they changed, and change nothing."""
    scope = scope_for(actor)
    with transaction.atomic():
        current = policy.row_to_act_on(
            access.visible(scope, Lesson.objects.select_for_update()), lesson.pk, "That lesson was not found."
        )
        if not may_edit(scope, current):
            raise PermissionDenied("Only the lesson's author or someone who runs the forum can change it.")
        if current.version != expected_version:
            raise LessonConflict(
                fields_changed_since(current, expected_version, LESSON_FIELDS), current.version
            )
        if not scope.can(Permission.VIEW_PROGRAMME):
            # Their form cannot show the forum's meetings: the lesson keeps the one it came from.
            details = replace(details, forum_meeting=current.forum_meeting)
        details = _checked(scope, details, kept_meeting_id=current.forum_meeting_id)
        before, after = _values(current), _values_of(details)
        changed = [name for name in LESSON_FIELDS if before[name] != after[name]]
        if not changed:
            return current
        for name in ("title", "what_happened", "learned", "changed", "readership", "forum_meeting"):
            setattr(current, name, getattr(details, name))
        current.version += 1
        current.save()
        current.tags.set(_tags(details))
        current.agencies_concerned.set(details.agencies_concerned)
        current.reader_agencies.set(details.reader_agencies)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "fields": changed,
                "version": [expected_version, current.version],
                "readership": current.readership,
                "reader_agencies": _readers(details),
            },
        )
    return current
