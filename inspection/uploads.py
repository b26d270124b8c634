"""Files people upload or the system renders: checked by content, stored by content hash.

A file is never stored at a path built from user input: its bytes go to
ARCHIVE_DIR/files/<aa>/<bb>/<sha256>, written to a temporary name and renamed, so a
crash never leaves half a file and an existing file is never overwritten. The name the
user gave is kept only as display metadata.
"""

import hashlib
import io
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
