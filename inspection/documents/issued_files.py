"""What an issued document's files carry besides its body (issue 16).

The PDF's document information (XMP: the heading, the agency as author, the abstract, the
number and date as keywords), one home for both the WeasyPrint path (doc_templates/_frame/
page.html) and the LibreOffice path (pikepdf). The DOCX of a digitally signed document says,
in its footer, that it is an unsigned working copy: the Decree 30 body is left as it is.
"""

import io

UNSIGNED_NOTE = "Bản Word là bản làm việc, không có chữ ký số; bản gốc điện tử là tệp PDF đã ký số."


def document_meta(kind_title: str, ctx: dict) -> dict:
    """The PDF metadata of a document rendered from `ctx` (a kind's Vietnamese name as title)."""
    number = ""
    if ctx.get("number") and ctx.get("symbol"):
        number = f"Số {ctx['number']}/{ctx['symbol']}"
    return {
        "heading": " - ".join(x for x in (kind_title, number) if x),
        "agency": str(ctx.get("agency") or ""),
        "description": str(ctx.get("abstract") or ""),
        "keywords": ", ".join(x for x in (number, str(ctx.get("date_line") or "")) if x),
    }


def with_unsigned_note(docx: bytes) -> bytes:
    """The DOCX with UNSIGNED_NOTE at the end of every footer in use (first page and the others)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document(io.BytesIO(docx))
    for number, section in enumerate(document.sections):
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        if document.settings.odd_and_even_pages_header_footer:
            footers.append(section.even_page_footer)
        for footer in footers:
            if number and footer.is_linked_to_previous:
                continue  # shares the previous section's footer, which has the note
            paragraph = footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(UNSIGNED_NOTE)
            run.italic, run.font.size = True, Pt(10)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
