"""The register as a sheet an office prints (issue 3): openpyxl write-only, streamed.

Same layout as the Office's own sheet, so an export can be imported again: title,
"(Cập nhật đến ngày ...)", two-level header, sections "I. NHIỆM VỤ CÓ THỜI HẠN" /
"II. NHIỆM VỤ KHÔNG CÓ THỜI HẠN", borders, widths, frozen header, filter, statuses
in Vietnamese. Rows come from the register's own filtered query, never with secret
tasks (R-5.2): the query is narrowed to ordinary tasks here again whatever it holds.
Memory stays flat: rows are read in chunks and written straight to the file.
"""

from __future__ import annotations

import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

from inspection.accounts.models import Unit
from inspection.register.models import ISSUER_KINDS, DirectiveDocument, Task, TaskUnit
from inspection.register.queries import status_case
from inspection.register.rules import RECURRENCE_LABELS, Status
from inspection.text import clean_text, vn_date

GROUP = "Văn bản giao nhiệm vụ"
# (group, label, width)
COLUMNS = [
    ("", "STT", 6),
    (GROUP, "Số, ký hiệu", 17),
    (GROUP, "Ngày ban hành", 12),
    (GROUP, "Cơ quan ban hành", 18),
    (GROUP, "Trích yếu", 36),
    ("", "Ngày nhận", 12),
    ("", "Nội dung nhiệm vụ", 48),
    ("", "Đơn vị chủ trì", 24),
    ("", "Đơn vị phối hợp", 26),
    ("", "Phòng, chuyên viên theo dõi", 22),
    ("", "Thời hạn", 14),
    ("", "Tình hình thực hiện", 24),
    ("", "Ghi chú", 34),
]
WIDTH = len(COLUMNS)
LAST = get_column_letter(WIDTH)
HEADER_ROW = 7  # two rows: 7 and 8; data from 9
SECTIONS = ("I. NHIỆM VỤ CÓ THỜI HẠN", "II. NHIỆM VỤ KHÔNG CÓ THỜI HẠN")
CHUNK = 1000
_FIELDS = (
    Task.id,
    Task.summary,
    Task.deadline,
    Task.recurrence,
    Task.recurrence_day,
    Task.is_key,
    Task.lead_unit,
    Task.monitor_unit,
    Task.monitor_officer_name,
    Task.result_text,
    Task.result_doc_number,
    Task.result_doc_date,
    Task.completed_on,
    Task.returned_on,
    Task.return_reason,
    DirectiveDocument.number_symbol,
    DirectiveDocument.issued_on,
    DirectiveDocument.issuer_kind,
    DirectiveDocument.issuer_name,
    DirectiveDocument.abstract,
    DirectiveDocument.received_on,
)


def _styles(wb):
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    specs = {
        "xl_title": dict(font=Font(name="Times New Roman", size=13, bold=True), alignment=center),
        "xl_sub": dict(font=Font(name="Times New Roman", size=12, italic=True), alignment=center),
        "xl_agency": dict(font=Font(name="Times New Roman", size=12, bold=True)),
        "xl_head": dict(font=Font(name="Times New Roman", size=11, bold=True), alignment=center, border=box),
        "xl_section": dict(
            font=Font(name="Times New Roman", size=11, bold=True), border=box, alignment=Alignment(vertical="center")
        ),
        "xl_text": dict(font=Font(name="Times New Roman", size=11), alignment=wrap, border=box),
        "xl_center": dict(
            font=Font(name="Times New Roman", size=11),
            border=box,
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
        ),
        "xl_date": dict(
            font=Font(name="Times New Roman", size=11),
            border=box,
            number_format="DD/MM/YYYY",
            alignment=Alignment(horizontal="center", vertical="top"),
        ),
    }
    for name, kw in specs.items():
        wb.add_named_style(NamedStyle(name=name, **kw))


