"""Synthetic hate incident reports and their strands."""

import os

import numpy as np

from commonground.insights.synthetic import shapes
from commonground.insights.synthetic.common import (
    MARK,
    Run,
    boroughs_and_wards,
    event_times,
    map_values,
    nullable,
    pick,
    references,
    secrets_for,
)
from commonground.insights.synthetic.writer import reserve_ids
from commonground.reports.models import HostilityStrand, Report

ONLINE_SHARE = 0.08
URGENT_SHARE = 0.05

INCIDENT_SCENARIOS = (
    "verbal abuse in the street",
    "abuse on public transport",
    "threats from a neighbour",
    "graffiti on the home",
    "damage to a car",
    "abuse at work",
    "assault outside a shop",
    "abusive behaviour at school gates",
    "items thrown at the house",
)
ONLINE_SCENARIOS = (
    "abusive messages online",
    "threats on social media",
    "a hateful video shared in a group chat",
)
ONLINE_PLATFORMS = ("Facebook", "X (Twitter)", "Instagram", "TikTok", "WhatsApp", "YouTube")


def write_incidents(run: Run, count: int) -> None:
    if count == 0:
        return
    rng = run.rng
    submitted = event_times(
        run, count, shapes.HATE_INCIDENT_MONTHS, shapes.HATE_INCIDENT_WEEKDAYS, shapes.HATE_INCIDENT_HOURS
    )
    ids = reserve_ids(Report, count)
    borough, ward = boroughs_and_wards(run, count)
    online = rng.random(count) < ONLINE_SHARE
    no_borough = online & (rng.random(count) < 0.5)
    urgent = rng.random(count) < URGENT_SHARE
    triage_hours = np.where(urgent, 4, 48).astype("timedelta64[h]")
    age_days = (run.end - submitted).astype("timedelta64[D]").astype(np.int64)
    status = np.where(
        age_days > 60,
        shapes.categorical(rng, {"closed": 0.8, "action_taken": 0.15, "with_team": 0.05}, count),
        np.where(
            age_days > 7,
            shapes.categorical(rng, {"triaged": 0.3, "with_team": 0.45, "action_taken": 0.25}, count),
            shapes.categorical(rng, {"received": 0.55, "triaged": 0.35, "with_team": 0.1}, count),
        ),
    )
    # Most incidents are reported the same day; some days or weeks later; a few without a date.
    delay_days = np.where(rng.random(count) < 0.55, 0, rng.geometric(0.2, size=count))
    happened = submitted.astype("datetime64[D]") - delay_days.astype("timedelta64[D]")
    scenario = np.where(
        online,
        pick(rng, ONLINE_SCENARIOS, count),
        pick(rng, INCIDENT_SCENARIOS, count),
    )
    nonce_prefix, hash_prefix = os.urandom(8).hex(), os.urandom(24).hex()
    run.write(
        Report,
        {
            "id": ids,
            # The widest columns are made chunk by chunk, as they are written.
            "reference": lambda start, stop: references(ids[start:stop]),
            "status_nonce": lambda start, stop: secrets_for(ids[start:stop], 32, nonce_prefix),
            "status_secret_hash": lambda start, stop: secrets_for(ids[start:stop], 64, hash_prefix),
            "kind": "hate_incident",
            "channel": shapes.categorical(
                rng, {"web": 0.70, "helpline": 0.15, "reporting_centre": 0.12, "api": 0.03}, count
            ),
            "status": status,
            "urgency": np.where(urgent, "urgent", "standard"),
            "submitted_at": submitted,
            "triage_due_at": submitted + triage_hours,
            "language": shapes.categorical(rng, {"en": 0.96, "ur": 0.025, "pl": 0.015}, count),
            "borough_id": nullable(borough, no_borough),
            "ward_id": nullable(ward, online | (ward == 0)),
            "is_online": online,
            "online_platform": np.where(online, pick(rng, ONLINE_PLATFORMS, count), ""),
            "happened_on": nullable(happened, rng.random(count) < 0.05),
            "description": lambda start, stop: np.char.add(f"{MARK}: ", scenario[start:stop]),
            "reporter_role": shapes.categorical(
                rng, {"victim": 0.55, "witness": 0.30, "on_behalf": 0.15}, count
            ),
            "reported_to_police": shapes.categorical(rng, {"yes": 0.40, "no": 0.45, "not_sure": 0.15}, count),
            "wants_support": map_values(
                shapes.categorical(rng, {"yes": 0.45, "no": 0.40, "unknown": 0.15}, count),
                {"yes": True, "no": False, "unknown": None},
            ),
            "recorded_by_agency_id": run.agency_id,
        },
        count,
    )
    _write_strands(run, ids)


def _write_strands(run: Run, report_ids: np.ndarray) -> None:
    strand_ids = dict(HostilityStrand.objects.values_list("code", "id"))
    missing = sorted(set(shapes.STRAND_SHARES) - set(strand_ids))
    if missing:
        run.notes.append(f"No strand reference rows for {', '.join(missing)}: those strands were left out.")
    primary, second = shapes.strands(run.rng, len(report_ids))
    with_second = second != ""
    report = np.concatenate([report_ids, report_ids[with_second]])
    strand = map_values(np.concatenate([primary, second[with_second]]), strand_ids, default=0).astype(
        np.int64
    )
    keep = strand != 0
    order = np.argsort(report[keep], kind="stable")
    through = Report.strands.through
    run.write(
        through,
        {"report_id": report[keep][order], "hostilitystrand_id": strand[keep][order]},
        int(keep.sum()),
    )
