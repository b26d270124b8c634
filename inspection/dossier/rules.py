"""Pure rules of the inspection dossier (R-17) and its closing (Decree 30, Art. 29).

No Flask, no database: plain values in, plain values out.
"""

from dataclasses import dataclass

from inspection.cases import rules as case_rules
from inspection.errors import Conflict

# the closed dossier holds these eight components, in this order.
# (number, Vietnamese name as written in Điều 17, required?)
COMPONENTS = (
    (1, "Quyết định thành lập Đoàn kiểm tra", True),
    (2, "Văn bản giao nhiệm vụ của UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở và các văn bản liên quan", True),
    (3, "Văn bản theo dõi, đôn đốc (nếu có)", False),
    (4, "Báo cáo, tài liệu phản ánh tình hình thực hiện nhiệm vụ", True),
    (5, "Kế hoạch kiểm tra (hoặc văn bản có ý kiến chỉ đạo của Giám đốc Sở liên quan đến việc kiểm tra)", True),
    (6, "Biên bản, tài liệu liên quan đến nội dung kiểm tra", True),
    (7, "Báo cáo kết quả kiểm tra", True),
    (8, "Tài liệu có liên quan khác (nếu có)", False),
)
COMPONENT_NUMBERS = tuple(c[0] for c in COMPONENTS)
REQUIRED_COMPONENTS = tuple(c[0] for c in COMPONENTS if c[2])
COMPONENT_NAMES = {c[0]: c[1] for c in COMPONENTS}

# Where the notice of conclusions (TB) is filed unless the setting says otherwise (R-17 item 8).
DEFAULT_NOTICE_COMPONENT = 8

# Which component each kind of document the system itself issues belongs to.
KIND_COMPONENT = {
    "inspection_decision": 1,
    "assignment": 2,  # directive documents of the tasks in scope (register)
    "urging_letter": 3,
    "unit_answer": 4,  # units' uploaded reports and papers
    "request_letter": 6,  # letters asking units for reports (papers of the inspection)
    "invitation_letter": 6,  # letters inviting members during the inspection
    "inspection_plan": 5,
    "inspection_minutes": 6,
    "inspection_report": 7,
    "conclusion_notice": DEFAULT_NOTICE_COMPONENT,
}

SOURCES = ("generated", "register", "answer", "upload")

# Upload types accepted into a dossier, by sniffed content (not by name).
UPLOAD_MIMES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
IMAGE_MIMES = ("image/jpeg", "image/png")
OFFICE_MIMES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


def component_name(number):
    """Return the Vietnamese name of component `number` (1-8)."""
    if number not in COMPONENT_NAMES:
        raise ValueError(f"dossier component must be 1-8, got {number!r}")
    return COMPONENT_NAMES[number]


def component_for_kind(kind, notice_component=DEFAULT_NOTICE_COMPONENT):
    """Return the R-17 component a system document of `kind` is filed under."""
    if kind == "conclusion_notice":
        return int(notice_component)
    return KIND_COMPONENT.get(kind, 8)


# The components follow the form of inspection: without a team there is no
# decision setting it up (1); when the Director works directly with the unit head, he concludes
# himself in the minutes (6) and the notice, so there is no report to him (7) and the unit's
# papers (4) are what it brings to the session, "if any".
REQUIRED_BY_FORM = {
    case_rules.FORM_TEAM: REQUIRED_COMPONENTS,
    case_rules.FORM_DEPUTY: tuple(n for n in REQUIRED_COMPONENTS if n != 1),
    case_rules.FORM_DIRECT: tuple(n for n in REQUIRED_COMPONENTS if n not in (1, 4, 7)),
    # the unit's own inspection: its plan is the case itself, no team decision.
    case_rules.FORM_INTERNAL: tuple(n for n in REQUIRED_COMPONENTS if n not in (1, 5)),
}


def required_components(form=None):
    """Return the component numbers a dossier of a case of `form` must hold (R-17, R-12.3, R-12.4)."""
    return REQUIRED_BY_FORM.get(form or case_rules.FORM_TEAM, REQUIRED_COMPONENTS)


def missing_components(counts, form=None):
    """Return the required components (number, name) that hold no item.

    `counts` maps component number -> number of (not removed) items. R-17: 1, 2, 4, 5,
    6 and 7 must not be empty for a team's inspection; 3 and 8 are "if any".
    """
    return [(n, COMPONENT_NAMES[n]) for n in required_components(form) if not counts.get(n)]


