"""The scorecards (R-25) and the report on the regulation (R-23) as Excel workbooks."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from inspection.text import clean_text

from . import scorecard
from .document import _append  # the one way a report's cell is written (control characters, formulas)


def _sheet(wb, name, heading):
    ws = wb.create_sheet(name)
    ws.append([clean_text(heading)])
    ws[1][0].font = Font(bold=True)
    return ws


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def scorecard_xlsx(rows, heading) -> bytes:
    """The scorecard as one sheet: a row per unit in the page's order, the method underneath."""
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, "Cham diem", heading)
    ws.append(["STT", *scorecard.COLUMNS.values()])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows, start=1):
        _append(ws, [i, *(row[key] for key in scorecard.COLUMNS)])
    ws.append([])
    for line in scorecard.method_lines():
        _append(ws, [line])
    return _save(wb)


def regulation_xlsx(sections, heading) -> bytes:
    """The report on the regulation as one sheet: each section's heading, then its lines."""
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, "Thuc hien quy che", heading)
    for title, lines in sections:
        ws.append([])
        _append(ws, [title])
        ws[ws.max_row][0].font = Font(bold=True)
        for label, value in lines:
            _append(ws, [label, value])
    return _save(wb)
