"""Full-text search of the lessons library on PostgreSQL (CI runs the suite there too): ranked, in
English, so a word finds its other forms and a match in a title ranks above one in a story."""

import pytest
from django.db import connection

from commonground.core.access import scope_for
from commonground.core.roles import Role
from commonground.programme.queries import lessons as queries
from tests.factories import BOLTON, staff
from tests.programme.forum_world import a_lesson, a_recorder

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="full-text search is PostgreSQL's"),
]


def found(text: str) -> list[str]:
    scope = scope_for(staff(Role.PARTNER_OFFICER, BOLTON))
    return [lesson.title for lesson in queries.lessons_found(scope, text=text)]


def test_search_is_ranked_and_finds_other_forms_of_a_word():
    assert connection.vendor == "postgresql"
    author = a_recorder()
    a_lesson(author, title="Mentoring young people", what_happened="A youth worker shared concerns.", tags="")
    a_lesson(author, title="Sharing information with colleges", what_happened="Staff met.", tags="")
    a_lesson(
        author,
        title="Release plans",
        what_happened="Nothing alike.",
        learned="Plan earlier.",
        tags="probation",
    )
    # "share" finds "shared" and "sharing"; the title match ranks first.
    assert found("share") == ["Sharing information with colleges", "Mentoring young people"]
    assert found("probation") == ["Release plans"]  # a tag
    assert found("colleges sharing") == ["Sharing information with colleges"]
    assert found("unrelated words") == []


def test_a_lesson_out_of_the_readership_is_never_found():
    a_lesson(title="Restricted sharing", readers=["elsewhere"])
    assert found("sharing") == []


def test_the_search_reads_the_full_text_index():
    from django.contrib.postgres.search import SearchQuery

    a_lesson(title="Indexed lesson")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queries.text_matches(SearchQuery("indexed", config="english")).explain()
    assert "programme_lesson_search_text" in plan
