"""Charts of the dashboards, drawn on the server as SVG with pygal (R-8).

Colours are the ones offices use: green done on time, orange done late, blue in progress in
time, red overdue. pygal always writes a <script> (its tooltips); it is cut out, so a chart is
a still picture that the page shows as <img src="data:..."> under the no-inline-script CSP
and that a PDF report can embed as it is. Each chart's numbers stand in a table beside it.
"""

import base64
import re
import sys

import pygal
from pygal.style import Style

from inspection.monitoring.figures import FOUR, LABELS


def _modern_finders():
    """pygal 3.1 adds to sys.meta_path a finder with only the pre-3.4 `find_module` (for its map
    plugins, unused here); tools that ask every finder for `find_spec` (pytest's importlib mode,
    Python 3.12's import system) then fail. Give it a `find_spec` that declines, as it would."""
    for finder in sys.meta_path:
        if type(finder).__module__ == "pygal" and not hasattr(finder, "find_spec"):
            type(finder).find_spec = lambda self, name, path=None, target=None: None


_modern_finders()

COLOURS = {
    "hoan_thanh_dung_han": "#198754",
    "hoan_thanh_qua_han": "#fd7e14",
    "dang_thuc_hien_trong_han": "#0d6efd",
    "dang_thuc_hien_qua_han": "#dc3545",
}
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


def _style():
    return Style(
        colors=tuple(COLOURS[k] for k in FOUR),
        background="white",
        plot_background="white",
        font_family="DejaVu Sans, Arial, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=12,
        opacity="0.9",
        opacity_hover="0.9",
    )


def _options(**extra):
    options = dict(
        style=_style(),
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        print_values=True,
        show_y_guides=True,
    )
    return options | extra


def _svg(chart) -> str:
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def four_figures(figures, title="") -> str:
    """SVG bars of the four figures of one Figures."""
    chart = pygal.Bar(width=640, height=360, title=title or None, **_options(print_zeroes=False))
    for key in FOUR:
        chart.add(LABELS[key], [getattr(figures, key)])
    return _svg(chart)


def by_unit_height(n) -> int:
    """The height in pixels of by_unit's drawing of n units (900 wide)."""
    return 120 + 26 * max(n, 1)


def by_unit(rows, title="") -> str:
    """SVG horizontal stacked bars of the four figures of each unit: [(unit name, Figures)],
    the first unit on top (pygal draws the first label at the bottom)."""
    rows = list(reversed(rows))
    chart = pygal.HorizontalStackedBar(
        width=900, height=by_unit_height(len(rows)), title=title or None, **_options(print_values=False)
    )
    chart.x_labels = [name for name, _ in rows]
    for key in FOUR:
        chart.add(LABELS[key], [getattr(fig, key) for _, fig in rows])
    return _svg(chart)


def trend(points, title="") -> str:
    """SVG stacked bars of the four figures at each month end: [(date, Figures)]."""
    chart = pygal.StackedBar(
        width=900, height=380, title=title or None, x_label_rotation=0, **_options(print_values=False)
    )
    chart.x_labels = [day.strftime("%m/%Y") for day, _ in points]
    for key in FOUR:
        chart.add(LABELS[key], [getattr(fig, key) for _, fig in points])
    return _svg(chart)


def data_uri(svg: str) -> str:
    """The SVG as a data: URI for <img src> (allowed by the CSP's img-src, runs nothing)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