def _cell(ws, value, style):
    c = WriteOnlyCell(ws, value=value)
    # What `c.style = name` does (NamedStyleDescriptor), minus a lookup and a copy per cell:
    # 1.3 million cells for 100,000 rows. The array is only read when the row is written.
    c._style = _style_arrays(ws.parent)[style]
    return c


def _fill(cells, dates, values):
    row = []
    for i, value in enumerate(values):
        cell = dates[i] if isinstance(value, datetime.date) else cells[i]
        # Rows stored before input was cleaned may hold a control character openpyxl refuses.
        cell.value = clean_text(value) if value.__class__ is str else value
        row.append(cell)
    return row


def _cells_to_row(cells, row_idx):
    """Stand-in for WriteOnlyWorksheet._values_to_row (openpyxl 3.1) when every value is a cell.

    The original first tries `cell.value = <a Cell>`, which raises and is caught, then makes a
    new cell: two objects and an exception per cell. Same result here, cell by cell.
    """
    for col_idx, cell in enumerate(cells, 1):
        if cell.value is None and not cell.has_style:
            continue
        cell.column, cell.row = col_idx, row_idx
        yield cell


def _style_arrays(wb):
    arrays = getattr(wb, "_register_style_arrays", None)
    if arrays is None:
        arrays = wb._register_style_arrays = {s.name: s.as_tuple() for s in wb._named_styles}
    return arrays


_STYLE_OF = [
    "xl_center",
    "xl_text",
    "xl_date",
    "xl_text",
    "xl_text",
    "xl_date",
    "xl_text",
    "xl_text",
    "xl_text",
    "xl_text",
    "xl_center",
    "xl_text",
    "xl_text",
]


def write_register(path_or_stream, sections, *, today, agency=("", ""), title="", subtitle=""):
    """Write the register to a file (or binary stream); return the number of task rows.

    `sections`: two task queries (with deadline / without), as `section_queries()` builds.
    """
    wb = Workbook(write_only=True)
    _styles(wb)
    ws = wb.create_sheet("Sổ theo dõi nhiệm vụ")
    ws._values_to_row = _cells_to_row  # rows are lists of ready WriteOnlyCells: place them, no re-binding
    for i, (_g, _l, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 2}"  # header stays on screen
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"  # and on every printed page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    row = _write_title(ws, agency, title, subtitle, today)
    row = _write_header(ws, row)
    units = dict(Unit.select(Unit.id, Unit.name).tuples())
    # One cell per column, refilled row after row: a row is written out as soon as it is appended.
    cells = [_cell(ws, None, style) for style in _STYLE_OF]
    dates = [_cell(ws, None, "xl_date") for _ in _STYLE_OF]
    n = 0
    for label, query in zip(SECTIONS, sections):
        ws.append([_cell(ws, label, "xl_section")] + [_cell(ws, None, "xl_section")] * (WIDTH - 1))
        ws.merged_cells.add(f"A{row}:{LAST}{row}")
        row += 1
        for values in _rows(query, units, today):
            n += 1
            ws.append(_fill(cells, dates, [n, *values]))
            row += 1
    ws.auto_filter.ref = f"A{HEADER_ROW + 1}:{LAST}{max(row - 1, HEADER_ROW + 1)}"
    wb.save(path_or_stream)
    return n


