"""Loading reference places and postcodes. All or nothing: a file with any bad row changes nothing."""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from commonground.core import audit
from commonground.core.models import Area, AreaLevel, AuditAction, PopulationFigure, Postcode, User
from commonground.core.places_files import Problem, normalise_postcode, read_places


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


@dataclass(frozen=True)
class PlacesLoaded:
    authority: str
    boroughs: int
    wards: int
    boundaries: int
    population_figures: int


def load_places(
    *, actor: User | None, folder: Path, progress: Callable[[int], None] = lambda n: None
) -> PlacesLoaded:
    """Create or update the combined authority, its boroughs and wards, boundaries and Census figures.
    Running it again with the same files changes nothing."""
    data = read_places(folder)
    if data.problems or data.combined_authority is None:  # without districts there is a problem too
        raise ImportRefused(data.problems)
    ca_code, ca_name = data.combined_authority
    with transaction.atomic():
        authority, _ = Area.objects.update_or_create(
            code=ca_code,
            defaults={"name": ca_name, "level": AreaLevel.COMBINED_AUTHORITY, "parent": None},
        )
        districts_population = {
            row["area_code"]: row["count"] for row in data.population if row["dimension"] == "total"
        }
        areas: dict[str, Area] = {ca_code: authority}
        for code, district in data.districts.items():
            areas[code], _ = Area.objects.update_or_create(
                code=code,
                defaults={
                    "name": district["name"],
                    "level": AreaLevel.BOROUGH,
                    "parent": authority,
                    "label_longitude": district["label_lon"],
                    "label_latitude": district["label_lat"],
                    "boundary": data.boundaries.get(code),
                    "population": districts_population.get(code),
                },
            )
            progress(1)
        for code, ward in data.wards.items():
            areas[code], _ = Area.objects.update_or_create(
                code=code,
                defaults={
                    "name": ward["name"],
                    "level": AreaLevel.WARD,
                    "parent": areas[ward["district"]],
                    "label_longitude": ward["label_lon"],
                    "label_latitude": ward["label_lat"],
                    "boundary": data.boundaries.get(code),
                    "population": districts_population.get(code),
                },
            )
            progress(1)
        authority.population = sum(districts_population.get(code, 0) for code in data.districts) or None
        authority.save(update_fields=["population"])

        PopulationFigure.objects.filter(area__in=areas.values(), census_year=2021).delete()
        PopulationFigure.objects.bulk_create(
            PopulationFigure(
                area=areas[row["area_code"]],
                census_year=2021,
                dimension=row["dimension"],
                category=row["category"],
                count=row["count"],
                source_table=row["source_table"],
            )
            for row in data.population
        )
        progress(len(data.population))
        result = PlacesLoaded(
            authority=ca_name,
            boroughs=len(data.districts),
            wards=len(data.wards),
            boundaries=len(data.boundaries),
            population_figures=len(data.population),
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="core.area",
            object_id=ca_code,
            object_repr=f"Places of {ca_name}",
            changes={"loaded": result.__dict__},
        )
    return result


# Column names accepted for the postcode file: the ONS Postcode Directory's own, or the shipped sample's.
_POSTCODE_COLUMNS = ("pcds", "postcode", "pcd")
_WARD_COLUMNS = ("wd25cd", "osward", "ward_code", "wd24cd", "wd23cd")
_LAT_COLUMNS = ("lat", "latitude")
_LON_COLUMNS = ("long", "lon", "longitude")


def _pick(fieldnames: Sequence[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {name.lower(): name for name in fieldnames}
    return next((lowered[c] for c in candidates if c in lowered), None)


@dataclass(frozen=True)
class PostcodesImported:
    imported: int
    outside_loaded_areas: int
    terminated: int


def import_postcodes(
    *,
    actor: User | None,
    path: Path,
    batch_size: int = 5000,
    progress: Callable[[int], None] = lambda n: None,
) -> PostcodesImported:
    """Import an ONS Postcode Directory CSV (or a file of the same columns). Postcodes in wards that
    are not loaded are skipped (the directory covers the whole UK); terminated ones are skipped.
    A malformed row refuses the whole file: nothing is imported, and every bad row is reported."""
    ward_ids = dict(Area.objects.wards().values_list("code", "pk"))
    problems: list[Problem] = []
    rows: list[Postcode] = []
    outside = terminated = 0
    first_row: dict[str, int] = {}  # postcode → the row it first appeared on
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise ImportRefused([Problem(path.name, None, f"cannot be read ({error.strerror})")]) from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            names = reader.fieldnames or []  # decodes the first line: a file that is not CSV fails here
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportRefused([Problem(path.name, None, f"is not a readable CSV file ({error})")]) from None
        postcode_col, ward_col = _pick(names, _POSTCODE_COLUMNS), _pick(names, _WARD_COLUMNS)
        lat_col, lon_col = _pick(names, _LAT_COLUMNS), _pick(names, _LON_COLUMNS)
        term_col = _pick(names, ("doterm", "date_terminated"))
        if not postcode_col or not ward_col:
            raise ImportRefused(
                [
                    Problem(
                        path.name,
                        None,
                        "needs a postcode column (pcds or postcode) and a ward column (wd25cd or ward_code)",
                    )
                ]
            )
        try:
            for number, row in enumerate(reader, start=1):
                progress(1)
                if term_col and (row.get(term_col) or "").strip():
                    terminated += 1
                    continue
                postcode = normalise_postcode(row.get(postcode_col) or "")
                if postcode is None:
                    problems.append(
                        Problem(path.name, number, f"'{row.get(postcode_col)}' is not a postcode")
                    )
                    continue
                ward_code = (row.get(ward_col) or "").strip()
                if ward_code not in ward_ids:
                    outside += 1
                    continue
                try:
                    lat = float(row[lat_col]) if lat_col and row.get(lat_col) else None
                    lon = float(row[lon_col]) if lon_col and row.get(lon_col) else None
                    if (lat is not None and not -90 <= lat <= 90) or (
                        lon is not None and not -180 <= lon <= 180
                    ):
                        raise ValueError
                except ValueError:
                    problems.append(
                        Problem(
                            path.name, number, f"{postcode} has a latitude/longitude that is not a coordinate"
                        )
                    )
                    continue
                if postcode in first_row:
                    # One upsert cannot set a row twice (PostgreSQL refuses it): report it instead.
                    problems.append(
                        Problem(
                            path.name,
                            number,
                            f"{postcode} appears twice (first on row {first_row[postcode]})",
                        )
                    )
                    continue
                first_row[postcode] = number
                rows.append(
                    Postcode(postcode=postcode, ward_id=ward_ids[ward_code], latitude=lat, longitude=lon)
                )
        except (csv.Error, UnicodeDecodeError) as error:
            problems.append(Problem(path.name, None, f"is not a readable CSV file ({error})"))
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            Postcode.objects.bulk_create(
                rows[start : start + batch_size],
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["ward", "latitude", "longitude"],
            )
        result = PostcodesImported(imported=len(rows), outside_loaded_areas=outside, terminated=terminated)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="core.postcode",
            object_repr=f"Postcodes from {path.name}",
            changes={"imported": result.__dict__},
        )
    return result
