"""The outgoing register (sổ đăng ký văn bản đi): rows and Excel export, Decree 30 columns."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from inspection.text import clean_text

from . import kinds
from .models import ISSUED, ISSUING, OutgoingDocument

COLUMNS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ghi chú",
]
WIDTHS = [16, 12, 50, 24, 36, 18, 10, 20]


def entries(year, secret=False, kind=None):
    """Numbered documents of a year in number order; secret ones only when asked (R-5.2)."""
    q = (
        OutgoingDocument.select()
        .where(
            (OutgoingDocument.year == year)
            & (OutgoingDocument.secret == bool(secret))
            & OutgoingDocument.state.in_([ISSUING, ISSUED])
        )
        .order_by(OutgoingDocument.number, OutgoingDocument.id)
    )
    if kind:
        q = q.where(OutgoingDocument.kind == kind)
    return list(q)


def type_label(kind_name):
    """'Quyết định', 'Công văn', ... for the register's "Tên loại" column."""
    k = kinds.get(kind_name)
    if k.type_name:
        return k.type_name.capitalize()
    return "Công văn" if k.register else k.name_vi


def row(doc):
    """The register columns of one document, as plain values."""
    return [
        doc.number_text if doc.number else doc.symbol,
        doc.issued_on.strftime("%d/%m/%Y") if doc.issued_on else "",
        f"{type_label(doc.kind)}: {doc.abstract}",
        doc.signer_name,
        doc.recipients,
        doc.drafting_unit_abbr,
        doc.copies,
        doc.note,
    ]


def xlsx(docs, year, secret=False) -> bytes:
    """The register as an Excel workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = "So van ban di"
    title = f"SỔ ĐĂNG KÝ VĂN BẢN ĐI{' (MẬT)' if secret else ''} NĂM {year}"
    ws.append([title])
    ws.append(COLUMNS)
    for cell in ws[1] + ws[2]:
        cell.font = Font(bold=True)
    for doc in docs:
        ws.append([clean_text(value) for value in row(doc)])  # no control character reaches the XML
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # user text starting with "=" stays text
                cell.data_type = "s"
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = width
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
