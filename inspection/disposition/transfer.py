"""Every write of a transfer to the historical archive (nộp lưu, LT-17): select, list, hand over.

The batch is reversible (cancelled) until the handover is recorded; the documents and the
export package are rendered outside any transaction and recorded in a short one.
"""

import datetime
import os
import tempfile

from flask import current_app

from inspection import audit, clock, settings
from inspection.db import db
from inspection.disposition import export
from inspection.disposition import rules as ar
from inspection.disposition.models import T_CANCELLED, T_DRAFT, T_HANDED, T_LISTED, Transfer, TransferItem
from inspection.documents import render_docx, render_pdf
from inspection.documents.rules import date_line
from inspection.dossier import operations as dossier_ops
from inspection.dossier.models import TRANSFERRED, Dossier
from inspection.errors import Conflict, ValidationFailed
from inspection.text import nfc, parse_id

TRANSFER_AUDIT = ["archive_name", "planned_on", "state", "handed_over_on", "recipient", "cancel_reason", "export_file"]
DOSSIER_AUDIT = ["state", "transferred_at", "transferred_to", "destroyed_at"]


def other_batch(dossier_id, transfer_id=None):
    """Return the id of a live (not cancelled) batch that already holds the dossier, or None."""
    q = (
        TransferItem.select(TransferItem.transfer)
        .join(Transfer)
        .where((TransferItem.dossier == dossier_id) & (Transfer.state != T_CANCELLED))
    )
    if transfer_id:
        q = q.where(Transfer.id != transfer_id)
    row = q.first()
    return row.transfer_id if row else None


def _dossiers(ids):
    """The dossiers named by `ids` (form values), each checked against LT-17."""
    wanted = []
    for raw in ids or ():
        try:
            wanted.append(parse_id(raw))
        except ValueError:
            raise ValidationFailed("Danh sách hồ sơ không hợp lệ.", field="dossiers") from None
    rows = list(Dossier.select().where(Dossier.id.in_(wanted)).order_by(Dossier.year, Dossier.code)) if wanted else []
    if not rows or len(rows) != len(set(wanted)):
        raise ValidationFailed("Hãy chọn ít nhất một hồ sơ có trong kho lưu trữ để nộp lưu.", field="dossiers")
    for d in rows:
        refused = ar.transfer_refusal(d.code, d.state, d.retention, d.transferred_to, other_batch(d.id))
        if refused:
            raise ValidationFailed(refused, field="dossiers")
        if not d.package_name:
            raise ValidationFailed(
                f"Hồ sơ {d.code} chưa có gói lưu trữ điện tử (BagIt): chờ gói được lập rồi mới nộp lưu.",
                field="dossiers",
            )
    return rows


def create(user, archive_name, dossier_ids, planned_on=None, note=""):
    """Open a transfer batch of closed, permanent dossiers not yet transferred (LT-17)."""
    archive_name = nfc((archive_name or "").strip())
    if not archive_name:
        raise ValidationFailed("Hãy ghi tên Lưu trữ lịch sử nhận hồ sơ.", field="archive_name")
    with db.atomic():
        rows = _dossiers(dossier_ids)
        t = Transfer.create(
            archive_name=archive_name[:255], planned_on=planned_on, note=nfc(note or ""), created_by=user
        )
        for pos, d in enumerate(rows):
            TransferItem.create(transfer=t, dossier=d, position=pos)
        audit.record(
            user, "create", t, None, {**audit.snapshot(t, only=TRANSFER_AUDIT), "dossiers": [d.code for d in rows]}
        )
    return t


def items(transfer):
    """The dossiers of a batch, in the order of the list."""
    return list(
        Dossier.select()
        .join(TransferItem, on=(TransferItem.dossier == Dossier.id))
        .where(TransferItem.transfer == transfer)
        .order_by(TransferItem.position, Dossier.id)
    )


def _fresh(transfer, *states):
    t = Transfer.get_by_id(transfer.id)
    if t.state not in states:
        raise Conflict(f'Đợt nộp lưu đang ở bước "{t.state_label}": không thực hiện được thao tác này.')
    return t


def cancel(transfer, user, reason):
    """Cancel a batch before its handover; its dossiers become free again."""
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationFailed("Hãy ghi lý do hủy bỏ đợt nộp lưu.", field="reason")
    with db.atomic():
        t = _fresh(transfer, T_DRAFT, T_LISTED)
        before = audit.snapshot(t, only=TRANSFER_AUDIT)
        t.state, t.cancelled_by, t.cancelled_at, t.cancel_reason = T_CANCELLED, user, clock.now(), reason[:2000]
        t.save()
        audit.record(user, "update", t, before, audit.snapshot(t, only=TRANSFER_AUDIT))
    return t


def _row(d):
    ended = ar.end_year(d.year, d.end_on)
    return {
        "box": d.location_box or "",
        "code": d.code,
        "title": d.title,
        "dates": ar.years_text(d.start_on.year if d.start_on else d.year, ended),
        "sheets": str(getattr(d, "sheets", None) or d.page_count or ""),
        "retention": d.retention,
        "note": "",  # the form's remarks column, left for the archivist's hand
    }


