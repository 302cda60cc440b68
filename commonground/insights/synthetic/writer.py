"""Writing many rows quickly, and removing them again.

PostgreSQL: COPY (psycopg 3) in chunks, ids reserved from the table's own sequence so that the
rows of a many-to-many table can be written before or alongside the rows they point at. Other
databases (SQLite in tests and small runs): the same rows through executemany, with ids after the
highest used. Columns come as numpy arrays (or one value for every row); the dtype says how a value
is written: datetime64[s] a UTC timestamp, datetime64[D] a date (NaT for NULL in both), bool,
integers, strings. An object array may hold None for NULL.
"""

from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any, cast

import numpy as np
from django.db import connection, models
from django.db.models import ForeignObjectRel
from django.db.models.deletion import CASCADE, DO_NOTHING, SET_NULL, get_candidate_relations_to_delete
from psycopg.copy import QueuedLibpqWriter

CHUNK_ROWS = 50_000
# A column: an array, one value for every row, or a function (start, stop) -> array that makes
# the column chunk by chunk (for wide text columns that need not all be in memory at once).
Values = np.ndarray | str | int | bool | None | Callable[[int, int], np.ndarray]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model: type[models.Model], count: int) -> np.ndarray:
    """`count` new primary keys for `model`, never handed out to anyone else."""
    if count == 0:
        return np.array([], dtype=np.int64)
    table = model._meta.db_table
    pk = cast(str, model._meta.pk.column)  # a primary key is a concrete column
    with connection.cursor() as cursor:
        if is_postgresql():
            # nextval is safe alongside other writers; the ids come back in one round trip.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk, count],
            )
            return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64, count=count)
        # SQLite takes one writer at a time, so the highest id (or the AUTOINCREMENT counter, if a
        # deleted row had a higher one) stays ours until the transaction ends.
        cursor.execute(f"SELECT COALESCE(MAX({connection.ops.quote_name(pk)}), 0) FROM {table}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
    return np.arange(highest + 1, highest + 1 + count, dtype=np.int64)


def _pg_text(values: Values, count: int):
    """One column as COPY text values (an iterable of `count` strings)."""
    if not isinstance(values, np.ndarray):
        if values is None:
            return repeat("\\N", count)
        if isinstance(values, bool):
            return repeat("t" if values else "f", count)
        return repeat(_escape_one(str(values)), count)
    kind = values.dtype.kind
    if kind == "M":
        unit = np.datetime_data(values.dtype)[0]
        # numpy's stubs take only a literal unit; this one is read from the values' own dtype.
        text = np.datetime_as_string(values, unit=unit).tolist()  # type: ignore[call-overload]
        if unit == "D":
            return ["\\N" if v == "NaT" else v for v in text]
        return ["\\N" if v == "NaT" else f"{v[:10]} {v[11:]}+00" for v in text]
    if kind == "b":
        return ["t" if v else "f" for v in values.tolist()]
    if kind in "iu":
        return map(str, values.tolist())
    if kind == "O":
        return [
            "\\N" if v is None else ("t" if v else "f") if isinstance(v, bool) else _escape_one(str(v))
            for v in values.tolist()
        ]
    return _escape(values.tolist())


def _escape_one(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _escape(strings: list[str]) -> list[str]:
    joined = "".join(strings)
    if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
        return [_escape_one(value) for value in strings]
    return strings


def _db_values(values: Values, count: int):
    """One column as Python values for executemany, stored the way Django stores them."""
    if not isinstance(values, np.ndarray):
        return repeat(values, count)
    kind = values.dtype.kind
    if kind == "M":
        unit = np.datetime_data(values.dtype)[0]
        # numpy's stubs take only a literal unit; this one is read from the values' own dtype.
        text = np.datetime_as_string(values, unit=unit).tolist()  # type: ignore[call-overload]
        # Django keeps SQLite datetimes as naive UTC text, "YYYY-MM-DD HH:MM:SS".
        return [None if v == "NaT" else v.replace("T", " ") for v in text]
    return values.tolist()


def write_rows(
    model_or_table: type[models.Model] | str,
    columns: Mapping[str, Values],
    *,
    count: int,
    progress: Callable[[int], Any] = lambda n: None,
) -> int:
    """Insert `count` rows; `columns` maps column names to their values. Returns `count`."""
    if count == 0:
        return 0
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    names = list(columns)
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    chunks = [(start, min(start + CHUNK_ROWS, count)) for start in range(0, count, CHUNK_ROWS)]
    with connection.cursor() as cursor:
        if is_postgresql():
            # One COPY per table; a worker thread sends each chunk while the next one is formatted.
            statement = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            with cursor.cursor.copy(statement, writer=QueuedLibpqWriter(cursor.cursor)) as copy:
                for start, stop in chunks:
                    lines = zip(
                        *(_pg_text(_slice(columns[name], start, stop), stop - start) for name in names),
                        strict=True,
                    )
                    copy.write("".join("\t".join(line) + "\n" for line in lines))
                    progress(stop - start)
            return count
        placeholders = ", ".join(["%s"] * len(names))
        for start, stop in chunks:
            rows = list(
                zip(
                    *(_db_values(_slice(columns[name], start, stop), stop - start) for name in names),
                    strict=True,
                )
            )
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", rows)  # noqa: S608
            progress(stop - start)
    return count


def _slice(values: Values, start: int, stop: int) -> Values:
    if callable(values):
        return values(start, stop)
    return values[start:stop] if isinstance(values, np.ndarray) else values


def purge(queryset: models.QuerySet) -> int:
    """Delete the rows of `queryset` and what depends on them, without loading them.

    Follows the models' on_delete rules: CASCADE removes dependants (recursively), SET_NULL clears
    the link, PROTECT and RESTRICT refuse (ProtectedError-like ValueError) if anything points at
    the rows. Much faster than QuerySet.delete() for a million rows, which fetches every one.
    Returns the number of rows of `queryset` deleted."""
    model = queryset.model
    keys = queryset.values("pk")
    # The relations Django's own deletion follows, hidden ones (related_name="+") and the
    # many-to-many tables' links included.
    # The stubs type these as fields; they are the reverse relations (ForeignObjectRel) pointing here.
    relations = cast(Iterable[ForeignObjectRel], get_candidate_relations_to_delete(model._meta))
    for relation in relations:
        dependants = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": keys})
        on_delete = relation.on_delete
        if on_delete is CASCADE:
            purge(dependants)
        elif on_delete is SET_NULL:
            dependants.update(**{relation.field.name: None})
        elif on_delete is DO_NOTHING:
            continue
        elif dependants.exists():
            raise ValueError(
                f"{relation.related_model._meta.verbose_name_plural} still point at rows being "
                f"removed ({model._meta.label}); remove them first."
            )
    return queryset._raw_delete(connection.alias)
