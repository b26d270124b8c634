"""Every kind renders its sample to DOCX and PDF in the Decree 30 form, with the same words."""

import io
import json

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from inspection.documents import DocumentContextError, kinds, layout, render_docx, render_pdf
from inspection.documents.build_templates import build
from tests.readback import docx_lines, flat, pdf_body_text, words

FRAMED = [k for k in kinds.NAMES if kinds.get(k).register]
MM = 72 / 25.4


@pytest.fixture(scope="module")
def rendered():
    return {k.name: (render_docx(k.name, k.sample), render_pdf(k.name, k.sample)) for k in kinds.all_kinds()}


@pytest.mark.parametrize("name", kinds.NAMES)
def test_docx_page_font_margins(rendered, name):
    doc = Document(io.BytesIO(rendered[name][0]))
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.5) and abs(sec.page_height - Mm(297)) < Mm(0.5)
    assert 19.9 <= sec.top_margin.mm <= 25.1 and 19.9 <= sec.bottom_margin.mm <= 25.1
    assert 29.9 <= sec.left_margin.mm <= 35.1 and 14.9 <= sec.right_margin.mm <= 20.1
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt in (13, 14)
    # Page number: a PAGE field in the header, none on page 1.
    assert sec.different_first_page_header_footer
    assert "PAGE" in sec.header._element.xml


@pytest.mark.parametrize("name", kinds.NAMES)
def test_pdf_a4_embedded_liberation_serif_left_margin(rendered, name):
    reader = PdfReader(io.BytesIO(rendered[name][1]))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 210 * MM) < 1 and abs(float(box.height) - 297 * MM) < 1
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(f["/BaseFont"])] = "/FontFile2" in desc
    assert fonts and all("Liberation-Serif" in n for n in fonts), fonts
    assert all(fonts.values()), "every font is embedded"
    xs = []
    reader.pages[0].extract_text(
        visitor_text=lambda t, cm, tm, fd, fs: xs.append(tm[4] * cm[0] + cm[4]) if t.strip() else None
    )
    assert min(xs) >= 30 * MM - 1, "text starts inside the 30 mm left margin"


@pytest.mark.parametrize("name", FRAMED)
def test_header_number_date_signer(rendered, name):
    k = kinds.get(name)
    s = k.sample
    docx_text = flat(" ".join(docx_lines(rendered[name][0])))
    pdf_text = flat(pdf_body_text(rendered[name][1]))
    expected = [
        s["parent_agency"],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {s['number']}/{s['symbol']}",
    ]
    expected += [s["signer_title"], s["signer_name"]] if "signer_name" in s else [s["chair_name"], "THƯ KÝ"]
    if "date_line" in s:
        expected.append(s["date_line"])
    if k.type_name:
        expected.append(k.type_name)
    if k.is_letter:
        expected.append("V/v " + s["abstract"])
    for text in expected:
        assert text in docx_text, (name, text)
        assert text in pdf_text, (name, text)


@pytest.mark.parametrize("name", kinds.NAMES)
def test_docx_and_pdf_carry_the_same_words(rendered, name):
    docx, pdf = rendered[name]
    docx_words, pdf_words = words("\n".join(docx_lines(docx))), words(pdf_body_text(pdf))
    assert not docx_words - pdf_words
    # A table that runs onto the next page repeats its header row there, in the PDF only.
    headers = words(" ".join(c.text for t in Document(io.BytesIO(docx)).tables for c in t.rows[0].cells))
    assert set(pdf_words - docx_words) <= set(headers)


