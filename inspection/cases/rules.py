"""Pure rules of inspection cases (Chương IV of the regulation).

No Flask, no database: plain values in, plain values (or Vietnamese messages) out.
Operations turn the messages into ValidationFailed; views show them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# --- Case states (the order is the only allowed path) -----------------------------
DRAFT = "du_thao"
DECIDED = "da_ban_hanh_qd"
IN_PROGRESS = "dang_kiem_tra"
ENDED = "ket_thuc_kiem_tra"
REPORTED = "da_bao_cao"
NOTIFIED = "da_thong_bao"
CLOSED = "da_dong_ho_so"

STATES = [DRAFT, DECIDED, IN_PROGRESS, ENDED, REPORTED, NOTIFIED, CLOSED]
STATE_LABELS = {
    DRAFT: "Dự thảo",
    DECIDED: "Đã ban hành quyết định",
    IN_PROGRESS: "Đang kiểm tra",
    ENDED: "Kết thúc kiểm tra",
    REPORTED: "Đã báo cáo",
    NOTIFIED: "Đã thông báo kết luận",
    CLOSED: "Hồ sơ đã đóng",
}


def transition_error(current, target, form=None):
    """Return why moving a case of `form` from `current` to `target` is refused, or None."""
    steps = form_steps(form)
    if current not in steps or target not in steps:
        if current in STATES and target in STATES:
            return f'Hình thức "{FORM_LABELS[form]}" không có bước "{STATE_LABELS[target]}" (Điều 12).'
        return "Trạng thái hồ sơ kiểm tra không hợp lệ."
    i, j = steps.index(current), steps.index(target)
    if j == i + 1:
        return None
    if j <= i:
        return f'Không thể chuyển hồ sơ kiểm tra từ "{STATE_LABELS[current]}" về "{STATE_LABELS[target]}".'
    return (
        f'Không thể chuyển từ "{STATE_LABELS[current]}" sang "{STATE_LABELS[target]}": '
        f'phải qua bước "{STATE_LABELS[steps[i + 1]]}" trước (Điều 13 – Điều 16).'
    )


def next_state(current, form=None):
    """Return the state after `current` for a case of `form`, or None at the end."""
    steps = form_steps(form)
    i = steps.index(current)
    return steps[i + 1] if i + 1 < len(steps) else None


# --- Grounds, forms, roles ---------------------------------------------------------
GROUND_PLAN = "ke_hoach"
GROUND_BOARD = "yeu_cau_bgd"  # the Board's request
GROUND_SIGNS = "dau_hieu"  # signs a unit does not perform
GROUND_INTERNAL = "noi_bo"  # the unit head inspects inside his own unit
GROUND_LABELS = {
    GROUND_PLAN: "Theo kế hoạch kiểm tra được phê duyệt (khoản 1 Điều 12)",
    GROUND_BOARD: "Đột xuất theo yêu cầu chỉ đạo của Ban Giám đốc Sở (khoản 2 Điều 12)",
    GROUND_SIGNS: "Đột xuất do có dấu hiệu không thực hiện hoặc thực hiện không đúng nhiệm vụ (khoản 2 Điều 12)",
    GROUND_INTERNAL: "Kiểm tra nội bộ theo kế hoạch của Thủ trưởng đơn vị (khoản 2 Điều 15)",
}

FORM_DEPUTY = "pho_giam_doc"
FORM_TEAM = "doan_kiem_tra"
FORM_DIRECT = "lam_viec_truc_tiep"
FORM_INTERNAL = "noi_bo_don_vi"
FORM_LABELS = {
    FORM_DEPUTY: "Phó Giám đốc Sở chủ trì kiểm tra",
    FORM_TEAM: "Thành lập Đoàn kiểm tra",
    FORM_DIRECT: "Giám đốc Sở làm việc trực tiếp với Thủ trưởng đơn vị",
    FORM_INTERNAL: "Thủ trưởng đơn vị kiểm tra nội bộ đơn vị mình",
}
# The forms the Office chooses for the Department's inspections (Điều 12); the internal one is
# the unit head's own (khoản 2 Điều 15) and has its own page.
DEPARTMENT_FORMS = (FORM_TEAM, FORM_DEPUTY, FORM_DIRECT)
DEPARTMENT_GROUNDS = (GROUND_PLAN, GROUND_BOARD, GROUND_SIGNS)

# each form has the steps it needs. A team is set up by a decision (Điều 13);
# a Deputy Director presides on the Director's assignment, without a team decision, and reports
# to the Director; the Director works directly with the unit head: a working session,
# its minutes and conclusions, then the notice to the unit (no report to himself).
FORM_STEPS = {
    FORM_TEAM: STATES,
    FORM_DEPUTY: [DRAFT, IN_PROGRESS, ENDED, REPORTED, NOTIFIED, CLOSED],
    FORM_DIRECT: [DRAFT, IN_PROGRESS, ENDED, NOTIFIED, CLOSED],
    # the unit head reports to the Director; there is no notice to his own unit.
    FORM_INTERNAL: [DRAFT, IN_PROGRESS, ENDED, REPORTED, CLOSED],
}
PRESIDER_ROLE = {FORM_DEPUTY: "deputy_director", FORM_DIRECT: "director", FORM_INTERNAL: "unit_head"}


def form_steps(form):
    """Return the states a case of `form` passes through (the team's when unknown)."""
    return FORM_STEPS.get(form or FORM_TEAM, STATES)


def has_team(form):
    """Tell whether a case of `form` sets up a team by a decision (R-12.3, Điều 13)."""
    return (form or FORM_TEAM) == FORM_TEAM


def presider_error(form, presider_roles, presider_name=""):
    """Return why this person cannot preside over a case of `form`, or None (R-12.3, R-12.4)."""
    if has_team(form):
        return "Hình thức thành lập Đoàn kiểm tra: Trưởng đoàn chủ trì theo quyết định kiểm tra (Điều 13)."
    if PRESIDER_ROLE[form] not in presider_roles:
        if form == FORM_DEPUTY:
            return f"{presider_name} không phải Phó Giám đốc Sở: không thể được phân công chủ trì kiểm tra (khoản 3 Điều 12)."
        if form == FORM_INTERNAL:
            return "Kiểm tra nội bộ do Thủ trưởng đơn vị chủ trì (khoản 2 Điều 15)."
        return "Hình thức làm việc trực tiếp do Giám đốc Sở chủ trì (khoản 4 Điều 12)."
    return None


def internal_scope_error(form, outside_count):
    """Return why an internal inspection cannot take tasks of other units, or None (R-15.2)."""
    if form == FORM_INTERNAL and outside_count:
        return (
            f"{outside_count} nhiệm vụ không thuộc đơn vị: kiểm tra nội bộ chỉ gồm nhiệm vụ của đơn vị mình "
            f"(khoản 2 Điều 15)."
        )
    return None


def direct_end_error(form, concluded_sessions):
    """Return why a direct inspection cannot end without minutes holding conclusions, or None (R-12.4)."""
    if form == FORM_DIRECT and concluded_sessions == 0:
        return (
            "Làm việc trực tiếp phải có biên bản buổi làm việc ghi kết luận của Giám đốc Sở trước khi "
            "kết thúc (khoản 4 Điều 12)."
        )
    return None


LEADER = "truong_doan"
DEPUTY = "pho_truong_doan"
MEMBER = "thanh_vien"
SECRETARY = "thu_ky"
ROLE_LABELS = {LEADER: "Trưởng đoàn", DEPUTY: "Phó Trưởng đoàn", MEMBER: "Thành viên", SECRETARY: "Thư ký"}
ROLE_ORDER = {LEADER: 0, DEPUTY: 1, MEMBER: 2, SECRETARY: 3}

# the three content items of an inspection.
CONTENT_ITEMS = {
    "to_chuc_thuc_hien": "Việc tổ chức, triển khai và tình hình, kết quả thực hiện nhiệm vụ được giao "
    "(khoản 1 Điều 11)",
    "cap_nhat_phan_mem": "Việc cập nhật tình hình, kết quả thực hiện nhiệm vụ trên Phần mềm theo dõi "
    "chỉ đạo điều hành (khoản 2 Điều 11)",
    "che_do_bao_cao": "Việc thực hiện chế độ thông tin, báo cáo về tình hình thực hiện nhiệm vụ (khoản 3 Điều 11)",
}


# --- the decision's five parts ----------------------------------------------
@dataclass
class DecisionFacts:
    legal_grounds: list
    unit_count: int
    task_count: int
    content_items: list
    start: date = None
    end: date = None
    has_leader: bool = False
    member_count: int = 0
    needs_team: bool = True  # only the team form sets up a team


def decision_missing_parts(f):
    """Return the R-13 parts (a–đ) missing from a decision, in Vietnamese; [] when complete."""
    missing = []
    if not [g for g in f.legal_grounds if str(g).strip()]:
        missing.append("a) Căn cứ pháp lý để kiểm tra")
    if f.unit_count == 0 or f.task_count == 0:
        missing.append(
            "b) Phạm vi, đối tượng, nhiệm vụ kiểm tra"
            + (" (chưa có đơn vị được kiểm tra)" if f.unit_count == 0 else "")
            + (" (chưa có nhiệm vụ nào trong phạm vi)" if f.task_count == 0 else "")
        )
    if not f.content_items:
        missing.append("c) Nội dung kiểm tra")
    if f.start is None or f.end is None:
        missing.append("d) Thời hạn kiểm tra")
    if f.needs_team and (f.member_count == 0 or not f.has_leader):
        missing.append("đ) Thành phần Đoàn kiểm tra" + ("" if f.member_count == 0 else " (chưa có Trưởng đoàn)"))
    return missing


def decision_refusal(missing):
    """Return the refusal message for an incomplete decision (R-13)."""
    return "Chưa thể ban hành quyết định kiểm tra vì còn thiếu: " + "; ".join(missing) + " (khoản 2 Điều 13)."


# --- Time window --------------------------------------------------------------------
def window_error(start, end):
    """Return why an inspection window is invalid, or None."""
    if start and end and end < start:
        return "Ngày kết thúc kiểm tra không được trước ngày bắt đầu (thời hạn kiểm tra, điểm d khoản 2 Điều 13)."
    return None


def length_in_working_days(start, end, calendar):
    """Return the inspection's length in working days, both ends included."""
    if not start or not end or end < start:
        return 0
    return calendar.count_working_days(start - timedelta(days=1), end)


# --- Team ---------------------------------------------------------------------------
@dataclass
class Member:
    name: str
    role: str
    heads_unit_id: int = None  # the unit this person heads, if any
    unit_id: int = None  # the unit this person works in, if a user of the system
    waived: bool = False  # the Director accepted him despite working in an inspected unit


def team_errors(members, inspected_unit_ids, unit_names=None):
    """Return the team's problems (R-13đ, R-14.1, conflict of interest); [] when valid."""
    errors = []
    leaders = [m for m in members if m.role == LEADER]
    if not leaders:
        errors.append("Đoàn kiểm tra phải có Trưởng đoàn (khoản 1 Điều 14).")
    elif len(leaders) > 1:
        errors.append("Đoàn kiểm tra chỉ có một Trưởng đoàn (khoản 1 Điều 14).")
    for m in members:
        if m.role not in ROLE_LABELS:
            errors.append(f"Vai trò của {m.name} trong Đoàn không hợp lệ.")
        problem = member_problem(m, inspected_unit_ids, unit_names)
        if problem:
            errors.append(problem)
    return errors


def member_problem(member, inspected_unit_ids, unit_names=None):
    """Return why one member cannot join the team (conflict of interest), or None.

    The head of an inspected unit never can; anyone else working in an inspected unit only
    when the Director accepted it with a recorded reason (waivable_conflict).
    """
    inspected = set(inspected_unit_ids)
    if member.heads_unit_id and member.heads_unit_id in inspected:
        unit = (unit_names or {}).get(member.heads_unit_id, "đơn vị được kiểm tra")
        return (
            f"{member.name} là Thủ trưởng {unit} – đơn vị được kiểm tra – nên không thể "
            f"là thành viên Đoàn kiểm tra (xung đột lợi ích, Điều 13, Điều 14)."
        )
    if member.unit_id and member.unit_id in inspected and not member.waived:
        unit = (unit_names or {}).get(member.unit_id, "đơn vị được kiểm tra")
        return (
            f"{member.name} công tác tại {unit} – đơn vị được kiểm tra – nên chỉ tham gia Đoàn kiểm tra "
            f"khi Giám đốc Sở chấp thuận và ghi rõ lý do (xung đột lợi ích, Điều 13, Điều 14)."
        )
    return None


def waiver_error(member, inspected_unit_ids, reason):
    """Return why the Director cannot accept this person despite the conflict, or None."""
    inspected = set(inspected_unit_ids)
    if member.heads_unit_id and member.heads_unit_id in inspected:
        return member_problem(member, inspected_unit_ids)
    if not (member.unit_id and member.unit_id in inspected):
        return f"{member.name} không công tác tại đơn vị được kiểm tra: không cần Giám đốc Sở chấp thuận."
    if not (reason or "").strip():
        return "Giám đốc Sở chấp thuận phải ghi rõ lý do (xung đột lợi ích, Điều 13, Điều 14)."
    return None


# --- members invited during the inspection -------------------------------------
INVITE_STATES = (DECIDED, IN_PROGRESS)


def invite_error(state, role, purpose):
    """Return why the leader cannot invite this member now, or None (R-14.2)."""
    if state == DRAFT:
        return "Cuộc kiểm tra chưa có quyết định: thành viên Đoàn được ghi trong dự thảo quyết định (Điều 13)."
    if state not in INVITE_STATES:
        return "Cuộc kiểm tra đã kết thúc: không còn mời tham gia Đoàn kiểm tra (khoản 2 Điều 14)."
    if role == LEADER:
        return "Đoàn kiểm tra đã có Trưởng đoàn: người được mời tham gia với vai trò khác (khoản 2 Điều 14)."
    if not (purpose or "").strip():
        return "Phải ghi nội dung, lý do mời tham gia Đoàn kiểm tra (khoản 2 Điều 14)."
    return None


# --- Inspections from the plan and their scope (R-12.1, R-13.2b) ---------------------
def plan_item_taken_error(existing_title):
    """Return why a second case cannot be made from a plan row that already has one, or None."""
    if existing_title is None:
        return None
    return (
        f'Cuộc kiểm tra trong kế hoạch này đã được lập ("{existing_title}"): không lập cuộc thứ hai '
        f"từ cùng một dòng kế hoạch (khoản 1 Điều 12)."
    )


def outside_scope_error(outside_count, reason):
    """Return why tasks of units not inspected cannot join the scope without a reason, or None."""
    if outside_count and not (reason or "").strip():
        return (
            f"{outside_count} nhiệm vụ không thuộc đơn vị được kiểm tra: phải ghi lý do đưa vào phạm vi "
            f"kiểm tra (điểm b khoản 2 Điều 13)."
        )
    return None


# --- the report deadline -------------------------------------------------
REPORT_DAYS = 5


def report_due(end, calendar):
    """Return the report's due date: 5 working days after the inspection ends (R-16.2)."""
    return calendar.add_working_days(end, REPORT_DAYS) if end else None


def report_late(due, reported_on, today):
    """Return True when the report was (or is now) later than its due date (R-16.2)."""
    if due is None:
        return False
    return (reported_on or today) > due


def report_error(state):
    """Return why a report cannot be issued in `state`, or None (R-16.2)."""
    if state in (DRAFT, DECIDED, IN_PROGRESS):
        return "Chưa thể ban hành báo cáo kết quả kiểm tra: cuộc kiểm tra chưa kết thúc (khoản 2 Điều 16)."
    if state != ENDED:
        return "Báo cáo kết quả kiểm tra đã được ban hành."
    return None


# --- R-13d: the decided time limit, its extension, the actual end ------------------------
RUNNING = (DECIDED, IN_PROGRESS)
FINISHED = (ENDED, REPORTED, NOTIFIED, CLOSED)


def time_limit(end_on, extended_to):
    """Return the inspection's time limit: the decided end, or the extended one (R-13d)."""
    return extended_to or end_on


def overrun(limit, ended_on, state, today):
    """Return True when an inspection ran (or runs) past its time limit (R-13d)."""
    if limit is None:
        return False
    if state in RUNNING:
        return today > limit
    return state in FINISHED and ended_on is not None and ended_on > limit


def extension_error(state, limit, new_end):
    """Return why the time limit cannot be extended to `new_end`, or None (R-13d)."""
    if state not in RUNNING:
        return "Chỉ gia hạn thời hạn kiểm tra khi cuộc kiểm tra chưa kết thúc (điểm d khoản 2 Điều 13)."
    if new_end is None or (limit is not None and new_end <= limit):
        return (
            f"Ngày gia hạn phải sau thời hạn kiểm tra hiện tại ({limit:%d/%m/%Y}) (điểm d khoản 2 Điều 13)."
            if limit
            else "Chưa có thời hạn kiểm tra để gia hạn (điểm d khoản 2 Điều 13)."
        )
    return None


def end_error(start, ended_on, today):
    """Return why `ended_on` cannot be the actual end, or None: not before the start, not in the future."""
    if start and ended_on < start:
        return "Ngày kết thúc kiểm tra không được trước ngày bắt đầu (điểm d khoản 2 Điều 13)."
    if ended_on > today:
        return "Ngày kết thúc kiểm tra thực tế không được sau ngày hôm nay (điểm d khoản 2 Điều 13)."
    return None


# --- report and notice, one deadline; the flags the pages show --------------------
def notice_due(end, calendar):
    """Return the notice's due date: the same 5 working days after the end as the report (R-16.2)."""
    return report_due(end, calendar)


@dataclass
class CaseDates:
    state: str
    end_on: date = None  # the decided limit
    extended_to: date = None
    ended_on: date = None
    report_due_on: date = None
    reported_on: date = None
    notified_on: date = None


FLAG_REPORT_LATE = "Quá hạn báo cáo (khoản 2 Điều 16)"
FLAG_NOTICE_LATE = "Quá hạn thông báo kết luận (khoản 2 Điều 16)"
FLAG_OVERRUN = "Quá thời hạn kiểm tra, chưa có quyết định gia hạn (điểm d khoản 2 Điều 13)"


def case_flags(d, today):
    """Return the Vietnamese flags of a case: late report, late notice, run past its limit."""
    flags = []
    if overrun(time_limit(d.end_on, d.extended_to), d.ended_on, d.state, today):
        flags.append(FLAG_OVERRUN)
    if d.state in FINISHED and report_late(d.report_due_on, d.reported_on, today):
        flags.append(FLAG_REPORT_LATE)
    if d.state in FINISHED and report_late(d.report_due_on, d.notified_on, today):
        flags.append(FLAG_NOTICE_LATE)
    return flags


def case_dates(case):
    """Return the CaseDates of a case row (plain values for case_flags)."""
    return CaseDates(
        case.state, case.end_on, case.extended_to, case.ended_on, case.report_due_on, case.reported_on, case.notified_on
    )


# --- R-16.3a: the evaluation of each inspected unit ---------------------------------
EVALUATION_PARTS = {
    "organisation": "việc tổ chức triển khai thực hiện",
    "results": "kết quả thực hiện nhiệm vụ",
    "updating": "việc cập nhật trên Phần mềm theo dõi chỉ đạo điều hành",
    "reporting": "việc thực hiện chế độ thông tin, báo cáo",
}


def evaluation_gaps(unit_names, evaluations):
    """Return, per inspected unit, what its R-16.3a evaluation still lacks; [] when complete.

    `unit_names` is {unit_id: name}; `evaluations` is {unit_id: {part: text}}.
    """
    gaps = []
    for unit_id, name in unit_names.items():
        texts = evaluations.get(unit_id) or {}
        absent = [label for part, label in EVALUATION_PARTS.items() if not (texts.get(part) or "").strip()]
        if absent:
            gaps.append(f"{name}: chưa đánh giá " + ", ".join(absent) + " (điểm a khoản 3 Điều 16).")
    return gaps


# --- R-16.3b: findings --------------------------------------------------------------
RESULT_DONE = "dung_yeu_cau"
RESULT_LATE = "tre_han"
RESULT_NOT_DONE = "chua_thuc_hien"
RESULT_WRONG = "khong_dung"
RESULT_LABELS = {
    RESULT_DONE: "Thực hiện đúng yêu cầu",
    RESULT_LATE: "Thực hiện chậm so với thời hạn",
    RESULT_NOT_DONE: "Chưa thực hiện",
    RESULT_WRONG: "Thực hiện không đúng, không đầy đủ",
}
SHORTFALLS = (RESULT_LATE, RESULT_NOT_DONE, RESULT_WRONG)


def prefill_result(status_code):
    """Return the finding result suggested by a register status code (R-5.1e), or ''."""
    return _PREFILL.get(status_code, "")


# Register status codes (inspection.register.rules.Status values) -> finding result.
_PREFILL = {
    "xong_dung_han": RESULT_DONE,
    "xong_khong_ro_ngay": RESULT_DONE,
    "xong_qua_han": RESULT_LATE,
    "dang_qua_han": RESULT_NOT_DONE,
    "chua_qua_han": RESULT_NOT_DONE,
}


def finding_error(result, nature, degree, cause, responsibility, task_label=""):
    """Return why a finding is incomplete (R-16.3b), or None."""
    if result and result not in RESULT_LABELS:
        return "Kết quả kiểm tra nhiệm vụ không hợp lệ."
    if result in SHORTFALLS:
        absent = [
            name
            for name, value in (
                ("tính chất", nature),
                ("mức độ", degree),
                ("nguyên nhân", cause),
                ("trách nhiệm", responsibility),
            )
            if not (value or "").strip()
        ]
        if absent:
            return (
                f"Nhiệm vụ {task_label} chưa thực hiện hoặc thực hiện không đúng: phải xác định rõ "
                + ", ".join(absent)
                + " (điểm b khoản 3 Điều 16)."
            ).replace("  ", " ")
    return None


# --- R-16.3c: recommendations ---------------------------------------------------------
REC_URGE = "don_doc_chi_dao"
REC_ADJUST = "dieu_chinh_nhiem_vu"
REC_HANDLE = "xu_ly_vi_pham"
REC_LABELS = {
    REC_URGE: "Biện pháp đôn đốc, chỉ đạo thực hiện nhiệm vụ",
    REC_ADJUST: "Điều chỉnh nhiệm vụ giao",
    REC_HANDLE: "Biện pháp xử lý vi phạm",
}


def recommendation_error(kind, content, unit_id, deadline, today):
    """Return why a recommendation is invalid (R-16.3c), or None."""
    if kind not in REC_LABELS:
        return "Loại kiến nghị không hợp lệ (điểm c khoản 3 Điều 16)."
    if not (content or "").strip():
        return "Nội dung kiến nghị không được để trống (điểm c khoản 3 Điều 16)."
    if not unit_id:
        return "Kiến nghị phải có đơn vị chịu trách nhiệm thực hiện (điểm c khoản 3 Điều 16)."
    if deadline is None:
        return "Kiến nghị phải có thời hạn thực hiện (điểm c khoản 3 Điều 16)."
    if today and deadline < today:
        return "Thời hạn thực hiện kiến nghị không được trước ngày hôm nay."
    return None


# --- Plans (R-12.1, R-15.1a) ---------------------------------------------------------
PLAN_DRAFT = "du_thao"
PLAN_SUBMITTED = "da_trinh"
PLAN_APPROVED = "da_phe_duyet"
PLAN_RETURNED = "tra_lai"
PLAN_LABELS = {
    PLAN_DRAFT: "Dự thảo",
    PLAN_SUBMITTED: "Đã trình Giám đốc",
    PLAN_APPROVED: "Đã phê duyệt",
    PLAN_RETURNED: "Trả lại để chỉnh sửa",
}
PLAN_MOVES = {
    "submit": ({PLAN_DRAFT, PLAN_RETURNED}, PLAN_SUBMITTED),
    "approve": ({PLAN_SUBMITTED}, PLAN_APPROVED),
    "return": ({PLAN_SUBMITTED}, PLAN_RETURNED),
}


def plan_move(state, action, remarks="", item_count=1):
    """Return (new_state, None) or (None, Vietnamese refusal) for a plan workflow action."""
    if action not in PLAN_MOVES:
        return None, "Thao tác không hợp lệ."
    sources, target = PLAN_MOVES[action]
    if state not in sources:
        return None, (f'Kế hoạch đang ở trạng thái "{PLAN_LABELS.get(state, state)}", không thể {_PLAN_VERBS[action]}.')
    if action == "submit" and item_count == 0:
        return None, "Kế hoạch chưa có cuộc kiểm tra nào, chưa thể trình (điểm a khoản 1 Điều 15)."
    if action == "return" and not (remarks or "").strip():
        return None, "Trả lại kế hoạch phải ghi rõ ý kiến chỉnh sửa."
    return target, None


_PLAN_VERBS = {"submit": "trình Giám đốc", "approve": "phê duyệt", "return": "trả lại"}


def plan_editable(state):
    """Return True when a plan may still be edited (draft or returned)."""
    return state in (PLAN_DRAFT, PLAN_RETURNED)


def item_due_soon(window_start, today, days, started):
    """Return True when a planned inspection not yet started approaches its window."""
    if started or window_start is None:
        return False
    return (window_start - today).days <= days


# --- Issue 14: the case page as steps (R-12 to R-17) -------------------------------------
STAGE_DRAFT = "du-thao"
STAGE_DECISION = "quyet-dinh"
STAGE_WORK = "dang-kiem-tra"
STAGE_REPORT = "bao-cao"
STAGE_NOTICE = "thong-bao"
STAGE_DOSSIER = "ho-so"
STAGE_CLOSED = "dong"
STAGE_LABELS = {
    STAGE_DRAFT: "Dự thảo",
    STAGE_DECISION: "Quyết định",
    STAGE_WORK: "Đang kiểm tra",
    STAGE_REPORT: "Báo cáo",
    STAGE_NOTICE: "Thông báo",
    STAGE_DOSSIER: "Hồ sơ",
    STAGE_CLOSED: "Đóng",
}
# A stage holds the work that moves a case out of its state; ENDED and REPORTED depend on
# the form's next step (R-12.4: the Director concludes himself: no notice to oneself).
_STAGE_OF_STATE = {
    DRAFT: STAGE_DRAFT,
    DECIDED: STAGE_DECISION,
    IN_PROGRESS: STAGE_WORK,
    NOTIFIED: STAGE_DOSSIER,
    CLOSED: STAGE_CLOSED,
}
_STAGE_OF_NEXT = {REPORTED: STAGE_REPORT, NOTIFIED: STAGE_NOTICE, CLOSED: STAGE_DOSSIER}

# The one primary action of each stage and the words of its button. At the merge with the
# signing flow (trình ký) the decision's label becomes "Trình Giám đốc ký quyết định".
NEXT_LABELS = {
    "issue_decision": "Trình Giám đốc ký quyết định kiểm tra",
    "assign_presider": "Phân công chủ trì và bắt đầu kiểm tra",
    "start": "Bắt đầu kiểm tra",
    "end": "Kết thúc kiểm tra",
    "issue_report": "Ban hành báo cáo kết quả kiểm tra",
    "issue_notice": "Trình Giám đốc ký thông báo kết luận kiểm tra",
    "close_dossier": "Lập và đóng hồ sơ kiểm tra",
}


@dataclass
class StepFacts:
    """What the next step of a case needs, gathered by the page (plain values)."""

    decision_missing: list = None  # decision_missing_parts
    end_problem: str = None  # direct_end_error
    report_problems: list = None  # findings and evaluations not done


@dataclass
class NextStep:
    action: str
    label: str
    missing: list


def _state_and_form(case):
    return case.state, getattr(case, "form", None)


def stage(case, facts=None):
    """Return the stage of a case among the seven (STAGE_LABELS), from its state and form."""
    return _stage_of(*_state_and_form(case))


def _stage_of(state, form):
    if state in (ENDED, REPORTED):
        return _STAGE_OF_NEXT[next_state(state, form)]
    return _STAGE_OF_STATE.get(state, STAGE_DRAFT)


def stages(form):
    """Return the stages a case of `form` passes through, in order (R-12.3, R-12.4, R-15.2)."""
    return list(dict.fromkeys(_stage_of(state, form) for state in form_steps(form)))


def next_step(case, facts=None):
    """Return the one primary action of the case's stage, its label and what it still lacks; None when closed."""
    state, form = _state_and_form(case)
    facts = facts or StepFacts()
    if state == DRAFT:
        action = "issue_decision" if has_team(form) else "assign_presider"
        return NextStep(action, NEXT_LABELS[action], list(facts.decision_missing or []))
    if state == DECIDED:
        return NextStep("start", NEXT_LABELS["start"], [])
    if state == IN_PROGRESS:
        return NextStep("end", NEXT_LABELS["end"], [facts.end_problem] if facts.end_problem else [])
    after = next_state(state, form)
    if after == REPORTED:
        return NextStep("issue_report", NEXT_LABELS["issue_report"], list(facts.report_problems or []))
    if after == NOTIFIED:
        return NextStep("issue_notice", NEXT_LABELS["issue_notice"], [])
    if after == CLOSED:
        return NextStep("close_dossier", NEXT_LABELS["close_dossier"], [])
    return None
