"""Line and bar charts, their ticks and colours, and the charts package's purity (no database)."""

import ast
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from commonground.core import charts
from commonground.core.charts import (
    NO_DATA_MESSAGE,
    SERIES_COLOURS,
    BarSeries,
    Chart,
    Series,
    bar_chart,
    contrast_ratio,
    line_chart,
)
from commonground.core.charts.svg import fit_text
from commonground.core.charts.ticks import date_ticks, value_ticks

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = ["Very low", "Low", "Moderate", "Raised", "High"]
BOROUGHS = ["Bolton", "Bury", "Oldham"]


def _parse(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)  # noqa: S314 - our own output, not untrusted input


def _shown_texts(chart: Chart) -> list[str]:
    return [t.text for t in _parse(chart).iter(f"{SVG}text")]


def _element_titles(chart: Chart, tag: str) -> list[str]:
    return [
        e.findtext(f"{SVG}title")
        for e in _parse(chart).iter(f"{SVG}{tag}")
        if e.find(f"{SVG}title") is not None
    ]


def _monthly(name: str, values: list) -> Series:
    return Series(name, [(date(2026, 1 + i, 1), value) for i, value in enumerate(values)])


def _assert_labelled(chart: Chart, title: str) -> None:
    root = _parse(chart)
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == title
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.get("role") == "img"


# Line charts


def test_a_line_chart_is_labelled_and_has_a_legend_naming_each_series():
    chart = line_chart(
        [_monthly("Received", [3, 5, 2]), _monthly("Closed", [1, 2, 4])], title="Reports by month"
    )
    _assert_labelled(chart, "Reports by month")
    assert {"Received", "Closed"} <= set(_shown_texts(chart))


def test_each_series_has_its_own_colour_and_dash_and_marker():
    chart = line_chart([_monthly("Received", [3, 5, 2]), _monthly("Closed", [1, 2, 4])], title="Reports")
    lines = [
        p
        for p in _parse(chart).iter(f"{SVG}path")
        if p.get("fill") == "none" and p.get("stroke-width") == "2.5"
    ]
    plotted = lines[-2:]  # after the two legend swatches
    assert plotted[0].get("stroke") != plotted[1].get("stroke")
    assert plotted[0].get("stroke-dasharray") != plotted[1].get("stroke-dasharray")
    assert "Received, 1 February 2026: 5" in _element_titles(chart, "g")
    assert "Closed, 1 March 2026: 4" in _element_titles(chart, "g")


def test_the_line_table_has_a_row_per_date_and_a_column_per_series():
    chart = line_chart(
        [_monthly("Received", [3, 1200, None]), _monthly("Closed", [1, 2])], title="Reports", x_label="Month"
    )
    assert chart.table.headers == ("Month", "Received", "Closed")
    assert chart.table.rows == (
        ("1 January 2026", "3", "1"),
        ("1 February 2026", "1,200", "2"),
        ("1 March 2026", "No data", "No data"),
    )
    assert chart.table.numeric_columns == (1, 2)


def test_a_gap_lifts_the_pen():
    chart = line_chart([_monthly("Received", [3, None, 2, 4])], title="Reports")
    (line,) = [p for p in _parse(chart).iter(f"{SVG}path") if p.get("stroke-width") == "2.5"]
    assert line.get("d").count("M") == 2


def test_value_ticks_are_whole_numbers_from_zero():
    chart = line_chart([_monthly("Received", [3, 7, 2])], title="Reports")
    assert [t for t in _shown_texts(chart) if t.isdigit()] == ["0", "2", "4", "6", "8"]


def test_dates_are_ticked_by_month_over_a_few_months():
    chart = line_chart([_monthly("Received", [3, 7, 2, 5])], title="Reports")
    assert {"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"} <= set(_shown_texts(chart))


def test_levels_are_named_on_the_axis_and_drawn_as_steps():
    series = Series(
        "Oldham", [(date(2026, 3, 2), "Low"), (date(2026, 3, 9), "High"), (date(2026, 3, 16), "Raised")]
    )
    chart = line_chart([series], title="Tension", levels=LEVELS)
    assert set(LEVELS) <= set(_shown_texts(chart))
    (line,) = [p for p in _parse(chart).iter(f"{SVG}path") if p.get("stroke-width") == "2.5"]
    assert "H" in line.get("d") and "V" in line.get("d")
    assert chart.table.rows[1] == ("9 March 2026", "High")
    assert chart.table.numeric_columns == ()