def is_complete(counts, form=None):
    """Return True when every required component of R-17 holds at least one item."""
    return not missing_components(counts, form)


def missing_message(missing):
    """Return the Vietnamese refusal listing the missing components (R-17)."""
    listed = "; ".join(f"{n}. {name}" for n, name in missing)
    return "Hồ sơ chưa đầy đủ theo Điều 17, còn thiếu thành phần: " + listed + "."


# ---- numbers in Vietnamese words (for the closing certificate) ----------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _three(n, full):
    """Spell 0 <= n < 1000; `full` forces 'không trăm'/'linh' for inner groups."""
    hundreds, tens, units = n // 100, (n // 10) % 10, n % 10
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return words


def number_to_words(n):
    """Spell a non-negative integer in Vietnamese: 12 -> 'mười hai', 105 -> 'một trăm linh năm'."""
    if not isinstance(n, int) or n < 0:
        raise ValueError("number_to_words needs a non-negative integer")
    if n == 0:
        return "không"
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    if len(groups) > len(_SCALES):
        raise ValueError("number too large")
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words += _three(g, full=bool(words))
        words.append(_SCALES[i])
    return " ".join(w for w in words if w)


def sheets_phrase(n):
    """Return '12 tờ (viết bằng chữ: mười hai tờ)' for the closing certificate."""
    return f"{n:02d} tờ (viết bằng chữ: {number_to_words(n)} tờ)"


# ---- page layout of the assembled PDF -------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """Where one document lands in the assembled PDF (1-based page numbers)."""

    index: int
    first_page: int
    last_page: int


def place_documents(front_pages, page_counts):
    """Return the first/last page of each document after `front_pages` pages (cover+TOC).

    Documents with 0 pages (attachments that could not be converted) get no page of
    their own: first_page/last_page are 0.
    """
    placed, page = [], front_pages + 1
    for i, count in enumerate(page_counts):
        if count <= 0:
            placed.append(Placed(i, 0, 0))
            continue
        placed.append(Placed(i, page, page + count - 1))
        page += count
    return placed


def page_range_label(first, last):
    """Return the 'Tờ số' cell: '05', '05-07', or '' for an attachment without pages."""
    if not first:
        return ""
    return f"{first:02d}" if first == last else f"{first:02d}-{last:02d}"


def order_items(items):
    """Return items sorted by (component, position, id) - the order of R-17."""
    return sorted(items, key=lambda it: (it["component"], it.get("position", 0), it.get("id") or 0))


def move(positions, item_id, direction):
    """Return a new ordered list of ids with `item_id` moved up (-1) or down (+1).

    `positions` is the current ordered list of ids within one component; moving past
    either end leaves the order unchanged.
    """
    ids = list(positions)
    i = ids.index(item_id)
    j = i + direction
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    return ids


# ---- closing ----------------------------------------------------------------------

CLOSED_MESSAGE = (
    "Hồ sơ kiểm tra đã đóng (Điều 17; Điều 29 Nghị định 30/2020/NĐ-CP): "
    "không được thêm, sửa hoặc xóa tài liệu, hồ sơ vụ việc hay kết quả kiểm tra."
)

# --- e2-transfer (issue 17): a transferred or destroyed dossier refuses changes too ---
TRANSFERRED_MESSAGE = (
    "Hồ sơ đã nộp lưu vào {archive} (Điều 17 Luật Lưu trữ số 33/2024/QH15): "
    "hồ sơ vẫn tra cứu được nhưng không được thêm, sửa hoặc xóa."
)
DESTROYED_MESSAGE = (
    "Hồ sơ đã bị hủy theo quyết định của cơ quan (tài liệu hết giá trị, Luật Lưu trữ số 33/2024/QH15): "
    "chỉ còn thông tin về hồ sơ và biên bản hủy, không được thay đổi."
)


def closed_message(state, transferred_to=""):
    """Return why a dossier in `state` refuses every change (R-17; Luật Lưu trữ 2024)."""
    if state == "nop_luu":
        return TRANSFERRED_MESSAGE.format(archive=transferred_to or "Lưu trữ lịch sử")
    if state == "da_huy":
        return DESTROYED_MESSAGE
    return CLOSED_MESSAGE


