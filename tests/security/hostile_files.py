"""Builders of hostile Office files for the security tests, written as an attacker would.

Everything is streamed: the zip bombs inflate to hundreds of MB but the test never holds
more than one megabyte of them in memory.
"""

import io
import re
import struct
import zipfile

from docx import Document
from PIL import Image, ImageDraw

MB = 1024 * 1024
EXTERNAL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def secret_png(text="MAT SECRET SCAN"):
    """A small scan-like PNG with words on it."""
    image = Image.new("RGB", (480, 120), "white")
    ImageDraw.Draw(image).text((20, 50), text, fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _rewrite(docx, edit):
    """Copy a package, letting edit(name, bytes) change or drop (None) each member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return out.getvalue()


def with_linked_image(docx, target):
    """The same Word file with one picture that is *linked* to `target` instead of embedded."""
    doc = Document(io.BytesIO(docx))
    doc.add_paragraph("Ảnh minh họa:")
    doc.add_picture(io.BytesIO(secret_png("PLACEHOLDER")))
    buf = io.BytesIO()
    doc.save(buf)

    def edit(name, data):
        if name.startswith("word/media/"):
            return None
        if name == "word/_rels/document.xml.rels":
            text = data.decode()
            text = re.sub(r'Target="media/[^"]+"', f'Target="{target}" TargetMode="External"', text)
            return text.encode()
        if name == "word/document.xml":
            return data.replace(b"r:embed=", b"r:link=")
        return data

    return _rewrite(buf.getvalue(), edit)


def plain_docx(text="Báo cáo của đơn vị"):
    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _bomb(path, inflate_mb, members):
    """Write a package whose `bomb_part` pads its XML with `inflate_mb` MB of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            if isinstance(data, tuple):  # (head, tail): pad between them, streamed
                head, tail = data
                with zout.open(name, "w") as fh:
                    fh.write(head)
                    block = b" " * MB
                    for _ in range(inflate_mb):
                        fh.write(block)
                    fh.write(tail)
            else:
                zout.writestr(name, data)
    return path


def _split_body(xml):
    cut = xml.index(b"<w:sectPr") if b"<w:sectPr" in xml else xml.index(b"</w:body>")
    return xml[:cut], xml[cut:]


def docx_bomb(path, inflate_mb=300):
    """A valid Word file whose document.xml inflates to `inflate_mb` MB (it compresses ~1000:1)."""
    with zipfile.ZipFile(io.BytesIO(plain_docx())) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = _split_body(members["word/document.xml"])
    return _bomb(path, inflate_mb, members)


def xlsx_bomb(path, inflate_mb=300):
    """A valid Excel workbook whose first sheet inflates to `inflate_mb` MB."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Số liệu", 1])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        members = {n: z.read(n) for n in z.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    cut = sheet.index(b"</sheetData>")
    members["xl/worksheets/sheet1.xml"] = (sheet[:cut], sheet[cut:])
    return _bomb(path, inflate_mb, members)


def lying_sizes(package, inflate_mb=40, member="word/padding.xml"):
    """The package plus a member that claims (in both headers) to be 4 KB: only inflating tells."""
    buf = io.BytesIO()
    _bomb(buf, inflate_mb, {**_members(package), member: (b"<x>", b"</x>")})
    data = bytearray(buf.getvalue())
    name = member.encode()
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:  # central directory entries
        name_len = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_len] == name:
            struct.pack_into("<I", data, start + 24, 4096)  # uncompressed size
            local = struct.unpack_from("<I", data, start + 42)[0]
            struct.pack_into("<I", data, local + 22, 4096)  # the local header says the same
        start += 4
    return bytes(data)


def _members(docx):
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def many_members(docx, count=3000):
    return _add(docx, {f"word/x/{i}.xml": b"<x/>" for i in range(count)})


def _add(docx, extra):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        for name, data in extra.items():
            zout.writestr(name, data)
    return out.getvalue()


def with_embedded(docx, name, package):
    """A Word file carrying another package (as Word embeds a chart's workbook)."""
    return _add(docx, {f"word/embeddings/{name}": package})


def odt_with_linked_image(target):
    """A minimal OpenDocument text whose image is linked to `target` (no .rels to strip)."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">
<office:body><office:text><text:p>Linked picture:</text:p>
<text:p><draw:frame draw:name="img" text:anchor-type="as-char" svg:width="8cm" svg:height="2cm">
<draw:image xlink:href="{target}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>
</draw:frame></text:p></office:text></office:body></office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
