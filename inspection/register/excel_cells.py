"""Read the values that the Office's own Excel sheets hold (pure: no Flask, no database).

Each `read_*` function takes one raw cell value (as openpyxl returns it) and returns
plain values, or raises CellError with a Vietnamese reason that the import lists with
the row number and the column.
"""

from __future__ import annotations

import datetime
import functools
import re

from inspection.errors import CellError
from inspection.text import fold, nfc

# Excel serial numbers of plausible dates (1990-01-01 .. 2100-12-31).
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_RE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_DAY_OF_MONTH_RE = re.compile(r"ngay\s+(\d{1,2})")
_SPLIT_STRONG = re.compile(r"[;\n]+")
_SPLIT_WEAK = re.compile(r"[,+]")
_COMPACT_RE = re.compile(r"[^0-9a-z]+")
# "... tại Văn bản số 2315/SNN-KHTC ngày 12/10/2026" (also Báo cáo số, Tờ trình số, Công văn số).
_RESULT_DOC_RE = re.compile(
    r"(?:văn bản|vb|báo cáo|tờ trình|công văn|quyết định|kế hoạch)\s*số\s*"
    r"([0-9][^\s,;()]*)\s*(?:ngày\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}))?",
    re.IGNORECASE,
)

# Type codes written after the number in a Vietnamese document symbol (Decree 30, annex III).
_TYPE_CODES = {
    "qd": "quyet_dinh",
    "ct": "chi_thi",
    "cd": "cong_dien",
    "tb": "thong_bao_ket_luan",
    "kh": "ke_hoach",
}
# Other type codes: a symbol starting with one of them is not a công văn.
_OTHER_CODES = {
    "bc",
    "ttr",
    "nq",
    "hd",
    "gm",
    "tt",
    "da",
    "ctr",
    "pa",
    "qc",
    "qy",
    "gp",
    "bb",
    "hđ",
    "tc",
    "tcv",
    "cv",
    "tt-btc",
}
_ISSUERS = (  # folded prefix -> issuer_kind; order matters: "pho chu tich" before "chu tich".
    ("pho chu tich", "pho_chu_tich"),
    ("pct ubnd", "pho_chu_tich"),
    ("chu tich", "chu_tich"),
    ("ct ubnd", "chu_tich"),
    ("van phong ubnd", "vp_ubnd_tinh"),
    ("vp ubnd", "vp_ubnd_tinh"),
    ("vpubnd", "vp_ubnd_tinh"),
    ("ubnd tinh", "ubnd_tinh"),
    ("uy ban nhan dan tinh", "ubnd_tinh"),
    ("ubnd", "ubnd_tinh"),
    ("pho giam doc", "pho_giam_doc"),
    ("pgd", "pho_giam_doc"),
    ("giam doc", "giam_doc"),
)
# Agency code (first part of the symbol's second half) -> issuer, when the issuer cell is empty.
_ISSUER_BY_AGENCY = {"ubnd": "ubnd_tinh", "vp": "vp_ubnd_tinh", "snn": "giam_doc"}

_RECURRENCE_WORDS = (  # folded phrase -> recurrence code
    ("6 thang", "half_yearly"),
    ("sau thang", "half_yearly"),
    ("nua nam", "half_yearly"),
    ("hang quy", "quarterly"),
    ("hang thang", "monthly"),
    ("hang nam", "yearly"),
)
_NO_DEADLINE = ("khong thoi han", "khong co thoi han", "khong han", "khong xac dinh thoi han")

# Progress states read from the "Tình hình thực hiện" column.
NOT_STARTED, IN_PROGRESS, COMPLETED, RETURNED = "not_started", "in_progress", "completed", "returned"


# Issuer, deadline and progress texts repeat from row to row: fold each spelling once.
_fold = functools.lru_cache(maxsize=16384)(fold)


def text(value) -> str:
    """Return a cell as clean NFC text: stray spaces squeezed, None as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", nfc(str(value))).strip()


@functools.lru_cache(maxsize=8192)
def _compact_text(value: str) -> str:
    return _COMPACT_RE.sub("", fold(value))


def compact(value) -> str:
    """Folded key without spaces or punctuation: 'CCTT & BVTV' == 'cctt&bvtv' == 'ccttbvtv'."""
    return _compact_text(value if isinstance(value, str) else str(value or ""))


def read_date(value, *, required=False) -> datetime.date | None:
    """Read an Excel date, a serial number, '19/06/2026', '03/07/26' or 'Trước ngày 11/06/2026'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellError("Thiếu ngày")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellError(f"Không đọc được ngày «{text(value)}»")
    match = _DATE_RE.search(str(value))
    if not match:
        raise CellError(f"Không đọc được ngày «{text(value)}» (cần dạng ngày/tháng/năm)")
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày không tồn tại «{match.group(0)}»") from None


