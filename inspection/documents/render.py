"""Render a kind's context to DOCX (docxtpl) and PDF (WeasyPrint). Pure: bytes in, bytes out.

Both use one strict, sandboxed, autoescaping Jinja environment: a missing variable is an
error (DocumentContextError, in Vietnamese), attribute tricks such as ''.__class__ are
refused, and the PDF renderer may read files only under doc_templates/.
"""

import base64
import functools
import gc
import io
import re
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2 import StrictUndefined
from jinja2.sandbox import SecurityError

from inspection.errors import DocumentContextError, DocumentError, DocumentTemplateError, OfficeUnavailable

from . import layout, office, sandbox

# XML 1.0 forbids C0 controls except tab, newline, carriage return; DEL and C1 are invisible junk.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MISSING = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def clean(value):
    """NFC-normalise strings and drop control characters, recursively, for both renderers."""
    if isinstance(value, str):
        return _CONTROL.sub("", unicodedata.normalize("NFC", value)).replace("\r", "")
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return clean(str(value))


# Doubled punctuation where a typed value ends with its own mark and the template adds one
# ("Lý do: Do mưa bão.." / "… đúng hạn.;"): issue 14. Ellipses, "../" and the closing "./." stay.
_TIDY = (
    (re.compile(r"(?<!\.)\.\.(?=/\.)"), "."),  # "../." -> "./."
    (re.compile(r"(?<![.])\.\.(?![./])"), "."),  # ".." -> "." (not "...")
    (re.compile(r"\.[ \t]*([;,])"), r"\1"),  # ".;" ".," -> ";" ","
    (re.compile(r"[;,][ \t]*\."), "."),  # ";." ",." -> "."
)
_TEXT_NODE = re.compile(r">([^<]+)<")


def tidy_punctuation(text: str) -> str:
    """Remove the doubled punctuation of a value's own mark followed by the template's."""
    for pattern, replacement in _TIDY:
        text = pattern.sub(replacement, text)
    return text


def _tidy_html(html: str) -> str:
    head, sep, body = html.partition("<body")
    if not sep:
        head, body = "", html
    return head + sep + _TEXT_NODE.sub(lambda m: ">" + tidy_punctuation(m.group(1)) + "<", body)


def _tidy_docx(document):
    """Tidy every run of the body, its tables, headers and footers (a mark split across runs stays)."""
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for node in part.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            if node.text:
                node.text = tidy_punctuation(node.text)


def environment(loader=None):
    """The one Jinja environment for documents: sandboxed with a cost budget, strict, autoescaped."""
    return sandbox.LimitedSandbox(
        loader=loader, undefined=StrictUndefined, autoescape=True, trim_blocks=False, lstrip_blocks=False
    )


_HTML_ENV = environment(jinja2.FileSystemLoader(str(layout.TEMPLATES_DIR)))


def translate(exc, kind):
    """Turn a Jinja failure into a Vietnamese DocumentError."""
    if isinstance(exc, DocumentError):  # already said in Vietnamese (a broken picture)
        return exc
    if isinstance(exc, sandbox.TemplateTooCostly):
        return DocumentTemplateError(f'Mẫu "{kind}" vượt giới hạn an toàn (R-21): {exc}.')
    if isinstance(exc, SecurityError):
        return DocumentTemplateError(f'Mẫu "{kind}" dùng cú pháp bị cấm vì lý do an toàn: {exc}')
    if isinstance(exc, jinja2.UndefinedError):
        m = _MISSING.search(str(exc))
        name = (m.group(1) or m.group(2)) if m else str(exc)
        return DocumentContextError(f'Thiếu dữ liệu "{name}" cho văn bản "{kind}".')
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return DocumentTemplateError(f'Mẫu "{kind}" có lỗi cú pháp Jinja ở dòng {exc.lineno}: {exc.message}')
    if isinstance(exc, (TypeError, ValueError, AttributeError, jinja2.TemplateError)):
        return DocumentContextError(f'Dữ liệu cho văn bản "{kind}" không đúng dạng: {exc}')
    return DocumentError(f'Không tạo được văn bản "{kind}": {exc}')


def check_required(kind, context):
    """Raise DocumentContextError naming every required field missing from the context."""
    missing = [f for f in kind.fields if f not in context]
    if missing:
        raise DocumentContextError(f'Thiếu dữ liệu cho văn bản "{kind.name_vi}": ' + ", ".join(missing) + ".")


