"""Generate doc_templates/<kind>/template.docx and template.html, and _frame/frame.css.

Run after changing layout.py, bodies.py or the frame:
    .venv/bin/python -m inspection.documents.build_templates
The Word frame below (frame_* functions) is the twin of doc_templates/_frame/frame.html.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from . import layout as L
from .blocks import H1, H2, Frame, If, Loop, P, Picture, Table, runs
from .bodies import BODIES

ALIGN = {
    "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
}
HEAD_LEFT_MM = L.TEXT_WIDTH_MM * L.HEADER_LEFT_PCT / 100
HEAD_RIGHT_MM = L.TEXT_WIDTH_MM - HEAD_LEFT_MM
MOTTO_TEXT_MM = 62  # width of "Độc lập - Tự do - Hạnh phúc" at 13 pt bold


# ---------------------------------------------------------------- Word helpers
class Box:
    """Where paragraphs go: the document body or a table cell (reusing its first paragraph)."""

    def __init__(self, target):
        self.target = target
        self.fresh = hasattr(target, "vertical_alignment")  # a cell starts with one paragraph

    def para(self):
        if self.fresh:
            self.fresh = False
            return self.target.paragraphs[0]
        return self.target.add_paragraph()


def _para(box, text, align="c", style="", size=None, indent=False, before=None):
    p = box.para()
    fmt = p.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.first_line_indent = Cm(L.FIRST_LINE_INDENT_CM) if indent else Cm(0)
    if before is not None:
        fmt.space_before = Pt(before)
    for run_style, chunk in runs(text, style):
        r = p.add_run(chunk)
        r.bold = "b" in run_style or None
        r.italic = "i" in run_style or None
        if size:
            r.font.size = Pt(size)
    return p


def _tag(box, tag):
    """A paragraph holding only a docxtpl paragraph tag such as {%p for x in xs %}."""
    p = box.para()
    p.paragraph_format.space_before = Pt(0)
    p.add_run("{%%p %s %%}" % tag)


def _rule(box, width_mm, column_mm):
    """An empty paragraph whose bottom border draws a centred rule width_mm long."""
    p = box.para()
    side = max((column_mm - width_mm) / 2, 0)
    fmt = p.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def _table(doc, widths_mm, grid=False):
    t = doc.add_table(rows=0, cols=len(widths_mm))
    if grid:
        t.style = doc.styles["Table Grid"]
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, w in zip(t.columns, widths_mm):
        col.width = Mm(w)
    return t


def _row(table, widths_mm):
    cells = table.add_row().cells
    for c, w in zip(cells, widths_mm):
        c.width = Mm(w)
    return cells


def _repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _page_number(section):
    """Page number centred in the top margin, none on page 1 (Appendix I)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        r = p.add_run()
        r.font.size = Pt(L.PAGE_NUMBER_PT)
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._r.append(fc)
        elif text == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._r.append(it)
        else:
            r.text = text


