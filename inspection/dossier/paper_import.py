"""Import of past paper dossiers: a sheet (one row per dossier) and a ZIP of scans (issue 17).

All or nothing, like the register's import: every row is checked first (missing or duplicate
codes in the sheet or in the archive, unknown retention line, missing or bad scan) and the
row-level errors are shown with nothing imported; when every row is good, every dossier is
registered in one transaction and the packages written are removed again if it fails.
ZIP member names are only matched against the sheet, never used as paths; sizes, member
count and compression ratio are bounded (zip bombs).
"""

import io
import os
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field

from inspection import uploads
from inspection.db import db
from inspection.dossier import paper
from inspection.errors import Conflict, DomainError, ValidationFailed
from inspection.register.excel_import import RowError, open_workbook, sheet_rows

COLUMNS = (
    ("code", "Mã hồ sơ"),
    ("title", "Tiêu đề hồ sơ"),
    ("start_on", "Ngày bắt đầu (dd/mm/yyyy)"),
    ("end_on", "Ngày kết thúc (dd/mm/yyyy)"),
    ("units_text", "Đơn vị được kiểm tra"),
    ("sheets", "Số tờ"),
    ("retention_line", "Mã dòng thời hạn bảo quản"),
    ("location_shelf", "Giá/kệ"),
    ("location_box", "Hộp"),
    ("scans", "Tệp bản quét (tên tệp trong ZIP, cách nhau bởi dấu ;)"),
)
LETTERS = "ABCDEFGHIJ"
MAX_ROWS = 2000
ZIP_MAX_MEMBERS = 20000
ZIP_MAX_TOTAL = 8 * 1024 * uploads.MB  # inflated bytes of all scans of one batch
ZIP_MAX_RATIO = uploads.OFFICE_MAX_RATIO  # scans barely compress: a higher ratio is a bomb


@dataclass
class Checked:
    rows: list = field(default_factory=list)  # (values, [Scan])
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def _key(name):
    return unicodedata.normalize("NFC", (name or "").replace("\\", "/").split("/")[-1]).strip().lower()


def open_scans(source):
    """{file-name key: ZipInfo} of a checked ZIP; raises ValidationFailed for a bad or hostile one."""
    try:
        z = zipfile.ZipFile(source)
        infos = [i for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError):
        raise ValidationFailed("Tệp bản quét không phải tệp nén ZIP hợp lệ.", field="scans") from None
    if len(infos) > ZIP_MAX_MEMBERS:
        raise ValidationFailed(f"Tệp ZIP có quá nhiều tệp (tối đa {ZIP_MAX_MEMBERS}).", field="scans")
    if sum(i.file_size for i in infos) > ZIP_MAX_TOTAL:
        raise ValidationFailed("Tệp ZIP bung ra quá lớn; hãy chia thành nhiều đợt nhập.", field="scans")
    if any(i.file_size > uploads.MB and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1) for i in infos):
        raise ValidationFailed("Tệp ZIP có tỉ lệ nén bất thường (nghi là tệp nén độc hại).", field="scans")
    members, twins = {}, set()
    for info in infos:
        key = _key(info.filename)
        if key in members:
            twins.add(key)
        members[key] = info
    return z, members, twins


