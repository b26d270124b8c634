"""Assemble the whole dossier into ONE PDF (R-17; Decree 30 Appendix V).

Cover + table of contents (Mục lục văn bản) + every document in R-17 order + closing
certificate, continuous page numbers stamped in the top-right corner, bookmarks per
component and per document. Stored PDFs are merged as they are (never re-rendered);
JPG/PNG scans become pages losslessly (img2pdf); DOCX/XLSX are converted by LibreOffice
(inspection.documents.office, the app's one converter); when it is not installed or a file
does not convert, the file is listed in the TOC as attached in the package.

Input is plain values (`AssemblyItem`, a `meta` dict); output is a file and an
`Assembled` summary. The three front/back forms are document kinds rendered by the
document engine (`dossier_cover`, `dossier_toc`, `closing_certificate`).
"""

import datetime
import io
import os
import tempfile
from dataclasses import dataclass, field

import img2pdf
from PIL import Image
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from inspection.documents import office
from inspection.signing import pdfa

from . import rules

ATTACHED_NOTE = "Đính kèm trong gói"
_MM = 72 / 25.4


@dataclass
class AssemblyItem:
    """One document of the dossier, as plain values."""

    component: int
    title: str  # Tên loại và trích yếu nội dung
    path: str  # stored file (never a user-supplied path)
    mime: str
    number_symbol: str = ""
    date: datetime.date | None = None
    author: str = ""
    note: str = ""
    item_id: int | None = None
    kind: str = ""  # file extension of the original (pdf, docx, jpg...)
    position: int = 0
    sha256: str = ""
    first_page: int = 0  # filled by assemble()
    last_page: int = 0


@dataclass
class Assembled:
    """What assemble() produced."""

    path: str
    page_count: int
    front_pages: int
    toc_pages: int
    certificate_pages: int
    items: list = field(default_factory=list)
    outline: list = field(default_factory=list)  # (title, page, depth) for checks
    archival: bool = False  # passed pikepdf's PDF/A-3b check (issue 16)


def soffice_path():
    """Return the LibreOffice binary when installed (app config SOFFICE_PATH), else None."""
    return office.soffice_path()


def _convert_office(path, workdir, name):
    """Convert a DOCX/XLSX to PDF with LibreOffice; return the PDF path or None."""
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        pdf = office.convert_to_pdf(data, os.path.splitext(name)[1])
    except office.OfficeError:
        return None
    out = os.path.join(workdir, os.path.splitext(name)[0] + ".pdf")
    with open(out, "wb") as fh:
        fh.write(pdf)
    return out


