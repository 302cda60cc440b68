"""Views and API handlers are adapters: they call queries and actions, never the ORM directly.

Read from each module's syntax tree rather than its text, so the check sees a manager however it is
reached: `Model.objects…`, a related manager (`request.user.groups.all()`,
`report.photos.filter(…)`), a queryset method called on anything (`.exists()`, `.count()`,
`.values_list(…)`), and writes (`.save()`, `.delete()`, `.update(…)`, `.create(…)`). Comments and
strings are not code, so they are never mistaken for it."""

import ast
from pathlib import Path

from django.conf import settings

ADAPTER_FILES = sorted(
    {
        *Path(settings.BASE_DIR, "commonground").glob("*/views.py"),
        *Path(settings.BASE_DIR, "commonground").glob("*/views/*.py"),
        *Path(settings.BASE_DIR, "commonground", "api", "routers").rglob("*.py"),
    }
)

# Attributes that are a manager or the database itself, however they are used.
ORM_ATTRIBUTES = {"objects", "_base_manager", "_default_manager"}
# Methods that only a queryset or a manager has (or a model instance, for the writes): a call of
# any of these, on any object, is ORM use.
ORM_METHODS = {
    # reads
    "all",
    "filter",
    "exclude",
    "order_by",
    "select_related",
    "prefetch_related",
    "annotate",
    "aggregate",
    "values_list",
    "distinct",
    "only",
    "defer",
    "in_bulk",
    "iterator",
    "exists",
    "first",
    "last",
    "latest",
    "earliest",
    "select_for_update",
    "raw",
    "get_queryset",
    # writes
    "save",
    "delete",
    "update",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "refresh_from_db",
}
# Names shared with builtins, told apart by their arguments: `dict.values()` and `list.count(x)`
# are not the ORM, `queryset.values("id")` and `queryset.count()` are.
ORM_WITH_ARGUMENTS = {"values"}
ORM_WITHOUT_ARGUMENTS = {"count"}
ORM_NAMES = {"connection", "connections"}


def orm_uses(source: str) -> list[tuple[int, str]]:
    """Each use of the ORM in `source`: (line, what was used)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ORM_ATTRIBUTES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in ORM_NAMES:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, has_arguments = node.func.attr, bool(node.args or node.keywords)
            if (
                name in ORM_METHODS
                or (name in ORM_WITH_ARGUMENTS and has_arguments)
                or (name in ORM_WITHOUT_ARGUMENTS and not has_arguments)
            ):
                found.append((node.lineno, f".{name}()"))
    return sorted(set(found))


# Each line marked `# ORM` uses the ORM; no other line does.
PLANTED = """
from django.db import connection
from commonground.reports.models import Report

def page(request, report_id):
    # Report.objects.get(pk=report_id) in a comment is not code
    note = "report.photos.filter(kind='x') in a string is not code either"
    report = Report.objects.get(pk=report_id)  # ORM
    groups = request.user.groups.all()  # ORM
    photos = report.photos.filter(is_scanned=True)  # ORM
    any_left = report.messages.exists()  # ORM
    how_many = report.teams.count()  # ORM
    ids = report.teams.values_list("id", flat=True)  # ORM
    names = report.teams.values("name")  # ORM
    report.status = "closed"
    report.save()  # ORM
    report.photos.first().delete()  # ORM
    report.link_suggestions.update(decided=True)  # ORM
    with connection.cursor() as cursor:  # ORM
        cursor.execute("SELECT 1")
    answers = {"a": 1}
    total = sum(answers.values())
    words = "a b a".split().count("a")
    chosen = request.GET.get("borough", "")
    return groups, photos, any_left, how_many, ids, names, note, total, words, chosen
"""


def test_there_are_adapter_modules_to_check():
    assert len(ADAPTER_FILES) >= 4


def test_the_check_catches_every_planted_use_of_the_orm_and_nothing_else():
    lines = PLANTED.splitlines()
    marked = {number for number, line in enumerate(lines, start=1) if line.endswith("# ORM")}
    found = {number for number, _ in orm_uses(PLANTED)}

    assert len(marked) == 11
    assert found == marked, {number: lines[number - 1].strip() for number in found ^ marked}


def test_the_related_manager_reads_a_text_search_missed_are_caught():
    source = "groups = request.user.groups.all()\nphotos = report.photos.filter(is_scanned=True)\n"
    assert [line for line, _ in orm_uses(source)] == [1, 2]


def test_no_view_or_api_handler_queries_or_writes_through_the_orm():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{line}: {what}"
        for path in ADAPTER_FILES
        for line, what in orm_uses(path.read_text())
    ]
    assert offenders == [], "Move these into the app's queries or actions:\n" + "\n".join(offenders)