def template_xlsx():
    """The sheet to fill in, with its header and one example row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Ho so giay"
    ws.append([label for _k, label in COLUMNS])
    ws.append(
        ["KT-2015-004", "Hồ sơ kiểm tra việc thực hiện nhiệm vụ năm 2015", "02/03/2015", "30/06/2015",
         "Chi cục Thủy lợi", 48, "KT-KH", "K2", "H05", "kt-2015-004.pdf"]
    )  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value):
    return "" if value is None else (value if not isinstance(value, str) else value.strip())


def read_rows(path):
    """(sheet row number, {field: value}) of every non-empty row after the header."""
    wb = open_workbook(path)
    try:
        ws = wb.worksheets[0]
        out = []
        for number, values in sheet_rows(ws, limit=MAX_ROWS + 1):
            if number == 1:
                continue
            cells = values[: len(COLUMNS)]
            if all(_cell(v) in ("", None) for v in cells):
                continue
            out.append((number, {k: _cell(v) for (k, _label), v in zip(COLUMNS, cells)}))
        return out
    finally:
        wb.close()


def _column(field_name):
    for i, (k, label) in enumerate(COLUMNS):
        if k == field_name:
            return f"{LETTERS[i]} – {label}"
    return ""


def check(rows, zip_source, workdir, max_scan_bytes=None):
    """Check every row and its scans; converted scans go to `workdir`. Writes nothing."""
    result = Checked()
    if not rows:
        result.errors.append(RowError(0, "", "Bảng kê không có dòng hồ sơ nào (dòng 1 là tiêu đề cột)."))
        return result
    z, members, twins = open_scans(zip_source)
    seen, used = {}, set()
    for number, raw in rows:
        try:
            values = paper.clean(raw)
        except ValidationFailed as exc:
            result.errors.append(RowError(number, _column(exc.field), exc.message))
            continue
        code = values["code"]
        if code in seen:
            result.errors.append(
                RowError(number, _column("code"), f"Mã hồ sơ {code} trùng với dòng {seen[code]} của bảng kê.")
            )
            continue
        seen[code] = number
        try:
            paper.refuse_taken(code)
        except Conflict as exc:
            result.errors.append(RowError(number, _column("code"), exc.message))
            continue
        scans = _row_scans(number, raw.get("scans"), z, members, twins, used, workdir, max_scan_bytes, result)
        if scans:
            result.rows.append((values, scans))
    z.close()
    return result


def _row_scans(number, names, z, members, twins, used, workdir, max_bytes, result):
    names = [n.strip() for n in str(names or "").replace(",", ";").split(";") if n.strip()]
    column = _column("scans")
    if not names:
        result.errors.append(RowError(number, column, "Hãy ghi tên tệp bản quét của hồ sơ."))
        return []
    scans = []
    for name in names:
        key = _key(name)
        if key in twins:
            result.errors.append(RowError(number, column, f"Tệp {name} có hai bản cùng tên trong ZIP."))
        elif key in used:
            result.errors.append(RowError(number, column, f"Tệp {name} đã được dùng cho một hồ sơ khác."))
        elif key not in members:
            result.errors.append(RowError(number, column, f"Không có tệp {name} trong tệp ZIP bản quét."))
        else:
            used.add(key)
            scan = _convert(z, members[key], name, workdir, max_bytes, number, column, result)
            if scan:
                scans.append(scan)
    return scans if len(scans) == len(names) else []


def _convert(z, info, name, workdir, max_bytes, number, column, result):
    max_bytes = max_bytes or uploads.DEFAULT_MAX_BYTES
    if info.file_size > max_bytes:
        result.errors.append(RowError(number, column, f"Tệp {name}: quá lớn, giới hạn {max_bytes // uploads.MB} MB."))
        return None
    try:
        data = z.read(info)  # bounded by the declared size, CRC-checked
        scan = paper.check_scan(data, name, max_bytes)
    except ValidationFailed as exc:
        result.errors.append(RowError(number, column, exc.message))
        return None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        result.errors.append(RowError(number, column, f"Tệp {name} trong ZIP bị hỏng."))
        return None
    fd, path = tempfile.mkstemp(dir=workdir, suffix=".pdf")
    with os.fdopen(fd, "wb") as fh:
        fh.write(scan.pdf)
    return paper.Scan(scan.name, None, scan.pages, path)


def commit(user, checked):
    """Register every checked dossier in one transaction; remove the packages if it fails."""
    written = []
    try:
        with db.atomic():
            for values, scans in checked.rows:
                written.append(paper.register_in_transaction(user, values, scans))
    except BaseException:
        for path in written:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return len(written)


def run(user, sheet_path, zip_source, max_scan_bytes=None):
    """Check then import; returns (Checked, imported count). Nothing is written when a row is bad."""
    with tempfile.TemporaryDirectory(prefix="paper-import-") as workdir:
        checked = check(read_rows(sheet_path), zip_source, workdir, max_scan_bytes)
        if not checked.ok:
            return checked, 0
        try:
            return checked, commit(user, checked)
        except DomainError as exc:  # a code taken meanwhile: the whole batch is refused
            checked.errors.append(RowError(0, "", exc.message))
            return checked, 0
