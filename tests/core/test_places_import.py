"""Loading an authority's places: the shipped Greater Manchester folder, another authority beside it,
and refusal of any folder with a bad row (all or nothing, with the file and row named)."""

import csv
import hashlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from commonground.core.actions.places import ImportRefused, load_places
from commonground.core.models import Area, AreaLevel, PopulationFigure
from tests.factories import BOLTON, GREATER_MANCHESTER

pytestmark = pytest.mark.django_db

GM_FOLDER = Path(settings.DEFAULT_PLACES_DIR)

TESTSHIRE = "E47000099"
NORTH_VALE = "E08000901"
SOUTH_VALE = "E08000902"


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


@pytest.fixture
def testshire(tmp_path) -> Path:
    """A tiny authority of another region: 2 districts, 3 wards, population figures, no boundaries."""
    folder = tmp_path / "testshire"
    folder.mkdir()
    write_csv(
        folder / "districts.csv",
        ["lad_code", "lad_name", "cauth_code", "cauth_name", "label_lon", "label_lat"],
        [
            [NORTH_VALE, "North Vale", TESTSHIRE, "Testshire", "-1.5", "54.1"],
            [SOUTH_VALE, "South Vale", TESTSHIRE, "Testshire", "-1.4", "53.9"],
        ],
    )
    write_csv(
        folder / "wards.csv",
        ["ward_code", "ward_name", "lad_code", "label_lon", "label_lat"],
        [
            ["E05900001", "Riverside", NORTH_VALE, "-1.51", "54.11"],
            ["E05900002", "Hilltop", NORTH_VALE, "", ""],
            ["E05900003", "Market", SOUTH_VALE, "-1.41", "53.91"],
        ],
    )
    write_csv(
        folder / "census2021_population.csv",
        ["area_code", "dimension", "category", "count", "source_table"],
        [
            [NORTH_VALE, "total", "All usual residents", "1200", "TS008"],
            [NORTH_VALE, "sex", "Female", "610", "TS008"],
            [NORTH_VALE, "sex", "Male", "590", "TS008"],
            [SOUTH_VALE, "total", "All usual residents", "800", "TS008"],
        ],
    )
    return folder


def snapshot_of_places() -> dict:
    """Everything the places import writes, in a form that compares by value."""
    areas = {
        area.code: (
            area.name,
            area.level,
            area.parent.code if area.parent_id else None,
            area.population,
            area.label_longitude,
            area.label_latitude,
            hashlib.sha256(json.dumps(area.boundary, sort_keys=True).encode()).hexdigest(),
        )
        for area in Area.objects.select_related("parent")
    }
    figures = sorted(
        PopulationFigure.objects.values_list(
            "area__code", "census_year", "dimension", "category", "count", "source_table"
        )
    )
    return {"areas": areas, "figures": figures}


