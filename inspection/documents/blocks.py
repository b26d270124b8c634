"""A tiny vocabulary for document bodies, turned into both template.html and template.docx.

A body is written once as a list of blocks (bodies.py); build_templates.py emits the
Jinja HTML (for WeasyPrint) and the docxtpl Word template from the same list, so the
two formats carry the same words by construction.
Text is a string or a list of (style, text) runs, style in '', 'b', 'i', 'bi'.
Jinja expressions stay inside one run, so no tag is ever split across Word runs.
"""

from dataclasses import dataclass, field


@dataclass
class P:
    """A body paragraph: justified with first-line indent, or centred/left/right."""

    text: object
    align: str = "j"  # j justify, c centre, l left, r right
    style: str = ""  # '', 'b', 'i', 'bi' applied to plain-string text
    indent: bool = True


@dataclass
class H1:
    """Section heading "I. MỤC ĐÍCH, YÊU CẦU": Roman numeral, capitals, bold."""

    text: str


@dataclass
class H2:
    """Sub heading "1. Title": bold."""

    text: str


@dataclass
class Loop:
    """Repeat blocks for each element: {% for var in seq %}."""

    var: str
    seq: str
    blocks: list


@dataclass
class If:
    """Blocks shown only when a Jinja condition holds."""

    cond: str
    blocks: list


@dataclass
class Col:
    header: str
    width: int  # relative width
    cell: str  # Jinja text of the cell, e.g. '{{ r.unit }}'
    centre: bool = False


@dataclass
class Table:
    """A ruled table: header row, one row per element of seq, optional total row."""

    seq: str
    var: str
    cols: list
    total: list = field(default_factory=list)  # cell texts of a final row, or empty
    # The PDF keeps the given column widths (CSS table-layout: fixed) instead of measuring every
    # cell first: for a table of hundreds of rows (the yearly report's overdue list) that
    # measuring is a third of WeasyPrint's work. Word keeps the given widths anyway.
    fixed: bool = False


@dataclass
class Picture:
    """A centred picture: `expr` is a Jinja expression of a dict with `image` (a data: URI of
    an SVG or PNG), `width_mm` and `title` (the alt text). HTML shows it as <img>; the Word
    renderer puts the same picture there as a PNG (render.pictures)."""

    expr: str


@dataclass
class Frame:
    """A part of the Decree 30 frame (header, title, grounds, signature...)."""

    part: str
    opts: dict = field(default_factory=dict)


def runs(text, style=""):
    """Normalise text to a list of (style, text) runs."""
    if isinstance(text, str):
        return [(style, text)]
    return list(text)