def docx_bytes(template, context, kind_name="?"):
    """Render a .docx template (path or bytes) with the sandboxed environment."""
    from docxtpl import DocxTemplate

    source = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    tpl = DocxTemplate(source)
    try:
        with sandbox.budget():  # body, headers and footers share one budget
            tpl.render(pictures(tpl, clean(context)), jinja_env=environment(), autoescape=True)
    except Exception as exc:  # noqa: BLE001 - every template failure becomes a DocumentError
        raise translate(exc, kind_name) from exc
    _tidy_docx(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


PICTURE_PREFIXES = ("data:image/svg+xml;base64,", "data:image/png;base64,")
PICTURE_MAX_MM = layout.TEXT_WIDTH_MM  # no picture wider than the text of the page


def picture_png(uri: str) -> bytes:
    """The PNG of a picture's data: URI; an SVG is drawn by cairosvg (twice the size, crisp)."""
    return _picture_png(uri)


# The same charts are drawn for the draft's DOCX, the trial's and the issued DOCX and PDF: once
# is enough (the yearly report's two charts: ≈ 0.4 s of CPU each time, bench/bench_reports.py).
# A failure is not kept: it is raised again each time.
@functools.lru_cache(maxsize=8)
def _picture_png(uri: str) -> bytes:
    prefix = next((p for p in PICTURE_PREFIXES if uri.startswith(p)), None)
    if prefix is None:
        raise DocumentContextError("Hình trong văn bản phải là ảnh SVG hoặc PNG (data: URI).")
    try:
        data = base64.b64decode(uri[len(prefix) :], validate=True)
        if prefix == PICTURE_PREFIXES[0]:
            import cairosvg

            # unsafe=False: no XML entities, and a reference inside loads data: URLs only
            data = cairosvg.svg2png(bytestring=data, scale=2, unsafe=False)
        from PIL import Image

        Image.open(io.BytesIO(data)).verify()  # docxtpl would fail later, mid-render
        return data
    except Exception as exc:  # noqa: BLE001 - a broken picture is a context error, never a 500
        raise DocumentContextError(f"Không đọc được hình trong văn bản: {type(exc).__name__}.") from exc


def pictures(tpl, context):
    """Turn each picture of the context ({"image": data URI, "width_mm": n, ...}) into a
    docxtpl InlineImage of `tpl`, so {{ x.image }} in the Word template shows the picture;
    the HTML template uses the same data URI as <img src>. One picture source for both."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    if isinstance(context, list):
        return [pictures(tpl, v) for v in context]
    if not isinstance(context, dict):
        return context
    out = {k: pictures(tpl, v) for k, v in context.items()}
    image = context.get("image")
    if isinstance(image, str) and image.startswith("data:image/"):
        width = min(float(context.get("width_mm") or PICTURE_MAX_MM), PICTURE_MAX_MM)
        out["image"] = InlineImage(tpl, io.BytesIO(picture_png(image)), width=Mm(width))
    return out


def html_string(kind_name, context, template_name=None):
    """Render a kind's template.html to an HTML string (the PDF's source and the preview)."""
    try:
        tpl = _HTML_ENV.get_template(template_name or f"{kind_name}/template.html")
        html = tpl.render(clean(context))
    except Exception as exc:  # noqa: BLE001
        raise translate(exc, kind_name) from exc
    return _tidy_html(html)


def _fetcher_class():
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = layout.TEMPLATES_DIR.resolve()

    class TemplatesOnlyFetcher(URLFetcher):
        """Serve files under doc_templates/ only (kept in memory) and the context's pictures
        (base64 data: URIs of SVG or PNG, served as the PNG the DOCX gets, so a chart's text
        is not a second font in the PDF); refuse every other URL."""

        cache = {}

        def __init__(self):
            super().__init__(allowed_protocols=("file",))

        def fetch(self, url, headers=None):
            if url.startswith(PICTURE_PREFIXES):  # a picture of the context, as in the DOCX:
                return URLFetcherResponse(url, body=picture_png(url), headers={"Content-Type": "image/png"})
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve()
            if parsed.scheme != "file" or not path.is_relative_to(root) or not path.is_file():
                raise ValueError(f"refused URL outside doc_templates: {url}")
            if path not in self.cache:
                self.cache[path] = path.read_bytes()
            mime = _MIME.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=self.cache[path], headers={"Content-Type": mime})

    return TemplatesOnlyFetcher


_FETCHER = []
_MIME = {".css": "text/css", ".ttf": "font/ttf", ".png": "image/png", ".svg": "image/svg+xml"}


def url_fetcher():
    """The WeasyPrint fetcher that reads files under doc_templates/ and nothing else."""
    if not _FETCHER:
        _FETCHER.append(_fetcher_class()())
    return _FETCHER[0]


_GC_LOCK = threading.Lock()
_GC_STATE = {"pausers": 0, "was_enabled": False}


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector while WeasyPrint lays out a document.

    WeasyPrint allocates several million small objects (boxes, styles) for a long table; every
    automatic collection walks all of them again: the 48-page report took 13.3 s of CPU instead
    of 10.9 s.
    Plain reference counting still frees what it can meanwhile. Nested and concurrent renders
    share one pause: the collector comes back (if it was on) when the last one finishes.
    """
    with _GC_LOCK:
        if _GC_STATE["pausers"] == 0:
            _GC_STATE["was_enabled"] = gc.isenabled()
            gc.disable()
        _GC_STATE["pausers"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["pausers"] -= 1
            if _GC_STATE["pausers"] == 0 and _GC_STATE["was_enabled"]:
                gc.enable()


# The frame stylesheet as page.html links it. For the PDF the link is taken out and the same
# file is given to WeasyPrint pre-parsed (see _Renderer), so it is parsed and its four
# @font-face fonts are loaded once per renderer instead of once per document. WeasyPrint
# counts a stylesheet given this way as the user's, which loses only to author styles: the
# templates have none besides the inline column widths, which frame.css does not set.
FRAME_LINK = '<link rel="stylesheet" href="../_frame/frame.css">'


class _Renderer:
    """A WeasyPrint FontConfiguration with the frame stylesheet parsed against it.

    Creating a FontConfiguration loads the system font configuration, copies the embedded
    fonts to a temporary folder and starts a new Pango font map (empty glyph and metrics
    caches); WeasyPrint does all that for every document unless it is given one. Both objects
    are only read while a document is laid out, but Pango's font map is not safe to use from
    two threads at once, so each renderer serves one document at a time (see _renderer()).
    """

    def __init__(self):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        css_path = layout.FRAME_DIR / "frame.css"
        self.stylesheet = CSS(
            string=css_path.read_text(encoding="utf-8"),
            base_url=css_path.as_uri(),
            url_fetcher=url_fetcher(),
            font_config=self.font_config,
        )

    def pdf(self, html, base_url, variant=None):
        from weasyprint import HTML

        document = HTML(string=html.replace(FRAME_LINK, "", 1), base_url=base_url, url_fetcher=url_fetcher())
        return document.write_pdf(stylesheets=[self.stylesheet], font_config=self.font_config, pdf_variant=variant)


_IDLE_RENDERERS = []
_RENDERERS_LOCK = threading.Lock()


@contextmanager
def _renderer():
    """Lend an idle renderer (a new one when all are busy) and take it back afterwards."""
    with _RENDERERS_LOCK:
        renderer = _IDLE_RENDERERS.pop() if _IDLE_RENDERERS else None
    if renderer is None:
        renderer = _Renderer()
    try:
        yield renderer
    finally:
        with _RENDERERS_LOCK:
            _IDLE_RENDERERS.append(renderer)


# Before a long layout the collector frees the reference cycles left by what came before (the
# report's content, its DOCX), so WeasyPrint's boxes reuse that memory rather than grow the
# process: the yearly report's issue peaked at 445 MiB, now 388 (bench/bench_reports.py). A
# short document (1-2 pages, ≈ 10 KB of HTML) skips the collection's few tens of ms.
LONG_HTML = 100_000


def pdf_bytes(kind_name, context, archival=False, meta=None):
    """Render a kind's HTML template with WeasyPrint to PDF bytes; `archival`: PDF/A-3b (issued copies,
    issue 16); `meta`: the document information page.html writes (issued_files.document_meta)."""
    html = html_string(kind_name, {**context, "doc_meta": meta} if meta else context)
    base = (layout.TEMPLATES_DIR / kind_name).as_uri() + "/"
    if len(html) > LONG_HTML:
        gc.collect()
    with gc_paused(), _renderer() as renderer:
        return renderer.pdf(html, base, "pdf/a-3b" if archival else None)


EDITED_NO_OFFICE = (
    'Chưa tạo được bản PDF của "{name}": mẫu Word đang dùng là bản Văn phòng đã sửa và tải lên, '
    "nên bản PDF phải được chuyển từ chính tệp Word đó bằng LibreOffice, nhưng máy chủ chưa cài "
    "LibreOffice. Bản Word vẫn tải được bình thường. Đề nghị quản trị hệ thống cài gói "
    "libreoffice-writer-nogui (scripts/system-deps.sh run), hoặc chuyển về mẫu gốc."
)


def pdf_from_docx(docx, kind_name):
    """PDF of a DOCX rendered from an uploaded template: LibreOffice converts that very file.

    The shipped template.html knows nothing of the Office's edits, so WeasyPrint cannot be
    used; without LibreOffice this fails with EDITED_NO_OFFICE rather than printing the old
    wording.
    """
    try:
        return office.convert_to_pdf(docx, "docx")
    except OfficeUnavailable as exc:
        raise OfficeUnavailable(EDITED_NO_OFFICE.format(name=kind_name)) from exc
