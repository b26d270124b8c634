"""Past paper dossiers into the archive (issue 17): checked data and scans, one operation.

A paper dossier becomes a Dossier without a case (digitised, closed), its scans become PDF
items, and the same BagIt package as a dossier closed in the app is written, marked
"Bản số hóa từ hồ sơ giấy". Scans are checked by content (PDF, JPEG, PNG, TIFF) and images
become PDF pages; the database work runs in one db.atomic() and a package written for a
transaction that then fails is removed again, so nothing is left half-done.
"""

import datetime
import io
import os
import re
import shutil
from dataclasses import dataclass

from flask import current_app

from inspection import audit, clock, uploads
from inspection.db import db
from inspection.dossier import archive, packaging, rules
from inspection.dossier.models import CLOSED, Dossier, DossierItem, RetentionLine
from inspection.errors import Conflict, ValidationFailed
from inspection.text import fold, nfc

SCAN_COMPONENT = 8  # R-17 "Tài liệu có liên quan khác": the scans of a past dossier
SCAN_KINDS = ("pdf", "jpg", "png", "tiff")
SCAN_RULE = "chỉ nhận bản quét PDF, JPEG, PNG hoặc TIFF, kiểm tra theo nội dung tệp"
MAX_SHEETS = 100000
DOSSIER_AUDIT = [
    "code",
    "title",
    "year",
    "retention",
    "retention_line",
    "state",
    "start_on",
    "end_on",
    "units_text",
    "digitised",
    "sheets",
    "location_shelf",
    "location_box",
    "package_name",
]


@dataclass
class Scan:
    """One checked scan, as PDF bytes ready to store (or a temporary file holding them)."""

    name: str
    pdf: bytes | None
    pages: int
    path: str | None = None

    def data(self):
        if self.pdf is not None:
            return self.pdf
        with open(self.path, "rb") as fh:
            return fh.read()


def scan_kind(head):
    """The scan's type from its first bytes (TIFF added to the uploads' sniffing)."""
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return uploads.sniff(head)


def _pdf_pages(data):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationFailed("bản quét PDF đã được đặt mật khẩu (mã hóa).")
        return len(reader.pages)
    except ValidationFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means a broken scan
        raise ValidationFailed("bản quét PDF bị hỏng, không đọc được.") from exc


