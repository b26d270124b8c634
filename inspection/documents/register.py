"""The outgoing register (sổ đăng ký văn bản đi): rows and Excel export, Decree 30 columns."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from inspection.text import clean_text

from . import kinds
from .models import ISSUED, ISSUING, OutgoingDocument, SignatureRound

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
# Issue 14: who submitted it for signature (trình ký), after the Decree 30 columns.
SUBMITTER = "Người trình"
HEADERS = [*COLUMNS, SUBMITTER]
CHUNK = 500  # ids per query: under SQLite's bound-parameter limit in a year's register


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
    return with_submitters(list(q))


def with_submitters(docs):
    """Set `submitter_name` on each document: who submitted its last signature round (issue 14),
    "" for one issued without trình ký; one query per CHUNK documents, not one per row."""
    from inspection.accounts.models import User

    names, ids = {}, [d.id for d in docs]
    for start in range(0, len(ids), CHUNK):
        rounds = (
            SignatureRound.select(SignatureRound.document, User.full_name)
            .join(User, on=(SignatureRound.submitted_by == User.id))
            .where(SignatureRound.document.in_(ids[start : start + CHUNK]))
            .order_by(SignatureRound.round_no)
            .tuples()
        )
        names.update(rounds)  # the last round wins
    for doc in docs:
        doc.submitter_name = names.get(doc.id, "")
    return docs


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
    ws.append(HEADERS)
    for cell in ws[1] + ws[2]:
        cell.font = Font(bold=True)
    for doc in with_submitters(list(docs)):
        values = [*row(doc), doc.submitter_name]
        ws.append([clean_text(value) for value in values])  # no control character reaches the XML
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # user text starting with "=" stays text
                cell.data_type = "s"
    for i, width in enumerate([*WIDTHS, 24], start=1):
        ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = width
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
