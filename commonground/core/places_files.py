"""Reading and checking an authority's place files, free of Django.

A places folder holds, for one combined authority:
  districts.csv              lad_code, lad_name, cauth_code, cauth_name, label_lon, label_lat
  wards.csv                  ward_code, ward_name, lad_code, label_lon, label_lat
  districts.geojson          one feature per district, property lad_code
  wards.geojson              one feature per ward, property ward_code
  census2021_population.csv  area_code, dimension, category, count, source_table

Every problem in every file is collected with its file and row, so one run tells the whole story;
the loader imports nothing unless there are none.
"""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

GSS_CODE = re.compile(r"^[EWSNK]\d{8}$")
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$")

# Longest texts the database keeps (see core.models.places), checked here so that a long value is
# reported with its row rather than failing the whole load with a database error.
MAX_NAME = 120
MAX_POPULATION_TEXT = {"dimension": 40, "category": 200, "source_table": 60}

PLACE_FILES = {
    "districts": "districts.csv",
    "wards": "wards.csv",
    "district_boundaries": "districts.geojson",
    "ward_boundaries": "wards.geojson",
    "population": "census2021_population.csv",
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based data row (the header is row 0); None for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file} row {self.row}" if self.row is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class PlaceData:
    combined_authority: tuple[str, str] | None = None  # (code, name)
    districts: dict[str, dict] = field(default_factory=dict)  # code → {name, label_lon, label_lat}
    wards: dict[str, dict] = field(default_factory=dict)  # code → {name, district, label_lon, label_lat}
    boundaries: dict[str, dict] = field(default_factory=dict)  # code → GeoJSON geometry
    population: list[dict] = field(
        default_factory=list
    )  # {area_code, dimension, category, count, source_table}
    problems: list[Problem] = field(default_factory=list)