_MARK_YES = {"x", "co", "1", "yes", "phuc tap", "dung"}
_MARK_NO = {"", "khong", "0", "no", "-"}


def read_mark(value) -> bool:
    """Read a yes/no mark column: 'x', 'Có', '1' or TRUE; blank, 'Không', '0' or FALSE."""
    if isinstance(value, bool):
        return value
    key = fold(text(value)).strip(" .")
    if key in _MARK_YES:
        return True
    if key in _MARK_NO:
        return False
    raise CellError(f"Không hiểu dấu «{text(value)}» (ghi «x» hoặc «Có», để trống nếu không)")


def read_deadline(value) -> tuple[datetime.date | None, str, int | None]:
    """Read a deadline cell into (deadline, recurrence, recurrence_day) (R-5.1đ).

    'Không thời hạn' and an empty cell give no deadline; 'Hằng tháng' and
    'Trước ngày 20 hằng tháng' give a recurring task (monthly, day 20).
    """
    if value is None or isinstance(value, (datetime.date, int, float)):
        return read_date(value), "", None
    folded = _fold(str(value))
    if not folded:
        return None, "", None
    if any(phrase in folded for phrase in _NO_DEADLINE):
        return None, "", None
    for phrase, code in _RECURRENCE_WORDS:
        if phrase in folded:
            day = _DAY_OF_MONTH_RE.search(folded)
            day_number = int(day.group(1)) if day else None
            if day_number is not None and not 1 <= day_number <= 31:
                raise CellError(f"Ngày trong tháng không hợp lệ «{text(value)}»")
            return None, code, day_number
    try:
        return read_date(value), "", None
    except CellError:
        raise CellError(
            f"Không đọc được thời hạn «{text(value)}» (ghi ngày, «Không thời hạn» hoặc «Hằng tháng»)"
        ) from None


def read_issuer(value, number_symbol="") -> tuple[str, str]:
    """Map an issuer text to (issuer_kind, issuer_name) (R-1); other agencies are 'khac'."""
    name = text(value)
    folded = _fold(name).replace(".", "")
    for prefix, kind in _ISSUERS:
        if folded.startswith(prefix):
            return kind, name
    if not folded:
        agency = _symbol_parts(number_symbol)
        if agency and agency[0] in _ISSUER_BY_AGENCY:
            return _ISSUER_BY_AGENCY[agency[0]], ""
        raise CellError("Thiếu cơ quan ban hành (điểm a khoản 1 Điều 5)")
    return "khac", name


def _symbol_parts(number_symbol) -> list[str]:
    """Folded codes of a symbol: '12/2026/QĐ-UBND' -> ['qd', 'ubnd']."""
    parts = [p.strip() for p in fold(number_symbol).split("/")[1:]]
    parts = [p for p in parts if p and not p.isdigit()]
    return [c for c in re.split(r"[-\s]+", parts[0]) if c] if parts else []


def read_doc_type(number_symbol, explicit=None) -> str:
    """Guess the document type from its symbol: '/QĐ-' Quyết định, '/UBND-' Công văn (R-3.2)."""
    if explicit:
        folded = fold(explicit)
        for label, code in (
            ("quyet dinh", "quyet_dinh"),
            ("chi thi", "chi_thi"),
            ("cong van", "cong_van"),
            ("cong dien", "cong_dien"),
            ("thong bao", "thong_bao_ket_luan"),
            ("ke hoach", "ke_hoach"),
        ):
            if folded.startswith(label):
                return code
        return "khac"
    codes = _symbol_parts(number_symbol)
    if not codes:
        return "khac"
    if codes[0] in _TYPE_CODES:
        return _TYPE_CODES[codes[0]]
    if codes[0] in _OTHER_CODES:
        return "khac"
    # A công văn's symbol names the agency right after the number (Decree 30): 4827/UBND-HTKT.
    return "cong_van"


