"""Reading self-assessments as a programme reader does: a borough's history, all boroughs side by
side for one period, and what moves a borough up. A small dataset worked by hand:

    Bolton 2024 (moderated): own 1 2 3 2 1, moderated 1 3 3 2 and the fifth not moderated
    Bolton 2025 (submitted): own 2 3 3 3 2
    Bury   2025 (moderated): own 3 3 4 4 5, moderated 3 2 4 4 5
    Oldham 2025 (submitted): own 5 5 5 5 5   (outside the reader's boroughs)

The reader is a programme lead for Bolton and Bury."""

import re
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonground.core import access
from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.programme.models import AssessmentEvidence, DimensionScore, NextStep
from commonground.programme.queries import assessment_views as queries
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, MANCHESTER, OLDHAM, staff
from tests.programme.assessment_view_builders import assessment, dimensions

pytestmark = pytest.mark.django_db

SIDE_BY_SIDE = reverse("programme:assessments-side-by-side")


def history_url(code: str) -> str:
    return reverse("programme:borough-assessment-history", kwargs={"code": code})


def moving_up_url(code: str) -> str:
    return reverse("programme:borough-moving-up", kwargs={"code": code})


@pytest.fixture
def reader():
    return staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON, BURY)


@pytest.fixture
def dataset(reader):
    return {
        "bolton_2024": assessment(BOLTON, 2024, levels=[1, 2, 3, 2, 1], moderated=[1, 3, 3, 2, None]),
        "bolton_2025": assessment(BOLTON, 2025, levels=[2, 3, 3, 3, 2]),
        "bury_2025": assessment(BURY, 2025, levels=[3, 3, 4, 4, 5], moderated=[3, 2, 4, 4, 5]),
        "oldham_2025": assessment(OLDHAM, 2025, levels=[5, 5, 5, 5, 5]),
    }


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def row_text(page: str, attribute: str, value: str) -> str:
    match = re.search(rf'<tr class="govuk-table__row" {attribute}="{value}">(.*?)</tr>', page, re.S)
    assert match, f"no row {attribute}={value}"
    return text_of(match.group(1))


# --- All boroughs side by side ----------------------------------------------------------------------


def test_side_by_side_shows_each_borough_in_scope_with_own_and_moderated_levels(client, reader, dataset):
    page = signed_in(reader, client).get(SIDE_BY_SIDE).content.decode()
    assert "1 Apr 2025 to 31 Mar 2026" in page
    assert row_text(page, "data-borough", BOLTON) == (
        "Bolton Submitted for moderation Own: 2 Own: 3 Own: 3 Own: 3 Own: 2"
    )
    assert row_text(page, "data-borough", BURY) == (
        "Bury Moderated Own: 3 Moderated: agreed Own: 3 Moderated: 2 Own: 4 Moderated: agreed "
        "Own: 4 Moderated: agreed Own: 5 Moderated: agreed"
    )
    assert 'data-borough="' + OLDHAM not in page
    assert "Oldham" not in page


def test_side_by_side_charts_are_followed_by_tables_of_the_same_figures(reader, dataset):
    data = queries.side_by_side(access.scope_for(reader))
    assert [line.borough.code for line in data.lines] == [BOLTON, BURY]
    second = data.charts[1]
    assert second.chart.svg.startswith("<svg")
    assert second.chart.table.headers == ("Borough", queries.OWN, queries.MODERATED)
    assert second.chart.table.rows == (("Bolton", "3", "No data"), ("Bury", "3", "2"))


def test_the_period_picker_shows_an_earlier_period(client, reader, dataset):
    page = signed_in(reader, client).get(SIDE_BY_SIDE, {"period": "2024-04-01"}).content.decode()
    assert "1 Apr 2024 to 31 Mar 2025" in page
    assert row_text(page, "data-borough", BOLTON) == (
        "Bolton Moderated Own: 1 Moderated: agreed Own: 2 Moderated: 3 Own: 3 Moderated: agreed "
        "Own: 2 Moderated: agreed Own: 1"
    )
    assert row_text(page, "data-borough", BURY) == "Bury No self-assessment for this period"


def test_a_period_not_offered_is_refused_kindly_and_the_newest_shown(client, reader, dataset):
    page = signed_in(reader, client).get(SIDE_BY_SIDE, {"period": "1999-04-01"}).content.decode()
    assert "Choose a period from the list" in page
    assert "1 Apr 2025 to 31 Mar 2026" in page


def test_another_boroughs_lead_sees_none_of_these(client, dataset):
    oldham_lead = staff(Role.BOROUGH_PROGRAMME_LEAD, OLDHAM)
    data = queries.side_by_side(access.scope_for(oldham_lead))
    assert [line.borough.code for line in data.lines] == [OLDHAM]
    assert data.lines[0].row.cells[0].level == 5
    page = signed_in(oldham_lead, client).get(SIDE_BY_SIDE).content.decode()
    assert "Bolton" not in page and "Bury" not in page