def _rows(path: Path, required: Iterable[str], problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        problems.append(Problem(path.name, None, f"cannot be read ({error.strerror})"))
        return
    with handle:
        reader = csv.DictReader(handle)
        try:
            # Reading the header decodes the first line: a file that is not CSV fails here already.
            missing = [name for name in required if name not in (reader.fieldnames or [])]
            if missing:
                problems.append(Problem(path.name, None, f"is missing the column(s): {', '.join(missing)}"))
                return
            for number, row in enumerate(reader, start=1):
                yield number, {key: (value or "").strip() for key, value in row.items() if key}
        except (csv.Error, UnicodeDecodeError) as error:
            problems.append(Problem(path.name, None, f"is not a readable CSV file ({error})"))


def _coordinate(value: str, low: float, high: float) -> float | None:
    if value == "":
        return None
    number = float(value)
    if not low <= number <= high:
        raise ValueError
    return number


def read_places(folder: Path) -> PlaceData:
    data = PlaceData()
    problems = data.problems
    files = {key: folder / name for key, name in PLACE_FILES.items()}

    for number, row in _rows(
        files["districts"], ["lad_code", "lad_name", "cauth_code", "cauth_name"], problems
    ):
        code, name = row["lad_code"], row["lad_name"]
        if not GSS_CODE.match(code):
            problems.append(Problem("districts.csv", number, f"'{code}' is not an ONS area code"))
            continue
        if not name or len(name) > MAX_NAME:
            problems.append(
                Problem("districts.csv", number, f"the district name must be 1 to {MAX_NAME} characters")
            )
            continue
        if code in data.districts:
            problems.append(Problem("districts.csv", number, f"{code} appears twice"))
            continue
        authority = (row["cauth_code"], row["cauth_name"])
        if not GSS_CODE.match(authority[0]) or not authority[1]:
            problems.append(
                Problem("districts.csv", number, "the combined authority code or name is missing")
            )
            continue
        if data.combined_authority is None:
            data.combined_authority = authority
        elif data.combined_authority != authority:
            problems.append(
                Problem("districts.csv", number, "every district must belong to the same combined authority")
            )
            continue
        try:
            label = (
                _coordinate(row.get("label_lon", ""), -180, 180),
                _coordinate(row.get("label_lat", ""), -90, 90),
            )
        except ValueError:
            problems.append(
                Problem("districts.csv", number, "the label longitude/latitude is not a coordinate")
            )
            continue
        data.districts[code] = {"name": name, "label_lon": label[0], "label_lat": label[1]}

    for number, row in _rows(files["wards"], ["ward_code", "ward_name", "lad_code"], problems):
        code, name, district = row["ward_code"], row["ward_name"], row["lad_code"]
        if not GSS_CODE.match(code):
            problems.append(Problem("wards.csv", number, f"'{code}' is not an ONS area code"))
            continue
        if not name or len(name) > MAX_NAME:
            problems.append(Problem("wards.csv", number, f"the ward name must be 1 to {MAX_NAME} characters"))
            continue
        if code in data.wards or code in data.districts:
            problems.append(Problem("wards.csv", number, f"{code} appears twice"))
            continue
        if district not in data.districts:
            problems.append(
                Problem("wards.csv", number, f"its district {district or '(blank)'} is not in districts.csv")
            )
            continue
        try:
            label = (
                _coordinate(row.get("label_lon", ""), -180, 180),
                _coordinate(row.get("label_lat", ""), -90, 90),
            )
        except ValueError:
            problems.append(Problem("wards.csv", number, "the label longitude/latitude is not a coordinate"))
            continue
        data.wards[code] = {"name": name, "district": district, "label_lon": label[0], "label_lat": label[1]}

    for key, code_property, known in (
        ("district_boundaries", "lad_code", data.districts),
        ("ward_boundaries", "ward_code", data.wards),
    ):
        path = files[key]
        if not path.exists():
            continue  # boundaries are optional: maps then show tables only
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
            features = collection["features"]
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(Problem(path.name, None, "is not a GeoJSON FeatureCollection"))
            continue
        for number, feature in enumerate(features, start=1):
            properties = (feature or {}).get("properties") or {}
            geometry = (feature or {}).get("geometry") or {}
            code = properties.get(code_property, "")
            if code not in known:
                problems.append(
                    Problem(path.name, number, f"feature {code or '(no code)'} is not a known area")
                )
            elif geometry.get("type") not in ("Polygon", "MultiPolygon") or not geometry.get("coordinates"):
                problems.append(Problem(path.name, number, f"feature {code} has no polygon"))
            else:
                data.boundaries[code] = geometry

    seen: set[tuple[str, str, str]] = set()
    for number, row in _rows(
        files["population"], ["area_code", "dimension", "category", "count", "source_table"], problems
    ):
        code = row["area_code"]
        if code not in data.districts and code not in data.wards:
            problems.append(
                Problem(PLACE_FILES["population"], number, f"{code or '(blank)'} is not a known area")
            )
            continue
        too_long = [column for column, limit in MAX_POPULATION_TEXT.items() if len(row[column]) > limit]
        if too_long:
            limits = ", ".join(f"{c} at most {MAX_POPULATION_TEXT[c]} characters" for c in too_long)
            problems.append(Problem(PLACE_FILES["population"], number, f"too long: {limits}"))
            continue
        if not row["dimension"] or not row["category"]:
            problems.append(Problem(PLACE_FILES["population"], number, "dimension and category are required"))
            continue
        if not row["count"].isdigit():
            problems.append(
                Problem(PLACE_FILES["population"], number, f"count '{row['count']}' is not a whole number")
            )
            continue
        figure = (code, row["dimension"], row["category"])
        if figure in seen:
            problems.append(Problem(PLACE_FILES["population"], number, "this figure appears twice"))
            continue
        seen.add(figure)
        data.population.append({**row, "count": int(row["count"])})

    if not data.districts and not any(p.file == "districts.csv" for p in problems):
        problems.append(Problem("districts.csv", None, "has no districts"))
    return data


def normalise_postcode(value: str) -> str | None:
    """'bl26pn' → 'BL2 6PN'; None if it is not a UK postcode."""
    match = POSTCODE.match(re.sub(r"\s+", "", value or "").upper())
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"
