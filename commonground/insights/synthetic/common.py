"""What the parts of the synthetic dataset share: the marks that say a row is synthetic, the run
being written, and small helpers for vectorised columns."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import models
from django.db.models.fields import NOT_PROVIDED

from commonground.insights.synthetic import shapes
from commonground.insights.synthetic.writer import write_rows
from commonground.reports.references import ALPHABET

AGENCY_NAME = "Synthetic data (not real)"
USERNAME = "synthetic-data"
REFERENCE_PREFIX = "SYN-"
MARK = "Synthetic record (not real)"
ACTOR_LABEL = "generate_synthetic"


@dataclass
class Places:
    """Boroughs with their shares of events, wards with their shares within each borough, and each
    borough's Census 2021 ethnic group and religion counts (by equality monitoring code)."""

    borough_ids: np.ndarray
    borough_weights: np.ndarray
    wards: dict[int, tuple[np.ndarray, np.ndarray]]
    ethnic_mix: dict[int, dict[str, float]]
    religion_mix: dict[int, dict[str, float]]


@dataclass
class Run:
    """One generation run: its random generator, places, owner, span, progress bar, and the rows
    written so far by model."""

    rng: np.random.Generator
    places: Places
    agency_id: int
    user_id: int
    start: np.datetime64  # datetime64[s], midnight UTC
    end: np.datetime64  # datetime64[s], now
    days: int
    bar: Any
    written: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def write(self, model: type[models.Model] | str, columns: Mapping[str, Any], count: int) -> None:
        table = model if isinstance(model, str) else model._meta.db_table
        label = model if isinstance(model, str) else model._meta.label
        if not isinstance(model, str):
            columns = complete_row(model, columns)
        write_rows(table, columns, count=count, progress=self.bar.update)
        self.written[label] = self.written.get(label, 0) + count


def complete_row(model: type[models.Model], columns: Mapping[str, Any]) -> dict[str, Any]:
    """The given columns plus every other column of `model` at its empty value, so that a row
    never depends on a database default (Django sets none). The primary key is left to the
    database unless given."""
    complete = dict(columns)
    for model_field in model._meta.concrete_fields:
        column = model_field.column
        if column is None or column in complete or model_field.primary_key:
            continue
        if model_field.null:
            complete[column] = None
        elif model_field.default is not NOT_PROVIDED and not callable(model_field.default):
            complete[column] = model_field.default
        elif model_field.blank and isinstance(model_field, models.CharField | models.TextField):
            complete[column] = ""
        else:
            raise ValueError(f"{model._meta.label}.{model_field.name} needs a value.")
    return complete


def references(ids: np.ndarray) -> np.ndarray:
    # "SYN-" and eight characters of the id in the reports' own alphabet: unique because the id is.
    return np.char.add(REFERENCE_PREFIX, shapes.base32(ids, width=8, alphabet=ALPHABET))


def secrets_for(ids: np.ndarray, width: int, prefix: str) -> np.ndarray:
    """Hex strings unique by construction: a random prefix for the run (from os.urandom, not the
    seed, so it differs between runs) and the row's id. Nobody knows a secret whose hash this is,
    so no status link opens a synthetic report; increasing values keep the unique index cheap."""
    return np.char.add(prefix, shapes.base32(ids, width=width - len(prefix), alphabet="0123456789abcdef"))


def nullable(values: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """`values` with NULL where `missing`: NaT for dates and times, None otherwise."""
    if values.dtype.kind == "M":
        out = values.copy()
        out[missing] = np.datetime64("NaT")
        return out
    out = values.astype(object)
    out[missing] = None
    return out


def map_values(values: np.ndarray, mapping: Mapping[Any, Any], default: Any = None) -> np.ndarray:
    """Each value replaced through `mapping` (an object array; `default` where it has none)."""
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([mapping.get(value, default) for value in distinct.tolist()], dtype=object)[inverse]


def pick(rng: np.random.Generator, choices: tuple[str, ...], size: int) -> np.ndarray:
    return np.array(choices)[rng.integers(0, len(choices), size=size)]


def boroughs_and_wards(run: Run, count: int) -> tuple[np.ndarray, np.ndarray]:
    places = run.places
    borough = places.borough_ids[
        run.rng.choice(len(places.borough_ids), size=count, p=places.borough_weights)
    ]
    ward = np.zeros(count, dtype=np.int64)
    for borough_id, (ward_ids, weights) in places.wards.items():
        rows = np.flatnonzero(borough == borough_id)
        if len(rows):
            ward[rows] = ward_ids[run.rng.choice(len(ward_ids), size=len(rows), p=weights)]
    return borough, ward


def event_times(run: Run, count: int, months, weekdays, hours) -> np.ndarray:
    return shapes.event_times(
        run.rng,
        count=count,
        start_day=run.start,
        days=run.days,
        months=months,
        weekdays=weekdays,
        hours=hours,
    )
