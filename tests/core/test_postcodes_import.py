"""Importing postcodes (the shipped sample, or an ONS Postcode Directory file) and normalising them."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from commonground.core.actions.places import ImportRefused, import_postcodes
from commonground.core.models import AuditEvent, Postcode
from commonground.core.places_files import normalise_postcode

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.DEFAULT_PLACES_DIR) / "postcodes_sample.csv"
BREIGHTMET = "E05014820"
ASTLEY_BRIDGE = "E05014818"
ONSPD_HEADER = ["pcd", "pcds", "dointr", "doterm", "oslaua", "wd25cd", "lat", "long"]


def write_onspd(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ONSPD_HEADER)
        writer.writerows(rows)
    return path


def onspd_row(pcds: str, ward: str, lat: str = "53.58", long: str = "-2.38", doterm: str = "") -> list[str]:
    return [pcds.replace(" ", ""), pcds, "198001", doterm, "E08000001", ward, lat, long]


def refused_command(path: Path) -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_postcodes", str(path), stdout=StringIO(), stderr=err)
    return str(refused.value), err.getvalue()


# --- The shipped sample --------------------------------------------------------------------------


def test_the_shipped_sample_imports_324_postcodes_each_linked_to_its_ward():
    result = import_postcodes(actor=None, path=SAMPLE)

    assert (result.imported, result.outside_loaded_areas, result.terminated) == (324, 0, 0)
    assert Postcode.objects.count() == 324
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        expected = {row["postcode"]: row["ward_code"] for row in csv.DictReader(handle)}
    assert dict(Postcode.objects.values_list("postcode", "ward__code")) == expected


def test_a_sample_postcode_finds_its_ward_and_location():
    import_postcodes(actor=None, path=SAMPLE)

    postcode = Postcode.objects.select_related("ward__parent").get(postcode="BL2 6PN")
    assert (postcode.ward.code, postcode.ward.name, postcode.ward.parent.name) == (
        BREIGHTMET,
        "Breightmet",
        "Bolton",
    )
    assert postcode.latitude == pytest.approx(53.583279)
    assert postcode.longitude == pytest.approx(-2.386657)


def test_the_command_imports_the_sample_and_says_what_it_did():
    out = StringIO()
    call_command("import_postcodes", str(SAMPLE), stdout=out, stderr=StringIO())

    assert "Imported 324 postcodes; skipped 0 outside the loaded wards and 0 terminated." in out.getvalue()
    assert Postcode.objects.filter(postcode="BL2 6PN", ward__code=BREIGHTMET).exists()


def test_importing_postcodes_is_recorded_in_the_audit_trail():
    import_postcodes(actor=None, path=SAMPLE)

    event = AuditEvent.objects.filter(object_type="core.postcode").first()
    assert event is not None
    assert event.object_repr == "Postcodes from postcodes_sample.csv"
    assert event.changes["imported"]["imported"] == 324


# --- An ONS Postcode Directory file ------------------------------------------------------------------


def test_an_onspd_file_imports_live_postcodes_in_loaded_wards_and_counts_the_rest(tmp_path):
    path = write_onspd(
        tmp_path / "ONSPD_MAY_2026_UK.csv",
        [
            onspd_row("BL2 6PN", BREIGHTMET, "53.583279", "-2.386657"),
            onspd_row("BL1 6AA", ASTLEY_BRIDGE),
            onspd_row("BL2 9ZZ", BREIGHTMET, doterm="201506"),  # terminated
            onspd_row("EH1 1YZ", "S13002922", "55.95", "-3.19"),  # Edinburgh: not a loaded ward
            onspd_row("CF10 1EP", "W05001284", "51.48", "-3.18"),  # Cardiff: not a loaded ward
        ],
    )

    result = import_postcodes(actor=None, path=path)

    assert (result.imported, result.outside_loaded_areas, result.terminated) == (2, 2, 1)
    assert dict(Postcode.objects.values_list("postcode", "ward__code")) == {
        "BL2 6PN": BREIGHTMET,
        "BL1 6AA": ASTLEY_BRIDGE,
    }


def test_a_postcode_without_coordinates_is_imported_with_no_location(tmp_path):
    path = write_onspd(tmp_path / "onspd.csv", [onspd_row("BL2 6PN", BREIGHTMET, lat="", long="")])

    import_postcodes(actor=None, path=path)

    postcode = Postcode.objects.get(postcode="BL2 6PN")
    assert (postcode.latitude, postcode.longitude, postcode.ward.code) == (None, None, BREIGHTMET)


def test_postcodes_in_the_file_are_normalised(tmp_path):
    path = tmp_path / "onspd.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pcds", "wd25cd", "lat", "long"])
        writer.writerow(["bl2  6pn", BREIGHTMET, "53.58", "-2.38"])

    import_postcodes(actor=None, path=path)

    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["BL2 6PN"]


def test_importing_again_updates_postcodes_rather_than_duplicating_them(tmp_path):
    import_postcodes(actor=None, path=SAMPLE)
    moved = write_onspd(
        tmp_path / "onspd.csv",
        [
            onspd_row("BL2 6PN", ASTLEY_BRIDGE, "53.6", "-2.4"),  # moved ward (a boundary change)
            onspd_row("BL1 6AA", ASTLEY_BRIDGE, "53.61", "-2.44"),  # new
        ],
    )

    result = import_postcodes(actor=None, path=moved)
    import_postcodes(actor=None, path=moved)

    assert result.imported == 2
    assert Postcode.objects.count() == 325
    assert Postcode.objects.filter(postcode="BL2 6PN").count() == 1
    bl2 = Postcode.objects.get(postcode="BL2 6PN")
    assert (bl2.ward.code, bl2.latitude, bl2.longitude) == (ASTLEY_BRIDGE, 53.6, -2.4)
    assert Postcode.objects.get(postcode="BL2 6PP").ward.code == BREIGHTMET  # untouched


def test_importing_the_sample_twice_leaves_324_postcodes():
    import_postcodes(actor=None, path=SAMPLE)
    import_postcodes(actor=None, path=SAMPLE)
    assert Postcode.objects.count() == 324


# --- A malformed row refuses the whole file -----------------------------------------------------------


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        pytest.param(onspd_row("NOT A PC", BREIGHTMET), "'NOT A PC' is not a postcode", id="postcode"),
        pytest.param(onspd_row("BL1 6AA", BREIGHTMET, lat="53,58"), "not a coordinate", id="latitude-text"),
        pytest.param(onspd_row("BL1 6AA", BREIGHTMET, lat="153.5"), "not a coordinate", id="latitude-range"),
        pytest.param(onspd_row("BL1 6AA", BREIGHTMET, long="west"), "not a coordinate", id="longitude"),
    ],
)
def test_a_malformed_row_refuses_the_whole_file_and_reports_the_row(tmp_path, bad_row, message):
    path = write_onspd(
        tmp_path / "onspd.csv",
        [
            onspd_row("BL2 6PN", BREIGHTMET),
            onspd_row("BL2 6PP", BREIGHTMET),
            bad_row,
            onspd_row("BL2 6PQ", BREIGHTMET),
        ],
    )

    error, stderr = refused_command(path)

    assert "1 problem(s) found; nothing was imported" in error
    assert "onspd.csv row 3: " in stderr
    assert message in stderr
    assert not Postcode.objects.exists()
    assert not AuditEvent.objects.filter(object_type="core.postcode").exists()


def test_a_refused_file_leaves_earlier_imports_as_they_were(tmp_path):
    import_postcodes(actor=None, path=SAMPLE)
    path = write_onspd(
        tmp_path / "onspd.csv",
        [
            onspd_row("BL2 6PN", ASTLEY_BRIDGE),
            onspd_row("BL1 6AA", ASTLEY_BRIDGE),
            onspd_row("B4D", BREIGHTMET),
        ],
    )

    with pytest.raises(ImportRefused) as refused:
        import_postcodes(actor=None, path=path)

    assert [(p.file, p.row) for p in refused.value.problems] == [("onspd.csv", 3)]
    assert Postcode.objects.count() == 324
    assert Postcode.objects.get(postcode="BL2 6PN").ward.code == BREIGHTMET
    assert not Postcode.objects.filter(postcode="BL1 6AA").exists()


def test_every_bad_row_is_reported_in_one_run(tmp_path):
    path = write_onspd(
        tmp_path / "onspd.csv",
        [
            onspd_row("XX", BREIGHTMET),
            onspd_row("BL2 6PN", BREIGHTMET),
            onspd_row("BL2 6PP", BREIGHTMET, lat="x"),
        ],
    )

    with pytest.raises(ImportRefused) as refused:
        import_postcodes(actor=None, path=path)

    assert [p.row for p in refused.value.problems] == [1, 3]


def test_a_postcode_listed_twice_in_one_file_refuses_the_file_and_names_both_rows(tmp_path):
    path = write_onspd(
        tmp_path / "onspd.csv",
        [
            onspd_row("BL2 6PN", BREIGHTMET),
            onspd_row("BL2 6PP", BREIGHTMET),
            onspd_row("bl26pn", ASTLEY_BRIDGE),
        ],
    )

    error, stderr = refused_command(path)

    assert "1 problem(s) found; nothing was imported" in error
    assert "onspd.csv row 3: BL2 6PN appears twice (first on row 1)" in stderr
    assert not Postcode.objects.exists()


def test_a_file_without_postcode_or_ward_columns_gets_a_clear_message(tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_text("address,town\n1 High Street,Bolton\n")

    error, stderr = refused_command(path)

    assert "nothing was imported" in error
    assert "addresses.csv: needs a postcode column (pcds or postcode) and a ward column" in stderr


def test_a_file_that_is_not_csv_gets_a_clear_message_not_a_traceback(tmp_path):
    path = tmp_path / "postcodes.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U0#\xf4\x00\x00\x00L\x02")

    error, stderr = refused_command(path)

    assert "nothing was imported" in error
    assert "postcodes.xlsx: is not a readable CSV file" in stderr
    assert not Postcode.objects.exists()


def test_a_file_that_does_not_exist_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_postcodes", str(tmp_path / "missing.csv"), stdout=StringIO(), stderr=StringIO())


# --- normalise_postcode ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bl26pn", "BL2 6PN"),
        ("BL2 6PN", "BL2 6PN"),
        ("  bl2   6pn ", "BL2 6PN"),
        ("m11ae", "M1 1AE"),
        ("M60 1NW", "M60 1NW"),
        ("sw1a1aa", "SW1A 1AA"),
        ("W1A 0AX", "W1A 0AX"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("cf101ep", "CF10 1EP"),
    ],
)
def test_normalise_postcode_gives_upper_case_with_one_space(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "BL2", "BL2 6P", "12345", "HELLO", "BL2 6PNX", "B4D", None])
def test_normalise_postcode_refuses_what_is_not_a_postcode(typed):
    assert normalise_postcode(typed) is None
