"""Choropleth maps: what the SVG promises to pages, PDFs and screen readers (no database)."""

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from commonground.core.charts import (
    NO_DATA_MESSAGE,
    LegendEntry,
    MapArea,
    contrast_ratio,
    project_areas,
    render_map,
    sequential_legend,
)
from commonground.core.charts import maps as maps_module

SVG = "{http://www.w3.org/2000/svg}"
PLACES = Path(__file__).resolve().parents[2] / "reference_data" / "greater-manchester"
LEVELS = ["Very low", "Low", "Moderate", "Raised", "High"]


def _square(west: float, south: float, size: float = 0.01) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _areas(**overrides) -> list[MapArea]:
    areas = [
        MapArea("E1", "Oldham", _square(-2.1, 53.5), "5", href="/areas/E1/"),
        MapArea("E2", "Rochdale", _square(-2.09, 53.5), "1", href="/areas/E2/"),
        MapArea("E3", "Bury", _square(-2.08, 53.5), None, href="/areas/E3/"),
    ]
    return [MapArea(**{**area.__dict__, **overrides}) for area in areas]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def _titles(root: ET.Element) -> list[str]:
    return [
        path.findtext(f"{SVG}title")
        for path in root.iter(f"{SVG}path")
        if path.get("class") == "cg-map__area"
    ]


def _render(areas=None, **kwargs):
    kwargs.setdefault("title", "Tension by borough")
    return render_map(areas if areas is not None else _areas(), sequential_legend(LEVELS), **kwargs)


def test_the_map_is_labelled_by_its_title_and_description():
    root = _parse(_render(desc="Oldham is high.").svg)
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Tension by borough"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}desc").text == "Oldham is high."


def test_each_area_is_one_path_titled_with_its_name_and_level():
    root = _parse(_render().svg)
    assert _titles(root) == ["Oldham: High", "Rochdale: Very low", "Bury: No data"]


def test_an_areas_own_wording_replaces_the_legend_label_in_its_title_and_row():
    chart = _render([MapArea("E1", "Oldham", _square(-2.1, 53.5), "5", label_text="level 5 High")])
    assert _titles(_parse(chart.svg)) == ["Oldham: level 5 High"]
    assert chart.table.rows == (("Oldham", "level 5 High"),)


def test_areas_are_filled_with_their_categorys_colour():
    legend = sequential_legend(LEVELS)
    root = _parse(render_map(_areas(), legend, title="Map").svg)
    fills = [path.get("fill") for path in root.iter(f"{SVG}path") if path.get("class") == "cg-map__area"]
    assert fills == [legend[4].fill, legend[0].fill, "#f3f2f1"]


def test_hatched_levels_are_filled_with_a_pattern_of_their_colour():
    legend = sequential_legend(LEVELS, hatch_top=1)
    root = _parse(render_map(_areas(), legend, title="Map").svg)
    oldham = next(p for p in root.iter(f"{SVG}path") if p.findtext(f"{SVG}title") == "Oldham: High")
    pattern_id = oldham.get("fill").removeprefix("url(#").removesuffix(")")
    pattern = next(p for p in root.iter(f"{SVG}pattern") if p.get("id") == pattern_id)
    assert pattern.find(f"{SVG}rect").get("fill") == legend[4].fill


def test_areas_with_links_are_named_links_and_the_map_is_a_group_so_they_stay_reachable():
    root = _parse(_render().svg)
    links = list(root.iter(f"{SVG}a"))
    assert [link.get("href") for link in links] == ["/areas/E1/", "/areas/E2/", "/areas/E3/"]
    assert links[0].get("aria-label") == "Oldham: High"
    assert root.get("role") == "group"


def test_a_map_without_links_is_one_image():
    root = _parse(_render(_areas(href=None)).svg)
    assert not list(root.iter(f"{SVG}a"))
    assert root.get("role") == "img"


def test_the_legend_names_every_level_and_no_data_only_when_an_area_has_none():
    def legend_texts(areas):
        return [t.text for t in _parse(_render(areas).svg).iter(f"{SVG}text")]

    assert legend_texts(_areas()) == [*LEVELS, "No data"]
    assert legend_texts(_areas(category_key="2")) == LEVELS


