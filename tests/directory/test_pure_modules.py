"""The finder's pure rules: distances, opening hours, postcodes typed and the map (no Django)."""

import math
import re
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import commonground
from commonground.core.charts import MapArea
from commonground.directory.distance import (
    KM_PER_MILE,
    Point,
    distance_km,
    distance_miles,
    miles_in_words,
    nearest_first,
)
from commonground.directory.finder_map import Marker, finder_map
from commonground.directory.opening_hours import (
    LONDON,
    Hours,
    day_in_words,
    is_open,
    time_in_words,
    week_rows,
)
from commonground.directory.postcodes import Typed, read_postcode

PURE = ["distance", "opening_hours", "postcodes", "finder_map"]

latitudes = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
longitudes = st.floats(min_value=-179.9, max_value=179.9, allow_nan=False)
points = st.builds(Point, latitudes, longitudes)
# Around Greater Manchester, where the partnership's places are.
local_points = st.builds(
    Point,
    st.floats(min_value=53.3, max_value=53.7, allow_nan=False),
    st.floats(min_value=-2.7, max_value=-1.9, allow_nan=False),
)


def test_importing_the_modules_loads_no_django():
    root = Path(commonground.__file__).parent.parent
    imports = "; ".join(f"import commonground.directory.{name}" for name in PURE)
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"], check=True, cwd=root, env={"PYTHONPATH": str(root)}
    )


# --- Distance -------------------------------------------------------------------------------------


def test_known_distances():
    manchester_piccadilly = Point(53.4774, -2.2309)
    bolton_station = Point(53.5740, -2.4255)
    assert 16.0 < distance_km(manchester_piccadilly, bolton_station) < 16.8
    london, paris = Point(51.5074, -0.1278), Point(48.8566, 2.3522)
    assert 340 < distance_km(london, paris) < 345
    assert math.isclose(distance_miles(london, paris), distance_km(london, paris) / KM_PER_MILE)


@given(points, points)
def test_distance_is_symmetric_and_never_negative(a, b):
    assert distance_km(a, b) >= 0
    assert math.isclose(distance_km(a, b), distance_km(b, a), abs_tol=1e-9)


@given(points)
def test_a_place_is_no_distance_from_itself(a):
    assert distance_km(a, a) < 1e-6


@given(points, points, points)
def test_triangle_inequality(a, b, c):
    assert distance_km(a, c) <= distance_km(a, b) + distance_km(b, c) + 1e-6


@given(points, points)
def test_no_two_places_are_further_apart_than_half_the_world(a, b):
    assert distance_km(a, b) <= math.pi * 6371.0088 + 1e-6


@given(local_points, st.lists(st.one_of(st.none(), local_points), max_size=30))
def test_nearest_first_orders_by_distance_and_drops_places_without_a_position(origin, places):
    found = nearest_first(list(enumerate(places)), origin, lambda item: item[1])
    assert [near.km for near in found] == sorted(near.km for near in found)
    assert len(found) == sum(1 for place in places if place is not None)
    for near in found:
        assert math.isclose(near.km, distance_km(origin, near.item[1]))
        assert math.isclose(near.miles * KM_PER_MILE, near.km)


def test_miles_in_words():
    assert miles_in_words(0.04) == "0.0"
    assert miles_in_words(2.44) == "2.4"
    assert miles_in_words(12.4) == "12"


# --- Opening hours ------------------------------------------------------------------------------

SPLIT_DAY = [Hours(0, time(9), time(12, 30)), Hours(0, time(14), time(17))]


def test_a_day_in_words():
    assert day_in_words(SPLIT_DAY, 0) == "9am to 12:30pm and 2pm to 5pm"
    assert day_in_words(list(reversed(SPLIT_DAY)), 0) == "9am to 12:30pm and 2pm to 5pm"
    assert day_in_words(SPLIT_DAY, 1) == "Closed"
    assert day_in_words([Hours(2, time(12), time(0))], 2) == "midday to midnight"
    three = [Hours(3, time(8), time(9)), Hours(3, time(10), time(11)), Hours(3, time(12, 15), time(13))]
    assert day_in_words(three, 3) == "8am to 9am, 10am to 11am and 12:15pm to 1pm"


def test_the_week_as_rows():
    rows = week_rows(SPLIT_DAY)
    assert rows[0] == ("Monday", "9am to 12:30pm and 2pm to 5pm")
    assert rows[1:] == [
        (day, "Closed") for day in ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    ]


def test_open_at_moments_in_london_time():
    # Monday 3 August 2026, British Summer Time (UTC+1): 8:30 UTC is 9:30 in London.
    assert is_open(SPLIT_DAY, datetime(2026, 8, 3, 8, 30, tzinfo=UTC))
    assert not is_open(SPLIT_DAY, datetime(2026, 8, 3, 7, 30, tzinfo=UTC))  # 8:30 in London
    assert not is_open(SPLIT_DAY, datetime(2026, 8, 3, 12, 0, tzinfo=UTC))  # 1pm: the lunch break
    assert not is_open(SPLIT_DAY, datetime(2026, 8, 3, 16, 0, tzinfo=UTC))  # 5pm: closing time
    # Monday 2 February 2026, Greenwich Mean Time: 9:00 UTC is 9:00 in London.
    assert is_open(SPLIT_DAY, datetime(2026, 2, 2, 9, 0, tzinfo=UTC))
    assert not is_open(SPLIT_DAY, datetime(2026, 2, 3, 10, 0, tzinfo=UTC))  # Tuesday


