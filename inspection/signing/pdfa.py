"""Make a PDF an archival PDF/A-3b file: the assembled dossier (signed originals attached
as-is) and an issued document converted by LibreOffice from an Office-edited template.

pikepdf's PDF/A tooling (`pikepdf.pdfa`, its allowlist validator) fills what the merge
lacks: the sRGB output intent, XMP metadata declaring PDF/A-3b (title, author agency,
dates, dossier code or document number), /AF entries of the attachments. Page content is
not converted: an upload whose fonts are not embedded keeps the file from conforming; it is
then saved prepared but undeclared, and the findings are logged (docs/signing.md).
Always before signing: a signature made before the conversion would be broken by it.
"""

import datetime
import logging
import os
import tempfile

import pikepdf
from pikepdf import pdfa

FLAVOUR = "3b"
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"  # fonts-liberation2 (system-deps)
log = logging.getLogger(__name__)


def is_signed(data: bytes) -> bool:
    """Whether a PDF holds a signature dictionary (its signatures stay verifiable only as-is)."""
    return b"/ByteRange" in data and b"/Sig" in data


def _attach(pdf, attachments):
    for name, data in attachments:
        pdf.attachments[name] = pikepdf.AttachedFileSpec(
            pdf,
            data,
            description="Bản gốc điện tử có chữ ký số, đính kèm nguyên trạng",
            filename=name,
            mime_type="application/pdf",
            relationship=pikepdf.Name.Source,
        )


def _metadata(pdf, meta):
    """A dossier's meta has its code, title and dates; an issued document's (`heading` given)
    its heading, description (abstract) and keywords (number, date)."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        if meta.get("heading"):
            xmp["dc:title"] = meta["heading"]
            xmp["dc:description"] = meta.get("description", "")
            xmp["pdf:Keywords"] = meta.get("keywords", "")
        else:
            xmp["dc:title"] = f"Hồ sơ {meta.get('code', '')} - {meta.get('title', '')}"
            xmp["dc:description"] = f"Mã hồ sơ: {meta.get('code', '')}; {meta.get('dates', '')}".strip("; ")
        xmp["dc:creator"] = [meta.get("agency", "") or meta.get("creator", "")]
        xmp["pdf:Producer"] = "Hệ thống theo dõi, đôn đốc, kiểm tra"
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = now


def make_archival(path: str, meta: dict, attachments=()) -> bool:
    """Rewrite `path` as PDF/A-3b in place (atomically); return whether it conforms."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".pdfa-", suffix=".pdf", dir=folder)
    os.close(fd)
    try:
        with pikepdf.open(path) as pdf:
            _attach(pdf, attachments)
            _metadata(pdf, meta)
            _drop_empty_resources(pdf)
            _drop_office_extras(pdf)
            _flatten_forms(pdf)
            pdfa.prepare(pdf, FLAVOUR)
            report = pdfa.check(pdf, FLAVOUR)
            conforms = conforms_but_attachments(report)
            if not conforms:
                log.warning("PDF not PDF/A-%s: %s", FLAVOUR, report.summary())
            pdf.save(tmp, **report.save_kwargs)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return conforms


def archival_bytes(data: bytes, meta: dict) -> bytes:
    """`make_archival` of PDF bytes (an issued document LibreOffice converted), before signing."""
    if is_signed(data):
        raise ValueError("PDF/A conversion after signing would break the signature")
    with tempfile.TemporaryDirectory(prefix="pdfa-") as folder:
        path = os.path.join(folder, "document.pdf")
        with open(path, "wb") as f:
            f.write(data)
        make_archival(path, meta)
        with open(path, "rb") as f:
            return f.read()


def conforms_but_attachments(report) -> bool:
    """No violation, and nothing unchecked but the attached files: pikepdf's validator does not
    check embedded files, which PDF/A-3 admits (the signed originals, attached as-is)."""
    return not report.violations and all(f.rule == "pikepdf:embedded-file" for f in report.unsupported)


def _flatten_forms(pdf):
    """The merged copy of a signed PDF keeps its signature images as page content; its form
    (the signature fields, broken by the merge anyway) goes: the attached original proves."""
    if "/AcroForm" in pdf.Root:
        pdf.flatten_annotations(mode="all")  # qpdf removes the form once nothing is left in it
    if "/AcroForm" in pdf.Root:
        del pdf.Root["/AcroForm"]


def _drop_office_extras(pdf):
    """LibreOffice writes the obsolete /DocChecksum in the trailer and an /OpenAction (the first
    page's view), keys the validator cannot approve; the copy opens at its first page anyway."""
    if "/DocChecksum" in pdf.trailer:
        del pdf.trailer["/DocChecksum"]
    if "/OpenAction" in pdf.Root:
        del pdf.Root["/OpenAction"]


def _drop_empty_resources(pdf):
    """WeasyPrint writes empty /Pattern and /Shading dictionaries, which the validator cannot approve."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary):
            for key in ("/Pattern", "/Shading"):
                value = obj.get(key)
                if isinstance(value, pikepdf.Dictionary) and not value.keys():
                    del obj[key]


DIGITS = "0123456789"


def digits_font(writer, font_path):
    """An embedded TrueType font (pypdf objects) holding the digits only: page numbers that
    PDF/A accepts (a standard Type 1 font is not embedded). ~3 KB after subsetting."""
    from io import BytesIO

    from fontTools import subset, ttLib
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, StreamObject

    font = ttLib.TTFont(font_path)
    options = subset.Options()
    options.name_IDs, options.notdef_outline = ["*"], True
    sub = subset.Subsetter(options)
    sub.populate(text=DIGITS)
    sub.subset(font)
    out = BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = [NumberObject(round(font["hmtx"][cmap[ord(c)]][0] * scale)) for c in DIGITS]
    head, os2 = font["head"], font["OS/2"]
    program = StreamObject()
    program.set_data(out.getvalue())
    program[NameObject("/Length1")] = NumberObject(len(out.getvalue()))
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/AAAAAA+LiberationSerif"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(
                [FloatObject(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): FloatObject(os2.sTypoAscender * scale),
            NameObject("/Descent"): FloatObject(os2.sTypoDescender * scale),
            NameObject("/CapHeight"): FloatObject(getattr(os2, "sCapHeight", 650) * scale),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(program),
        }
    )
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/TrueType"),
                NameObject("/BaseFont"): NameObject("/AAAAAA+LiberationSerif"),
                NameObject("/FirstChar"): NumberObject(ord(DIGITS[0])),
                NameObject("/LastChar"): NumberObject(ord(DIGITS[-1])),
                NameObject("/Widths"): ArrayObject(widths),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
            }
        )
    )