def test_labels_write_each_name_and_short_level_on_the_map_and_in_the_legend():
    root = _parse(_render(show_labels=True, legend_title="Tension level").svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Oldham" in texts
    assert "Tension level" in texts
    assert texts.count("5") >= 2  # on Oldham and in its legend swatch


def test_the_table_has_one_row_per_area_with_its_level():
    chart = _render(area_heading="Borough", category_heading="Tension level")
    assert chart.table.caption == "Tension by borough"
    assert chart.table.headers == ("Borough", "Tension level")
    assert chart.table.rows == (("Oldham", "High"), ("Rochdale", "Very low"), ("Bury", "No data"))


def test_a_category_missing_from_the_legend_is_refused():
    with pytest.raises(ValueError, match="legend lacks"):
        _render([MapArea("E1", "Oldham", _square(-2.1, 53.5), "9")])


def test_names_and_links_are_escaped():
    area = MapArea("E1", "<script>alert(1)</script>", _square(-2.1, 53.5), "1", href='/a?x="1"&y=2')
    svg = _render([area], title="Map & <b>").svg
    assert "<script>" not in svg
    root = _parse(svg)
    assert _titles(root) == ["<script>alert(1)</script>: Very low"]
    assert next(root.iter(f"{SVG}a")).get("href") == '/a?x="1"&y=2'
    assert root.find(f"{SVG}title").text == "Map & <b>"


def test_a_link_that_is_not_a_path_or_https_is_refused():
    with pytest.raises(ValueError, match="links to"):
        _render([MapArea("E1", "Oldham", _square(-2.1, 53.5), "1", href="javascript:alert(1)")])


def test_the_same_input_gives_the_same_bytes():
    assert _render().svg == _render().svg


def test_no_areas_gives_a_message_and_an_empty_table():
    chart = _render([])
    assert NO_DATA_MESSAGE in [t.text for t in _parse(chart.svg).iter(f"{SVG}text")]
    assert chart.table.rows == ()
    assert chart.table.headers == ("Area", "Level")


def test_multipolygons_and_holes_become_one_path_of_several_rings():
    outer = [[-2.2, 53.4], [-2.1, 53.4], [-2.1, 53.5], [-2.2, 53.5], [-2.2, 53.4]]
    hole = [[-2.17, 53.43], [-2.13, 53.43], [-2.13, 53.47], [-2.17, 53.47], [-2.17, 53.43]]
    island = _square(-2.0, 53.45, 0.02)["coordinates"]
    geometry = {"type": "MultiPolygon", "coordinates": [[outer, hole], island]}
    root = _parse(_render([MapArea("E1", "Ringed", geometry, "3")]).svg)
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "cg-map__area"]
    assert path.get("d").count("M") == 3


def test_other_geometries_are_refused():
    with pytest.raises(ValueError, match="Polygon or MultiPolygon"):
        project_areas([MapArea("E1", "A point", {"type": "Point", "coordinates": [-2, 53]}, None)])


def test_longitude_is_narrowed_by_the_cosine_of_the_latitude():
    # One degree square at latitude 53.5 is about 0.595 times as wide as it is tall.
    layer = project_areas([MapArea("E1", "Square", _square(-3, 53, 1.0), None)], width=600, padding=0)
    assert layer.height == pytest.approx(600 / 0.5948, abs=2)


def test_recolouring_the_same_areas_projects_them_once(monkeypatch):
    calls = []
    real = maps_module.project_areas
    monkeypatch.setattr(maps_module, "project_areas", lambda *a, **k: calls.append(1) or real(*a, **k))
    maps_module._LAYERS.clear()
    _render(_areas())
    _render(_areas(category_key="3"))
    assert len(calls) == 1
    moved = [MapArea("E1", "Oldham", _square(-2.1, 53.51), "5"), *_areas()[1:]]  # a redrawn boundary
    _render(moved)
    assert len(calls) == 2


def test_a_layer_the_caller_keeps_is_drawn_as_given():
    layer = project_areas(_areas(), width=300)
    root = _parse(_render(layer=layer).svg)
    assert root.get("width") == "300"


def test_every_default_level_colour_has_readable_text():
    for count in range(3, 8):
        for entry in sequential_legend([f"Level {i}" for i in range(count)]):
            assert contrast_ratio(entry.fill, entry.text_colour) >= 4.5


def test_a_legend_needs_a_key_for_each_label():
    with pytest.raises(ValueError, match="one key per label"):
        sequential_legend(LEVELS, keys=["a"])


def test_a_custom_legend_entry_is_used_for_no_data():
    no_data = LegendEntry(key="", label="Not assessed", fill="#ffffff", text_colour="#0b0c0c")
    chart = render_map(_areas(), sequential_legend(LEVELS), title="Map", no_data=no_data)
    assert chart.table.rows[-1] == ("Bury", "Not assessed")


# Greater Manchester's real boundaries: the map must stay small enough for a page and a PDF.


def _places(kind: str, code: str, name: str) -> list[tuple[str, str, dict]]:
    features = json.loads((PLACES / f"{kind}.geojson").read_text())["features"]
    return [(f["properties"][code], f["properties"][name], f["geometry"]) for f in features]


def test_all_greater_manchester_wards_make_a_map_under_150_kb():
    wards = _places("wards", "ward_code", "ward_name")
    areas = [
        MapArea(code, name, geometry, str(i % 5 + 1), href=f"/wards/{code}/")
        for i, (code, name, geometry) in enumerate(wards)
    ]
    chart = render_map(areas, sequential_legend(LEVELS, hatch_top=1), title="Tension by ward")
    root = _parse(chart.svg)
    assert len(wards) == 215
    assert len(_titles(root)) == 215
    assert len(chart.table.rows) == 215
    assert len(chart.svg.encode()) < 150_000
    # How fast a map recolours is measured by `make bench`, never asserted here: machines are noisy.


def test_the_ten_boroughs_make_a_labelled_map():
    label_points = {
        row["lad_code"]: (float(row["label_lon"]), float(row["label_lat"]))
        for row in csv.DictReader((PLACES / "districts.csv").open())
    }
    areas = [
        MapArea(code, name, geometry, "4", label_point=label_points[code])
        for code, name, geometry in _places("districts", "lad_code", "lad_name")
    ]
    chart = render_map(areas, sequential_legend(LEVELS), title="Tension by borough", show_labels=True)
    texts = {t.text for t in _parse(chart.svg).iter(f"{SVG}text")}
    assert {"Bolton", "Manchester", "Wigan"} <= texts
    assert len(chart.svg.encode()) < 40_000