def read_progress(value) -> dict:
    """Read the 'Tình hình thực hiện' cell into progress fields (R-5.1e, R-5.1g).

    Returns {'state', 'result_text', 'result_doc_number', 'result_doc_date'}; the
    state is one of NOT_STARTED, IN_PROGRESS, COMPLETED, RETURNED.
    """
    raw = text(value)
    folded = _fold(raw)
    out = {"state": NOT_STARTED, "result_text": "", "result_doc_number": "", "result_doc_date": None}
    # "Không có thời hạn" is what our own export writes for a task without deadline.
    if not folded or folded.startswith("chua") or any(p in folded for p in _NO_DEADLINE):
        return out
    if "tra lai" in folded or "khong thuoc tham quyen" in folded:
        return {**out, "state": RETURNED, "result_text": raw}
    if folded.startswith("dang"):
        return {**out, "state": IN_PROGRESS}
    if folded.startswith(("da ", "hoan thanh")):
        out.update(state=COMPLETED)
        match = _RESULT_DOC_RE.search(raw)
        if match:
            out["result_text"] = raw
            out["result_doc_number"] = match.group(1).rstrip(".")
            if match.group(2):
                out["result_doc_date"] = read_date(match.group(2).replace(" ", ""))
        elif not folded.startswith(("da hoan thanh", "hoan thanh")):
            out["result_text"] = raw
        return out
    raise CellError(
        f"Không nhận ra tình hình thực hiện «{raw}» (ghi «Chưa thực hiện», "
        "«Đang thực hiện», «Đã hoàn thành» hoặc «Đã báo cáo ... tại Văn bản số ... ngày ...»)"
    )


class UnitIndex:
    """Find units by name, abbreviation or alias, ignoring case, spaces, punctuation, diacritics."""

    def __init__(self, units):
        """`units`: iterable of dicts with id, name, abbreviation, aliases ('a; b')."""
        self._by_key: dict[str, set[int]] = {}
        self.names: dict[int, str] = {}
        for unit in units:
            self.names[unit["id"]] = unit["name"]
            spellings = [unit["name"], unit.get("abbreviation") or ""]
            spellings += (unit.get("aliases") or "").split(";")
            for spelling in spellings:
                key = compact(spelling)
                if key:
                    self._by_key.setdefault(key, set()).add(unit["id"])

    def find(self, value) -> int | None:
        """Return the id of the one unit the text names, None if none; CellError if ambiguous."""
        ids = self._by_key.get(compact(value), set())
        if len(ids) > 1:
            raise CellError(f"Tên đơn vị «{text(value)}» trùng với nhiều đơn vị; sửa bí danh của đơn vị")
        return next(iter(ids), None)

    def find_many(self, value) -> list[int]:
        """Read a cell naming one or several units ('A; B', 'CCTT&BVTV, TTNS'); CellError if unknown."""
        raw = "" if value is None else nfc(str(value))  # keep line breaks: they separate units
        if not raw.strip():
            return []
        whole = self.find(raw)
        if whole is not None:
            return [whole]
        ids, unknown = [], []
        for strong in _SPLIT_STRONG.split(raw):
            if not strong.strip():
                continue
            found = self.find(strong)
            parts = [strong] if found is not None else _SPLIT_WEAK.split(strong)
            for part in parts:
                if not part.strip():
                    continue
                unit_id = self.find(part)
                if unit_id is None:
                    unknown.append(text(part))
                elif unit_id not in ids:
                    ids.append(unit_id)
        if unknown:
            names = ", ".join(f"«{u}»" for u in unknown)
            raise CellError(f"Không tìm thấy đơn vị {names} trong danh mục đơn vị")
        return ids

    def find_monitor(self, value) -> tuple[int | None, str]:
        """Read 'Văn phòng Sở - Trần Văn Bình' into (unit id, officer name)."""
        raw = text(value)
        if not raw:
            return None, ""
        whole = self.find(raw)
        if whole is not None:
            return whole, ""
        for match in re.finditer(r"\s*[-–:]\s*", raw):
            unit_id = self.find(raw[: match.start()])
            if unit_id is not None:
                return unit_id, raw[match.end() :].strip()
        return None, raw


def read_kind(summary) -> str:
    """Guess the task kind (R-3.1) from its summary: draft a document, report, or other."""
    folded = fold(summary)
    if folded.startswith("bao cao") or " bao cao " in f" {folded[:40]} ":
        return "report"
    if any(w in folded for w in ("tham muu", "du thao", "xay dung ke hoach", "trinh ubnd", "ban hanh")):
        return "document"
    return "other"
