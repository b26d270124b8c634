"""Read rendered documents back: words of a DOCX body and of a PDF, for comparison."""

import io
import re
import unicodedata
from collections import Counter

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader


def docx_lines(data):
    doc = Document(io.BytesIO(data))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def pdf_pages(data):
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_body_text(data):
    """PDF text without the page numbers printed at the top of pages 2..n."""
    pages = pdf_pages(data)
    out = [pages[0]]
    for n, text in enumerate(pages[1:], start=2):
        lines = text.split("\n")
        out.append("\n".join(line for line in lines if line.strip() != str(n)))
    # A line may break after the hyphen inside a symbol such as 1234/UBND-NNTN.
    return re.sub(r"(?<=\S)-\n(?=\S)", "-", "\n".join(out))


def words(text):
    return Counter(unicodedata.normalize("NFC", w) for w in re.split(r"\s+", text) if w)


def flat(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def today_is(day):
    """Make `day` the application's today: a document's issue date is the day it is issued."""
    from flask import current_app

    current_app.config["TODAY"] = day.isoformat()
    return day
