"""Pure rules of transfer (nộp lưu) and destruction (hủy tài liệu hết giá trị), issue 17.

No Flask, no database: plain values in, a year, a bool or a Vietnamese refusal out.
Rule ids (docs/archive.md): LT-17 = Điều 17 Luật Lưu trữ số 33/2024/QH15 (time limits of
transfer); LT-HUY = the Law's destruction procedure (a decision of the head of the agency on
the council's proposal; never without it), LT-HOLD = our legal hold.
"""

import datetime

from inspection.dossier import rules as dossier_rules
from inspection.dossier.rules import retention_years

LAW = "Luật Lưu trữ số 33/2024/QH15"
CIRCULAR_06 = "Thông tư số 06/2025/TT-BNV"  # 15/5/2025: details of the Law, the destruction steps
# LT-HUY-15 (Thông tư 06/2025/TT-BNV): the destruction is carried out at the latest 15 days from
# the date of the competent person's decision (calendar days: the text does not say working days).
DESTROY_WITHIN_DAYS = 15
# LT-17: into the current archive (lưu trữ hiện hành) within 1 year from the year the work
# ended; into the historical archive within 5 years from the year it entered the current one.
CURRENT_ARCHIVE_YEARS = 1
HISTORICAL_ARCHIVE_YEARS = 5

OPEN, CLOSED, TRANSFERRED, DESTROYED = "open", "closed", "nop_luu", "da_huy"

OPEN_MESSAGE = (
    "Hồ sơ {code} chưa đóng: chỉ hồ sơ đã đóng và nộp vào lưu trữ cơ quan mới được nộp lưu (Điều 17 " + LAW + ")."
)
NOT_PERMANENT_MESSAGE = (
    "Hồ sơ {code} có thời hạn bảo quản {retention}: chỉ hồ sơ bảo quản vĩnh viễn được nộp lưu vào "
    "Lưu trữ lịch sử (Điều 17 " + LAW + ")."
)
TRANSFERRED_MESSAGE = "Hồ sơ {code} đã được nộp lưu vào {archive}; không nộp lưu lần thứ hai (Điều 17 " + LAW + ")."
IN_BATCH_MESSAGE = (
    "Hồ sơ {code} đã có trong đợt nộp lưu số {batch}; không đưa một hồ sơ vào hai đợt (Điều 17 " + LAW + ")."
)
DESTROYED_MESSAGE = "Hồ sơ {code} đã bị hủy; không thể nộp lưu hay hủy lại (" + LAW + ")."
NO_DECISION_MESSAGE = (
    "Chưa ghi nhận quyết định hủy tài liệu (số, ngày, người ký và bản quyết định): không được hủy hồ sơ "
    "khi chưa có quyết định của người đứng đầu cơ quan theo đề nghị của Hội đồng xác định giá trị "
    "tài liệu (" + LAW + ")."
)
PERMANENT_MESSAGE = "Hồ sơ {code} bảo quản vĩnh viễn: không bao giờ được hủy (" + LAW + ")."
NOT_EXPIRED_MESSAGE = (
    "Hồ sơ {code} có thời hạn bảo quản {retention} tính từ năm {end_year}, đến hết năm {until} mới hết "
    "thời hạn: chưa được hủy (" + LAW + ")."
)
HOLD_MESSAGE = "Hồ sơ {code} đang bị phong tỏa, không được hủy: {reasons}."
DESTROY_DUE_TEXT = "Hạn thực hiện hủy: chậm nhất ngày {due} (15 ngày kể từ ngày quyết định, " + CIRCULAR_06 + ")."
DESTROY_OVERDUE_TEXT = "Đã quá hạn thực hiện hủy {days} ngày (" + CIRCULAR_06 + ")."


def end_year(year, end_on=None):
    """Return the year the work of a dossier ended (its end date, else its year): the one rule,
    dossier.rules.work_end_year."""
    return dossier_rules.work_end_year(end_on, int(year))