def run_load_places(folder: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_places", str(folder), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused_command(folder: Path) -> tuple[str, str]:
    """Run the command on a folder that must be refused; the CommandError message and the stderr."""
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("load_places", str(folder), stdout=StringIO(), stderr=err)
    return str(refused.value), err.getvalue()


# --- The shipped Greater Manchester folder -----------------------------------------------------------


def test_greater_manchester_has_one_combined_authority_ten_boroughs_and_215_wards():
    authority = Area.objects.get(code=GREATER_MANCHESTER)
    assert authority.level == AreaLevel.COMBINED_AUTHORITY
    assert authority.name == "Greater Manchester"
    assert authority.parent is None
    assert Area.objects.combined_authorities().count() == 1
    boroughs = Area.objects.boroughs()
    assert boroughs.count() == 10
    assert set(boroughs.values_list("parent__code", flat=True)) == {GREATER_MANCHESTER}
    assert Area.objects.wards().count() == 215
    assert set(Area.objects.wards().values_list("parent__level", flat=True)) == {AreaLevel.BOROUGH}


def test_every_borough_and_ward_has_a_polygon_boundary():
    areas = Area.objects.filter(level__in=[AreaLevel.BOROUGH, AreaLevel.WARD])
    assert areas.count() == 225
    assert not areas.filter(boundary__isnull=True).exists()
    assert {area.boundary["type"] for area in areas} <= {"Polygon", "MultiPolygon"}
    assert all(area.boundary["coordinates"] for area in areas)


def test_bolton_and_the_combined_authority_have_their_census_2021_populations():
    assert Area.objects.get(code=BOLTON).population == 295963
    assert Area.objects.get(code=GREATER_MANCHESTER).population == 2867765
    total = PopulationFigure.objects.get(area__code=BOLTON, dimension="total")
    assert (total.category, total.count, total.source_table, total.census_year) == (
        "All usual residents",
        295963,
        "TS008",
        2021,
    )


def test_the_boroughs_add_up_to_the_combined_authority_population():
    boroughs = Area.objects.boroughs().values_list("population", flat=True)
    assert sum(boroughs) == Area.objects.get(code=GREATER_MANCHESTER).population


def test_bolton_has_its_twenty_wards_with_label_points():
    wards = Area.objects.wards().filter(parent__code=BOLTON)
    assert wards.count() == 20
    breightmet = wards.get(code="E05014820")
    assert breightmet.name == "Breightmet"
    assert breightmet.label_longitude == pytest.approx(-2.38759)
    assert breightmet.label_latitude == pytest.approx(53.58353)


def test_loading_greater_manchester_again_creates_no_duplicates_and_changes_nothing():
    before = snapshot_of_places()
    area_count = Area.objects.count()
    figure_count = PopulationFigure.objects.count()

    out, _ = run_load_places(GM_FOLDER)
    load_places(actor=None, folder=GM_FOLDER)

    assert Area.objects.count() == area_count == 226
    assert PopulationFigure.objects.count() == figure_count == 570
    assert snapshot_of_places() == before
    assert "Loaded Greater Manchester: 10 boroughs, 215 wards, 225 boundaries, 570 Census figures." in out


def test_the_command_loads_the_shipped_folder_when_given_no_folder():
    before = snapshot_of_places()
    out = StringIO()
    call_command("load_places", stdout=out, stderr=StringIO())
    assert "Loaded Greater Manchester" in out.getvalue()
    assert snapshot_of_places() == before


def test_loading_places_is_recorded_in_the_audit_trail():
    from commonground.core.models import AuditEvent

    result = load_places(actor=None, folder=GM_FOLDER)
    event = AuditEvent.objects.filter(object_type="core.area", object_id=GREATER_MANCHESTER).first()
    assert event is not None
    assert event.changes["loaded"]["wards"] == result.wards == 215
    assert event.changes["loaded"]["boroughs"] == 10


# --- Another authority beside Greater Manchester ----------------------------------------------------


def test_another_authority_loads_beside_greater_manchester_without_touching_it(testshire):
    gm_before = snapshot_of_places()

    out, _ = run_load_places(testshire)

    assert "Loaded Testshire: 2 boroughs, 3 wards, 0 boundaries, 4 Census figures." in out
    authority = Area.objects.get(code=TESTSHIRE)
    assert authority.level == AreaLevel.COMBINED_AUTHORITY
    assert authority.population == 2000
    north = Area.objects.get(code=NORTH_VALE)
    assert (north.name, north.level, north.parent, north.population) == (
        "North Vale",
        AreaLevel.BOROUGH,
        authority,
        1200,
    )
    assert north.boundary is None
    assert sorted(north.children.values_list("code", flat=True)) == ["E05900001", "E05900002"]
    hilltop = Area.objects.get(code="E05900002")
    assert (hilltop.label_longitude, hilltop.label_latitude, hilltop.population) == (None, None, None)
    assert Area.objects.get(code="E05900003").parent.code == SOUTH_VALE
    assert PopulationFigure.objects.filter(area__code=NORTH_VALE).count() == 3
    assert Area.objects.combined_authorities().count() == 2

    after = snapshot_of_places()
    testshire_codes = {TESTSHIRE, NORTH_VALE, SOUTH_VALE, "E05900001", "E05900002", "E05900003"}
    assert {code: row for code, row in after["areas"].items() if code not in testshire_codes} == gm_before[
        "areas"
    ]
    assert [f for f in after["figures"] if f[0] not in testshire_codes] == gm_before["figures"]


def test_reloading_another_authority_updates_its_figures_without_duplicates(testshire):
    load_places(actor=None, folder=testshire)
    write_csv(
        testshire / "census2021_population.csv",
        ["area_code", "dimension", "category", "count", "source_table"],
        [
            [NORTH_VALE, "total", "All usual residents", "1300", "TS008"],
            [SOUTH_VALE, "total", "All usual residents", "800", "TS008"],
        ],
    )

    load_places(actor=None, folder=testshire)

    assert Area.objects.get(code=NORTH_VALE).population == 1300
    assert Area.objects.get(code=TESTSHIRE).population == 2100
    assert PopulationFigure.objects.filter(area__code__in=[NORTH_VALE, SOUTH_VALE]).count() == 2
    assert Area.objects.filter(code__startswith="E059000").count() == 3


# --- A bad row refuses the whole import -------------------------------------------------------------


def _ward_in_unknown_district(folder: Path) -> None:
    header, rows = read_csv(folder / "wards.csv")
    rows[1][2] = "E08000999"
    write_csv(folder / "wards.csv", header, rows)


def _count_not_a_number(folder: Path) -> None:
    header, rows = read_csv(folder / "census2021_population.csv")
    rows[2][3] = "about 600"
    write_csv(folder / "census2021_population.csv", header, rows)


def _malformed_ons_code(folder: Path) -> None:
    header, rows = read_csv(folder / "districts.csv")
    rows[1][0] = "E0800902"
    write_csv(folder / "districts.csv", header, rows)


def _duplicate_ward(folder: Path) -> None:
    header, rows = read_csv(folder / "wards.csv")
    rows[2][0] = rows[0][0]
    write_csv(folder / "wards.csv", header, rows)


def _duplicate_figure(folder: Path) -> None:
    header, rows = read_csv(folder / "census2021_population.csv")
    write_csv(folder / "census2021_population.csv", header, [*rows, rows[1]])


def _label_not_a_coordinate(folder: Path) -> None:
    header, rows = read_csv(folder / "wards.csv")
    rows[0][4] = "north-ish"
    write_csv(folder / "wards.csv", header, rows)


BAD_ROWS = [
    pytest.param(
        _ward_in_unknown_district,
        "wards.csv row 2",
        "E08000999 is not in districts.csv",
        id="unknown-district",
    ),
    pytest.param(_count_not_a_number, "census2021_population.csv row 3", "not a whole number", id="count"),
    pytest.param(
        _malformed_ons_code, "districts.csv row 2", "'E0800902' is not an ONS area code", id="ons-code"
    ),
    pytest.param(_duplicate_ward, "wards.csv row 3", "E05900001 appears twice", id="duplicate-ward"),
    pytest.param(
        _duplicate_figure, "census2021_population.csv row 5", "appears twice", id="duplicate-figure"
    ),
    pytest.param(_label_not_a_coordinate, "wards.csv row 1", "not a coordinate", id="coordinate"),
]


@pytest.mark.parametrize(("spoil", "where", "message"), BAD_ROWS)
def test_one_bad_row_refuses_the_whole_import_and_names_the_file_and_row(testshire, spoil, where, message):
    spoil(testshire)
    before = snapshot_of_places()

    error, stderr = refused_command(testshire)

    assert "problem(s) found; nothing was loaded" in error
    assert f"{where}: " in stderr
    assert message in stderr
    assert "Traceback" not in stderr
    assert snapshot_of_places() == before
    assert not Area.objects.filter(code__in=[TESTSHIRE, NORTH_VALE, "E05900001"]).exists()


def test_the_refusal_lists_every_problem_so_one_run_tells_the_whole_story(testshire):
    _ward_in_unknown_district(testshire)
    _count_not_a_number(testshire)

    with pytest.raises(ImportRefused) as refused:
        load_places(actor=None, folder=testshire)

    found = {(p.file, p.row) for p in refused.value.problems}
    assert found == {("wards.csv", 2), ("census2021_population.csv", 3)}


def test_a_bad_row_beside_good_changes_leaves_the_existing_places_as_they_were(tmp_path):
    folder = tmp_path / "greater-manchester"
    shutil.copytree(GM_FOLDER, folder)
    header, rows = read_csv(folder / "census2021_population.csv")
    bolton_total = next(i for i, row in enumerate(rows) if row[0] == BOLTON and row[2] == "total")
    rows[bolton_total][4] = "300000"  # a good change that must not be applied ...
    rows[-1][4] = "-5"  # ... because another row is bad
    write_csv(folder / "census2021_population.csv", header, rows)
    header, wards = read_csv(folder / "wards.csv")
    wards[0][1] = "Astley Bridge (renamed)"
    write_csv(folder / "wards.csv", header, wards)
    before = snapshot_of_places()

    error, stderr = refused_command(folder)

    assert "nothing was loaded" in error
    assert f"census2021_population.csv row {len(rows)}: count '-5' is not a whole number" in stderr
    assert Area.objects.get(code=BOLTON).population == 295963
    assert Area.objects.get(code="E05014818").name == "Astley Bridge"
    assert snapshot_of_places() == before


def test_a_missing_column_is_reported_clearly(testshire):
    header, rows = read_csv(testshire / "wards.csv")
    write_csv(testshire / "wards.csv", [h for h in header if h != "ward_name"], [r[:1] + r[2:] for r in rows])

    error, stderr = refused_command(testshire)

    assert "nothing was loaded" in error
    assert "wards.csv: is missing the column(s): ward_name" in stderr
    assert not Area.objects.filter(code=TESTSHIRE).exists()


def test_a_missing_file_is_reported_clearly(testshire):
    (testshire / "wards.csv").unlink()

    _, stderr = refused_command(testshire)

    assert "wards.csv: cannot be read" in stderr
    assert not Area.objects.filter(code=TESTSHIRE).exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="binary"),
        pytest.param("ward_code,ward_name\n".encode("utf-16"), id="utf-16"),
    ],
)
def test_a_file_that_is_not_csv_is_reported_clearly_not_as_a_traceback(testshire, content):
    (testshire / "wards.csv").write_bytes(content)

    error, stderr = refused_command(testshire)

    assert "nothing was loaded" in error
    assert "wards.csv: is not a readable CSV file" in stderr
    assert not Area.objects.filter(code=TESTSHIRE).exists()


