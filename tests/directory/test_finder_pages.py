"""The public finders as the public uses them: a search by postcode or borough, the filters, the
list and its map, each place's page, and the refusals (a mistyped or unknown postcode, a hidden
place). On a fixed Wednesday, 10am in London."""

import re
from datetime import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.directory.models import AuditResult, EntryKind
from tests.clock import FROZEN
from tests.directory import finder_world as world

pytestmark = [pytest.mark.django_db, FROZEN]

FINDER = "/find/reporting-centres/"
WEDNESDAY = 2


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def words(html: str) -> str:
    text = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


@pytest.fixture
def places():
    world.postcode(*world.SEARCHED)
    return {
        "near": world.entry("Library Centre", 53.579, -2.430, languages=("ur", "pl"), step_free_access=True),
        "middle": world.entry(
            "Mosque Centre", 53.585, -2.44, hours=[(WEDNESDAY, time(14), time(17))], languages=("ar",)
        ),
        "far": world.entry("Bury Centre", 53.593, -2.297, borough_code=world.BURY),
        "space": world.entry("Hall", 53.5785, -2.4295, kind=EntryKind.MEETING_SPACE, capacity=80),
        "hidden": world.entry("Failed Centre", 53.5781, -2.4291, result=AuditResult.DOES_NOT_MEET),
        "withdrawn": world.entry("Withdrawn Centre", 53.5781, -2.4291, published=False),
        "unaudited": world.entry("New Centre", 53.5781, -2.4291, result=""),
    }


def result_names(response) -> list[str]:
    return re.findall(
        r'<span class="cg-finder-number">\d+\.</span> <a class="govuk-link" href="[^"]+">([^<]+)</a>',
        main(response),
    )


def test_the_start_page_offers_both_finders_and_the_open_data(client):
    page = main(client.get("/find/"))
    assert 'href="/find/reporting-centres/"' in page and 'href="/find/meeting-spaces/"' in page
    assert 'href="/api/v1/openreferral/services"' in page


def test_a_postcode_finds_the_nearest_first_with_distances(client, places):
    response = client.get(FINDER, {"postcode": "bl11ru"})
    assert response.status_code == 200
    assert result_names(response) == ["Library Centre", "Mosque Centre", "Bury Centre"]
    text = words(main(response))
    assert "3 places found near BL1 1RU, nearest first" in text
    assert "1. Library Centre 0.1 miles away" in text
    # Hidden, withdrawn and never audited places, and meeting spaces, are not among the centres.
    assert not any(name in text for name in ("Failed", "Withdrawn", "New Centre", "Hall"))


def test_the_map_numbers_its_markers_as_the_list_and_has_a_table(client, places):
    page = main(client.get(FINDER, {"postcode": "BL1 1RU"}))
    svg = re.search(r"<svg.*?</svg>", page, flags=re.S).group(0)
    labels = re.findall(r'<a href="([^"]+)" aria-label="(\d+)\. ([^:"]+)', svg)
    assert sorted((number, name) for _, number, name in labels) == [
        ("1", "Library Centre"),
        ("2", "Mosque Centre"),
        ("3", "Bury Centre"),
    ]
    assert f'href="/find/reporting-centres/{places["near"].pk}/" aria-label="1. Library Centre' in svg
    assert "Your postcode" in svg
    assert "Contains OS data © Crown copyright" in page
    assert "<caption" in page and "Map of the places nearest to BL1 1RU" in page


def test_a_borough_lists_its_places_by_name(client, places):
    response = client.get(FINDER, {"borough": "E08000002"})
    assert result_names(response) == ["Bury Centre"]
    assert "1 place found in Bury" in words(main(response))


def test_the_filters(client, places):
    assert result_names(client.get(FINDER, {"postcode": "BL1 1RU", "open_now": "on"})) == [
        "Library Centre",
        "Bury Centre",
    ]  # 10am on a Wednesday: the mosque's centre opens at 2pm
    assert result_names(client.get(FINDER, {"postcode": "BL1 1RU", "language": "ar"})) == ["Mosque Centre"]
    assert result_names(client.get(FINDER, {"postcode": "BL1 1RU", "step_free": "on"})) == ["Library Centre"]
    none = client.get(FINDER, {"borough": "E08000002", "language": "pl"})
    assert "No places match your search" in words(main(none))