times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
hours_lists = st.lists(st.builds(Hours, st.integers(0, 6), times, times), max_size=8)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC))


@given(hours_lists, moments)
def test_open_exactly_when_a_range_of_that_day_holds_the_london_time(hours, moment):
    local = moment.astimezone(LONDON)
    minute = local.hour * 60 + local.minute
    expected = any(
        h.weekday == local.weekday()
        and h.opens_at.hour * 60 + h.opens_at.minute
        <= minute
        < (24 * 60 if h.closes_at == time(0) else h.closes_at.hour * 60 + h.closes_at.minute)
        for h in hours
    )
    assert is_open(hours, moment) is expected


@given(hours_lists, moments)
def test_a_place_without_hours_that_day_is_never_open(hours, moment):
    local = moment.astimezone(LONDON)
    others = [h for h in hours if h.weekday != local.weekday()]
    assert not is_open(others, moment)
    assert day_in_words(others, local.weekday()) == "Closed"


@given(hours_lists)
def test_every_day_has_a_row_and_a_day_with_ranges_names_each(hours):
    rows = week_rows(hours)
    assert len(rows) == 7
    for day, (_, words) in enumerate(rows):
        ranges = [h for h in hours if h.weekday == day]
        assert (words == "Closed") is (not ranges)
        assert words.count(" to ") == len(ranges)


@given(times)
def test_times_in_words_are_gov_uk_style(moment):
    said = time_in_words(moment)
    if moment == time(0):
        assert said == "midnight"
    elif moment == time(12):
        assert said == "midday"
    else:
        assert said.endswith("am" if moment.hour < 12 else "pm")
        assert ":00" not in said and not said.startswith("0")


@given(moments)
def test_an_always_open_day_is_open_all_that_day(moment):
    weekday = moment.astimezone(LONDON).weekday()
    assert is_open([Hours(weekday, time(0), time(0))], moment)
    assert not is_open([Hours((weekday + 1) % 7, time(0), time(0))], moment)


# --- Postcodes typed -----------------------------------------------------------------------------


def test_postcodes_typed():
    assert read_postcode("bl2 6pn").postcode == "BL2 6PN"
    assert read_postcode("  bl26PN ").typed is Typed.WELL_FORMED
    assert read_postcode("M1   1AE").postcode == "M1 1AE"
    assert read_postcode("").typed is Typed.EMPTY
    assert read_postcode(None).typed is Typed.EMPTY
    assert read_postcode("hello").typed is Typed.MALFORMED
    assert read_postcode("hello").postcode == "hello"
    assert read_postcode("BL2 6P").typed is Typed.MALFORMED


outward = st.from_regex(r"\A[A-Z]{1,2}[0-9][A-Z0-9]?\Z")
inward = st.from_regex(r"\A[0-9][A-Z]{2}\Z")


@given(outward, inward, st.sampled_from(["", " ", "  "]), st.booleans())
def test_any_spacing_and_case_of_a_postcode_normalises_to_one_form(out, inn, gap, lower):
    typed = f"{out}{gap}{inn}"
    result = read_postcode(typed.lower() if lower else typed)
    assert result.typed is Typed.WELL_FORMED
    assert result.postcode == f"{out} {inn}"
    assert read_postcode(result.postcode) == result


@given(st.text(max_size=40))
def test_any_text_is_read_without_failing_and_kept_short(value):
    result = read_postcode(value)
    assert len(result.postcode) <= 20
    if result.typed is Typed.WELL_FORMED:
        assert result.postcode == result.postcode.upper() and result.postcode.count(" ") == 1


# --- The map -------------------------------------------------------------------------------------

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-2.5, 53.4], [-2.1, 53.4], [-2.1, 53.6], [-2.5, 53.6], [-2.5, 53.4]]],
}


def test_the_map_numbers_its_markers_like_the_list_and_tables_them():
    boroughs = [MapArea(code="E08000001", name="Bolton", geometry=SQUARE, category_key=None)]
    markers = [
        Marker(1, "Town Hall <centre>", 53.5, -2.3, said="0.4 miles", href="/find/1/"),
        Marker(2, "Library", 53.45, -2.2, said="1.2 miles", href="/find/2/"),
    ]
    chart = finder_map(
        boroughs, markers, title="Places near BL2 6PN", desc="Numbered", searched_at=(53.5, -2.31)
    )
    assert chart.table.rows == (("1", "Town Hall <centre>", "0.4 miles"), ("2", "Library", "1.2 miles"))
    assert "Town Hall &lt;centre&gt;" in chart.svg and "<centre>" not in chart.svg
    assert chart.svg.count("<circle") == 2 and 'href="/find/1/"' in chart.svg
    # Number 1 is drawn last, on top of the others.
    assert chart.svg.index('href="/find/2/"') < chart.svg.index('href="/find/1/"')


@given(st.lists(local_points, max_size=12))
def test_every_marker_is_inside_the_picture(places):
    boroughs = [MapArea(code="E08000001", name="Bolton", geometry=SQUARE, category_key=None)]
    markers = [Marker(i + 1, f"Place {i + 1}", p.latitude, p.longitude) for i, p in enumerate(places)]
    chart = finder_map(boroughs, markers, title="Places", desc="")
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', chart.svg).groups())
    for cx, cy in re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', chart.svg):
        assert 0 <= float(cx) <= width and 0 <= float(cy) <= height
