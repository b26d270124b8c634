"""Read generated files back, the one way every test does it: the words of a DOCX and of a PDF.

Each reader takes bytes, a path, or anything with `read_bytes()` (a StoredFile, a Path).
"""

import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader


def _bytes(source):
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, str):
        return Path(source).read_bytes()
    return source.read_bytes()


def docx_lines(source):
    """The text of every paragraph of the DOCX body, tables included, in order."""
    doc = Document(io.BytesIO(_bytes(source)))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def docx_text(source):
    """The DOCX body as one line of NFC words."""
    return flat(" ".join(docx_lines(source)))


def docx_footers(source):
    """The text of every footer of the DOCX (first page, others, even pages), as one line of NFC words."""
    doc = Document(io.BytesIO(_bytes(source)))
    parts = []
    for section in doc.sections:
        for footer in (section.first_page_footer, section.footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                parts += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in footer._element.iter(qn("w:p"))]
    return flat(" ".join(parts))


def pdf_pages(source):
    """The text of each page of the PDF."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(_bytes(source))).pages]


def pdf_text(source):
    """The whole PDF as one line of NFC words."""
    return flat(" ".join(pdf_pages(source)))


def pdf_body_text(source):
    """PDF text without the page numbers printed at the top of pages 2..n."""
    pages = pdf_pages(source)
    out = [pages[0]]
    for n, text in enumerate(pages[1:], start=2):
        lines = text.split("\n")
        out.append("\n".join(line for line in lines if line.strip() != str(n)))
    # A line may break after the hyphen inside a symbol such as 1234/UBND-NNTN.
    return re.sub(r"(?<=\S)-\n(?=\S)", "-", "\n".join(out))


def words(text):
    """A multiset of the NFC words of `text` (to compare two texts word for word)."""
    return Counter(unicodedata.normalize("NFC", w) for w in re.split(r"\s+", text) if w)


def flat(text):
    """`text` in NFC with every run of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())
