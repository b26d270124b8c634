"""Hostile values and templates: they render correctly or fail clearly, never escape the sandbox."""

import datetime
import io

import pytest
from docx import Document
from pypdf import PdfReader

from inspection.documents import DocumentTemplateError, kinds, render_docx, render_pdf, rules
from inspection.documents.render import docx_bytes, html_string, url_fetcher
from tests.readback import docx_lines, flat, pdf_body_text


def test_decree30_date_line_leading_zeros():
    assert rules.date_line("Quảng Ngãi", datetime.date(2026, 1, 5)) == "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
    assert rules.date_line("Quảng Ngãi", datetime.date(2026, 6, 15)) == "Quảng Ngãi, ngày 15 tháng 6 năm 2026"
    assert rules.date_line("Quảng Ngãi", datetime.date(2026, 2, 28)) == "Quảng Ngãi, ngày 28 tháng 02 năm 2026"
    assert rules.date_line("Quảng Ngãi", datetime.date(2026, 12, 1)) == "Quảng Ngãi, ngày 01 tháng 12 năm 2026"
    assert "năm 2027" in rules.date_line("Quảng Ngãi", None, 2027)


def test_number_and_symbol_rules():
    assert rules.number_text(5) == "05" and rules.number_text(12) == "12"
    assert rules.symbol("QĐ", "SNN") == "QĐ-SNN"
    assert rules.symbol(None, "SNN", "VP") == "SNN-VP"  # công văn: agency + drafting unit
    assert rules.sequence_key(2026, "QĐ", False, "shared") == rules.sequence_key(2026, "KH", False, "shared")
    assert rules.sequence_key(2026, "QĐ", False, "per_type") != rules.sequence_key(2026, "KH", False, "per_type")
    assert rules.sequence_key(2026, "QĐ", True, "shared") != rules.sequence_key(2026, "QĐ", False, "shared")
    assert rules.sequence_key(2027, None, False, "shared") != rules.sequence_key(2026, None, False, "shared")
    assert rules.next_number(4, None) == 5 and rules.next_number(0, 9) == 10
    with pytest.raises(ValueError):
        rules.sequence_key(2026, "QĐ", False, "random")


def _hostile_context():
    ctx = kinds.get("periodic_report").sample
    ctx["abstract"] = 'Báo cáo <b>in đậm</b> & "trích" ' + "x" * 5000
    ctx["introduction"] = ["Mở đầu \x00\x01\x07\x1b ký tự điều khiển <script>alert(1)</script> {{ ''.__class__ }}"]
    ctx["summary"] = ["{% for x in range(10) %}lặp{% endfor %} <w:p> ]]> &amp;"]
    ctx["stats"] = [dict(ctx["stats"][0], unit=f"Đơn vị {i} <&>") for i in range(500)]
    ctx["signer_name"] = "Nguyễn Văn A\x0b"
    return ctx


def test_hostile_values_render_verbatim_in_docx():
    data = render_docx("periodic_report", _hostile_context())
    text = flat(" ".join(docx_lines(data)))
    assert '<b>in đậm</b> & "trích"' in text
    assert "{{ ''.__class__ }}" in text and "{% for x in range(10) %}lặp{% endfor %}" in text
    assert "<script>alert(1)</script>" in text and "<w:p> ]]> &amp;" in text
    assert "Mở đầu ký tự điều khiển" in text and "\x00" not in text
    assert "<class 'str'>" not in text
    doc = Document(io.BytesIO(data))
    assert len(doc.tables[1].rows) >= 500


def test_hostile_values_render_verbatim_in_pdf():
    pdf = render_pdf("periodic_report", _hostile_context())
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 10
    text = flat(pdf_body_text(pdf))
    assert "{{ ''.__class__ }}" in text and "<script>alert(1)</script>" in text
    assert "<class 'str'>" not in text and "Đơn vị 499 <&>" in text


def test_nfc_normalisation():
    ctx = kinds.get("urging_letter").sample
    ctx["task_summary"] = "Nhie\u0302\u0323m vu\u0323 (NFD)"
    text = " ".join(docx_lines(render_docx("urging_letter", ctx)))
    assert "Nhiệm vụ (NFD)" in text


def _template_with(paragraph_text):
    doc = Document(str(kinds.get("urging_letter").docx_path))
    doc.add_paragraph(paragraph_text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ signer_name.__class__ }}",
        "{{ (signer_name|attr('__class__')) }}",
    ],
)
def test_sandbox_refuses_attribute_tricks_in_a_template(tag):
    with pytest.raises(DocumentTemplateError) as err:
        docx_bytes(_template_with(tag), kinds.get("urging_letter").sample, "urging_letter")
    assert "bị cấm" in err.value.message


def test_pdf_fetcher_refuses_files_outside_doc_templates():
    fetcher = url_fetcher()
    for url in (
        "file:///etc/passwd",
        "file:///work/main/doc_templates/../app.py",
        "http://example.com/x.css",
        "data:text/css,body{}",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch((kinds.get("urging_letter").folder / "kind.json").as_uri()).read()


def test_markup_in_values_cannot_load_resources():
    ctx = kinds.get("urging_letter").sample
    ctx["task_summary"] = '<img src="file:///etc/passwd"><link rel=stylesheet href="/etc/passwd">'
    html = html_string("urging_letter", ctx)
    assert "<img" not in html and "&lt;img" in html
    assert PdfReader(io.BytesIO(render_pdf("urging_letter", ctx))).pages