def new_document(title):
    """An empty A4 document with the Decree 30 page, font and paragraph settings."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    sec.top_margin, sec.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    sec.left_margin, sec.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    sec.header_distance = Mm(L.HEADER_DISTANCE_MM)
    normal = doc.styles["Normal"]
    normal.font.name = L.WORD_FONT
    normal.font.size = Pt(L.BODY_PT)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), L.WORD_FONT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(L.PARAGRAPH_SPACE_PT), Pt(0)
    pf.line_spacing = L.LINE_SPACING
    _page_number(sec)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.comments = title, "", "", ""
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # Document() starts with no paragraphs,
        body.remove(p)  # but be sure the body opens with ours
    return doc


# ---------------------------------------------------------------- Word frame
def frame_header(doc, style="standard"):
    """Agency lines | national title and motto; then Số | place and date (V/v for letters)."""
    widths = [HEAD_LEFT_MM, HEAD_RIGHT_MM]
    t = _table(doc, widths)
    left, right = (Box(c) for c in _row(t, widths))
    kw = dict(size=L.HEADER_PT, before=0)
    _para(left, "{{ parent_agency }}", **kw)
    _para(left, "{{ agency }}", style="b", **kw)
    _rule(left, HEAD_LEFT_MM * L.RULE_FRACTION, HEAD_LEFT_MM)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="b", **kw)
    _para(right, "Độc lập - Tự do - Hạnh phúc", style="b", size=L.MOTTO_PT, before=0)
    _rule(right, MOTTO_TEXT_MM, HEAD_RIGHT_MM)
    left, right = (Box(c) for c in _row(t, widths))
    _para(left, "Số: {{ number }}/{{ symbol }}", size=L.NUMBER_PT, before=6)
    if style == "letter":
        _para(left, "V/v {{ abstract }}", size=L.NUMBER_PT, before=6)
    if style != "minutes":
        _para(right, "{{ date_line }}", style="i", size=L.MOTTO_PT, before=6)
    else:
        _para(right, "", before=6)


def frame_title(doc, type_name, abstract_line=True):
    box = Box(doc)
    _para(box, type_name, style="b", before=18)
    if abstract_line:
        _para(box, "{{ abstract }}", style="b", before=0)
        _rule(box, L.TEXT_WIDTH_MM * L.RULE_FRACTION, L.TEXT_WIDTH_MM)


def frame_grounds(doc):
    box = Box(doc)
    _tag(box, "for g in grounds")
    _para(box, "{{ g }}{% if loop.last %}.{% else %};{% endif %}", align="j", style="i", indent=True)
    _tag(box, "endfor")


def frame_addressees(doc):
    box = Box(doc)
    _tag(box, "if addressees|length == 1")
    _para(box, "Kính gửi: {{ addressees[0] }}.")
    _tag(box, "else")
    _para(box, "Kính gửi:")
    _tag(box, "for a in addressees")
    _para(box, "- {{ a }}{% if loop.last %}.{% else %};{% endif %}", align="j", indent=True)
    _tag(box, "endfor")
    _tag(box, "endif")


def frame_signature(doc, style="standard"):
    """Nơi nhận (or THƯ KÝ for minutes) on the left; authority, title, name on the right."""
    widths = [L.TEXT_WIDTH_MM / 2] * 2
    t = _table(doc, widths)
    left, right = (Box(c) for c in _row(t, widths))
    sig = dict(style="b", before=0)
    if style == "standard":
        _para(left, "Nơi nhận:", align="l", style="bi", size=L.RECIPIENTS_TITLE_PT, before=0)
        _tag(left, "for r in copies_to")
        _para(left, "- {{ r }};", align="l", size=L.RECIPIENTS_ITEM_PT, before=0)
        _tag(left, "endfor")
        _para(left, "- Lưu: {{ archive_units }}.", align="l", size=L.RECIPIENTS_ITEM_PT, before=0)
    elif style == "minutes":
        _para(left, "THƯ KÝ", **sig)
        _para(left, "{{ secretary_name }}", style="b", before=L.SIGNATURE_SPACE_PT)
    else:
        _para(left, "", before=0)
    if style == "creator":
        _para(right, "{{ date_line }}", style="i", before=0)
        _para(right, "NGƯỜI LẬP HỒ SƠ", **sig)
        _para(right, "{{ creator_name }}", style="b", before=L.SIGNATURE_SPACE_PT)
    elif style == "minutes":
        _para(right, "{{ chair_title }}", **sig)
        _para(right, "{{ chair_name }}", style="b", before=L.SIGNATURE_SPACE_PT)
    else:
        _tag(right, "if signer_authority")
        _para(right, "{{ signer_authority }}", **sig)
        _tag(right, "endif")
        _para(right, "{{ signer_title }}", **sig)
        _para(right, "{{ signer_name }}", style="b", before=L.SIGNATURE_SPACE_PT)


def frame_cover(doc):
    t = _table(doc, [L.TEXT_WIDTH_MM], grid=True)
    row = t.add_row()
    row.height = Mm(220)
    box = Box(row.cells[0])
    _para(box, "{{ agency }}", before=24)
    _para(box, "{{ unit_name }}", style="b")
    _para(box, "Mã hồ sơ: {{ dossier_code }}")
    _para(box, "HỒ SƠ", style="b", size=28, before=110)
    _para(box, "{{ title }}", style="b")
    _para(box, "Từ ngày {{ start_date }} đến ngày {{ end_date }}")
    _para(box, "Gồm {{ sheets }} tờ")
    _para(box, "Thời hạn bảo quản: {{ retention }}")


FRAME_DOCX = {
    "header": frame_header,
    "title": frame_title,
    "grounds": frame_grounds,
    "addressees": frame_addressees,
    "signature": frame_signature,
    "cover": frame_cover,
}


# ---------------------------------------------------------------- body emitters
def docx_blocks(doc, blocks, box=None):
    box = box or Box(doc)
    for b in blocks:
        if isinstance(b, P):
            _para(box, b.text, align=b.align, style=b.style, indent=b.indent and b.align == "j")
        elif isinstance(b, (H1, H2)):
            _para(box, b.text, align="j", style="b", indent=True)
        elif isinstance(b, (Loop, If)):
            _tag(box, "for %s in %s" % (b.var, b.seq) if isinstance(b, Loop) else "if " + b.cond)
            docx_blocks(doc, b.blocks, box)
            _tag(box, "endfor" if isinstance(b, Loop) else "endif")
        elif isinstance(b, Table):
            _docx_table(doc, b)
        elif isinstance(b, Picture):  # render.pictures turns {{ x.image }} into an inline PNG
            _para(box, "{{ %s.image }}" % b.expr, align="c", before=6)
        elif isinstance(b, Frame):
            FRAME_DOCX[b.part](doc, **b.opts)


def _docx_table(doc, b):
    total = sum(c.width for c in b.cols)
    widths = [L.TEXT_WIDTH_MM * c.width / total for c in b.cols]
    t = _table(doc, widths, grid=True)
    cell = dict(size=L.TABLE_PT, before=0)
    head = _row(t, widths)
    _repeat_header(t.rows[0])
    for c, col in zip(head, b.cols):
        _para(Box(c), col.header, style="b", **cell)
    _row(t, widths)[0].paragraphs[0].add_run("{%%tr for %s in %s %%}" % (b.var, b.seq))
    for c, col in zip(_row(t, widths), b.cols):
        _para(Box(c), col.cell, align="c" if col.centre else "l", **cell)
    _row(t, widths)[0].paragraphs[0].add_run("{%tr endfor %}")
    if b.total:
        for c, text, col in zip(_row(t, widths), b.total, b.cols):
            _para(Box(c), text, align="c" if col.centre else "l", style="b", **cell)


def _html_runs(text, style=""):
    out = []
    for s, chunk in runs(text, style):
        if "i" in s:
            chunk = "<i>%s</i>" % chunk
        if "b" in s:
            chunk = "<b>%s</b>" % chunk
        out.append(chunk)
    return "".join(out)


def html_blocks(blocks, out):
    for b in blocks:
        if isinstance(b, P):
            cls = {"j": "", "c": "c", "l": "l", "r": "r"}[b.align]
            if b.align == "j" and not b.indent:
                cls = "l"
            attr = ' class="%s"' % cls if cls else ""
            out.append("<p%s>%s</p>" % (attr, _html_runs(b.text, b.style)))
        elif isinstance(b, (H1, H2)):
            out.append('<p class="%s">%s</p>' % ("h1" if isinstance(b, H1) else "h2", b.text))
        elif isinstance(b, Loop):
            out.append("{%%- for %s in %s %%}" % (b.var, b.seq))
            html_blocks(b.blocks, out)
            out.append("{%- endfor %}")
        elif isinstance(b, If):
            out.append("{%%- if %s %%}" % b.cond)
            html_blocks(b.blocks, out)
            out.append("{%- endif %}")
        elif isinstance(b, Table):
            _html_table(b, out)
        elif isinstance(b, Picture):
            out.append(
                '<p class="c"><img src="{{ %s.image }}" alt="{{ %s.title }}" style="width:{{ %s.width_mm }}mm"></p>'
                % (b.expr, b.expr, b.expr)
            )
        elif isinstance(b, Frame):
            args = ", ".join(repr(v) for v in b.opts.values())
            out.append("{{ f.%s_block(%s) }}" % (b.part, args))


def _html_table(b, out):
    total = sum(c.width for c in b.cols)
    # A fixed table's widths are final: to 1/100 % (0.02 mm), not rounded to 1/10 (0.2 mm).
    col = '<col style="width:%.2f%%">' if b.fixed else '<col style="width:%.1f%%">'
    out.append(
        '<table class="grid%s"><colgroup>%s</colgroup>'
        % (" fixed" if b.fixed else "", "".join(col % (100 * c.width / total) for c in b.cols))
    )
    out.append("<thead><tr>%s</tr></thead><tbody>" % "".join("<th>%s</th>" % c.header for c in b.cols))
    out.append("{%%- for %s in %s %%}" % (b.var, b.seq))
    out.append("<tr>%s</tr>" % "".join("<td%s>%s</td>" % (' class="n"' if c.centre else "", c.cell) for c in b.cols))
    out.append("{%- endfor %}")
    if b.total:
        out.append(
            "<tr>%s</tr>"
            % "".join('<td class="b%s">%s</td>' % (" n" if c.centre else "", t) for c, t in zip(b.cols, b.total))
        )
    out.append("</tbody></table>")


def html_template(kind, blocks):
    out = [
        '{% extends "_frame/page.html" %}',
        '{% import "_frame/frame.html" as f with context %}',
        "{# Generated by inspection/documents/build_templates.py from bodies.py. #}",
        "{% block title %}" + kind + "{% endblock %}",
        "{% block document %}",
    ]
    html_blocks(blocks, out)
    out.append("{% endblock %}")
    return "\n".join(out) + "\n"


def build(target=L.TEMPLATES_DIR, kinds=None):
    """Write frame.css and each kind's template.html and template.docx under target."""
    target = Path(target)
    (target / "_frame").mkdir(parents=True, exist_ok=True)
    (target / "_frame" / "frame.css").write_text(L.css(), encoding="utf-8")
    for kind, blocks in BODIES.items():
        if kinds and kind not in kinds:
            continue
        folder = target / kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "template.html").write_text(html_template(kind, blocks), encoding="utf-8")
        doc = new_document(kind)
        docx_blocks(doc, blocks)
        doc.save(str(folder / "template.docx"))
    return target


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else L.TEMPLATES_DIR))