def _write_title(ws, agency, title, subtitle, today):
    lines = [
        (agency[0], "xl_agency"),
        (agency[1], "xl_agency"),
        (None, None),
        (title or "BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "xl_title"),
        (f"(Cập nhật đến ngày {vn_date(today)})", "xl_sub"),
        (subtitle or None, "xl_sub"),
    ]
    for number, (value, style) in enumerate(lines, 1):
        ws.append([_cell(ws, value, style)] if style else [])
        if value and style in ("xl_title", "xl_sub"):
            ws.merged_cells.add(f"A{number}:{LAST}{number}")
    return len(lines) + 1


def _write_header(ws, row):
    top = [_cell(ws, g or label, "xl_head") for g, label, _w in COLUMNS]
    sub = [_cell(ws, label if g else None, "xl_head") for g, label, _w in COLUMNS]
    # The group label once over its columns, merged; the other columns merged over both rows.
    seen = set()
    for i, (g, _l, _w) in enumerate(COLUMNS):
        letter = get_column_letter(i + 1)
        if not g:
            ws.merged_cells.add(f"{letter}{row}:{letter}{row + 1}")
        elif g not in seen:
            seen.add(g)
            span = [j for j, c in enumerate(COLUMNS) if c[0] == g]
            ws.merged_cells.add(f"{get_column_letter(span[0] + 1)}{row}:{get_column_letter(span[-1] + 1)}{row}")
        else:
            top[i] = _cell(ws, None, "xl_head")
    ws.append(top)
    ws.append(sub)
    return row + 2


def section_queries(query):
    """Split a filtered task query into (with deadline, without or recurring), ordinary tasks only."""
    ordinary = query.where(Task.is_secret == False)  # noqa: E712 - R-5.2, whatever the caller passed
    dated = (Task.deadline.is_null(False)) & (Task.recurrence == "")
    return ordinary.where(dated), ordinary.where(~dated)


def _rows(query, units, today):
    """Yield the cell values of each task, reading the query in chunks (links per chunk)."""
    q = query.select(*_FIELDS, status_case(today).alias("status_code")).dicts()
    chunk = []
    for rec in q.iterator():
        chunk.append(rec)
        if len(chunk) >= CHUNK:
            yield from _emit(chunk, units)
            chunk = []
    if chunk:
        yield from _emit(chunk, units)


def _emit(chunk, units):
    links = {}
    q = (
        TaskUnit.select(TaskUnit.task, TaskUnit.unit, TaskUnit.role)
        .where(TaskUnit.task.in_([r["id"] for r in chunk]))
        .order_by(TaskUnit.id)
        .tuples()
    )
    for task_id, unit_id, role in q:
        links.setdefault(task_id, []).append((role, units.get(unit_id, "")))
    for r in chunk:
        yield _values(r, units, links.get(r["id"], []))


def _values(r, units, links):
    joint = [name for role, name in links if role == "joint"]
    cooperating = [name for role, name in links if role != "joint"]
    monitor = " - ".join(x for x in (units.get(r["monitor_unit"], ""), r["monitor_officer_name"]) if x)
    return [
        r["number_symbol"],
        r["issued_on"],
        r["issuer_name"] or ISSUER_KINDS.get(r["issuer_kind"], ""),
        r["abstract"],
        r["received_on"],
        r["summary"],
        "; ".join([units.get(r["lead_unit"], ""), *joint]),
        "; ".join(cooperating),
        monitor,
        _deadline_text(r),
        Status(r["status_code"]).label,
        _note(r),
    ]


def _deadline_text(r):
    if r["recurrence"]:
        base = RECURRENCE_LABELS[r["recurrence"]]
        return f"Trước ngày {r['recurrence_day']} {base.lower()}" if r["recurrence_day"] else base
    return r["deadline"] or "Không thời hạn"


def _note(r):
    """Results, the current period of a recurring task, the key flag, the reason of a return."""
    parts = []
    if r["result_doc_number"] and r["result_doc_number"] not in (r["result_text"] or ""):
        on = f" ngày {vn_date(r['result_doc_date'])}" if r["result_doc_date"] else ""
        parts.append(f"Văn bản số {r['result_doc_number']}{on}")
    if r["result_text"]:
        parts.append(r["result_text"])
    if r["completed_on"]:
        parts.append(f"Hoàn thành ngày {vn_date(r['completed_on'])}")
    if r["recurrence"] and r["deadline"]:
        parts.append(f"Hạn kỳ này: {vn_date(r['deadline'])}")
    if r["returned_on"]:
        parts.append(f"Trả lại ngày {vn_date(r['returned_on'])}: {r['return_reason']}")
    if r["is_key"]:
        parts.append("Nhiệm vụ trọng tâm")
    return "\n".join(parts) or None
