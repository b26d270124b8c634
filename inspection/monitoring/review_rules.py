"""The Office's review of what units enter (R-7): kinds, states, refusals, per-unit figures (pure).

An entry (a progress update, a task's result, a unit's contest) waits in the queue as
"pending" until an officer decides it once: a unit's entry is accepted or flagged with a reason
(R-7.1); a contest is upheld (the register changes) or rejected with a reason (R-7.2b).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from inspection.register import rules as register_rules

PROGRESS, RESULT, CONTEST = "progress", "result", "contest"
KINDS = {PROGRESS: "Cập nhật tiến độ", RESULT: "Kết quả thực hiện", CONTEST: "Ý kiến của đơn vị"}
PENDING, ACCEPTED, FLAGGED, UPHELD, REJECTED = "pending", "accepted", "flagged", "upheld", "rejected"
STATES = {
    PENDING: "Chờ xem xét",
    ACCEPTED: "Đã chấp nhận",
    FLAGGED: "Đánh dấu chưa chính xác",
    UPHELD: "Chấp nhận ý kiến",
    REJECTED: "Không chấp nhận ý kiến",
}
# What a unit may contest of what the Office entered about its task (R-7.2b).
CONTEST_SUBJECTS = {"result": "Kết quả thực hiện", "deadline": "Thời hạn", "lead_unit": "Đơn vị chủ trì"}
# A new installation does not queue years of old entries: only those of the last quarter.
COLLECT_DAYS = 92

MSG_DECIDED = "Mục này đã được {who} xử lý trước ({state}); quyết định của bạn chưa được lưu."
MSG_SOME_DECIDED = "Có {n} mục vừa được người khác xử lý; chưa lưu quyết định nào, hãy tải lại danh sách."
MSG_NONE_CHOSEN = "Chưa chọn mục nào để chấp nhận."
MSG_TOO_MANY = "Mỗi lần chấp nhận tối đa {n} mục."
MSG_REASON = "Chưa nêu lý do (khoản 1 Điều 7)."
MSG_WRONG_KIND = "Mục này không phải là {what}."
MSG_SUBJECT = "Chưa chọn nội dung đề nghị xem xét lại."
MSG_CONTEST_REASON = "Chưa nêu lý do đề nghị xem xét lại."
MSG_CONTEST_SECRET = "Không thể gửi ý kiến về nhiệm vụ mật qua hệ thống."
MSG_CONTEST_OPEN = "Đơn vị đã có ý kiến về nội dung này đang chờ Văn phòng xem xét."


def result_key(task) -> str:
    """Name a task's result as entered: a new result, date or document is a new entry (R-7)."""
    parts = (task.completed_on, task.result_entered_on, task.result_doc_number, task.result_doc_date, task.result_text)
    digest = hashlib.sha256("|".join(str(p or "") for p in parts).encode()).hexdigest()[:20]
    return f"{RESULT}:{task.id}:{digest}"


def collect_since(today: date) -> date:
    """Return the first entry day the queue collects."""
    return today - timedelta(days=COLLECT_DAYS)


def decided_message(state: str, who: str) -> str:
    """The refusal of a decision on an item already decided."""
    return MSG_DECIDED.format(who=who or "người khác", state=STATES.get(state, state).lower())


def contest_refusal(task, subject, reason, open_subjects) -> tuple[str, str] | None:
    """(field, message) when a unit's contest cannot be received, else None (R-7.2b, R-5.2)."""
    if task.is_secret:
        return "subject", MSG_CONTEST_SECRET
    if subject not in CONTEST_SUBJECTS:
        return "subject", MSG_SUBJECT
    if not (reason or "").strip():
        return "reason", MSG_CONTEST_REASON
    if subject in open_subjects:
        return "subject", MSG_CONTEST_OPEN
    return None


# --- per-unit figures (R-7.2c) --------------------------------------------------------------


@dataclass(frozen=True)
class UpdateStats:
    """A unit's updates over a period: on time and late under R-6.3b, flagged (R-7.1), corrected."""

    on_time: int = 0
    late: int = 0
    flagged: int = 0
    corrected: int = 0

    def add(self, **counts):
        """Return these figures with `counts` added."""
        return UpdateStats(**{k: getattr(self, k) + counts.get(k, 0) for k in self.__dataclass_fields__})


def entry_verdict(task, deadline, result_on, calendar, *, issuer_kind, updated_on, start, end, today):
    """'on_time', 'late' or None for one deadline of a task in the period [start, end] (R-6.3b).

    A deadline counts in the period its entry limit (2 working days after it) falls in, once that
    limit has passed; the verdict is the register's own rule judged the day after the limit.
    """
    if not register_rules.result_entry_judged(task, issuer_kind):
        return None
    due = register_rules.result_entry_due(deadline, calendar)
    if not (start <= due <= end) or due >= today:
        return None
    one = SimpleNamespace(deadline=deadline, completed_on=result_on)
    late = register_rules.result_entry_late(
        task, due + timedelta(days=1), calendar, issuer_kind=issuer_kind, updated_on=updated_on, periods=[one]
    )
    return "late" if late else "on_time"