def test_page_numbers_from_page_two_centred_top():
    k = kinds.get("periodic_report")
    ctx = k.sample
    ctx["stats"] = ctx["stats"] * 60
    reader = PdfReader(io.BytesIO(render_pdf(k.name, ctx)))
    assert len(reader.pages) >= 3

    def in_top_margin(page):
        found = []
        page.extract_text(
            visitor_text=lambda t, cm, tm, fd, fs: (
                found.append((t.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])) if t.strip() else None
            )
        )
        return [(t, x) for t, x, y in found if y > (297 - layout.MARGIN_TOP_MM) * MM]

    assert in_top_margin(reader.pages[0]) == []
    centre = (layout.MARGIN_LEFT_MM + (210 - layout.MARGIN_RIGHT_MM)) / 2 * MM
    for n in (2, 3):
        [(text, x)] = in_top_margin(reader.pages[n - 1])
        assert text == str(n) and abs(x - centre) < 5 * MM


def test_kind_metadata_matches_templates_and_samples():
    from docxtpl import DocxTemplate

    from inspection.documents.render import environment

    for k in kinds.all_kinds():
        used = DocxTemplate(str(k.docx_path)).get_undeclared_template_variables(environment())
        assert set(k.fields) == used, k.name
        assert set(k.sample) == used, k.name
        assert all(k.fields.values()), f"{k.name}: every variable has a Vietnamese description"


def test_generated_templates_are_up_to_date(tmp_path):
    build(tmp_path)
    assert (tmp_path / "_frame" / "frame.css").read_text() == (layout.FRAME_DIR / "frame.css").read_text()
    for name in kinds.NAMES:
        assert (tmp_path / name / "template.html").read_text() == (
            layout.TEMPLATES_DIR / name / "template.html"
        ).read_text()
        new = Document(str(tmp_path / name / "template.docx")).element.xml
        assert new == Document(str(layout.TEMPLATES_DIR / name / "template.docx")).element.xml, name


def test_missing_field_is_a_vietnamese_error_naming_it():
    ctx = kinds.get("inspection_decision").sample
    del ctx["team"]
    for fn in (render_docx, render_pdf):
        with pytest.raises(DocumentContextError) as err:
            fn("inspection_decision", ctx)
        assert "Thiếu dữ liệu" in err.value.message and "team" in err.value.message


def test_missing_nested_field_is_an_error_not_a_blank():
    ctx = kinds.get("inspection_decision").sample
    del ctx["team"][0]["name"]
    with pytest.raises(DocumentContextError) as err:
        render_docx("inspection_decision", ctx)
    assert "name" in err.value.message


def test_wrong_shape_is_a_context_error():
    ctx = kinds.get("inspection_plan").sample
    ctx["schedule"] = 5
    with pytest.raises(DocumentContextError):
        render_pdf("inspection_plan", ctx)


def test_cli_kinds_and_render(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["doc", "kinds"])
    assert result.exit_code == 0
    for name in kinds.NAMES:
        assert name in result.output
    data = tmp_path / "ctx.json"
    data.write_text(json.dumps(kinds.get("urging_letter").sample, ensure_ascii=False), encoding="utf-8")
    for suffix in ("docx", "pdf"):
        out = tmp_path / f"f.{suffix}"
        result = runner.invoke(args=["doc", "render", "urging_letter", "--data", str(data), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 5000
    assert PdfReader(str(tmp_path / "f.pdf")).pages


def test_cli_render_bad_context_exits_non_zero(app, tmp_path):
    runner = app.test_cli_runner()
    ctx = kinds.get("urging_letter").sample
    del ctx["deadline"]
    data = tmp_path / "bad.json"
    data.write_text(json.dumps(ctx), encoding="utf-8")
    out = tmp_path / "x.docx"
    result = runner.invoke(args=["doc", "render", "urging_letter", "--data", str(data), "--out", str(out)])
    assert result.exit_code != 0 and "deadline" in result.output and not out.exists()
    data.write_text("{not json", encoding="utf-8")
    result = runner.invoke(args=["doc", "render", "urging_letter", "--data", str(data), "--out", str(out)])
    assert result.exit_code != 0 and "JSON" in result.output
    result = runner.invoke(args=["doc", "render", "no_such_kind", "--out", str(out)])
    assert result.exit_code != 0 and "Không có loại văn bản" in result.output
