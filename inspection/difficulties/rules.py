"""What may be raised and decided about a task that cannot go as assigned (pure: no Flask, no writes).

R-19.2: a unit that cannot meet a task reports the difficulty, its cause and its proposal and
drafts the Department's letter. R-10.1c: a disagreement between units about a task goes to the
Board of Directors for a ruling. R-8.4: the Office prepares, the Director or a Deputy decides.
"""

DIFFICULTY = "difficulty"
DISAGREEMENT = "disagreement"
KINDS = {
    DIFFICULTY: "Khó khăn, vướng mắc",
    DISAGREEMENT: "Ý kiến khác nhau giữa các đơn vị",
}

EXTEND = "extend"
CHANGE_LEAD = "change_lead"
DROP = "drop"
ASK_PROVINCE = "ask_province"
RULING = "ruling"
PROPOSALS = {
    EXTEND: "Gia hạn thời hạn thực hiện",
    CHANGE_LEAD: "Giao đơn vị khác chủ trì",
    DROP: "Không tiếp tục thực hiện (trả lại nhiệm vụ)",
    ASK_PROVINCE: "Báo cáo, xin ý kiến UBND tỉnh",
    RULING: "Xin ý kiến chỉ đạo của Ban Giám đốc Sở",
}
# A difficulty proposes how to adjust the task; a disagreement asks who leads or what is asked.
PROPOSALS_OF = {
    DIFFICULTY: (EXTEND, CHANGE_LEAD, DROP, ASK_PROVINCE),
    DISAGREEMENT: (CHANGE_LEAD, RULING, ASK_PROVINCE),
}

PENDING = "pending"
DECIDED = "decided"
STATES = {PENDING: "Chờ Ban Giám đốc quyết định", DECIDED: "Đã quyết định"}
APPROVED = "approved"
REJECTED = "rejected"
DECISIONS = {APPROVED: "Đồng ý", REJECTED: "Không đồng ý"}

MSG_KIND = "Chọn loại kiến nghị: khó khăn, vướng mắc hoặc ý kiến khác nhau giữa các đơn vị."
MSG_PROPOSAL = "Đề xuất này không áp dụng cho loại kiến nghị đã chọn."
MSG_CAUSE = "Nêu rõ khó khăn, vướng mắc (hoặc nội dung ý kiến khác nhau) và nguyên nhân (khoản 2 Điều 19)."
MSG_NOT_LEAD = "Chỉ đơn vị chủ trì nhiệm vụ báo cáo khó khăn, vướng mắc của nhiệm vụ này (khoản 2 Điều 19)."
MSG_NOT_INVOLVED = "Đơn vị của bạn không chủ trì hoặc phối hợp thực hiện nhiệm vụ này."
MSG_CLOSED = "Nhiệm vụ đã hoàn thành hoặc đã trả lại; không còn kiến nghị điều chỉnh."
MSG_OPEN_ALREADY = "Nhiệm vụ đã có một kiến nghị cùng loại của đơn vị đang chờ Ban Giám đốc quyết định."
MSG_DEADLINE = "Nhập thời hạn đề nghị gia hạn, sau thời hạn hiện tại của nhiệm vụ."
MSG_UNIT = "Chọn đơn vị đề nghị giao chủ trì (khác đơn vị đang chủ trì)."
MSG_DECIDED = "Kiến nghị này đã được quyết định trước đó; quyết định đã ghi không thay đổi."
MSG_DECISION = "Chọn Đồng ý hoặc Không đồng ý."
MSG_DOC = "Ghi số và ngày văn bản quyết định gia hạn của cấp có thẩm quyền."
MSG_REASON = "Nêu lý do không đồng ý."


def raise_refusal(kind, proposal, task, unit_id, cooperating_ids, cause):
    """The Vietnamese message and its field when a unit may not raise this item, else None."""
    if kind not in KINDS:
        return MSG_KIND, "kind"
    if task.is_completed or task.returned_on is not None:
        return MSG_CLOSED, None
    if kind == DIFFICULTY and unit_id != task.lead_unit_id:
        return MSG_NOT_LEAD, "kind"
    if unit_id != task.lead_unit_id and unit_id not in cooperating_ids:
        return MSG_NOT_INVOLVED, None
    if proposal not in PROPOSALS_OF[kind]:
        return MSG_PROPOSAL, "proposal"
    if not (cause or "").strip():
        return MSG_CAUSE, "cause"
    return None


def proposal_refusal(proposal, task, proposed_deadline, proposed_unit_id):
    """What is wrong with the proposal's own values (a new date, another lead unit), else None."""
    if proposal == EXTEND and (
        proposed_deadline is None or (task.deadline is not None and proposed_deadline <= task.deadline)
    ):
        return MSG_DEADLINE, "proposed_deadline"
    if proposal == CHANGE_LEAD and (proposed_unit_id is None or proposed_unit_id == task.lead_unit_id):
        return MSG_UNIT, "proposed_unit"
    return None


def decision_refusal(item, decision, doc_number, doc_date, reason):
    """Why this decision cannot be recorded on `item`, else None (R-8.4)."""
    if item.state != PENDING:
        return MSG_DECIDED, None
    if decision not in DECISIONS:
        return MSG_DECISION, "decision"
    if decision == REJECTED and not (reason or "").strip():
        return MSG_REASON, "reason"
    # An extension is itself a decision of record: the deciding document is named (R-8, register).
    if decision == APPROVED and item.proposal == EXTEND and (not (doc_number or "").strip() or doc_date is None):
        return MSG_DOC, "decision_doc_number"
    return None


def changes_task(item, decision):
    """True when an approval moves the task (extend, change lead, drop); asking the Province or
    a ruling is recorded and leaves the task as it is."""
    return decision == APPROVED and item.proposal in (EXTEND, CHANGE_LEAD, DROP)


def document_ref(doc_number, doc_date):
    """The deciding document as the register writes it: "số 12/QĐ-SNNMT ngày 01/12/2026"."""
    number = (doc_number or "").strip()
    if not number:
        return ""
    return f"số {number}" + (f" ngày {doc_date:%d/%m/%Y}" if doc_date else "")


def proposal_text(proposal, proposed_deadline=None, proposed_unit_name=""):
    """The proposal in words, with its new date or unit: "Gia hạn thời hạn thực hiện đến ngày 31/03/2027"."""
    text = PROPOSALS.get(proposal, "")
    if proposal == EXTEND and proposed_deadline:
        return f"{text} đến ngày {proposed_deadline:%d/%m/%Y}"
    if proposal == CHANGE_LEAD and proposed_unit_name:
        return f"{text}: {proposed_unit_name}"
    return text
