"""Read the Office's own register sheets (.xlsx): find the header, propose a mapping, parse rows.

Pure apart from reading the file: no Flask, no database. Units come in as plain dicts.
The steps, each usable alone (the web wizard and `flask tasks import` share them):
  open_workbook(path)            -> safe read-only workbook (zip checks first)
  detect_header(rows)            -> Header (two-level merged header, title, "cập nhật đến ngày")
  propose_mapping(header)        -> {field: column index}
  parse_rows(rows, header, mapping, units) -> ParseResult(rows, errors, notices)
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from inspection import uploads
from inspection.errors import ValidationFailed, WorkbookRefused
from inspection.register import excel_cells as cells
from inspection.register.models import document_keys
from inspection.text import fold

HEADER_SCAN_ROWS = 30
MAX_COLUMNS = 40
MAX_ROWS = 200_000
MAX_UNCOMPRESSED = uploads.OFFICE_MAX_UNCOMPRESSED  # web: config REGISTER_IMPORT_MAX_UNCOMPRESSED

# Field -> (Vietnamese label, folded header spellings). Order matters: specific before general.
FIELDS = {
    "stt": ("STT", ("stt", "so tt", "so thu tu", "tt")),
    "number_symbol": ("Số, ký hiệu", ("so ky hieu", "so hieu", "ky hieu", "so van ban")),
    "issued_on": ("Ngày ban hành", ("ngay ban hanh", "ngay van ban", "ngay thang van ban", "ngay ky")),
    "issuer": (
        "Cơ quan ban hành",
        ("co quan ban hanh", "noi ban hanh", "don vi ban hanh", "cap ban hanh", "co quan giao"),
    ),
    "doc_type": ("Loại văn bản", ("loai van ban", "hinh thuc van ban")),
    "signer": ("Người ký", ("nguoi ky",)),
    "abstract": ("Trích yếu", ("trich yeu",)),
    "received_on": ("Ngày nhận", ("ngay nhan", "ngay den", "ngay tiep nhan")),
    # R-6.1b: a document with many tasks/units or needing opinions is registered within 2 working days.
    "is_complex": (
        "Văn bản phức tạp (vào sổ 02 ngày)",
        ("van ban phuc tap", "phuc tap", "nhieu nhiem vu", "vao so 2 ngay", "vao so 02 ngay"),
    ),
    "registered_on": ("Ngày vào sổ", ("ngay vao so", "ngay dang ky", "ngay phan loai")),
    "summary": (
        "Nội dung nhiệm vụ",
        ("noi dung nhiem vu", "nhiem vu", "noi dung cong viec", "noi dung giao", "noi dung chi dao", "noi dung"),
    ),
    "lead_unit": ("Đơn vị chủ trì", ("don vi chu tri", "chu tri", "co quan chu tri", "don vi thuc hien")),
    "cooperating_units": ("Đơn vị phối hợp", ("don vi phoi hop", "phoi hop")),
    "monitor": (
        "Phòng, chuyên viên theo dõi",
        ("phong chuyen vien theo doi", "chuyen vien theo doi", "can bo theo doi", "nguoi theo doi", "theo doi"),
    ),
    "deadline": ("Thời hạn", ("thoi han", "han xu ly", "han hoan thanh", "han giai quyet")),
    "progress": (
        "Tình hình thực hiện",
        ("tinh hinh thuc hien", "ket qua thuc hien", "ket qua", "tien do", "tinh trang"),
    ),
    "note": ("Ghi chú", ("ghi chu",)),
}
REQUIRED_FIELDS = ("number_symbol", "received_on", "summary", "lead_unit")  # R-5.1a-c
# A row counts as a task row when one of these holds something.
_TASK_FIELDS = ("number_symbol", "issued_on", "abstract", "received_on", "summary", "lead_unit", "deadline")
_PUNCT = re.compile(r"[^0-9a-z]+")
_SECTION_RE = re.compile(r"^\s*([IVXLC]+|[A-ZĐ])\s*[.)/-]\s*\S")
_AS_OF_RE = re.compile(r"(?:cap nhat|tinh|so lieu) den ngay\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4})")
_NUMBERING_RE = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass
class Header:
    top_row: int  # 1-based sheet row of the (first) header row
    data_start: int  # 1-based sheet row where data begins
    labels: list[str]  # one display label per column ('Văn bản giao nhiệm vụ / Số, ký hiệu')
    title: str = ""
    as_of: object = None  # the sheet's "Cập nhật đến ngày dd/mm/yyyy", a date or None


@dataclass
class RowError:
    row: int
    column: str  # 'C – Ngày ban hành' or ''
    message: str

    def __str__(self):
        where = f"Dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ParseResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notices: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


# --- opening the file -------------------------------------------------------------------


def check_xlsx(path, max_uncompressed=MAX_UNCOMPRESSED):
    """Refuse anything that is not a real .xlsx by content, or that would inflate too much."""
    with open(path, "rb") as fh:
        if fh.read(4) != b"PK\x03\x04":
            raise WorkbookRefused("Tệp không phải bảng tính Excel (.xlsx); hãy lưu lại bằng Excel dưới dạng .xlsx.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        raise WorkbookRefused("Tệp .xlsx bị hỏng, không mở được.") from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookRefused("Tệp không phải bảng tính Excel (.xlsx); hãy lưu lại bằng Excel dưới dạng .xlsx.")
    try:  # the one zip-bomb check shared with uploads; openpyxl never follows links
        uploads.check_office_package(path, "bảng tính", max_uncompressed, links=False)
    except ValidationFailed as exc:
        raise WorkbookRefused(exc.message) from None


def open_workbook(path, max_uncompressed=MAX_UNCOMPRESSED):
    """Open a checked .xlsx read-only with cached formula values (close it when done)."""
    check_xlsx(path, max_uncompressed)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parser failure is a broken upload for the user
        raise WorkbookRefused("Tệp .xlsx bị hỏng hoặc không đúng định dạng, không mở được.") from None


def sheet_rows(worksheet, limit=MAX_ROWS):
    """Yield (row number, values) of a sheet, MAX_COLUMNS wide, at most `limit` rows."""
    for number, values in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if number > limit:
            raise WorkbookRefused(f"Bảng tính có hơn {limit:,} dòng; hãy chia nhỏ tệp.".replace(",", "."))
        yield number, tuple(values) + (None,) * (MAX_COLUMNS - len(values))


# --- header -------------------------------------------------------------------------------


def _key(value) -> str:
    return _PUNCT.sub(" ", fold(value)).strip()


def match_field(label) -> str | None:
    """Return the field a header label names, or None."""
    key = _key(label)
    if not key:
        return None
    for name, (_label, spellings) in FIELDS.items():
        if any(key == s or key.startswith(s + " ") for s in spellings):
            return name
    return None


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _score(values) -> int:
    return len({match_field(v) for v in values if _is_text(v)} - {None})


def detect_header(head_rows) -> Header | None:
    """Find the header among the first rows [(number, values)]; None if no row looks like one."""
    head_rows = list(head_rows)[:HEADER_SCAN_ROWS]
    best = max(range(len(head_rows)), key=lambda i: _score(head_rows[i][1]), default=None)
    if best is None or _score(head_rows[best][1]) < 3:
        return None
    number, top = head_rows[best]
    sub = head_rows[best + 1][1] if best + 1 < len(head_rows) else ()
    two_level = bool(sub) and _score(sub) >= 1 and all(v is None or _is_text(v) for v in sub)
    labels, group = [], ""
    width = max((i + 1 for i, v in enumerate(top) if v is not None), default=0)
    if two_level:
        width = max(width, max((i + 1 for i, v in enumerate(sub) if v is not None), default=0))
    for col in range(width):
        own = cells.text(top[col])
        child = cells.text(sub[col]) if two_level else ""
        if own:
            group = own if child else ""
        labels.append(f"{own or group} / {child}" if child and (own or group) and own != child else (child or own))
    data_start = number + (2 if two_level else 1)
    nxt = next((v for n, v in head_rows if n == data_start), None)
    filled = [v for v in (nxt or ()) if v is not None]
    if len(filled) >= 3 and all(_NUMBERING_RE.match(cells.text(v)) for v in filled):
        data_start += 1  # the "(1) (2) (3)..." column-number row under the header
    title_rows = [cells.text(v) for _n, vals in head_rows[:best] for v in vals if _is_text(v)]
    return Header(
        top_row=number,
        data_start=data_start,
        labels=labels,
        title=max((t for t in title_rows if t.isupper()), key=len, default=""),
        as_of=_as_of(title_rows),
    )


def _as_of(texts):
    for value in texts:
        match = _AS_OF_RE.search(fold(value))
        if match:
            try:
                return cells.read_date(match.group(1).replace(" ", ""))
            except cells.CellError:
                return None
    return None


def propose_mapping(header: Header) -> dict[str, int]:
    """Propose {field: column index}: each column's own label first, then its group's."""
    mapping = {}
    for col, label in enumerate(header.labels):
        parts = [p.strip() for p in label.split(" / ")]
        for candidate in (parts[-1], label, parts[0]):
            name = match_field(candidate)
            if name and name not in mapping:
                mapping[name] = col
                break
    return mapping


def check_mapping(mapping: dict[str, int]) -> list[str]:
    """Return Vietnamese problems with a (user-corrected) mapping; empty when usable."""
    problems = [f"Chưa chọn cột cho «{FIELDS[f][0]}»." for f in REQUIRED_FIELDS if f not in mapping]
    seen = {}
    for name, col in mapping.items():
        if col in seen:
            problems.append(
                f"Cột {get_column_letter(col + 1)} được chọn cho cả «{FIELDS[seen[col]][0]}» và «{FIELDS[name][0]}»."
            )
        seen[col] = name
    return problems


def column_name(header: Header, col: int) -> str:
    label = header.labels[col].split(" / ")[-1] if col < len(header.labels) else ""
    return f"{get_column_letter(col + 1)} – {label}" if label else get_column_letter(col + 1)


# --- rows -----------------------------------------------------------------------------------


def _row_kind(values, mapping) -> str:
    """Classify a row: 'blank', 'section', 'total', 'empty' (nothing of a task) or 'task'."""
    filled = [v for v in values if v is not None and (not isinstance(v, str) or v.strip())]
    if not filled:
        return "blank"
    # The total's label sits in the first filled cells; fold only those (folding is costly).
    if any(
        isinstance(v, str) and v.lstrip()[:1] in "TtCc" and fold(v).startswith(("tong cong", "tong so", "cong:"))
        for v in filled[:2]
    ):
        return "total"
    if (
        len(filled) == 1
        and isinstance(filled[0], str)
        and (_SECTION_RE.match(filled[0]) or "nhiem vu" in fold(filled[0]))
    ):
        return "section"
    if not any(cells.text(values[mapping[f]]) for f in _TASK_FIELDS if f in mapping):
        return "empty"
    return "task"


def parse_rows(rows, header: Header, mapping: dict[str, int], units) -> ParseResult:
    """Parse the data rows [(number, values)] into plain dicts and a Vietnamese error list.

    Section rows, blank rows, the total row and everything after it (signatures) are
    skipped; a row that holds something but no task (only a note) is listed as a notice.
    """
    index = units if isinstance(units, cells.UnitIndex) else cells.UnitIndex(units)
    result, section, seen_docs, seen_tasks = ParseResult(), "", {}, {}
    for number, values in rows:
        if number < header.data_start:
            continue
        kind = _row_kind(values, mapping)
        if kind == "total":
            break
        if kind == "section":
            section = cells.text(next(v for v in values if v is not None))
            continue
        if kind == "empty":
            result.notices.append(RowError(number, "", "Bỏ qua: dòng không có nội dung nhiệm vụ."))
        if kind != "task":
            continue
        parsed, errors = _parse_row(number, values, header, mapping, index)
        if not errors:
            errors = _check_duplicates(number, parsed, seen_docs, seen_tasks)
        result.errors.extend(errors)
        if not errors:
            parsed["section"] = section
            result.rows.append(parsed)
    _spread_complex_mark(result.rows)
    return result


def _spread_complex_mark(rows):
    """R-6.1b: a document marked complex on any of its rows is complex for all of them."""
    marked = {r["doc_key"] for r in rows if r["document"]["is_complex"]}
    for r in rows:
        r["document"]["is_complex"] = r["doc_key"] in marked


class _Row:
    """Collects one row's values and errors, column by column."""

    def __init__(self, number, values, header, mapping):
        self.number, self.values, self.header, self.mapping = number, values, header, mapping
        self.errors = []

    def raw(self, name):
        col = self.mapping.get(name)
        return self.values[col] if col is not None and col < len(self.values) else None

    def error(self, name, message):
        col = self.mapping.get(name)
        where = column_name(self.header, col) if col is not None else FIELDS[name][0]
        self.errors.append(RowError(self.number, where, message))

    def read(self, name, reader, default=None):
        try:
            return reader(self.raw(name))
        except cells.CellError as exc:
            self.error(name, str(exc))
            return default


