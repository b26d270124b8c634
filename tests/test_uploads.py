"""Uploads are checked by content, limited in size and stored by content hash."""

import io

import pytest

from inspection import uploads
from inspection.errors import ValidationFailed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_is_stored_by_content_hash_not_by_name(app):
    data = _pdf_bytes()
    stored = uploads.store_stream(io.BytesIO(data), "../../etc/passwd.pdf")
    assert stored.kind == "pdf" and stored.size == len(data)
    assert stored.path.read_bytes() == data
    assert stored.path.name == stored.sha256 and "passwd" not in str(stored.path)
    assert stored.original_name == "passwd.pdf"


def test_executable_renamed_pdf_is_refused(app):
    with pytest.raises(ValidationFailed, match="Nội dung tệp không phải"):
        uploads.store_stream(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "hoso.pdf")


def test_broken_and_encrypted_pdfs_are_refused(app):
    from pypdf import PdfReader, PdfWriter

    with pytest.raises(ValidationFailed, match="bị hỏng"):
        uploads.store_stream(io.BytesIO(b"%PDF-1.7\n garbage"), "a.pdf")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes())))
    writer.encrypt("matkhau")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationFailed, match="mã hóa"):
        uploads.store_stream(io.BytesIO(out.getvalue()), "b.pdf")


def test_oversize_upload_is_refused_and_leaves_nothing(app):
    with pytest.raises(ValidationFailed, match="quá lớn"):
        uploads.store_stream(io.BytesIO(PNG + b"\x00" * 2048), "scan.png", allowed=("png",), max_bytes=1024)
    assert not list(uploads.storage_root().rglob("*"))[1:]  # only the folder itself, no blob, no temp file


def test_allowed_types_are_enforced(app):
    with pytest.raises(ValidationFailed):
        uploads.store_stream(io.BytesIO(PNG), "scan.png", allowed=("pdf",))
    assert uploads.store_stream(io.BytesIO(PNG), "scan.png", allowed=("png",)).kind == "png"


def test_same_content_twice_shares_one_blob(app):
    first = uploads.store_bytes(PNG, "a.png")
    second = uploads.store_bytes(PNG, "b.png")
    assert first.path == second.path and first.id != second.id


def test_display_name_is_harmless():
    assert uploads.safe_display_name("..\\..\\x\x00y.pdf") == "xy.pdf"
    assert uploads.safe_display_name("") == "tep-tin"


def _zip_bytes():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", "{}")
        z.writestr("goc/01-quyet-dinh.pdf", _pdf_bytes())
    return out.getvalue()


def test_built_zip_goes_through_the_one_storing_function(app):
    """The dossier's ZIPs are stored like every other file: by content hash, never in a temp left behind."""
    from inspection.dossier.operations import store_package_zip

    data = _zip_bytes()
    stored = store_package_zip(io.BytesIO(data), "HS-01.zip")
    assert (stored.kind, stored.mime, stored.size) == ("zip", "application/zip", len(data))
    assert stored.read_bytes() == data and stored.path == uploads.blob_path(stored.sha256)
    assert not [p for p in uploads.storage_root().iterdir() if p.name.startswith(".")]
    with pytest.raises(ValidationFailed, match="không phải loại được chấp nhận"):
        uploads.store_stream(io.BytesIO(data), "hoso.pdf", allowed=uploads.DOCUMENT_KINDS)  # no ZIP as a document
