"""Reads of the lessons library, each starting from the user's scope (a lesson is read by its
readership and always by its author): the list, searched and filtered by tag and by agency
concerned; one lesson; the tags and agencies to filter by; a meeting's lessons.

Full-text search: on PostgreSQL a ranked search in English (so "searching" finds "searched"); on
SQLite, for development and the quick test run, every word typed must appear somewhere in the lesson
(its title, what happened, what was learned, what changed or a tag), whatever the case."""

from functools import reduce
from operator import and_, or_

from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page, record_read
from commonground.core.models import Agency
from commonground.core.roles import Permission
from commonground.programme.lesson_search import words_of
from commonground.programme.models import ForumMeeting, Lesson, LessonTag

SEARCHED_FIELDS = ("title", "what_happened", "learned", "changed")
LESSONS_PER_PAGE = 20


def visible_lessons(scope: Scope) -> QuerySet[Lesson]:
    return access.visible(scope, Lesson)


# The text a lesson is found by, as migration 0003 indexes it: the same expression, or the index
# is not used.
TEXT_VECTOR = ("title", "what_happened", "learned", "changed")


def text_matches(query) -> QuerySet[Lesson]:
    """Lessons whose text matches a `SearchQuery`, through the index (PostgreSQL only)."""
    from django.contrib.postgres.search import SearchVector

    return Lesson.objects.annotate(text=SearchVector(*TEXT_VECTOR, config="english")).filter(text=query)


def _search_postgresql(lessons: QuerySet[Lesson], words: list[str]) -> QuerySet[Lesson]:
    """Lessons whose text and tags hold every word (in any of its forms), best first: a match in
    the title or a tag ranks above one in what was learned or changed, above one in the story."""
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    query = SearchQuery(" ".join(words), search_type="websearch", config="english")
    any_word = reduce(or_, (SearchQuery(word, config="english") for word in words))
    # The tags as one text per lesson, from a subquery so the join does not repeat a lesson.
    tag_text = Subquery(
        LessonTag.objects.filter(lessons=OuterRef("pk"))
        .values("lessons")
        .annotate(names=StringAgg("name", delimiter=" "))
        .values("names")[:1]
    )
    tags_vector = SearchVector(Coalesce(tag_text, Value(""), output_field=TextField()), config="english")
    # From the index, the lessons whose text holds every word; and, as a word may be only in a
    # tag, those with a tag holding one of the words whose text and tags together hold them all.
    tags = LessonTag.objects.annotate(text=SearchVector("name", config="english")).filter(text=any_word)
    tagged = Lesson.objects.filter(tags__in=tags.values("pk")).values("pk")
    whole = SearchVector(*TEXT_VECTOR, config="english") + tags_vector
    found = lessons.annotate(whole=whole).filter(
        Q(pk__in=text_matches(query).values("pk")) | (Q(pk__in=tagged) & Q(whole=query))
    )
    # Ranked on the title and tags (A), then what was learned and changed (B); a match only in
    # the story (what happened, the longest text) ranks after those, newest first.
    rank_vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector(Coalesce(tag_text, Value(""), output_field=TextField()), weight="A", config="english")
        + SearchVector("learned", "changed", weight="B", config="english")
    )
    return found.annotate(rank=SearchRank(rank_vector, query)).order_by("-rank", "-created_at", "-pk")


def _search_anywhere(lessons: QuerySet[Lesson], words: list[str]) -> QuerySet[Lesson]:
    """Every word in some field, case-insensitive (the fallback where there is no full-text
    search); newest first."""

    def somewhere(word: str) -> Q:
        in_text = reduce(or_, (Q(**{f"{name}__icontains": word}) for name in SEARCHED_FIELDS))
        tagged = Lesson.objects.filter(tags__name__icontains=word).values("pk")
        return in_text | Q(pk__in=tagged)

    return lessons.filter(reduce(and_, (somewhere(word) for word in words)))


def search(lessons: QuerySet[Lesson], text: str) -> QuerySet[Lesson]:
    words = words_of(text)
    if not words:
        return lessons
    if connection.vendor == "postgresql":
        return _search_postgresql(lessons, words)
    return _search_anywhere(lessons, words)


def lessons_found(
    scope: Scope, *, text: str = "", tag: str = "", agency_id: int | None = None
) -> QuerySet[Lesson]:
    lessons = visible_lessons(scope)
    if tag:
        lessons = lessons.filter(pk__in=Lesson.objects.filter(tags__name=tag).values("pk"))
    if agency_id:
        lessons = lessons.filter(pk__in=Lesson.objects.filter(agencies_concerned=agency_id).values("pk"))
    return search(lessons, text).prefetch_related("tags", "agencies_concerned")


def lessons_page(
    scope: Scope, *, text: str = "", tag: str = "", agency_id: int | None = None, page_number=None
) -> Page:
    """One page of the lessons found, its reading audited with the lessons it shows."""
    return audited_page(
        scope,
        lessons_found(scope, text=text, tag=tag, agency_id=agency_id),
        page_number=page_number,
        list_name="Lessons library",
        per_page=LESSONS_PER_PAGE,
    )


def _one(scope: Scope, lesson_id: int) -> Lesson:
    return access.get_visible_or_404(
        scope,
        Lesson.objects.select_related("created_by", "forum_meeting").prefetch_related(
            "tags", "agencies_concerned", "reader_agencies"
        ),
        pk=lesson_id,
    )


def open_lesson(scope: Scope, lesson_id: int) -> Lesson:
    """A lesson outside the reader's readership answers 404; opening one is audited."""
    lesson = _one(scope, lesson_id)
    record_read(scope=scope, obj=lesson)
    return lesson


def lesson_or_404(scope: Scope, lesson_id: int) -> Lesson:
    """The lesson, to act on (the action checks again); not audited as a read."""
    return _one(scope, lesson_id)


def tags_in_use(scope: Scope) -> list[tuple[str, int]]:
    """The tags of the lessons this reader may read, each with how many, by name."""
    readable = visible_lessons(scope).values("pk")
    rows = (
        LessonTag.objects.annotate(count=Count("lessons", filter=Q(lessons__in=readable)))
        .filter(count__gt=0)
        .order_by("name")
        .values_list("name", "count")
    )
    return list(rows)


def agencies_concerned_in_use(scope: Scope) -> QuerySet[Agency]:
    """The agencies named as concerned by a lesson this reader may read."""
    readable = visible_lessons(scope).values("pk")
    ids = Lesson.agencies_concerned.through.objects.filter(lesson__in=readable).values("agency")
    return Agency.objects.filter(pk__in=ids).order_by("name")


def meetings_to_link(scope: Scope) -> QuerySet[ForumMeeting]:
    """The forum meetings a lesson may come from (none for someone who does not follow the forum)."""
    if not scope.can(Permission.VIEW_PROGRAMME):
        return ForumMeeting.objects.none()
    return access.visible(scope, ForumMeeting).order_by("-held_at")[:50]


def lessons_from_meeting(scope: Scope, meeting: ForumMeeting) -> list[Lesson]:
    return list(visible_lessons(scope).filter(forum_meeting=meeting).order_by("-created_at"))


def tag_names() -> list[str]:
    return list(LessonTag.objects.order_by("name").values_list("name", flat=True))
