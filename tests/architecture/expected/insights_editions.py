"""Staff pages of statistics editions. Tension analysts, programme managers and data protection
officers see editions (aggregates only); programme managers draft, change, correct and publish;
data protection officers decide. The quarterly report exists for approved and published editions
(404 for a draft), for those who see statistics. Sending for approval and publishing are POST only
(405 to a GET, whoever asks)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import DPO, PROGRAMME, everyone, only

ANALYST = Role.TENSION_ANALYST.value
SEE = (ANALYST, PROGRAMME, DPO, Role.BOROUGH_PROGRAMME_LEAD.value)

EXPECTED = {
    "insights:editions": [({}, only(*SEE))],
    "insights:edition-new": [({}, only(PROGRAMME))],
    "insights:edition": [
        ({"edition_id": "{draft_edition}"}, only(*SEE)),
        ({"edition_id": "999999"}, only(*SEE, ok=404)),
    ],
    "insights:edition-change": [({"edition_id": "{draft_edition}"}, only(PROGRAMME))],
    "insights:edition-submit": [({"edition_id": "{draft_edition}"}, everyone(405))],
    "insights:edition-decide": [({"edition_id": "{awaiting_edition}"}, only(DPO))],
    "insights:edition-publish": [({"edition_id": "{approved_edition}"}, everyone(405))],
    "insights:edition-correct": [({"edition_id": "{published_edition}"}, only(PROGRAMME))],
    "insights:edition-report": [
        ({"edition_id": "{approved_edition}"}, only(*SEE)),
        ({"edition_id": "{draft_edition}"}, only(*SEE, ok=404)),
    ],
}


def sample_values(agency):
    """One edition in each state, each of its own quarter of 2025 (insights_public relies on the
    published one being 2025-q4 and the draft 2025-q1)."""
    from datetime import date

    from django.utils import timezone

    from commonground.insights.models import EditionStatus, StatisticsEdition
    from tests.factories import UserFactory

    preparer, officer = UserFactory(), UserFactory()
    now = timezone.now()
    table = {
        "name": "hate-incidents-by-month",
        "title": "Hate incidents by month",
        "description": "",
        "kind": "counts",
        "row_header": "Month",
        "policy": {"threshold": 5, "rounding_base": 5, "minimum_records": 10},
        "withheld": False,
        "note": "",
        "columns": ["Hate incidents"],
        "rows": ["January 2025", "February 2025", "March 2025", "Total"],
        "cells": [[10], [None], [None], [20]],
    }
    states = {
        "draft": (date(2025, 1, 1), date(2025, 3, 31), EditionStatus.DRAFT),
        "awaiting": (date(2025, 4, 1), date(2025, 6, 30), EditionStatus.AWAITING_APPROVAL),
        "approved": (date(2025, 7, 1), date(2025, 9, 30), EditionStatus.APPROVED),
        "published": (date(2025, 10, 1), date(2025, 12, 31), EditionStatus.PUBLISHED),
    }
    made = {}
    for key, (start, end, status) in states.items():
        approved = status in (EditionStatus.APPROVED, EditionStatus.PUBLISHED)
        made[key] = StatisticsEdition.objects.create(
            period_start=start,
            period_end=end,
            status=status,
            headlines=[],
            tables=[table],
            prepared_by=preparer,
            prepared_at=now,
            approved_by=officer if approved else None,
            approved_at=now if approved else None,
            published_at=now if status == EditionStatus.PUBLISHED else None,
        )
    return {f"{key}_edition": edition.pk for key, edition in made.items()}