def test_a_value_that_is_not_a_level_is_refused():
    with pytest.raises(ValueError, match="not one of the levels"):
        line_chart([Series("Oldham", [(date(2026, 3, 2), "Severe")])], title="Tension", levels=LEVELS)


@pytest.mark.parametrize("series", [[], [Series("Received", [])], [_monthly("Received", [None, None])]])
def test_a_line_chart_with_nothing_to_draw_says_so(series):
    chart = line_chart(series, title="Reports")
    _assert_labelled(chart, "Reports")
    assert NO_DATA_MESSAGE in _shown_texts(chart)
    assert chart.table.rows == ()


def test_one_point_and_all_zeros_draw_without_error():
    one = line_chart([Series("Received", [(date(2026, 5, 1), 4)])], title="Reports")
    assert "Received, 1 May 2026: 4" in _element_titles(one, "g")
    assert "1 May 2026" in _shown_texts(one)
    zeros = line_chart([_monthly("Received", [0, 0, 0])], title="Reports")
    assert [t for t in _shown_texts(zeros) if t.isdigit()] == ["0", "1"]


def test_a_long_series_name_is_cut_short_with_its_whole_name_kept():
    name = "Referrals to the multi-agency panel from every agency in the borough " * 3
    chart = line_chart([_monthly(name, [1, 2]), _monthly("Closed", [1, 2])], title="Reports")
    cut = [t for t in _parse(chart).iter(f"{SVG}text") if t.findtext(f"{SVG}title") == name]
    assert cut and "".join(cut[0].itertext()).endswith("…")


# Bar charts


def test_a_bar_chart_has_one_titled_bar_per_value_and_values_in_the_table():
    chart = bar_chart(BOROUGHS, [BarSeries("Reports", [12, 0, 1500])], title="Reports by borough")
    _assert_labelled(chart, "Reports by borough")
    assert _element_titles(chart, "rect") == ["Bolton: 12", "Bury: 0", "Oldham: 1,500"]
    assert chart.table.headers == ("Category", "Reports")
    assert chart.table.rows == (("Bolton", "12"), ("Bury", "0"), ("Oldham", "1,500"))


def test_grouped_bars_differ_by_pattern_and_have_a_legend():
    chart = bar_chart(
        BOROUGHS,
        [BarSeries("2025", [1, 2, 3]), BarSeries("2026", [4, None, 6])],
        title="Reports",
        category_label="Borough",
    )
    assert _element_titles(chart, "rect") == [
        "Bolton, 2025: 1",
        "Bolton, 2026: 4",
        "Bury, 2025: 2",
        "Oldham, 2025: 3",
        "Oldham, 2026: 6",
    ]
    fills = {r.get("fill") for r in _parse(chart).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None}
    assert SERIES_COLOURS[0] in fills
    assert any(fill.startswith("url(#") for fill in fills)
    assert {"2025", "2026", "Borough"} <= set(_shown_texts(chart))
    assert chart.table.rows[1] == ("Bury", "2", "No data")


def test_stacked_bars_show_each_stack_total():
    chart = bar_chart(
        BOROUGHS,
        [BarSeries("Open", [1, 2, 3]), BarSeries("Closed", [4, 5, 6])],
        title="Cases",
        horizontal=True,
        stacked=True,
    )
    assert {"5", "7", "9"} <= set(_shown_texts(chart))


def test_intervals_are_drawn_as_whiskers_and_listed_in_the_table():
    chart = bar_chart(
        ["Asian", "White"],
        [BarSeries("Rate per 10,000", [12.4, 5.2], [(10.1, 14.9), None])],
        title="Referral rate",
        horizontal=True,
        value_format=lambda v: f"{v:.1f}",
    )
    assert _element_titles(chart, "rect")[0] == "Asian: 12.4 (95% confidence interval 10.1 to 14.9)"
    assert chart.table.headers == ("Category", "Rate per 10,000", "95% confidence interval")
    assert chart.table.rows == (("Asian", "12.4", "10.1 to 14.9"), ("White", "5.2", "No data"))