def _image_pdf(path, workdir, name):
    """Turn a JPG/PNG scan into a PDF page fitted to A4, losslessly where possible."""
    layout = img2pdf.get_layout_fun(
        (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)), fit=img2pdf.FitMode.into, auto_orient=True
    )
    out = os.path.join(workdir, name + ".pdf")
    try:
        data = img2pdf.convert(path, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    except img2pdf.AlphaChannelError:
        # PNG with transparency: flatten on white (img2pdf refuses alpha by design).
        with Image.open(path) as im:
            flat = Image.new("RGB", im.size, "white")
            flat.paste(im, mask=im.convert("RGBA").getchannel("A"))
            buf = io.BytesIO()
            flat.save(buf, "PNG")
        data = img2pdf.convert(buf.getvalue(), layout_fun=layout)
    with open(out, "wb") as fh:
        fh.write(data)
    return out


def _source_pdf(item, workdir, index):
    """Return a PDF path for the item, or None when it can only be attached."""
    if item.mime == "application/pdf":
        return item.path
    if item.mime in rules.IMAGE_MIMES:
        return _image_pdf(item.path, workdir, f"image-{index:04d}")
    if item.mime in rules.OFFICE_MIMES:
        ext = rules.UPLOAD_MIMES[item.mime]
        return _convert_office(item.path, workdir, f"office-{index:04d}.{ext}")
    return None


def _pdf_pages(data):
    return len(PdfReader(io.BytesIO(data)).pages)


def toc_rows(items):
    """Return the TOC rows (Decree 30 Appendix V columns) as plain values."""
    rows = []
    for i, it in enumerate(items, 1):
        rows.append(
            {
                "stt": i,
                "component": it.component,
                "component_name": rules.component_name(it.component),
                "number_symbol": it.number_symbol or "",
                "date": it.date.strftime("%d/%m/%Y") if it.date else "",
                "title": it.title,
                "author": it.author or "",
                "pages": rules.page_range_label(it.first_page, it.last_page),
                "note": it.note or "",
            }
        )
    return rows


def cover_context(meta, total_sheets):
    """Return the cover's values (TCVN 9251 practice): agency, unit, code, title, dates, sheets."""
    return {**meta, "sheets": f"{total_sheets:02d}"}


def toc_context(meta, items, counts, cover_pages, toc_pages):
    """Place the documents after cover + TOC and return the TOC's values (Appendix V)."""
    placed = rules.place_documents(cover_pages + toc_pages, counts)
    for it, p in zip(items, placed):
        it.first_page, it.last_page = p.first_page, p.last_page
    rows = toc_rows(items)
    return {
        **meta,
        "rows": rows,
        "entries": [{**r, "page": r["pages"]} for r in rows],
        "toc_sheets": f"{toc_pages:02d}",
    }


def cert_context(meta, total_pages, toc_pages, document_count):
    """Return the closing certificate's values: sheets in figures and Vietnamese words."""
    return {
        **meta,
        "sheets": f"{total_pages:02d}",
        "sheets_in_words": rules.number_to_words(total_pages),
        "toc_sheets": f"{toc_pages:02d}",
        "document_count": document_count,
    }


def _render_until_stable(render, kind, build, guess=1, tries=6):
    """Render a form whose content depends on its own page count; return (bytes, pages)."""
    pages = guess
    for _ in range(tries):
        data = render(kind, build(pages))
        got = _pdf_pages(data)
        if got == pages:
            return data, pages
        pages = got
    return data, got


def assemble(items, meta, out_path, render, progress=None):
    """Build the dossier PDF at `out_path` (written to a temporary name, then renamed).

    `items` are AssemblyItem in R-17 order; `meta` holds the dossier's plain values
    (code, title, agency, dates, retention, place, creator...); `render(kind, ctx)`
    returns PDF bytes. `progress(done, total)` is called as documents are added.
    """
    items = list(items)
    total_steps = len(items) + 3
    step = _progress(progress, total_steps)
    with tempfile.TemporaryDirectory(prefix="dossier-") as workdir:
        sources = []
        for index, it in enumerate(items):
            src = _source_pdf(it, workdir, index)
            count = len(PdfReader(src).pages) if src else 0
            if not src:
                it.note = it.note or ATTACHED_NOTE
            sources.append((src, count))
            step()
        body_pages = sum(c for _, c in sources)
        counts = [c for _, c in sources]
        cover_pages = _pdf_pages(render("dossier_cover", cover_context(meta, 0)))
        for _ in range(4):  # the cover shows the total: settle its length
            toc, toc_pages = _render_until_stable(
                render, "dossier_toc", lambda n: toc_context(meta, items, counts, cover_pages, n)
            )
            toc_context(meta, items, counts, cover_pages, toc_pages)  # items match the TOC
            cert, cert_pages = _render_until_stable(
                render,
                "closing_certificate",
                lambda n: cert_context(meta, cover_pages + toc_pages + body_pages + n, toc_pages, len(items)),
            )
            total = cover_pages + toc_pages + body_pages + cert_pages
            cover = render("dossier_cover", cover_context(meta, total))
            if _pdf_pages(cover) == cover_pages:
                break
            cover_pages = _pdf_pages(cover)
        step()
        step()
        result = _write(items, sources, meta, out_path, (cover, toc, cert), (cover_pages, toc_pages, cert_pages))
        step()
    return result


def _progress(callback, total):
    done = [0]

    def step():
        done[0] += 1
        if callback:
            callback(done[0], total)

    return step


def _write(items, sources, meta, out_path, forms, counts):
    """Merge everything, add bookmarks and page numbers, write atomically."""
    cover, toc, cert = forms
    cover_pages, toc_pages, cert_pages = counts
    writer = PdfWriter()
    outline = []
    writer.append(io.BytesIO(cover), import_outline=False)
    outline.append((writer.add_outline_item(title="Bìa hồ sơ", page_number=0), "Bìa hồ sơ", 1, 0))
    writer.append(io.BytesIO(toc), import_outline=False)
    outline.append(
        (
            writer.add_outline_item(title="Mục lục văn bản", page_number=cover_pages),
            "Mục lục văn bản",
            cover_pages + 1,
            0,
        )
    )
    parents = {}
    for it, (src, count) in zip(items, sources):
        if not count:
            continue
        start = len(writer.pages)
        writer.append(src, import_outline=False)
        if it.component not in parents:
            title = f"{it.component}. {rules.component_name(it.component)}"
            parents[it.component] = writer.add_outline_item(title=title, page_number=start)
            outline.append((parents[it.component], title, start + 1, 0))
        label = _doc_label(it)
        writer.add_outline_item(title=label, page_number=start, parent=parents[it.component])
        outline.append((None, label, start + 1, 1))
    start = len(writer.pages)
    writer.append(io.BytesIO(cert), import_outline=False)
    writer.add_outline_item(title="Chứng từ kết thúc", page_number=start)
    outline.append((None, "Chứng từ kết thúc", start + 1, 0))
    stamp_page_numbers(writer, skip_first=cover_pages)
    writer.add_metadata(
        {
            "/Title": f"Hồ sơ {meta.get('code', '')} - {meta.get('title', '')}",
            "/Author": meta.get("creator", "") or meta.get("agency", ""),
        }
    )
    _atomic_write(writer, out_path)
    archival = pdfa.make_archival(out_path, meta, _signed_originals(items))  # issue 16: PDF/A-3b
    return Assembled(
        path=out_path,
        page_count=len(writer.pages),
        front_pages=cover_pages + toc_pages,
        toc_pages=toc_pages,
        certificate_pages=cert_pages,
        items=items,
        outline=[(t, p, d) for _, t, p, d in outline],
        archival=archival,
    )


def _signed_originals(items):
    """(name, bytes) of the signed PDF originals, attached as-is so their signatures stay verifiable."""
    out = []
    for it in items:
        if it.mime == "application/pdf" and it.path:
            with open(it.path, "rb") as fh:
                data = fh.read()
            if pdfa.is_signed(data):
                out.append((f"{it.component}-{it.position:03d}-{it.sha256[:12]}.pdf", data))
    return out


def _doc_label(it):
    head = " ".join(x for x in (it.number_symbol, it.date.strftime("%d/%m/%Y") if it.date else "") if x)
    return f"{head} - {it.title}" if head else it.title


def _atomic_write(writer, out_path):
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".assembling-", suffix=".pdf", dir=os.path.dirname(os.path.abspath(out_path)))
    try:
        with os.fdopen(fd, "wb") as fh:
            writer.write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def stamp_page_numbers(writer, skip_first=1, size=12):
    """Stamp the physical page number in the top-right corner of every page after the cover."""
    font = pdfa.digits_font(writer, pdfa.FONT)  # embedded: PDF/A (issue 16)
    for index, page in enumerate(writer.pages):
        if index < skip_first:
            continue
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        box = page.mediabox
        text = f"{index + 1:02d}"
        x = float(box.right) - 15 * _MM - size * 0.5 * len(text)
        y = float(box.top) - 12 * _MM
        overlay = PageObject.create_blank_page(width=float(box.width), height=float(box.height))
        stream = DecodedStreamObject()
        stream.set_data(
            f"q BT /FDossierNo {size} Tf {x - float(box.left):.2f} "
            f"{y - float(box.bottom):.2f} Td ({text}) Tj ET Q".encode("ascii")
        )
        overlay[NameObject("/Contents")] = writer._add_object(stream)
        overlay[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/FDossierNo"): font})}
        )
        if float(box.left) or float(box.bottom):
            page.merge_translated_page(overlay, float(box.left), float(box.bottom))
        else:
            page.merge_page(overlay)