def test_a_mistyped_postcode_is_told_kindly_kept_and_offered_the_boroughs(client, places):
    response = client.get(FINDER, {"postcode": "BL1 1R"})
    page = main(response)
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    assert "Enter a full UK postcode, like BL1 1RU, or choose your borough" in page
    assert 'value="BL1 1R"' in page
    assert (
        "Choose your borough instead" in page and 'href="/find/reporting-centres/?borough=E08000001"' in page
    )
    assert not result_names(response)


def test_an_unknown_postcode_is_told_apart_and_offered_the_boroughs(client, places):
    page = main(client.get(FINDER, {"postcode": "ZZ9 9ZZ"}))
    assert "We cannot find the postcode ZZ9 9ZZ. Check it, or choose your borough" in page
    assert "Choose your borough instead" in page


def test_a_search_needs_a_postcode_or_a_borough(client, places):
    page = main(client.get(FINDER, {"postcode": "", "borough": ""}))
    assert "Enter a postcode or choose a borough" in page
    assert "Choose your borough instead" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"borough": "E99999999"},
        {"language": "xx"},
        {"postcode": "B" * 5000},
        {"postcode": "BL1\x001RU"},
        {"postcode": "<script>"},
        {"open_now": "maybe", "borough": "E08000001"},
    ],
)
def test_odd_input_gets_a_page_never_a_server_error(client, places, query):
    response = client.get(FINDER, query)
    assert response.status_code == 200
    assert "<script>" not in main(response)


def test_an_entry_page_has_its_address_hours_languages_access_and_contact(client, places):
    page = main(client.get(f"{FINDER}{places['near'].pk}/"))
    text = words(page)
    assert "Library Centre" in text and "1 High Street Bolton BL1 1AA" in text
    assert "Monday 9am to 5pm" in text and "Saturday Closed" in text
    assert "Open now" in text
    assert "Urdu" in text and "Polish" in text and "Step-free access" in text
    assert 'href="tel:01204333333"' in page and 'href="mailto:centre@example.org"' in page
    assert 'href="/report/hate-incident/"' in page
    assert "Sam Private" not in page, "the contact's name is not published"


def test_a_meeting_space_page_has_its_capacity(client, places):
    text = words(main(client.get(f"/find/meeting-spaces/{places['space'].pk}/")))
    assert "Up to 80 people" in text and "Ask the place" in text


@pytest.mark.parametrize("which", ["hidden", "withdrawn", "unaudited"])
def test_a_place_hidden_from_the_public_is_not_found(client, places, which):
    assert client.get(f"{FINDER}{places[which].pk}/").status_code == 404


def test_a_place_is_found_only_in_its_own_finder(client, places):
    assert client.get(f"{FINDER}{places['space'].pk}/").status_code == 404
    assert client.get(f"/find/meeting-spaces/{places['near'].pk}/").status_code == 404
    assert client.get("/find/shops/").status_code == 404


def test_the_finder_answers_get_only(client, places):
    assert client.post(FINDER, {"postcode": "BL1 1RU"}).status_code == 405


def test_query_counts_do_not_grow_with_the_number_of_places(client, places):
    def count(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(FINDER, params).status_code == 200
        return len(captured)

    searches = [{"postcode": "BL1 1RU"}, {"borough": "E08000001"}, {"postcode": "BL1 1RU", "open_now": "on"}]
    before = [count(params) for params in searches]
    for n in range(25):
        world.entry(f"More {n}", 53.57 + n / 1000, -2.43, languages=("ur", "pl", "ar"))
    assert [count(params) for params in searches] == before
    with CaptureQueriesContext(connection) as captured:
        client.get(f"{FINDER}{places['near'].pk}/")
    assert len(captured) <= 4


def test_the_report_line_points_to_the_reporting_centres(client):
    for path in ("/report/", "/report/hate-incident/"):
        page = main(client.get(path))
        assert 'href="/find/reporting-centres/"' in page
        assert "Report in person at a hate crime reporting centre near you" in page


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ur", "نفرت انگیز جرائم کی رپورٹنگ کا مرکز تلاش کریں"),
        ("pl", "Znajdź punkt zgłaszania przestępstw z nienawiści"),
    ],
)
def test_the_finder_speaks_urdu_and_polish(places, language, title):
    client = Client()
    client.get(f"/language/{language}/", {"next": "/"})
    response = client.get(FINDER, {"postcode": "BL1 1RU"})
    assert title in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()
