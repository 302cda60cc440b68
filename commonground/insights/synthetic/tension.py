"""Synthetic tension reports about wards and boroughs."""

import numpy as np

from commonground.insights.synthetic import shapes
from commonground.insights.synthetic.common import (
    MARK,
    Run,
    boroughs_and_wards,
    event_times,
    map_values,
    references,
)
from commonground.insights.synthetic.writer import reserve_ids
from commonground.tension.models import TensionReport

TENSION_CATEGORIES = {
    "protest": 0.12,
    "graffiti": 0.18,
    "online": 0.20,
    "disorder": 0.05,
    "rumour": 0.10,
    "hate_incidents": 0.15,
    "extremist_activity": 0.07,
    "dispute": 0.06,
    "trigger_event": 0.04,
    "other": 0.03,
}
TENSION_SOURCES = {
    "neighbourhood_police": 0.30,
    "council": 0.18,
    "councillor": 0.06,
    "housing": 0.07,
    "school": 0.08,
    "youth": 0.05,
    "faith": 0.06,
    "community": 0.10,
    "media": 0.06,
    "report_line": 0.02,
    "other": 0.02,
}

# Census 2021 categories (after the colon, lower case) → the equality monitoring codes.


def write_tension_reports(run: Run, count: int) -> None:
    if count == 0:
        return
    rng = run.rng
    observed = event_times(
        run, count, shapes.TENSION_MONTHS, shapes.TENSION_WEEKDAYS, shapes.HATE_INCIDENT_HOURS
    )
    submitted = np.minimum(observed + shapes.delays(rng, count, low=0.05, high=3), run.end)
    ids = reserve_ids(TensionReport, count)
    category = shapes.categorical(rng, TENSION_CATEGORIES, count)
    handling = shapes.categorical(rng, {"1": 0.9, "2": 0.1}, count)
    category_labels = dict(TensionReport._meta.get_field("category").choices or ())
    run.write(
        TensionReport,
        {
            "id": ids,
            "reference": references(ids),
            "observed_at": observed,
            "submitted_at": submitted,
            "category": category,
            "tension_type": shapes.categorical(
                rng, {"evidenced": 0.55, "experienced": 0.30, "potential": 0.15}, count
            ),
            "description": map_values(
                category, {code: f"{MARK}: {label.lower()}." for code, label in category_labels.items()}
            ),
            "source_type": shapes.categorical(rng, TENSION_SOURCES, count),
            "source_evaluation": shapes.categorical(rng, {"1": 0.35, "2": 0.55, "3": 0.10}, count),
            "information_assessment": shapes.categorical(
                rng, {"A": 0.25, "B": 0.30, "C": 0.30, "D": 0.12, "E": 0.03}, count
            ),
            "handling_code": handling,
            "handling_conditions": np.where(handling == "2", f"{MARK}: share with named partners only.", ""),
            "marking": shapes.categorical(rng, {"official": 0.85, "official_sensitive": 0.15}, count),
            "submitting_agency_id": run.agency_id,
        },
        count,
    )
    # Most reports name one ward; some a whole borough; a few two wards of the same borough.
    borough, ward = boroughs_and_wards(run, count)
    spread = rng.random(count)
    whole_borough = (spread < 0.22) | (ward == 0)
    first_area = np.where(whole_borough, borough, ward)
    two_wards = (spread > 0.92) & ~whole_borough
    second = np.zeros(count, dtype=np.int64)
    for borough_id, (ward_ids, weights) in run.places.wards.items():
        rows = np.flatnonzero(two_wards & (borough == borough_id))
        second[rows] = ward_ids[rng.choice(len(ward_ids), size=len(rows), p=weights)]
    two_wards &= (second != first_area) & (second != 0)
    report = np.concatenate([ids, ids[two_wards]])
    area = np.concatenate([first_area, second[two_wards]])
    order = np.argsort(report, kind="stable")
    run.write(
        TensionReport.areas.through,
        {"tensionreport_id": report[order], "area_id": area[order]},
        len(report),
    )
