"""The staff dashboards' aggregations done by DuckDB over a Parquet export of the same tables: the
yardstick `benchmarks.insights` sets our PostgreSQL figures against.

Each function runs the same GROUP BYs as the page's queries (commonground/insights/queries/) for
one filter set and fetches the rows, as the page does. SQL is built from fixed table and column
names and integer ids, with every value from a filter bound as a parameter (hence the noqa: S608)."""

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import psycopg

# Parquet file → the PostgreSQL query exported into it (times as UTC, without a zone).
TABLES = {
    "report": "SELECT id, kind, borough_id, ward_id, submitted_at AT TIME ZONE 'UTC' AS submitted_at "
    "FROM reports_report",
    "report_strand": "SELECT report_id, hostilitystrand_id FROM reports_report_strands",
    "strand": "SELECT id, code FROM reports_hostilitystrand",
    "tension": "SELECT id, observed_at AT TIME ZONE 'UTC' AS observed_at FROM tension_tensionreport",
    "tension_area": "SELECT tensionreport_id, area_id FROM tension_tensionreport_areas",
    "area": "SELECT id, code, level, parent_id, population FROM core_area",
    "referral": "SELECT id, borough_id, ward_id, concern_type, referring_sector, status, date_of_birth, "
    "age_years, received_at AT TIME ZONE 'UTC' AS received_at FROM safeguarding_referral",
    "screening": "SELECT referral_id, decided_at AT TIME ZONE 'UTC' AS decided_at "
    "FROM safeguarding_screeningdecision",
    "agenda": "SELECT id, meeting_id, referral_id FROM safeguarding_agendaitem",
    "meeting": "SELECT id, meets_on FROM safeguarding_panelmeeting",
    "decision": "SELECT agenda_item_id, outcome, decided_at AT TIME ZONE 'UTC' AS decided_at "
    "FROM safeguarding_paneldecision",
    "case_event": "SELECT referral_id, kind, happened_on FROM safeguarding_caseevent",
    "equality": "SELECT referral_id, ethnic_group, religion FROM safeguarding_equalitymonitoring",
    "population": "SELECT area_id, dimension, category, count FROM core_populationfigure",
    "call": "SELECT borough_id, outcome, taken_at AT TIME ZONE 'UTC' AS taken_at FROM reports_helplinecall",
}


def duckdb_version() -> str:
    return duckdb.__version__


def export(database_url: str, folder: Path) -> duckdb.DuckDBPyConnection:
    """COPY each table out of PostgreSQL as CSV, have DuckDB write it as Parquet, and open views."""
    duck = duckdb.connect()
    with psycopg.connect(database_url) as connection:
        for name, query in TABLES.items():
            csv = folder / f"{name}.csv"
            with (
                csv.open("wb") as handle,
                connection.cursor().copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy,
            ):
                for chunk in copy:
                    handle.write(chunk)
            parquet = folder / f"{name}.parquet"
            duck.execute(f"COPY (SELECT * FROM read_csv_auto('{csv}')) TO '{parquet}' (FORMAT parquet)")  # noqa: S608
            csv.unlink()
            duck.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{parquet}')")  # noqa: S608
    return duck


def area_ids(duck) -> dict:
    boroughs = dict(duck.execute("SELECT code, id FROM area WHERE level = 'borough'").fetchall())
    strands = dict(duck.execute("SELECT code, id FROM strand").fetchall())
    return {"boroughs": boroughs, "strands": strands}


def _period(params: dict) -> tuple[datetime, datetime]:
    start = datetime.strptime(params["date_from"], "%d/%m/%Y")
    end = datetime.strptime(params["date_to"], "%d/%m/%Y") + timedelta(days=1)
    return start, end


def _boroughs(params: dict, ids: dict) -> list[int]:
    chosen = params.get("borough")
    return [ids["boroughs"][chosen]] if chosen else list(ids["boroughs"].values())


def incidents(duck, params: dict, ids: dict) -> None:
    start, end = _period(params)
    kind = params["kind"] or "hate_incident"
    strand = ids["strands"].get(params["strand"])
    where = "r.kind = ? AND r.submitted_at >= ? AND r.submitted_at < ?"
    args: list = [kind, start, end]
    if params["borough"]:
        where += " AND r.borough_id = ?"
        args.append(ids["boroughs"][params["borough"]])
    if kind != "tension_report":
        strand_join = (
            " JOIN report_strand f ON f.report_id = r.id AND f.hostilitystrand_id = ?" if strand else ""
        )
        duck.execute(
            f"SELECT date_trunc('month', r.submitted_at), r.borough_id, count(*) FROM report r{strand_join} "  # noqa: S608
            f"WHERE {where} GROUP BY ALL",
            ([strand] if strand else []) + args,
        ).fetchall()
        duck.execute(
            f"SELECT s.hostilitystrand_id, count(*) FROM report_strand s JOIN report r ON r.id = s.report_id "  # noqa: S608
            f"WHERE {where}{' AND s.hostilitystrand_id = ?' if strand else ''} GROUP BY ALL",
            args + ([strand] if strand else []),
        ).fetchall()
    if params["kind"] in ("", "tension_report") and strand is None:
        boroughs = _boroughs(params, ids)
        duck.execute(
            "SELECT date_trunc('month', t.observed_at) AS month, "  # noqa: S608
            "CASE WHEN a.level = 'borough' THEN a.id ELSE a.parent_id END AS borough, count(DISTINCT t.id) "
            "FROM tension_area ta JOIN tension t ON t.id = ta.tensionreport_id JOIN area a ON a.id = ta.area_id "
            "WHERE t.observed_at >= ? AND t.observed_at < ? AND a.level IN ('borough', 'ward') "
            f"AND (CASE WHEN a.level = 'borough' THEN a.id ELSE a.parent_id END) IN ({_list(boroughs)}) "
            "GROUP BY ALL",
            [start, end],
        ).fetchall()


