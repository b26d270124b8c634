"""Files people upload or the system renders: checked by content, stored by content hash.

A file is never stored at a path built from user input: its bytes go to
ARCHIVE_DIR/files/<aa>/<bb>/<sha256>, written to a temporary name and renamed, so a
crash never leaves half a file and an existing file is never overwritten. The name the
user gave is kept only as display metadata.
"""

import hashlib
import io
import logging
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from flask import current_app
from peewee import BigIntegerField, CharField, DateTimeField, ForeignKeyField

from inspection import clock
from inspection.accounts.models import User
from inspection.db import BaseModel
from inspection.errors import ValidationFailed

log = logging.getLogger(__name__)
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "jpg": "Ảnh JPG",
    "png": "Ảnh PNG",
    "zip": "Tệp nén ZIP",
}
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
    "zip": "application/zip",
}
# What people may upload where a caller names no kinds: documents and scans, never a ZIP.
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
_CHUNK = 1024 * 1024


class StoredFile(BaseModel):
    sha256 = CharField(max_length=64, index=True)
    size = BigIntegerField()
    kind = CharField(max_length=10)
    original_name = CharField(max_length=255, default="")
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=clock.now)

    class Meta:
        table_name = "stored_file"

    @property
    def mime(self):
        return MIME.get(self.kind, "application/octet-stream")

    @property
    def path(self) -> Path:
        return blob_path(self.sha256)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    @property
    def download_name(self):
        stem = Path(self.original_name).stem or self.sha256[:12]
        return f"{stem}.{self.kind}"


def storage_root() -> Path:
    return Path(current_app.config["ARCHIVE_DIR"]) / "files"