def _parse_row(number, values, header, mapping, index):
    r = _Row(number, values, header, mapping)
    number_symbol = cells.text(r.raw("number_symbol"))
    if not number_symbol:
        r.error("number_symbol", "Thiếu số, ký hiệu văn bản (điểm a khoản 1 Điều 5)")
    issued_on = r.read("issued_on", cells.read_date)
    issuer_kind, issuer_name = r.read("issuer", lambda v: cells.read_issuer(v, number_symbol), ("", ""))
    received_on = r.read("received_on", lambda v: cells.read_date(v, required=True))
    if received_on is None and not any(e.column.endswith(FIELDS["received_on"][0]) for e in r.errors):
        r.error("received_on", "Thiếu ngày nhận văn bản (điểm a khoản 1 Điều 5)")
    summary = cells.text(r.raw("summary"))
    if not summary:
        r.error("summary", "Thiếu nội dung nhiệm vụ (điểm b khoản 1 Điều 5)")
    lead_ids = r.read("lead_unit", index.find_many, [])
    if not lead_ids and cells.text(r.raw("lead_unit")) == "":
        r.error("lead_unit", "Thiếu đơn vị chủ trì (điểm c khoản 1 Điều 5)")
    cooperating = r.read("cooperating_units", index.find_many, [])
    monitor_unit_id, officer = index.find_monitor(r.raw("monitor"))
    deadline, recurrence, recurrence_day = r.read("deadline", cells.read_deadline, (None, "", None))
    progress = r.read("progress", cells.read_progress, None)
    registered_on = r.read("registered_on", cells.read_date)
    is_complex = r.read("is_complex", cells.read_mark, False)  # R-6.1b
    _check_dates(r, issued_on, received_on, deadline, registered_on)
    if r.errors:
        return None, r.errors
    lead, joint = lead_ids[0], lead_ids[1:]
    document = {
        "number_symbol": number_symbol,
        "issuer_kind": issuer_kind,
        "issuer_name": issuer_name,
        "doc_type": cells.read_doc_type(number_symbol, cells.text(r.raw("doc_type"))),
        "signer": cells.text(r.raw("signer")),
        "issued_on": issued_on,
        "received_on": received_on,
        "abstract": cells.text(r.raw("abstract")),
        "is_complex": is_complex,
    }
    task = {
        "summary": summary,
        "kind": cells.read_kind(summary),
        "lead_unit_id": lead,
        "joint_unit_ids": joint,
        "cooperating_unit_ids": [u for u in cooperating if u != lead and u not in joint],
        "monitor_unit_id": monitor_unit_id,
        "monitor_officer_name": officer,
        "deadline": deadline,
        "recurrence": recurrence,
        "recurrence_day": recurrence_day,
        "registered_on": registered_on,
        "note": cells.text(r.raw("note")),
        **(progress or cells.read_progress(None)),
    }
    key = document_key(document)
    return {
        "row": number,
        "stt": cells.text(r.raw("stt")),
        "document": document,
        "task": task,
        "doc_key": key,
        "source_key": source_key(key, summary, lead),
    }, []