def test_staff_who_do_not_follow_the_programme_are_refused(client, dataset):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    assert signed_in(coordinator, client).get(SIDE_BY_SIDE).status_code == 403


def test_a_reader_with_no_assessments_is_told_so(client):
    page = signed_in(staff(Role.BOROUGH_PROGRAMME_LEAD, MANCHESTER), client).get(SIDE_BY_SIDE)
    assert "There are no self-assessments in your boroughs yet." in page.content.decode()


def _queries_for(path: str, client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_queries_do_not_grow_with_boroughs_or_years(client):
    manager = staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)
    signed_in(manager, client)
    for year in (2023, 2024):
        for code in (BOLTON, BURY):
            assessment(code, year, levels=[1, 2, 3, 4, 5], moderated=[2, 2, 3, 4, 5])
    pages = (SIDE_BY_SIDE, history_url(BOLTON), moving_up_url(BOLTON) + "?period=2024-04-01")
    small = [_queries_for(page, client) for page in pages]
    for year in range(2015, 2023):
        for code in (BOLTON, BURY, MANCHESTER, OLDHAM):
            assessment(code, year, levels=[2, 2, 2, 2, 2], moderated=[3, 2, 2, 2, 1])
    for code in (MANCHESTER, OLDHAM):
        assessment(code, 2024, levels=[1, 1, 1, 1, 1], moderated=[1, 1, 1, 1, 1])
    large = [_queries_for(page, client) for page in pages]
    assert large == small


# --- A borough's history ---------------------------------------------------------------------------


def test_history_lists_every_period_with_own_and_moderated_levels(client, reader, dataset):
    page = signed_in(reader, client).get(history_url(BOLTON)).content.decode()
    assert "Bolton: self-assessment history" in page
    assert row_text(page, "data-period", "2024-04-01").startswith(
        "1 Apr 2024 to 31 Mar 2025 Moderated Own: 1"
    )
    assert row_text(page, "data-period", "2025-04-01") == (
        "1 Apr 2025 to 31 Mar 2026 Submitted for moderation Own: 2 Own: 3 Own: 3 Own: 3 Own: 2"
    )
    assert page.count("<svg") == len(dimensions())


def test_history_chart_tables_hold_the_levels_worked_by_hand(reader, dataset):
    data = queries.history(access.scope_for(reader), Area.objects.get(code=BOLTON))
    assert [row.period_start for row in data.rows] == [date(2024, 4, 1), date(2025, 4, 1)]
    second = data.charts[1].chart.table
    assert second.headers == ("Period starting", queries.OWN, queries.MODERATED)
    assert [row[1:] for row in second.rows] == [("Level 2", "Level 3"), ("Level 3", "No data")]


def test_history_of_a_borough_outside_scope_is_not_found(client, reader, dataset):
    client = signed_in(reader, client)
    assert client.get(history_url(OLDHAM)).status_code == 404
    assert client.get(history_url("E99999999")).status_code == 404
    assert client.get(moving_up_url(OLDHAM)).status_code == 404


# --- What moves a borough up ----------------------------------------------------------------------


def test_moving_up_shows_the_next_levels_descriptor_beside_the_evidence_and_next_steps(
    client, reader, dataset
):
    bury = dataset["bury_2025"]
    second = DimensionScore.objects.get(assessment=bury, dimension=dimensions()[1])
    AssessmentEvidence.objects.create(score=second, text="Forum minutes, March.", added_by=reader)
    AssessmentEvidence.objects.create(
        score=second, kind="link", url="https://example.org/minutes", added_by=reader
    )
    AssessmentEvidence.objects.create(score=second, kind="link", url="javascript:alert(1)", added_by=reader)
    NextStep.objects.create(score=second, text="Meet the faith leaders' network quarterly.")
    html = signed_in(reader, client).get(moving_up_url(BURY)).content.decode()
    assert 'href="https://example.org/minutes"' in html and "javascript:" not in html
    page = text_of(html)
    dimension = dimensions()[1]
    # Moderated down to 2: the level above it is 3.
    level_three = dimension.descriptors.get(level=3).text
    assert "Level 2 (moderated; the borough gave itself 3)" in page
    assert f"Level 3 looks like {text_of(level_three)}" in page
    assert "Forum minutes, March." in page
    assert "Meet the faith leaders' network quarterly." in page
    # At level 5 there is nothing above.
    assert "This is the highest level: the work is to keep it." in page


def test_moving_up_period_picker_chooses_an_earlier_assessment(client, reader, dataset):
    page = text_of(
        signed_in(reader, client).get(moving_up_url(BOLTON), {"period": "2024-04-01"}).content.decode()
    )
    assert "Self-assessment for 1 Apr 2024 to 31 Mar 2025" in page
    assert "Level 3 (moderated; the borough gave itself 2)" in page


def test_moving_up_for_a_borough_without_an_assessment_says_so(client, reader):
    page = signed_in(reader, client).get(moving_up_url(BURY)).content.decode()
    assert "Bury has no self-assessment yet." in page