def blob_path(sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a sha256 digest")
    return storage_root() / sha256[:2] / sha256[2:4] / sha256


def safe_display_name(name: str) -> str:
    """Keep a user's file name as harmless text: no directories, no control characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:200] or "tep-tin"


def sniff(head: bytes, path: Path | None = None) -> str | None:
    """The file's real type from its first bytes (and, for Office files, its zip contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04") and path is not None:
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"  # any other ZIP (the dossier's packages): accepted only where asked for
    return None


def _check_pdf(path: Path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ValidationFailed("Tệp PDF đã được đặt mật khẩu (mã hóa); hãy tải lên bản không mã hóa.")
        if len(reader.pages) < 1:
            raise ValidationFailed("Tệp PDF không có trang nào.")
    except ValidationFailed:
        raise
    except (PdfReadError, Exception) as exc:  # noqa: BLE001 - any parser failure means a broken file
        raise ValidationFailed("Tệp PDF bị hỏng, không đọc được.") from exc


# --- Office files (DOCX/XLSX are zip packages) ------------------------------------------
# One check for every Office file that enters the app (uploads, templates, the Excel import):
# LibreOffice and python-docx inflate the whole package, so a 1.5 MB file that inflates to
# 400 MB made each dossier assembly run LibreOffice for two minutes at 9 GB.
OFFICE_MAX_UNCOMPRESSED = 256 * MB  # the Excel import's limit, now one for all Office files
OFFICE_MAX_RATIO = 200  # a member above 1 MB that inflates more than this is a zip bomb
OFFICE_MAX_MEMBERS = 2000
OFFICE_MAX_NESTING = 1  # a chart's workbook inside a Word file, not a zip inside that
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# External relationships that only name something (a clickable link, the template Word was
# started from) are kept; every other kind (linked image, OLE link, external workbook,
# frame, sub-document...) makes the converter read that target, so the file is refused.
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
HARMLESS_EXTERNAL = (HYPERLINK, ATTACHED_TEMPLATE)
_URL_LIKE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|[\\/]{2})")
# Word fields that pull in another file when they are updated.
_LINK_FIELD = re.compile(
    rb"(?:instrText[^>]*>|w:instr=\")\s*(INCLUDETEXT|INCLUDEPICTURE|LINK|DDE|DDEAUTO|IMPORT)\b", re.I
)
_BOMB = "Tệp {label} bung ra quá lớn (nghi là tệp nén độc hại){why}; hãy lưu lại tệp bằng Word/Excel rồi tải lên lại."


def external_relationships(rels_xml: bytes):
    """(type, target) of each relationship in a .rels part that points outside the package."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(rels_xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ValidationFailed("Tệp Office bị hỏng (phần liên kết nội bộ không đọc được).", field="file") from exc
    found = []
    for rel in root.iter("{*}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode", "").lower() == "external" or _URL_LIKE.match(target):
            found.append((rel.get("Type") or "", target))
    return found


def _refuse_links(name, data, label):
    if name.endswith(".rels"):
        bad = [t for kind, t in external_relationships(data) if kind not in HARMLESS_EXTERNAL]
        if bad:
            raise ValidationFailed(
                f"Tệp {label} có nội dung liên kết tới tệp bên ngoài ({bad[0][:120]}); máy chủ không đọc "
                "tệp bên ngoài. Hãy nhúng hẳn ảnh/đối tượng vào tài liệu (hoặc bỏ liên kết) rồi tải lên lại.",
                field="file",
            )
    elif name.endswith(".xml") and (m := _LINK_FIELD.search(data)):
        raise ValidationFailed(
            f"Tệp {label} có trường {m.group(1).decode()} lấy nội dung từ tệp bên ngoài; máy chủ không đọc "
            "tệp bên ngoài. Hãy bỏ trường đó (chép hẳn nội dung vào) rồi tải lên lại.",
            field="file",
        )


def check_office_package(source, label="Word/Excel", max_uncompressed=OFFICE_MAX_UNCOMPRESSED, links=True, _depth=0):
    """Refuse a zip-based Office file that would inflate too far or make a converter read outside it (R-21).

    `source` is a path or a binary file object. Declared sizes are checked first, then every
    member is actually inflated (capped by its declared size, CRC-checked by zipfile), so a
    package that lies about its sizes is refused too. With `links` (files a converter will
    open) external links are refused as well. Raises ValidationFailed (Vietnamese).
    """
    try:
        with zipfile.ZipFile(source) as z:
            infos = z.infolist()
            budget = max_uncompressed - _check_sizes(infos, label, max_uncompressed)
            for info in infos:
                data = _inflate(z, info, label)
                if data[:4] == b"PK\x03\x04":
                    if _depth >= OFFICE_MAX_NESTING:
                        raise ValidationFailed(_BOMB.format(label=label, why=" (tệp nén lồng nhiều lớp)"), field="file")
                    check_office_package(io.BytesIO(data), label, budget, links, _depth + 1)
                if links:
                    _refuse_links(info.filename.lower(), data, label)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise ValidationFailed(f"Tệp {label} bị hỏng, không đọc được.", field="file") from exc


def _check_sizes(infos, label, max_uncompressed):
    total = sum(i.file_size for i in infos)
    if len(infos) > OFFICE_MAX_MEMBERS:
        raise ValidationFailed(_BOMB.format(label=label, why=f" ({len(infos)} thành phần)"), field="file")
    if total > max_uncompressed:
        raise ValidationFailed(_BOMB.format(label=label, why=f" ({total // MB} MB khi bung ra)"), field="file")
    if any(i.file_size > MB and i.file_size > OFFICE_MAX_RATIO * max(i.compress_size, 1) for i in infos):
        raise ValidationFailed(_BOMB.format(label=label, why=" (tỉ lệ nén bất thường)"), field="file")
    return total


def _inflate(z, info, label):
    """The member's bytes; zipfile stops at the declared size and checks the CRC."""
    if info.file_size > 64 * MB:  # XML parts that big are never real; images are not read
        with z.open(info) as fh:
            while fh.read(_CHUNK):
                pass
        return b""
    return z.read(info)


def _check_office_logged(path, kind, user):
    """check_office_package, with each refusal logged (no file name: it may name a secret paper)."""
    try:
        check_office_package(path, KIND_LABELS[kind])
    except ValidationFailed as exc:
        log.warning("refused %s upload by user %s: %s", kind, getattr(user, "id", None), exc.message)
        raise


def _allowed_text(allowed):
    return ", ".join(KIND_LABELS[k] for k in sorted(allowed))


def store_stream(stream, filename, user=None, allowed=("pdf",), max_bytes=DEFAULT_MAX_BYTES) -> StoredFile:
    """Check and store a stream: the one way a file enters the store (uploads, rendered
    documents, the ZIPs the dossier builds). Raises ValidationFailed in Vietnamese."""
    root = storage_root()
    root.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=root, prefix=".upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise ValidationFailed(f"Tệp quá lớn: giới hạn {max_bytes // MB} MB.", field="file")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise ValidationFailed("Tệp rỗng.", field="file")
        with tmp.open("rb") as fh:
            kind = sniff(fh.read(16), tmp)
        if kind is None or kind not in allowed:
            raise ValidationFailed(
                f"Nội dung tệp không phải loại được chấp nhận ({_allowed_text(allowed)}), dù tên tệp là gì.",
                field="file",
            )
        if kind == "pdf":
            _check_pdf(tmp)
        elif kind in ("docx", "xlsx"):
            _check_office_logged(tmp, kind, user)
        return _commit(tmp, digest.hexdigest(), size, kind, filename, user)
    finally:
        if tmp.exists():
            tmp.unlink()


def store_bytes(data: bytes, filename, user=None, allowed=DOCUMENT_KINDS, max_bytes=200 * MB) -> StoredFile:
    """Store bytes the system produced (rendered documents) or received, with the same checks."""
    return store_stream(io.BytesIO(data), filename, user=user, allowed=allowed, max_bytes=max_bytes)


def _commit(tmp: Path, sha256: str, size: int, kind: str, filename, user) -> StoredFile:
    final = blob_path(sha256)
    final.parent.mkdir(parents=True, exist_ok=True)
    if not final.exists():
        os.replace(tmp, final)
    return StoredFile.create(
        sha256=sha256,
        size=size,
        kind=kind,
        original_name=safe_display_name(filename),
        uploaded_by=user.id if user is not None and getattr(user, "id", None) else None,
    )
