"""Demo community tension data (synthetic; development only): six weeks of weekly assessments for
every borough and some wards, trigger events, tension reports from partners across the boroughs,
response actions (done, open, in progress, overdue) and the programme manager's alert
subscription, so the dashboard, its map and the weekly report have something to show.

Idempotent: everything is recognised by the "[Demo]" trigger event, and made only once. The rows
are written directly rather than through the actions, because they are history: the actions refuse,
by design, an action due in the past or a report submitted weeks ago.
"""

import importlib
import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Agency, Area, User
from commonground.tension.models import (
    ActionStatus,
    AlertSubscription,
    ResponseAction,
    TensionAssessment,
    TensionLevel,
    TensionReport,
    TriggerEvent,
)
from commonground.tension.queries.dashboard import monday_of
from commonground.tension.references import new_reference

ANALYST = "analyst"  # the demo tension analyst (core/demo.py)
PROGRAMME_MANAGER = "programme"
POLICE = "Demo Police Force"
OLDHAM = "E08000004"
MARKER = "[Demo] March planned in Oldham town centre"
WEEKS = 6
SEED = 5

# Oldham's level rises over the six weeks (oldest first); elsewhere it stays low.
OLDHAM_LEVELS = [2, 2, 3, 3, 4, 4]
REPORTS = [
    # category, source type, description
    ("graffiti", "council", "[Demo] Racist graffiti sprayed on the wall of the community centre."),
    ("online", "school", "[Demo] Pupils sharing a video that mocks a local mosque."),
    ("protest", "neighbourhood_police", "[Demo] Leaflets announcing a march through the town centre."),
    ("rumour", "community", "[Demo] Rumour that a local shop is linked to last week's attack."),
    ("dispute", "housing", "[Demo] Neighbour dispute on the estate taking on a racial tone."),
    ("hate_incidents", "faith", "[Demo] Worshippers shouted at as they left Friday prayers."),
    ("extremist_activity", "youth", "[Demo] Stickers of a far-right group near the youth club."),
]


def load_demo() -> None:
    """The demo analyst, programme manager and agencies come from core. The default tension scale
    comes from migration 0002; it is put back here if the database was emptied since (a flushed
    test database, say), so the demo always has a scale."""
    if TensionLevel.objects.exists():
        return
    default_scale = importlib.import_module("commonground.tension.migrations.0002_default_scale")
    for rank, name, description in default_scale.LEVELS:
        TensionLevel.objects.create(rank=rank, name=name, description=description)


@transaction.atomic
def load_demo_records() -> None:
    analyst = User.objects.filter(username=ANALYST).first()
    police = Agency.objects.filter(name=POLICE).first()
    levels = {level.rank: level for level in TensionLevel.objects.all()}
    if (
        analyst is None
        or police is None
        or len(levels) < 4
        or TriggerEvent.objects.filter(title=MARKER).exists()
    ):
        return
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not a secret)
    now = timezone.now()
    this_week = monday_of(timezone.localdate())
    boroughs = list(Area.objects.boroughs().order_by("code"))
    oldham = next(borough for borough in boroughs if borough.code == OLDHAM)
    wards = {b.pk: list(Area.objects.wards().filter(parent=b).order_by("name")[:3]) for b in boroughs}

    march = TriggerEvent.objects.create(
        title=MARKER,
        description="[Demo] A group from outside the borough plans to march past the mosque.",
        kind="march",
        reach="local",
        starts_on=this_week + timedelta(days=5),
        expected_impact="high",
        recorded_by=analyst,
    )
    march.areas.set([oldham, *wards[oldham.pk]])
    TriggerEvent.objects.create(
        title="[Demo] Anniversary of a terrorist attack abroad",
        kind="anniversary",
        reach="international",
        starts_on=this_week - timedelta(weeks=1, days=-2),
        expected_impact="medium",
        recorded_by=analyst,
    )

    for back in range(WEEKS):
        week = this_week - timedelta(weeks=WEEKS - 1 - back)
        for borough in boroughs:
            rank = OLDHAM_LEVELS[back] if borough == oldham else rng.choice([1, 1, 2, 2, 3])
            areas = [(borough, rank)] + [
                (ward, max(1, rank + rng.choice([-1, 0, 0, 1]))) for ward in wards[borough.pk]
            ]
            for area, area_rank in areas:
                TensionAssessment.objects.create(
                    area=area,
                    week_starting_on=week,
                    level=levels.get(area_rank, levels[1]),
                    direction="rising"
                    if area == oldham and back and OLDHAM_LEVELS[back] > OLDHAM_LEVELS[back - 1]
                    else "stable",
                    confidence="medium",
                    rationale="[Demo] Reports from partners and incidents against the baseline.",
                    indicators=["community_intelligence", "hate_incidents"],
                    assessed_by=analyst,
                    assessed_at=timezone.make_aware(datetime.combine(week, time.min))
                    + timedelta(days=1, hours=10),
                )

    reports = []
    for number in range(42):
        borough = oldham if number % 3 == 0 else rng.choice(boroughs)
        category, source, description = REPORTS[number % len(REPORTS)]
        report = TensionReport.objects.create(
            reference=new_reference(),
            observed_at=now - timedelta(hours=rng.randint(2, 24 * 7 * WEEKS)),
            category=category,
            description=description,
            source_type=source,
            source_evaluation=rng.choice(["1", "2"]),
            information_assessment=rng.choice(["A", "B", "C"]),
            submitted_by=analyst,
            submitting_agency=police,
        )
        report.areas.set([rng.choice(wards[borough.pk]) if wards[borough.pk] and number % 2 else borough])
        reports.append(report)

    oldham_council = analyst.agency
    if oldham_council is None:
        raise ValueError("The demo analyst works for Oldham Council.")
    for description, agency, due, status in [
        ("[Demo] Remove the graffiti on the community centre wall", oldham_council, -30, ActionStatus.DONE),
        ("[Demo] Visit the mosque committee before the march", police, 48, ActionStatus.IN_PROGRESS),
        ("[Demo] Brief ward councillors on the rumour", oldham_council, -6, ActionStatus.OPEN),
        ("[Demo] Meet the head teachers about the video", oldham_council, 72, ActionStatus.OPEN),
    ]:
        done = status == ActionStatus.DONE
        ResponseAction.objects.create(
            area=oldham,
            description=description,
            owner_agency=agency,
            due_at=now + timedelta(hours=due),
            status=status,
            tension_report=reports[0],
            created_by=analyst,
            completed_at=now + timedelta(hours=due - 4) if done else None,
            completed_by=analyst if done else None,
            completion_evidence="[Demo] Removed by the council's rapid response team; photo on file."
            if done
            else "",
        )

    manager = User.objects.filter(username=PROGRAMME_MANAGER).first()
    if manager is not None and len(levels) >= 5:
        AlertSubscription.objects.get_or_create(
            user=manager, area=None, defaults={"minimum_level": levels[max(levels) - 1]}
        )