def test_a_long_category_is_cut_short_with_its_whole_name_kept():
    long = "Black, Black British, Black Welsh, Caribbean or African ethnic groups"
    for horizontal in (False, True):
        chart = bar_chart([long, "White"], [BarSeries("Rate", [2, 3])], title="Rates", horizontal=horizontal)
        cut = [t for t in _parse(chart).iter(f"{SVG}text") if t.findtext(f"{SVG}title") == long]
        assert cut and "".join(cut[0].itertext()).endswith("…")
        assert chart.table.rows[0][0] == long


@pytest.mark.parametrize("categories,values", [([], []), (BOROUGHS, [None, None, None])])
def test_a_bar_chart_with_nothing_to_draw_says_so(categories, values):
    chart = bar_chart(categories, [BarSeries("Reports", values)], title="Reports")
    assert NO_DATA_MESSAGE in _shown_texts(chart)
    assert chart.table.rows == ()


def test_all_zero_bars_draw_on_a_zero_to_one_axis():
    chart = bar_chart(BOROUGHS, [BarSeries("Reports", [0, 0, 0])], title="Reports")
    assert {"0", "1"} <= set(_shown_texts(chart))


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="one value"):
        bar_chart(BOROUGHS, [BarSeries("Reports", [1, 2])], title="Reports")
    with pytest.raises(ValueError, match="Stacked"):
        bar_chart(BOROUGHS, [BarSeries("R", [1, 2, 3], [(0, 2), (1, 3), (2, 4)])], title="R", stacked=True)


# Every chart


def _every_chart(name: str) -> list[Chart]:
    return [
        line_chart([_monthly(name, [1, 2])], title=name, desc=name, y_label=name),
        bar_chart([name], [BarSeries(name, [3])], title=name, desc=name, value_label=name),
        bar_chart([name], [BarSeries(name, [3])], title=name, horizontal=True),
        bar_chart([], [], title=name, desc=name),
    ]


def test_every_text_is_escaped():
    for chart in _every_chart("<script>alert('x')</script> & co"):
        assert "<script>" not in chart.svg
        assert _parse(chart).find(f"{SVG}title").text == "<script>alert('x')</script> & co"


def test_the_same_input_gives_the_same_bytes():
    assert [c.svg for c in _every_chart("Reports")] == [c.svg for c in _every_chart("Reports")]


def test_a_chart_places_its_svg_in_a_template_unescaped():
    chart = bar_chart(BOROUGHS, [BarSeries("Reports", [1, 2, 3])], title="Reports")
    assert chart.__html__() == chart.svg == str(chart)


def test_charts_with_the_same_title_on_one_page_can_be_told_apart():
    first = bar_chart(BOROUGHS, [BarSeries("R", [1, 2, 3])], title="Reports", chart_id="reports-2025")
    assert _parse(first).find(f"{SVG}title").get("id") == "reports-2025-title"


def test_series_colours_stand_out_from_a_white_page():
    assert all(contrast_ratio(colour, "#ffffff") >= 3 for colour in SERIES_COLOURS)


# Ticks and text


def test_value_ticks_step_in_ones_twos_and_fives():
    assert value_ticks(0) == [0, 1]
    assert value_ticks(3) == [0, 1, 2, 3]
    assert value_ticks(42) == [0, 10, 20, 30, 40, 50]
    assert value_ticks(0.42, whole=False) == [0, 0.1, 0.2, 0.3, 0.4, 0.5]


def test_date_ticks_suit_the_span():
    assert date_ticks(date(2026, 3, 1), date(2026, 3, 1)) == [(date(2026, 3, 1), "1 Mar 2026")]
    weekly = date_ticks(date(2026, 3, 2), date(2026, 4, 20))
    assert weekly[0] == (date(2026, 3, 2), "2 Mar") and len(weekly) <= 8
    monthly = date_ticks(date(2025, 11, 15), date(2026, 4, 1))
    assert [label for _, label in monthly] == ["Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"]
    yearly = date_ticks(date(2019, 6, 1), date(2026, 6, 1))
    assert [label for _, label in yearly] == ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    long = date_ticks(date(2000, 1, 1), date(2026, 1, 1))
    assert len(long) <= 8
    first, last = date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=400)
    assert all(first <= day <= last for day, _ in date_ticks(first, last))


def test_fit_text_keeps_short_text_and_cuts_long_text():
    assert fit_text("Bury", 100, 14) == "Bury"
    assert fit_text("A very long label indeed", 60, 14).endswith("…")


def test_the_charts_package_imports_no_django():
    package = Path(charts.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] in {"django", "commonground"} for name in names), module.name