def _check_dates(r, issued_on, received_on, deadline, registered_on):
    if issued_on and received_on and received_on < issued_on:
        r.error("received_on", "Ngày nhận trước ngày ban hành văn bản")
    if deadline and received_on and deadline < received_on:
        r.error("deadline", "Thời hạn trước ngày nhận văn bản (điểm đ khoản 1 Điều 5)")
    if registered_on and received_on and registered_on < received_on:
        r.error("registered_on", "Ngày vào sổ trước ngày nhận văn bản (điểm b khoản 1 Điều 6)")


def document_key(document) -> tuple:
    """The document's identity: number, issuer and year (the register's unique key)."""
    keys = document_keys(
        document["number_symbol"], document["issuer_kind"], document["issuer_name"], document["issued_on"]
    )
    return keys["number_key"], document["issuer_kind"], keys["issuer_key"], keys["issued_year"]


def source_key(doc_key, summary, lead_unit_id) -> str:
    """Idempotency key of an imported task: same document, same summary, same lead unit."""
    basis = "|".join(str(p) for p in (*doc_key, fold(summary), lead_unit_id))
    return "xlsx:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def _check_duplicates(number, parsed, seen_docs, seen_tasks):
    """One document per number/issuer/year in the sheet; the same task not listed twice."""
    errors = []
    doc = parsed["document"]
    key = parsed["doc_key"]
    first = seen_docs.setdefault(key, (number, doc))
    if first[0] != number and first[1]["issued_on"] != doc["issued_on"]:
        errors.append(
            RowError(
                number,
                FIELDS["number_symbol"][0],
                f"Số, ký hiệu «{doc['number_symbol']}» đã có ở dòng {first[0]} "
                "với ngày ban hành khác (trùng số văn bản của cùng cơ quan, cùng năm)",
            )
        )
    twin = seen_tasks.setdefault(parsed["source_key"], number)
    if twin != number:
        errors.append(RowError(number, "", f"Nhiệm vụ trùng với dòng {twin} (cùng văn bản, nội dung, đơn vị chủ trì)"))
    return errors