def is_permanent(retention):
    """Tell whether a retention period is permanent ('Vĩnh viễn')."""
    return retention_years(retention) is None


def transfer_due_year(ended, archived_year=None):
    """Return the last year a permanent dossier may stay in the agency archive (LT-17).

    It entered the current archive in `archived_year` (at the latest the year after the work
    ended, LT-17) and must reach the historical archive within 5 years from then.
    """
    entered = archived_year if archived_year else ended + CURRENT_ARCHIVE_YEARS
    return entered + HISTORICAL_ARCHIVE_YEARS


def due_for_transfer(state, retention, ended, archived_year, year):
    """Tell whether a dossier is due for transfer to the historical archive by `year` (LT-17)."""
    return state == CLOSED and is_permanent(retention) and transfer_due_year(ended, archived_year) <= year


def retention_end_year(retention, ended):
    """Return the last year a dossier is kept (retention counted from the year the work
    ended), or None when it is kept forever: the one rule, dossier.rules.retention_end_year."""
    return dossier_rules.retention_end_year(ended, retention_years(retention))


def past_retention(retention, ended, year):
    """Tell whether a dossier's retention has run out by the end of `year`."""
    until = retention_end_year(retention, ended)
    return until is not None and until <= year


def transfer_refusal(code, state, retention, transferred_to="", other_batch=None):
    """Return why a dossier may not go into a transfer batch (LT-17), or None."""
    if state == OPEN:
        return OPEN_MESSAGE.format(code=code)
    if state == DESTROYED:
        return DESTROYED_MESSAGE.format(code=code)
    if state == TRANSFERRED:
        return TRANSFERRED_MESSAGE.format(code=code, archive=transferred_to or "Lưu trữ lịch sử")
    if not is_permanent(retention):
        return NOT_PERMANENT_MESSAGE.format(code=code, retention=retention)
    if other_batch:
        return IN_BATCH_MESSAGE.format(code=code, batch=other_batch)
    return None


def destroy_refusal(code, state, retention, ended, year, decided, holds=()):
    """Return why a dossier may not be destroyed now (LT-HUY, LT-HOLD), or None.

    `decided`: the council's decision is recorded; `holds`: the reasons of active holds.
    """
    if state == DESTROYED:
        return DESTROYED_MESSAGE.format(code=code)
    if state == TRANSFERRED:
        return TRANSFERRED_MESSAGE.format(code=code, archive="Lưu trữ lịch sử")
    if state == OPEN:
        return OPEN_MESSAGE.format(code=code)
    if is_permanent(retention):
        return PERMANENT_MESSAGE.format(code=code)
    if not past_retention(retention, ended, year):
        return NOT_EXPIRED_MESSAGE.format(
            code=code, retention=retention, end_year=ended, until=retention_end_year(retention, ended)
        )
    if holds:
        return HOLD_MESSAGE.format(code=code, reasons="; ".join(holds))
    if not decided:
        return NO_DECISION_MESSAGE
    return None


def review_refusal(code, state, retention, ended, year):
    """Return why a dossier may not go on a disposal review list, or None.

    The same checks as destroying, but the decision and the holds: a held dossier may be
    reviewed, and the hold is shown beside it; only its destruction is refused (LT-HOLD)."""
    return destroy_refusal(code, state, retention, ended, year, decided=True)


def years_text(start_year, ended):
    """Return '2019' or '2019-2020' for a destruction record."""
    return str(ended) if not start_year or start_year == ended else f"{start_year}-{ended}"


def destruction_due(decided_on):
    """Return the last day the destruction may be carried out after a decision of `decided_on`
    (LT-HUY-15: 15 days from the decision), or None without a decision date."""
    return decided_on + datetime.timedelta(days=DESTROY_WITHIN_DAYS) if decided_on else None


def destruction_overdue_days(decided_on, today):
    """Return how many days a decided destruction is past its limit (LT-HUY-15), 0 when it is not."""
    due = destruction_due(decided_on)
    return max(0, (today - due).days) if due else 0