def test_a_boundary_file_that_is_not_geojson_is_reported_clearly(testshire):
    (testshire / "wards.geojson").write_text("ward_code,geometry\nE05900001,somewhere\n")

    _, stderr = refused_command(testshire)

    assert "wards.geojson: is not a GeoJSON FeatureCollection" in stderr
    assert not Area.objects.filter(code=TESTSHIRE).exists()


def test_a_folder_that_does_not_exist_is_reported_clearly(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("load_places", str(tmp_path / "nowhere"), stdout=StringIO(), stderr=StringIO())


def test_a_name_or_category_too_long_for_the_database_is_reported_with_its_row(tmp_path):
    from commonground.core.places_files import read_places

    (tmp_path / "districts.csv").write_text(
        "lad_code,lad_name,cauth_code,cauth_name\nE08000901," + "N" * 121 + ",E47000901,Test Authority\n"
    )
    (tmp_path / "wards.csv").write_text("ward_code,ward_name,lad_code\n")
    (tmp_path / "census2021_population.csv").write_text(
        "area_code,dimension,category,count,source_table\nE08000901,religion," + "c" * 201 + ",5,TS030\n"
    )
    problems = [str(p) for p in read_places(tmp_path).problems]
    assert "districts.csv row 1: the district name must be 1 to 120 characters" in problems