def contexts(transfer, dossiers, user, on):
    """The contexts of the transfer list and the handover record (plain values only)."""
    org = settings.get_many("org.")
    rows = [_row(d) for d in dossiers]
    sheets = sum(int(r["sheets"] or 0) for r in rows)
    years = sorted({d.year for d in dossiers})
    head = {"parent_agency": org["org.parent_agency"], "agency": org["org.agency_name"]}
    common = {"archive_name": transfer.archive_name, "count": f"{len(rows):02d}", "sheets_total": str(sheets)}
    giver = getattr(user, "full_name", "") or ""
    listing = {**head, **common, "fonds": org["org.agency_name"], "entries": rows, "creator_name": giver}
    listing["date_line"] = date_line(org["org.place_name"], on)
    handover = {
        **head,
        **common,
        "date_line": "Hôm nay, " + date_line("", on).lstrip(", ") + f", tại {transfer.archive_name}",
        "giver_title": f"BÊN GIAO ({org['org.agency_name']})",
        "giver_name": giver,
        "receiver_title": f"BÊN NHẬN ({transfer.archive_name})",
        "receiver_name": transfer.recipient or "…",
        "fonds": org["org.agency_name"],
        "dates": f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0]),
        "condition": "tài liệu điện tử, gói BagIt toàn vẹn (kiểm tra mã SHA-256 và SHA-512)",
        "package_name": f"nop-luu-{transfer.id:03d}.zip",
        "sides": [{"title": "ĐẠI DIỆN BÊN GIAO", "name": giver}, {"title": "ĐẠI DIỆN BÊN NHẬN", "name": ""}],
    }
    return listing, handover


def render_documents(transfer, dossiers, user, on):
    """Render the list and the handover record to DOCX and PDF (outside any transaction)."""
    listing, handover = contexts(transfer, dossiers, user, on)
    return {
        "muc-luc-ho-so-nop-luu.docx": render_docx("transfer_list", listing),
        "muc-luc-ho-so-nop-luu.pdf": render_pdf("transfer_list", listing),
        "bien-ban-giao-nhan.docx": render_docx("handover_record", handover),
        "bien-ban-giao-nhan.pdf": render_pdf("handover_record", handover),
    }


def issue(transfer, user, on=None):
    """Issue the transfer list and handover record and build the export package (LT-17)."""
    t = _fresh(transfer, T_DRAFT)
    dossiers = items(t)
    for d in dossiers:  # a dossier transferred or destroyed meanwhile stops the batch
        refused = ar.transfer_refusal(d.code, d.state, d.retention, d.transferred_to, other_batch(d.id, t.id))
        if refused:
            raise ValidationFailed(refused)
    docs = render_documents(t, dossiers, user, on or clock.today())
    stored = _store(t, dossiers, docs, user)
    with db.atomic():
        t = _fresh(t, T_DRAFT)
        before = audit.snapshot(t, only=TRANSFER_AUDIT)
        for key, value in stored.items():
            setattr(t, key, value)
        t.state = T_LISTED
        t.save()
        audit.record(user, "update", t, before, audit.snapshot(t, only=TRANSFER_AUDIT))
    return t


def _store(transfer, dossiers, docs, user):
    from inspection import uploads

    files = {
        "list_docx": uploads.store_bytes(docs["muc-luc-ho-so-nop-luu.docx"], "muc-luc-ho-so-nop-luu.docx", user),
        "list_pdf": uploads.store_bytes(docs["muc-luc-ho-so-nop-luu.pdf"], "muc-luc-ho-so-nop-luu.pdf", user),
        "handover_docx": uploads.store_bytes(docs["bien-ban-giao-nhan.docx"], "bien-ban-giao-nhan.docx", user),
        "handover_pdf": uploads.store_bytes(docs["bien-ban-giao-nhan.pdf"], "bien-ban-giao-nhan.pdf", user),
    }
    folder = os.path.join(current_app.config["ARCHIVE_DIR"], "transfers")
    os.makedirs(folder, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".export-") as tmp:
        path = export.write_zip(os.path.join(tmp, "export.zip"), dossiers, docs)
        with open(path, "rb") as fh:
            files["export_file"] = dossier_ops.store_package_zip(fh, f"nop-luu-{transfer.id:03d}.zip", user)
    return files


def record_handover(transfer, user, signed_on, recipient):
    """Record the signed handover: the dossiers are transferred (final; read-only, still findable)."""
    recipient = nfc((recipient or "").strip())
    if not recipient:
        raise ValidationFailed("Hãy ghi họ tên người đại diện Lưu trữ lịch sử ký nhận.", field="recipient")
    if not isinstance(signed_on, datetime.date) or signed_on > clock.today():
        raise ValidationFailed("Ngày ký biên bản giao nhận không hợp lệ (không sau hôm nay).", field="signed_on")
    with db.atomic():
        t = _fresh(transfer, T_LISTED)
        before = audit.snapshot(t, only=TRANSFER_AUDIT)
        t.state, t.handed_over_on, t.recipient = T_HANDED, signed_on, recipient[:255]
        t.save()
        audit.record(user, "update", t, before, audit.snapshot(t, only=TRANSFER_AUDIT))
        for d in items(t):
            refused = ar.transfer_refusal(d.code, d.state, d.retention, d.transferred_to)
            if refused:
                raise ValidationFailed(refused)  # rolls the whole handover back
            was = audit.snapshot(d, only=DOSSIER_AUDIT)
            d.state, d.transferred_at, d.transferred_to = TRANSFERRED, clock.now(), t.archive_name
            d.save()
            audit.record(user, "update", d, was, audit.snapshot(d, only=DOSSIER_AUDIT))
    return t
