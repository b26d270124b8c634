"""Issue 10 (R-21): LibreOffice reads nothing outside the file it converts and runs under limits."""

import io

import pytest
from pypdf import PdfReader

from inspection.documents import office

from . import hostile_files as hostile


def _images(pdf):
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_R_21_a_linked_image_that_slipped_through_is_not_read_by_libreoffice(tmp_path):
    """Second wall: external relationships are removed before conversion."""
    secret = tmp_path / "archive" / "files" / "ab" / "cd" / "secret-scan"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(hostile.secret_png())
    data = hostile.with_linked_image(hostile.plain_docx("Trang có ảnh liên kết"), secret.as_uri())
    pdf = office.convert_to_pdf(data, "docx")
    assert "Trang có ảnh liên kết" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert _images(pdf) == 0


def test_R_21_libreoffice_profile_blocks_linked_content_it_cannot_strip(tmp_path):
    """An OpenDocument file links its picture in content.xml (no .rels): the profile blocks it."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(hostile.secret_png())
    pdf = office.convert_to_pdf(hostile.odt_with_linked_image(secret.as_uri()), "odt")
    assert "Linked picture" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert _images(pdf) == 0


def test_R_21_libreoffice_runs_under_a_memory_limit(monkeypatch):
    """With 64 MB LibreOffice cannot even start: the limit is applied, and the failure is clear."""
    monkeypatch.setenv("SOFFICE_MAX_MEMORY_MB", "64")
    with pytest.raises(office.OfficeError, match="LibreOffice không chuyển được"):
        office.convert_to_pdf(hostile.plain_docx(), "docx")