def read_sheet(path, units, mapping=None, sheet=None, max_uncompressed=MAX_UNCOMPRESSED):
    """Open, detect, map and parse a sheet in one go; return (header, mapping, result).

    Raises WorkbookRefused when the file or its header cannot be used.
    """
    wb = open_workbook(path, max_uncompressed)
    try:
        ws = wb[sheet] if sheet else _best_sheet(wb)
        head = list(_take(sheet_rows(ws), HEADER_SCAN_ROWS))
        header = detect_header(head)
        if header is None:
            raise WorkbookRefused(
                "Không tìm thấy dòng tiêu đề cột (STT, Số ký hiệu, Nội dung nhiệm vụ, "
                "Đơn vị chủ trì...) trong 30 dòng đầu của bảng tính."
            )
        mapping = propose_mapping(header) if mapping is None else mapping
        problems = check_mapping(mapping)
        if problems:
            return header, mapping, ParseResult(errors=[RowError(header.top_row, "", p) for p in problems])
        return header, mapping, parse_rows(sheet_rows(ws), header, mapping, units)
    finally:
        wb.close()


def _take(iterator, n):
    for i, item in enumerate(iterator):
        if i >= n:
            return
        yield item


def _best_sheet(wb):
    """The sheet whose first rows look most like a register header."""
    best, best_score = wb.worksheets[0], -1
    for ws in wb.worksheets:
        score = max((_score(v) for _n, v in _take(sheet_rows(ws), HEADER_SCAN_ROWS)), default=0)
        if score > best_score:
            best, best_score = ws, score
    return best
