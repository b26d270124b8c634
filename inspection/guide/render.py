"""The guide's Markdown as HTML (raw HTML in it is shown as text, never run) and as one PDF.

The PDF goes through WeasyPrint with the documents' fetcher (documents/render.url_fetcher: files
under doc_templates/ only, for the fonts); the guide's pictures are handed in as data: URIs, which
the small fetcher below decodes itself, so no other local file or network address is read.
"""

import base64
import binascii

from markdown_it import MarkdownIt

from inspection.guide import chapters

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
DATA_PNG = "data:image/png;base64,"


def html(text: str, image_url, chapter_url) -> str:
    """Render Markdown; `image_url(name)` and `chapter_url(slug)` place pictures and chapter links."""
    tokens = _MD.parse(text)
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                name = str(child.attrGet("src") or "").removeprefix("images/")
                child.attrSet("src", image_url(name) if chapters.image_path(name) else "")
                child.attrSet("class", "img-fluid border my-2")
            elif child.type == "link_open":
                href = str(child.attrGet("href") or "")
                slug = href.removesuffix(".md")
                if href.endswith(".md") and chapters.chapter(slug):
                    child.attrSet("href", chapter_url(slug))
    return _MD.renderer.render(tokens, _MD.options, {})


def data_uri(name) -> str:
    """A guide picture as a data: URI (for the PDF)."""
    return DATA_PNG + base64.b64encode(chapters.image_path(name).read_bytes()).decode("ascii")


STYLE = """
@font-face { font-family: G; src: url(fonts/LiberationSerif-Regular.ttf); }
@font-face { font-family: G; font-weight: bold; src: url(fonts/LiberationSerif-Bold.ttf); }
@font-face { font-family: G; font-style: italic; src: url(fonts/LiberationSerif-Italic.ttf); }
@page { size: A4; margin: 20mm 15mm 20mm 25mm; @bottom-center { content: counter(page); font-family: G; } }
html { font-family: G; font-size: 12pt; line-height: 1.3; }
h1 { font-size: 18pt; break-before: page; } h1.cover { break-before: auto; font-size: 22pt; }
h2 { font-size: 14pt; } img { max-width: 100%; border: 0.5pt solid #999; margin: 4pt 0; }
table { border-collapse: collapse; } th, td { border: 0.5pt solid #000; padding: 2pt 4pt; }
"""


def book_html() -> str:
    """Every chapter in one HTML page, pictures inline, chapter links as anchors (the PDF's source)."""
    parts = [f"<html lang='vi'><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"]
    parts.append(
        "<h1 class='cover'>Hướng dẫn sử dụng</h1><p>Hệ thống theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ.</p>"
    )
    for c in chapters.CHAPTERS:
        parts.append(f"<section id='{c.slug}'>")
        parts.append(html(chapters.source(c.slug), data_uri, lambda slug: f"#{slug}"))
        parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts)


def _guide_fetcher():
    from weasyprint.urls import URLFetcherResponse

    from inspection.documents.render import url_fetcher

    shared = url_fetcher()

    class GuideFetcher(type(shared)):
        """The documents' fetcher, plus the guide's own pictures as data: URIs."""

        def fetch(self, url, headers=None):
            if url.startswith(DATA_PNG):
                try:
                    body = base64.b64decode(url[len(DATA_PNG) :], validate=True)
                except binascii.Error as exc:
                    raise ValueError("bad picture") from exc
                return URLFetcherResponse("data:", body=body, headers={"Content-Type": "image/png"})
            return shared.fetch(url, headers)

    return GuideFetcher()


_PDF_CACHE = {}  # {fingerprint of the guide's files: PDF}; one entry


def pdf() -> bytes:
    """The whole guide as a PDF, made once per version of its files.

    Anyone may ask for it, before log-in too, and WeasyPrint takes seconds of CPU for its pictures:
    the bytes are kept until a chapter or a picture changes (`make guide`).
    """
    key = chapters.fingerprint()
    if key not in _PDF_CACHE:
        data = _render_pdf()
        _PDF_CACHE.clear()
        _PDF_CACHE[key] = data
    return _PDF_CACHE[key]


def _render_pdf() -> bytes:
    from weasyprint import HTML

    from inspection.documents import layout
    from inspection.documents.render import gc_paused

    with gc_paused():
        document = HTML(string=book_html(), base_url=layout.FRAME_DIR.as_uri() + "/", url_fetcher=_guide_fetcher())
        return document.write_pdf()
