"""Checks an edited .docx template must pass before it is accepted (messages in Vietnamese)."""

import io
import re
import zipfile

import jinja2
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate

from inspection import uploads
from inspection.errors import ValidationFailed

from . import render

_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_OPENERS = ("{{", "{%", "{#")
_FORBIDDEN = re.compile(r"__|\|\s*attr\b|\battr\s*\(|\bself\b|\bnamespace\b|\bcycler\b|\bjoiner\b|\blipsum\b")


def _paragraphs(doc):
    """Every paragraph of the body, tables (nested), headers and footers."""

    def walk(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            yield from walk(part)


def split_tags(doc):
    """Jinja tags that run across several Word runs (Word formatting would break them)."""
    problems = []
    for p in _paragraphs(doc):
        texts = [r.text for r in p.runs]
        full = "".join(texts)
        if "{" not in full:
            continue
        bounds, pos = set(), 0
        for t in texts[:-1]:
            pos += len(t)
            bounds.add(pos)
        for m in _TAG.finditer(full):
            if any(m.start() < b < m.end() for b in bounds):
                problems.append(m.group(0))
        stripped = _TAG.sub("", full)
        if any(o in stripped for o in _OPENERS) or "}}" in stripped or "%}" in stripped:
            problems.append(full.strip()[:120])
    return problems


def check(kind, data: bytes):
    """Raise ValidationFailed unless data is a sound .docx template for kind."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise zipfile.BadZipFile
        uploads.check_office_package(io.BytesIO(data), uploads.KIND_LABELS["docx"])  # before python-docx inflates it
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ValidationFailed("Tệp tải lên không phải tài liệu Word .docx hợp lệ.", field="file") from exc
    split = split_tags(doc)
    if split:
        raise ValidationFailed(
            "Thẻ mẫu bị tách qua nhiều định dạng (run) trong Word hoặc thiếu dấu "
            "đóng; hãy gõ lại liền một lượt: " + "; ".join(split[:5]),
            field="file",
        )
    tags = [t for p in _paragraphs(doc) for t in _TAG.findall(p.text)]
    bad = [t for t in tags if _FORBIDDEN.search(t)]
    if bad:
        raise ValidationFailed("Mẫu dùng cú pháp bị cấm vì lý do an toàn: " + "; ".join(bad[:5]), field="file")
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        names = tpl.get_undeclared_template_variables(render.environment())
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationFailed(
            f"Lỗi cú pháp Jinja trong mẫu: {exc.message}. Đoạn lỗi: " + _line(exc), field="file"
        ) from exc
    unknown = sorted(set(names) - set(kind.fields))
    if unknown:
        raise ValidationFailed(
            'Mẫu dùng biến không có trong loại văn bản "%s": %s. Các biến được '
            "dùng: %s." % (kind.name_vi, ", ".join(unknown), ", ".join(kind.fields)),
            field="file",
        )
    try:
        render.docx_bytes(data, kind.sample, kind.name_vi)
    except render.DocumentError as exc:
        raise ValidationFailed("Không tạo được văn bản mẫu từ tệp này: " + exc.message, field="file") from exc


def _line(exc):
    source = getattr(exc, "source", None) or ""
    lines = source.splitlines()
    if exc.lineno and 0 < exc.lineno <= len(lines):
        return re.sub(r"<[^>]+>", "", lines[exc.lineno - 1])[:200]
    return ""
