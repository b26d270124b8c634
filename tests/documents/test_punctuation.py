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
