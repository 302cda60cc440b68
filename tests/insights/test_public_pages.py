"""Public statistics pages, open to everyone: only published editions exist there, and every figure
is the frozen, disclosure-controlled one, whoever asks (signed in or not)."""

import csv
import io
import json
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from commonground.core.roles import Role
from commonground.insights import presentation
from commonground.insights.actions import editions as actions
from commonground.insights.quarters import Quarter
from tests.conftest import signed_in
from tests.factories import staff
from tests.insights import editions_data as data

pytestmark = pytest.mark.django_db

SLUG = data.QUARTER_SLUG
EDITION = f"/statistics/{SLUG}/revision-1/"


@pytest.fixture(autouse=True)
def august_2026():
    with time_machine.travel(datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60)), tick=False):
        yield


@pytest.fixture
def people():
    return (
        staff(Role.PROGRAMME_MANAGER, "E47000001", username="preparer"),
        staff(Role.DATA_PROTECTION_OFFICER, "E47000001", username="officer"),
    )


@pytest.fixture
def draft(people):
    data.fixed_quarter()
    return actions.draft_edition(actor=people[0], quarter=Quarter.starting(2026, 2))


@pytest.fixture
def edition(draft, people):
    preparer, officer = people
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    return actions.publish_edition(actor=preparer, edition=draft)


def test_before_anything_is_published_the_page_says_so():
    page = Client().get("/statistics/")
    assert page.status_code == 200
    assert "No statistics have been published yet" in page.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        f"/statistics/{SLUG}/",
        EDITION,
        f"{EDITION}hate-incidents-by-borough.csv",
        f"{EDITION}hate-incidents-by-borough.json",
    ],
)
def test_a_draft_is_not_found_on_public_pages(draft, people, path):
    assert Client().get(path).status_code == 404
    # Not even for the member of staff who prepared it.
    assert signed_in(people[0]).get(path).status_code == 404
    assert "April to June 2026" not in Client().get("/statistics/").content.decode()


def test_the_latest_edition_shows_headlines_charts_and_their_tables(edition):
    page = Client().get("/statistics/").content.decode()
    assert "April to June 2026" in page
    assert "Up 50% on April to June 2025" in page
    assert page.count("<svg") == 2  # incidents by borough, by month
    assert "Hate incidents by borough, April to June 2026" in page
    assert "[c]" in page
    assert "Open Government Licence v3.0" in page
    assert "Withheld: could disclose small numbers." in page


def test_the_archive_and_the_methodology_are_open_to_everyone(edition):
    archive = Client().get("/statistics/archive/").content.decode()
    assert EDITION in archive
    methodology = Client().get("/statistics/methodology/")
    assert methodology.status_code == 200
    assert "[c]" in methodology.content.decode()


def test_a_breakdown_that_would_disclose_small_numbers_is_served_suppressed_to_anyone(edition, people):
    for client in (Client(), signed_in(people[0]), signed_in(people[1])):
        body = client.get(f"{EDITION}hate-incidents-by-borough.json").json()
        rows = {row["label"]: row["values"][0] for row in body["table"]["rows"]}
        assert rows["Bury"] == {"column": "Hate incidents", "value": None, "suppressed": True}
        assert rows["Bolton"]["value"] is None
        assert rows["Manchester"]["value"] == 35
        assert all(v["value"] != 2 for row in body["table"]["rows"] for v in row["values"])


def test_the_csv_marks_suppressed_cells_and_carries_the_licence(edition):
    response = Client().get(f"{EDITION}hate-incidents-by-borough.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Open Government Licence v3.0" in line for line in comments)
    rows = list(
        csv.reader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#"))))
    )
    assert rows[0] == ["Borough", "Hate incidents"]
    by_borough = dict(rows[1:])
    assert (by_borough["Bury"], by_borough["Bolton"], by_borough["Manchester"], by_borough["Total"]) == (
        "[c]",
        "[c]",
        "35",
        "60",
    )


def test_the_json_names_the_licence_edition_revision_and_suppression_marker(edition):
    body = json.loads(Client().get(f"{EDITION}hate-incidents-by-month.json").content)
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert (body["edition"]["slug"], body["edition"]["revision"]) == (SLUG, 1)
    assert body["table"]["suppression_marker"] == "[c]"
    assert body["table"]["rows"][0] == {
        "label": "April 2026",
        "values": [{"column": "Hate incidents", "value": 10, "suppressed": False}],
    }


def test_an_unknown_table_or_quarter_is_not_found(edition):
    assert Client().get(f"{EDITION}no-such-table.csv").status_code == 404
    assert Client().get("/statistics/2026-q9/").status_code == 404
    assert Client().get(f"/statistics/{SLUG}/revision-7/").status_code == 404


@pytest.mark.parametrize(
    "dangerous",
    [
        "=HYPERLINK(1)",
        "+1",
        "-1",
        "@SUM(A1)",
        "|cmd",
        "\uff1dHYPERLINK(1)",  # full-width equals sign
        "\uff0b1",
        "\uff0d1",
        "\uff20SUM(A1)",
        "  =1+1",
        "\u3000=1",  # an ideographic space before the formula
        "\t=1",
        "\n=1",
    ],
)
def test_csv_cells_that_look_like_formulas_are_neutralised(dangerous):
    assert presentation.safe_cell(dangerous) == "'" + dangerous
    assert presentation.safe_cell("Bolton") == "Bolton"
    assert presentation.safe_cell(None) == "[c]"


def test_a_corrected_edition_points_to_its_correction_and_stays_in_the_archive(edition, people):
    preparer, officer = people
    correction = actions.correct_edition(
        actor=preparer, edition=edition, correction_note="Late June reports."
    )
    # While the correction is a draft, nothing changes in public.
    assert "has been corrected" not in Client().get(EDITION).content.decode()
    assert Client().get(f"/statistics/{SLUG}/revision-2/").status_code == 404
    actions.submit_for_approval(actor=preparer, edition=correction)
    actions.approve_edition(actor=officer, edition=correction)
    actions.publish_edition(actor=preparer, edition=correction)
    old = Client().get(EDITION).content.decode()
    assert "This edition has been corrected: see" in old and "revision 2" in old
    newest = Client().get(f"/statistics/{SLUG}/").content.decode()
    assert "Late June reports." in newest
    archive = Client().get("/statistics/archive/").content.decode()
    assert EDITION in archive and f"/statistics/{SLUG}/revision-2/" in archive


def test_a_chart_table_marks_suppressed_values_as_in_every_other_table(edition):
    [by_borough, _by_month] = presentation.edition_charts(edition.tables, period_label=edition.quarter_label)
    rows = dict(by_borough.table.rows)
    assert (rows["Bury"], rows["Bolton"], rows["Manchester"]) == ("[c]", "[c]", "35")
