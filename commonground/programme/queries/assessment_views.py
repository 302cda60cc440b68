"""Reading borough self-assessments: a borough's history (each dimension's level over time, its own
and the moderated one), all boroughs side by side for one period, and what moves a borough up.

Every read starts from the reader's scope through `access.visible`; a borough outside it is "not
found". The number of queries is fixed: it does not grow with the boroughs, the years or the
dimensions (the rows come in a handful of flat reads and are arranged here)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, Series, bar_chart, line_chart
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.programme import assessment_workflow, framework
from commonground.programme.models import (
    BoroughAssessment,
    Dimension,
    DimensionScore,
    Moderation,
)

LEVEL_NAMES = [f"Level {level}" for level in framework.LEVELS]
OWN = "Borough's own level"
MODERATED = "Moderated level"


@dataclass(frozen=True)
class Column:
    """A dimension as a column: by its key, stable across framework versions."""

    key: str
    title: str


@dataclass(frozen=True)
class Cell:
    """One dimension of one assessment: the borough's level and, once moderated, the moderator's."""

    level: int
    moderated_level: int | None = None

    @property
    def differs(self) -> bool:
        return self.moderated_level is not None and self.moderated_level != self.level

    @property
    def agreed_level(self) -> int:
        """The level that stands: the moderated one where there is one."""
        return self.level if self.moderated_level is None else self.moderated_level


@dataclass(frozen=True)
class Row:
    """One assessment (a borough's, for one period) as a row of cells, one per column (None: not scored)."""

    assessment_id: int
    borough: Area
    period_start: date
    period_end: date
    status: str
    cells: list[Cell | None]

    @property
    def status_label(self) -> str:
        return assessment_workflow.STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class DimensionChart:
    column: Column
    chart: Chart


@dataclass(frozen=True)
class History:
    borough: Area
    columns: list[Column]
    rows: list[Row]  # oldest period first
    charts: list[DimensionChart]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def value(self) -> str:
        return self.start.isoformat()

    @property
    def label(self) -> str:
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


@dataclass(frozen=True)
class BoroughLine:
    """A borough in the grid: its row, or None where it has no assessment for the period."""

    borough: Area
    row: Row | None


@dataclass(frozen=True)
class SideBySide:
    periods: list[Period]
    period: Period | None
    columns: list[Column]
    lines: list[BoroughLine]
    charts: list[DimensionChart] = field(default_factory=list)


# --- The borough and its columns ---------------------------------------------------------------------


def boroughs_in_scope(scope: Scope) -> list[Area]:
    """The boroughs the reader follows the programme in, by name (without their boundaries)."""
    scope.require(Permission.VIEW_PROGRAMME)
    return list(Area.objects.boroughs().filter(pk__in=scope.area_ids).defer("boundary").order_by("name"))


def borough_for(scope: Scope, code: str) -> Area:
    """A borough in the reader's scope by its ONS code; anything else is "not found"."""
    scope.require(Permission.VIEW_PROGRAMME)
    code = (code or "").strip().upper()
    borough = Area.objects.boroughs().filter(code=code).defer("boundary").first() if len(code) <= 9 else None
    if borough is None or not scope.covers_area(borough):
        raise Http404("Not found")
    return borough


def _columns(scores: Iterable[dict]) -> list[Column]:
    """The current framework's dimensions in order, then any dimension only older versions had."""
    columns = {
        key: Column(key=key, title=title)
        for key, title in Dimension.objects.filter(framework__is_current=True)
        .order_by("position")
        .values_list("key", "title")
    }
    for score in sorted(scores, key=lambda s: s["dimension__position"]):
        columns.setdefault(
            score["dimension__key"], Column(score["dimension__key"], score["dimension__title"])
        )
    return list(columns.values())


SCORE_FIELDS = ("pk", "assessment_id", "level", "dimension__key", "dimension__title", "dimension__position")


def _rows(
    scope: Scope, assessments: list[BoroughAssessment], scores: list[dict], boroughs: dict[int, Area]
) -> tuple[list[Column], list[Row]]:
    """Arrange flat score rows (and their moderations, one more query) into a row per assessment."""
    columns = _columns(scores)
    position = {column.key: i for i, column in enumerate(columns)}
    moderated = dict(
        access.visible(scope, Moderation)
        .filter(score_id__in=[score["pk"] for score in scores])
        .values_list("score_id", "level")
    )
    cells: dict[int, list[Cell | None]] = defaultdict(lambda: [None] * len(columns))
    for score in scores:
        cells[score["assessment_id"]][position[score["dimension__key"]]] = Cell(
            level=score["level"], moderated_level=moderated.get(score["pk"])
        )
    rows = [
        Row(
            assessment_id=a.pk,
            borough=boroughs[a.borough_id],
            period_start=a.period_start,
            period_end=a.period_end,
            status=a.status,
            cells=cells[a.pk] if a.pk in cells else [None] * len(columns),
        )
        for a in assessments
    ]
    return columns, rows


# --- A borough's history -------------------------------------------------------------------------------


def history(scope: Scope, borough: Area) -> History:
    """Every assessment of the borough, oldest first, with each dimension's levels; and per dimension
    a step chart of the borough's own level and the moderated level over time. Four queries."""
    scope.require(Permission.VIEW_PROGRAMME)
    assessments = list(
        access.visible(scope, BoroughAssessment).filter(borough=borough).order_by("period_start")
    )
    scores = list(
        access.visible(scope, DimensionScore).filter(assessment__borough=borough).values(*SCORE_FIELDS)
    )
    columns, rows = _rows(scope, assessments, scores, {borough.pk: borough})
    charts = [
        DimensionChart(column=column, chart=_history_chart(borough, column, i, rows))
        for i, column in enumerate(columns)
    ]
    return History(borough=borough, columns=columns, rows=rows, charts=charts)


def _level_name(level: int | None) -> str | None:
    return None if level is None else LEVEL_NAMES[level - 1]


def _history_chart(borough: Area, column: Column, index: int, rows: list[Row]) -> Chart:
    def points(pick) -> list[tuple[date, str | None]]:
        return [
            (row.period_start, _level_name(pick(cell)) if (cell := row.cells[index]) else None)
            for row in rows
        ]

    return line_chart(
        [
            Series(name=OWN, points=points(lambda cell: cell.level)),
            Series(name=MODERATED, points=points(lambda cell: cell.moderated_level)),
        ],
        title=f"{borough.name}: {column.title}",
        desc="The level the borough gave itself each period and, once moderated, the moderated level. "
        "Periods are shown by the day they start; a gap is a period not scored or not yet moderated.",
        x_label="Period starting",
        y_label="Level",
        levels=LEVEL_NAMES,
        chart_id=f"history-{column.key}",
    )


# --- All boroughs side by side ------------------------------------------------------------------------


def periods(scope: Scope) -> list[Period]:
    """The periods any visible assessment covers, newest first (one per start date). One query."""
    scope.require(Permission.VIEW_PROGRAMME)
    found: dict[date, date] = {}
    for start, end in (
        access.visible(scope, BoroughAssessment)
        .order_by("-period_start", "period_end")
        .values_list("period_start", "period_end")
        .distinct()
    ):
        found.setdefault(start, end)
    return [Period(start=start, end=end) for start, end in found.items()]


def side_by_side(
    scope: Scope, *, period_start: date | None = None, known: list[Period] | None = None
) -> SideBySide:
    """Every borough in the reader's scope for one period (the newest by default), each dimension's
    level and the moderated level; and per dimension a bar chart of both. Six queries, however
    many boroughs, periods or dimensions. `known`: the periods, if the caller has read them already."""
    scope.require(Permission.VIEW_PROGRAMME)
    known = periods(scope) if known is None else known
    period = next((p for p in known if p.start == period_start), None) if period_start else None
    if period is None and period_start is None and known:
        period = known[0]
    boroughs = boroughs_in_scope(scope)
    if period is None:
        return SideBySide(periods=known, period=None, columns=_columns([]), lines=[])
    assessments = list(
        access.visible(scope, BoroughAssessment)
        .filter(period_start=period.start, borough__in=[b.pk for b in boroughs])
        .order_by("borough__name")
    )
    scores = list(
        access.visible(scope, DimensionScore)
        .filter(assessment__in=[a.pk for a in assessments])
        .values(*SCORE_FIELDS)
    )
    columns, rows = _rows(scope, assessments, scores, {b.pk: b for b in boroughs})
    by_borough = {row.borough.pk: row for row in rows}
    lines = [BoroughLine(borough=b, row=by_borough.get(b.pk)) for b in boroughs]
    charts = [
        DimensionChart(column=column, chart=_period_chart(period, column, i, lines))
        for i, column in enumerate(columns)
    ]
    return SideBySide(periods=known, period=period, columns=columns, lines=lines, charts=charts)


def _period_chart(period: Period, column: Column, index: int, lines: list[BoroughLine]) -> Chart:
    def values(pick) -> list[float | None]:
        return [pick(line.row.cells[index]) if line.row and line.row.cells[index] else None for line in lines]

    return bar_chart(
        [line.borough.name for line in lines],
        [
            BarSeries(name=OWN, values=values(lambda cell: cell.level)),
            BarSeries(name=MODERATED, values=values(lambda cell: cell.moderated_level)),
        ],
        title=f"{column.title}, {period.label}",
        desc="Each borough's own level (1 to 5) and, once moderated, the moderated level.",
        category_label="Borough",
        value_label="Level (1 to 5)",
        horizontal=True,
        chart_id=f"side-by-side-{column.key}",
    )