def _list(values: list[int]) -> str:
    return ", ".join(str(int(v)) for v in values)


def _referral_filter(params: dict, ids: dict) -> tuple[str, list]:
    start, end = _period(params)
    where = f"r.received_at >= ? AND r.received_at < ? AND r.borough_id IN ({_list(_boroughs(params, ids))})"
    args: list = [start, end]
    if params["concern_type"]:
        where += " AND r.concern_type = ?"
        args.append(params["concern_type"])
    return where, args


def referrals(duck, params: dict, ids: dict) -> None:
    where, args = _referral_filter(params, ids)
    for field in ("concern_type", "referring_sector", "borough_id", "status"):
        duck.execute(
            f"SELECT r.{field}, count(*) FROM referral r WHERE {where} GROUP BY ALL",  # noqa: S608
            args,
        ).fetchall()
    duck.execute(
        "SELECT CASE WHEN age IS NULL THEN 'not_known' WHEN age <= 10 THEN '10_or_under' "  # noqa: S608
        "WHEN age <= 15 THEN '11_to_15' WHEN age <= 17 THEN '16_to_17' WHEN age <= 24 THEN '18_to_24' "
        "ELSE '25_or_over' END AS band, count(*) FROM (SELECT coalesce(date_sub('year', r.date_of_birth, "
        f"CAST(r.received_at AS date)), r.age_years) AS age FROM referral r WHERE {where}) GROUP BY ALL",
        args,
    ).fetchall()
    duck.execute(
        "SELECT r.id, min(CAST(r.received_at AS date)), min(CAST(s.decided_at AS date)), min(m.meets_on), "  # noqa: S608
        "min(CAST(d.decided_at AS date)) FILTER (WHERE d.outcome = 'adopt'), "
        "min(e.happened_on) FILTER (WHERE e.kind = 'exited') FROM referral r "
        "LEFT JOIN screening s ON s.referral_id = r.id LEFT JOIN agenda a ON a.referral_id = r.id "
        "LEFT JOIN meeting m ON m.id = a.meeting_id LEFT JOIN decision d ON d.agenda_item_id = a.id "
        f"LEFT JOIN case_event e ON e.referral_id = r.id WHERE {where} GROUP BY r.id",
        args,
    ).fetchall()


def helpline(duck, params: dict, ids: dict) -> None:
    start, end = _period(params)
    areas = f"borough_id IN ({_list(_boroughs(params, ids))})"
    if not params["borough"]:
        areas = f"({areas} OR borough_id IS NULL)"
    duck.execute(
        f"SELECT outcome, count(*) FROM call WHERE taken_at >= ? AND taken_at < ? AND {areas} GROUP BY ALL",  # noqa: S608
        [start, end],
    ).fetchall()


def fairness(duck, params: dict, ids: dict) -> None:
    where, args = _referral_filter({**params, "concern_type": params["concern_type"]}, ids)
    field = "religion" if params["grouping"] == "religion" else "ethnic_group"
    duck.execute(
        f"SELECT e.{field}, count(*), count(*) FILTER (WHERE adopted) FROM ("  # noqa: S608
        "SELECT r.id, EXISTS (SELECT 1 FROM agenda a JOIN decision d ON d.agenda_item_id = a.id "
        f"WHERE a.referral_id = r.id AND d.outcome = 'adopt') AS adopted FROM referral r WHERE {where}) r "
        "LEFT JOIN equality e ON e.referral_id = r.id GROUP BY ALL",
        args,
    ).fetchall()
    dimension = "religion" if field == "religion" else "ethnic_group_detailed"
    duck.execute(
        f"SELECT category, sum(count) FROM population WHERE area_id IN ({_list(_boroughs(params, ids))}) "  # noqa: S608
        "AND dimension = ? GROUP BY ALL",
        [dimension],
    ).fetchall()


def spikes(duck, ids: dict, *, weeks: int) -> None:
    """The weekly counts per borough, and per borough and strand, that spike detection assesses."""
    since = datetime.now() - timedelta(weeks=weeks)
    duck.execute(
        "SELECT borough_id, date_trunc('week', submitted_at), count(*) FROM report "
        "WHERE kind = 'hate_incident' AND submitted_at >= ? AND borough_id IS NOT NULL GROUP BY ALL",
        [since],
    ).fetchall()
    duck.execute(
        "SELECT r.borough_id, s.hostilitystrand_id, date_trunc('week', r.submitted_at), count(*) "
        "FROM report_strand s JOIN report r ON r.id = s.report_id WHERE r.kind = 'hate_incident' "
        "AND r.submitted_at >= ? AND r.borough_id IS NOT NULL GROUP BY ALL",
        [since],
    ).fetchall()