# --- end e2-transfer ---

RETENTION_CHOICES = ("5 năm", "10 năm", "20 năm", "70 năm", "Vĩnh viễn")


def retention_years(retention):
    """Return the retention in years, or None for 'Vĩnh viễn' (permanent)."""
    text = (retention or "").strip().lower()
    if text.startswith("vĩnh viễn"):
        return None
    head = text.split()[0] if text else ""
    if not (head.isascii() and head.isdigit()):
        raise ValueError(f"unknown retention period: {retention!r}")
    return int(head)


def must_transfer_to_archive(retention):
    """Decree 30 Art. 29: dossiers kept 5 years or more go to the agency archive."""
    years = retention_years(retention)
    return years is None or years >= 5


class DossierClosed(Conflict):
    """A change was attempted on a closed dossier (R-17)."""


def is_closed(case):
    """Tell whether the case's dossier is closed (R-17; Decree 30 Art. 29): nothing may change.

    The closed state is the cases' own constant (cases.rules.CLOSED), defined once there.
    """
    return getattr(case, "state", None) == case_rules.CLOSED


def ensure_open(case):
    """Refuse any change to a case whose dossier is closed (raise DossierClosed)."""
    if is_closed(case):
        raise DossierClosed(CLOSED_MESSAGE)


# ---- retention schedule and paper dossiers (issue 17) ------------------------------------
# Luật Lưu trữ 2024 (Law 33/2024/QH15, in force 01/7/2025) and Thông tư 10/2022/TT-BNV: a
# retention period is counted from the year the work ended (năm công việc kết thúc); what the
# sources say and what could not be verified is written in docs/archive.md.

PERMANENT_LABEL = "Vĩnh viễn"
MAX_RETENTION_YEARS = 100
LAW = "Luật Lưu trữ 2024 (số 33/2024/QH15)"
SCHEDULE_RULE = "Thông tư 10/2022/TT-BNV: thời hạn bảo quản tính từ năm công việc kết thúc"
# A dossier code: letters, digits and . - / _ (e.g. KT-2019-004, HS.2015/12), at most 100.
CODE_PATTERN = r"[A-Za-z0-9ĐđÀ-ỹ][A-Za-z0-9ĐđÀ-ỹ._/\-]{0,99}"


def period_label(years):
    """'20 năm' or 'Vĩnh viễn' (years None) - the display value kept in Dossier.retention."""
    return PERMANENT_LABEL if years is None else f"{years} năm"


def check_retention_line(code, title, years, legal_reference):
    """Refuse a schedule line without its legal reference or with an impossible period (issue 17).

    Returns a list of (field, Vietnamese message); empty when the line is acceptable.
    """
    errors = []
    if not (code or "").strip():
        errors.append(("code", "Hãy nhập mã dòng của bảng thời hạn bảo quản."))
    if not (title or "").strip():
        errors.append(("title", "Hãy nhập tên nhóm hồ sơ, tài liệu của dòng."))
    if years is not None and not (1 <= years <= MAX_RETENTION_YEARS):
        errors.append(("years", f"Thời hạn bảo quản là số năm từ 1 đến {MAX_RETENTION_YEARS}, hoặc Vĩnh viễn."))
    if not (legal_reference or "").strip():
        errors.append(
            (
                "legal_reference",
                "Mỗi dòng của bảng thời hạn bảo quản phải ghi căn cứ pháp lý (văn bản, điều, mục) "
                f"theo {LAW} và văn bản hướng dẫn về thời hạn bảo quản.",
            )
        )
    return errors


def work_end_year(end_on, year):
    """The year the work ended: the dossier's end date, else its year (Thông tư 10/2022/TT-BNV)."""
    return end_on.year if end_on else year


def retention_end_year(end_year, years):
    """The year whose end the retention runs out: end year + period; None when permanent.

    A dossier whose work ended in 2006 and is kept 20 years is due for review in 2026
    (counted from the year the work ended, Thông tư 10/2022/TT-BNV; review of documents
    whose period ran out: Luật Lưu trữ 2024, docs/archive.md).
    """
    if years is None:
        return None
    return end_year + years


def is_due_in(end_year, years, year):
    """True when a dossier's retention ends in `year` (never for a permanent one)."""
    ends = retention_end_year(end_year, years)
    return ends is not None and ends == year
