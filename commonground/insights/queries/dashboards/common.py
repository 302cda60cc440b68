"""What the dashboard queries share: months of a period, labelled counts and database functions
that work the same on PostgreSQL and SQLite."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Func, IntegerField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s month to `last`'s, in order."""
    months, month = [], date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


NO_VALUE = "\u2013"  # an en dash, as in the charts' tables


def labelled(counts: dict, labels: Iterable[tuple[str, "StrOrPromise"]]) -> list[tuple[str, int]]:
    """(label, count) for every known key in the labels' order, then any unknown key as itself."""
    known = [(str(label), counts.get(key, 0)) for key, label in labels]  # a translated label, as text
    names = {key for key, _ in labels}
    return known + [(str(key), n) for key, n in counts.items() if key not in names]


class AgeInYears(Func):
    """Completed years of age on a day from a date of birth: AgeInYears(born_on, on_day)."""

    output_field = IntegerField()
    arity = 2

    # PostgreSQL's own SQL for this function: no function name or template to take, unlike Func's.
    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]
        (born, born_params), (day, day_params) = (compiler.compile(e) for e in self.source_expressions)
        sql = f"CAST(date_part('year', age(CAST({day} AS date), CAST({born} AS date))) AS INTEGER)"
        return sql, (*day_params, *born_params)

    def as_sqlite(self, compiler, connection, **extra):
        (born, born_params), (day, day_params) = (compiler.compile(e) for e in self.source_expressions)
        sql = (
            f"(CAST(strftime('%%Y', {day}) AS INTEGER) - CAST(strftime('%%Y', {born}) AS INTEGER)"
            f" - (strftime('%%m-%%d', {day}) < strftime('%%m-%%d', {born})))"
        )
        return sql, (*day_params, *born_params, *day_params, *born_params)