def _image_to_pdf(data):
    import img2pdf
    from PIL import Image

    layout = img2pdf.get_layout_fun(
        (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)), fit=img2pdf.FitMode.into, auto_orient=True
    )
    try:
        return img2pdf.convert(data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    except Exception:  # noqa: BLE001 - alpha channel, odd TIFF compression: redraw with Pillow
        try:
            frames = []
            with Image.open(io.BytesIO(data)) as img:
                for i in range(getattr(img, "n_frames", 1)):
                    img.seek(i)
                    buf = io.BytesIO()
                    img.convert("RGB").save(buf, "JPEG", quality=85)
                    frames.append(buf.getvalue())
            return img2pdf.convert(frames, layout_fun=layout)
        except Exception as exc:  # noqa: BLE001
            raise ValidationFailed("ảnh quét bị hỏng, không đọc được.") from exc


def check_scan(data, name, max_bytes=None):
    """Return a Scan (PDF bytes and pages) or raise ValidationFailed naming the file and the rule."""
    label = uploads.safe_display_name(name)
    max_bytes = max_bytes or uploads.DEFAULT_MAX_BYTES
    if not data:
        raise ValidationFailed(f"Tệp {label}: tệp rỗng.", field="scans")
    if len(data) > max_bytes:
        raise ValidationFailed(f"Tệp {label}: quá lớn, giới hạn {max_bytes // uploads.MB} MB.", field="scans")
    kind = scan_kind(data[:16])
    if kind not in SCAN_KINDS:
        raise ValidationFailed(
            f"Tệp {label}: nội dung không phải bản quét PDF hoặc ảnh ({SCAN_RULE}; issue 17).", field="scans"
        )
    try:
        pdf = data if kind == "pdf" else _image_to_pdf(data)
        pages = _pdf_pages(pdf)
    except ValidationFailed as exc:
        raise ValidationFailed(f"Tệp {label}: {exc.message}", field="scans") from None
    if pages < 1:
        raise ValidationFailed(f"Tệp {label}: bản quét không có trang nào.", field="scans")
    return Scan(label, pdf, pages)


# ---- the dossier's data ------------------------------------------------------------------


def _date(value, field, label):
    if value in (None, ""):
        raise ValidationFailed(f"Hãy nhập {label}.", field=field)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValidationFailed(f"{label[0].upper()}{label[1:]} không hợp lệ (dd/mm/yyyy).", field=field)


def clean(data, today=None):
    """Check a paper dossier's data; return clean values or raise ValidationFailed (issue 17)."""
    today = today or clock.today()
    code = nfc(str(data.get("code") or "").strip())
    if not code:
        raise ValidationFailed("Hãy nhập mã hồ sơ.", field="code")
    if not re.fullmatch(rules.CODE_PATTERN, code):
        raise ValidationFailed(
            "Mã hồ sơ chỉ gồm chữ, số và các dấu . - / _ (tối đa 100 ký tự), ví dụ KT-2015-004.", field="code"
        )
    title = nfc(str(data.get("title") or "").strip())
    if not title:
        raise ValidationFailed("Hãy nhập tiêu đề hồ sơ.", field="title")
    start_on = _date(data.get("start_on"), "start_on", "ngày bắt đầu")
    end_on = _date(data.get("end_on"), "end_on", "ngày kết thúc")
    if end_on < start_on:
        raise ValidationFailed("Ngày kết thúc không được trước ngày bắt đầu.", field="end_on")
    if end_on > today:
        raise ValidationFailed("Hồ sơ giấy đã có: ngày kết thúc không được sau hôm nay.", field="end_on")
    sheets = data.get("sheets")
    try:
        sheets = int(sheets)
    except (TypeError, ValueError):
        sheets = 0
    if not (1 <= sheets <= MAX_SHEETS):
        raise ValidationFailed("Số tờ của hồ sơ giấy phải là số nguyên dương.", field="sheets")
    line = data.get("retention_line")
    if not isinstance(line, RetentionLine):
        line = RetentionLine.get_or_none(RetentionLine.code == str(line or "").strip())
    if line is None or not line.active:
        raise ValidationFailed(
            "Hãy chọn thời hạn bảo quản từ bảng thời hạn bảo quản đang áp dụng (không nhập số năm tự do).",
            field="retention_line",
        )
    return {
        "code": code,
        "title": title[:500],
        "start_on": start_on,
        "end_on": end_on,
        "units_text": nfc(str(data.get("units_text") or "").strip())[:2000],
        "sheets": sheets,
        "retention_line": line,
        "location_shelf": nfc(str(data.get("location_shelf") or "").strip())[:60],
        "location_box": nfc(str(data.get("location_box") or "").strip())[:60],
    }


def code_taken(code):
    return Dossier.select().where(Dossier.code == code).exists()


def refuse_taken(code):
    if code_taken(code):
        raise Conflict(f"Mã hồ sơ {code} đã có trong kho lưu trữ; mỗi hồ sơ một mã.", field="code")
    name = archive.package_name(code)
    root = archive.packages_root(current_app.config["ARCHIVE_DIR"])
    if Dossier.select().where(Dossier.package_name == name).exists() or os.path.exists(os.path.join(root, name)):
        raise Conflict(
            f"Mã hồ sơ {code} trùng tên gói lưu trữ của một hồ sơ đã có ({name}); hãy dùng mã khác.", field="code"
        )


# ---- the one operation -----------------------------------------------------------------


def register(user, values, scans):
    """Create the digitised dossier, its items and its package (one operation); return it."""
    if not scans:
        raise ValidationFailed("Hãy chọn ít nhất một tệp bản quét của hồ sơ giấy.", field="scans")
    written = []
    try:
        with db.atomic():
            written.append(register_in_transaction(user, values, scans))
    except BaseException:
        for path in written:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return Dossier.get(Dossier.code == values["code"])


def register_in_transaction(user, values, scans):
    """Create one dossier and write its package (the caller holds the transaction and removes
    the returned package folder if the transaction fails); return the package's path."""
    dossier = _create(user, values, scans)
    path, done = packaging.write_package(dossier)
    try:
        _record_package(user, dossier, os.path.basename(path), done.page_count)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path


def _create(user, values, scans):
    refuse_taken(values["code"])
    line = values["retention_line"]
    now = clock.now()
    dossier = Dossier.create(
        case=None,
        year=values["start_on"].year,
        retention=line.period_label,
        state=CLOSED,
        closed_at=now,
        closed_by=user,
        digitised=True,
        title_folded=fold(f"{values['code']} {values['title']} {values['units_text']}"),
        **values,
    )
    audit.record(user, "create", dossier, None, audit.snapshot(dossier, only=DOSSIER_AUDIT))
    for position, scan in enumerate(scans):
        stored = uploads.store_bytes(scan.data(), scan.name, user=user, allowed=("pdf",), max_bytes=2**40)
        item = DossierItem.create(
            dossier=dossier,
            component=SCAN_COMPONENT,
            position=position,
            source="upload",
            file=stored,
            sha256=stored.sha256,
            type_and_abstract=f"{packaging.DIGITISED_MARK}: {scan.name}",
            pages=scan.pages,
            added_by=user,
        )
        audit.record(user, "create", item, None, {"dossier": dossier.id, "file": stored.id, "pages": scan.pages})
    return dossier


def _record_package(user, dossier, package_name, page_count):
    before = audit.snapshot(dossier, only=DOSSIER_AUDIT)
    Dossier.update(archived_at=clock.now(), package_name=package_name, page_count=page_count).where(
        Dossier.id == dossier.id
    ).execute()
    after = audit.snapshot(Dossier.get_by_id(dossier.id), only=DOSSIER_AUDIT)
    audit.record(user, "update", dossier, before, after)


def package_path(dossier):
    """Where the dossier's package sits (or would), built from the stored name only."""
    return os.path.join(archive.packages_root(current_app.config["ARCHIVE_DIR"]), dossier.package_name or "")


def update_place(dossier, user, data):
    """Correct where the paper stands and the schedule line of a digitised dossier, audited
    (reversible: the history keeps the values before). The package's describing metadata
    (bag-info.txt: place, retention; manifest.json: retention) is rewritten to match, atomically
    and inside the transaction: a failed rewrite leaves the row and the package as they were;
    the package's payload never changes."""
    if not dossier.digitised or dossier.state != CLOSED:
        raise Conflict("Chỉ sửa được vị trí và thời hạn của hồ sơ giấy số hóa đang lưu tại kho.")
    line = RetentionLine.get_or_none(RetentionLine.code == str(data.get("retention_line") or "").strip())
    if line is None or not line.active:
        raise ValidationFailed(
            "Hãy chọn thời hạn bảo quản từ bảng thời hạn bảo quản đang áp dụng.", field="retention_line"
        )
    with db.atomic():
        before = audit.snapshot(dossier, only=DOSSIER_AUDIT)
        dossier.location_shelf = nfc(str(data.get("location_shelf") or "").strip())[:60]
        dossier.location_box = nfc(str(data.get("location_box") or "").strip())[:60]
        dossier.retention_line, dossier.retention = line, line.period_label
        dossier.save()
        audit.record(user, "update", dossier, before, audit.snapshot(dossier, only=DOSSIER_AUDIT))
        if dossier.package_name and os.path.isdir(package_path(dossier)):
            packaging.corrected_metadata(dossier, package_path(dossier))
    return dossier
