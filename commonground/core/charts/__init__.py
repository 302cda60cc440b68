"""Charts and maps drawn as inline SVG on the server, each with its data as a table (no Django).

Every chart function returns a `Chart`: `svg` (accessible, escaped, the same bytes for the same
input) and `table`, a `ChartTable` for the GOV.UK table shown beside it. No JavaScript is needed,
and WeasyPrint draws the same SVG in PDFs.
"""

from .bars import BarSeries, bar_chart
from .colours import SERIES_COLOURS, contrast_ratio, sequential_colours, text_colour_for
from .lines import Series, line_chart
from .maps import NO_DATA, LegendEntry, MapArea, ProjectedLayer, project_areas, render_map, sequential_legend
from .svg import NO_DATA_MESSAGE, Chart, ChartTable

__all__ = [
    "NO_DATA",
    "NO_DATA_MESSAGE",
    "SERIES_COLOURS",
    "BarSeries",
    "Chart",
    "ChartTable",
    "LegendEntry",
    "MapArea",
    "ProjectedLayer",
    "Series",
    "bar_chart",
    "contrast_ratio",
    "line_chart",
    "project_areas",
    "render_map",
    "sequential_colours",
    "sequential_legend",
    "text_colour_for",
]
