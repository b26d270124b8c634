"""Issue 14: no doubled punctuation in generated documents.

A value typed with its own final mark ("Do mưa bão.") meets the template's own ("Lý do gia
hạn: {{ reason }}."): the Word file and the PDF read back say it once; ellipses and Decree 30's
closing "./." are kept.
"""

import pytest

from inspection.documents import kinds
from inspection.documents.render import docx_bytes, pdf_bytes, tidy_punctuation
from tests.readback import docx_text, flat, pdf_text


@pytest.mark.parametrize(
    "raw, tidy",
    [
        ("Do mưa bão..", "Do mưa bão."),
        ("hoàn thành đúng hạn.;", "hoàn thành đúng hạn;"),
        ("Văn phòng Sở../.", "Văn phòng Sở./."),
        ("còn chờ ý kiến...", "còn chờ ý kiến..."),
        ("chưa thực hiện;.", "chưa thực hiện."),
    ],
)
def test_issue_14_doubled_marks_become_one(raw, tidy):
    assert tidy_punctuation(raw) == tidy


def test_issue_14_the_extension_decision_reads_without_doubled_marks(app):
    kind = kinds.get("extension_decision")
    ctx = dict(kind.sample, reason="Do mưa bão kéo dài.")
    for text in (
        flat(docx_text(docx_bytes(kind.docx_path, ctx, kind.name))),
        flat(pdf_text(pdf_bytes(kind.name, ctx))),
    ):
        assert "Lý do gia hạn: Do mưa bão kéo dài." in text
        assert "kéo dài.." not in text


@pytest.mark.parametrize(
    "upper, normal",
    [
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Sở Nông nghiệp và Môi trường"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ GIAO THÔNG VẬN TẢI", "Sở Giao thông vận tải"),
    ],
)
def test_issue_14_the_table_of_contents_names_the_author_in_normal_case(upper, normal):
    from inspection.text import normal_case_name

    assert normal_case_name(upper) == normal


def test_issue_14_generated_documents_are_filed_with_the_agency_in_normal_case(app):
    from inspection.dossier.filing import system_documents
    from tests import factories

    chief = factories.user(roles=["chief_of_office"])
    case = factories.notified_case(chief, factories.unit(name="Chi cục Kiểm lâm", abbreviation="CCKL"))
    authors = {meta["author"] for source, _ref, _file, meta in system_documents(case) if source == "generated"}
    assert authors == {"Sở Nông nghiệp và Môi trường"}
