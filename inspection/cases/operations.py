"""Every write of plans and cases, each inside db.atomic() and audited.

Documents are rendered by inspection.cases.issuing, outside any transaction; the
functions here only record what was decided. Refusals raise ValidationFailed with a
Vietnamese message naming the rule; nothing is written then.
"""

from peewee import fn

from inspection import audit, clock
from inspection.accounts import roles
from inspection.accounts.models import Unit, User
from inspection.cases import rules
from inspection.cases.models import (
    CaseTask,
    CaseTransition,
    CaseUnit,
    ConflictWaiver,
    InspectionCase,
    InspectionPlan,
    PlanItem,
    TeamMember,
)
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.register.models import Task


def calendar():
    """Return the working-day calendar in force (with the administrator's additions)."""
    from inspection.calendar.service import current_calendar

    return current_calendar()


def today():
    """Return the reference date (one clock for every part: inspection.clock)."""
    return clock.today()


def now():
    """Return the current moment on the reference date (inspection.clock)."""
    return clock.now()


def _fail_if(message, field=None):
    if message:
        raise ValidationFailed(message, field=field)


# --- plans (R-12.1, R-15.1a) ---------------------------------------------------------
PLAN_FIELDS = ("year", "title", "period_label", "purpose", "content_items", "method", "organisation")


def create_plan(user, **data):
    """Create a draft inspection plan."""
    _fail_if(not (data.get("title") or "").strip() and "Tên kế hoạch không được để trống.", "title")
    with db.atomic():
        plan = InspectionPlan.create(created_by=user, **{k: data[k] for k in PLAN_FIELDS if k in data})
        audit.record(user, "create", plan, None, audit.snapshot(plan))
    return plan


def update_plan(plan, user, **data):
    """Edit a plan while it is a draft or returned."""
    _fail_if(not rules.plan_editable(plan.state) and f'Kế hoạch "{plan.state_label}" không còn sửa được.')
    with db.atomic():
        before = audit.snapshot(plan)
        for k in PLAN_FIELDS:
            if k in data:
                setattr(plan, k, data[k])
        plan.version += 1
        plan.save()
        audit.record(user, "update", plan, before, audit.snapshot(plan))
    return plan


def add_plan_item(plan, user, unit, window_start, window_end, content="", form=rules.FORM_TEAM, composition=""):
    """Add a planned inspection of a unit to an editable plan."""
    _fail_if(not rules.plan_editable(plan.state) and f'Kế hoạch "{plan.state_label}" không còn sửa được.')
    _fail_if(rules.window_error(window_start, window_end), "window_end")
    _fail_if(form not in rules.DEPARTMENT_FORMS and "Hình thức kiểm tra không hợp lệ (Điều 12).", "form")
    with db.atomic():
        order = PlanItem.select().where(PlanItem.plan == plan).count() + 1
        item = PlanItem.create(
            plan=plan,
            unit=unit,
            window_start=window_start,
            window_end=window_end,
            content=content,
            form=form,
            composition=composition,
            sort_order=order,
        )
        audit.record(user, "create", item, None, audit.snapshot(item))
    return item


def remove_plan_item(item, user):
    """Remove a planned inspection from an editable plan."""
    _fail_if(not rules.plan_editable(item.plan.state) and "Kế hoạch không còn sửa được.")
    with db.atomic():
        audit.record(user, "delete", item, audit.snapshot(item), None)
        item.delete_instance()


def move_plan(plan, user, action, remarks=""):
    """Submit, approve or return a plan (draft → submitted → approved / returned)."""
    count = PlanItem.select().where(PlanItem.plan == plan).count()
    target, error = rules.plan_move(plan.state, action, remarks, count)
    _fail_if(error)
    with db.atomic():
        before = audit.snapshot(plan)
        plan.state = target
        now = clock.now()
        if action == "submit":
            plan.submitted_at, plan.remarks = now, ""
        elif action == "approve":
            plan.approved_by, plan.approved_at = user, now
        else:
            plan.remarks = remarks.strip()
        plan.version += 1
        plan.save()
        audit.record(user, "update", plan, before, audit.snapshot(plan))
    return plan


# --- cases: creation and editing while a draft --------------------------------------
CASE_FIELDS = (
    "title",
    "ground",
    "ground_reference",
    "ground_note",
    "form",
    "legal_grounds",
    "content_items",
    "content_note",
    "start_on",
    "end_on",
)


def _check_case_data(data):
    _fail_if(not (data.get("title") or "").strip() and "Tên cuộc kiểm tra không được để trống.", "title")
    ground = data.get("ground")
    _fail_if(ground not in rules.GROUND_LABELS and "Căn cứ tiến hành kiểm tra không hợp lệ (Điều 12).", "ground")
    _fail_if(
        ground == rules.GROUND_BOARD
        and not (data.get("ground_reference") or "").strip()
        and "Kiểm tra đột xuất theo yêu cầu của Ban Giám đốc phải ghi văn bản, ý kiến chỉ đạo (khoản 2 Điều 12).",
        "ground_reference",
    )
    _fail_if(
        ground == rules.GROUND_SIGNS
        and not (data.get("ground_note") or "").strip()
        and "Kiểm tra đột xuất do có dấu hiệu vi phạm phải nêu dấu hiệu, nhiệm vụ cụ thể (khoản 2 Điều 12).",
        "ground_note",
    )
    _fail_if(rules.window_error(data.get("start_on"), data.get("end_on")), "end_on")


def recompute_dues(cal, day):
    """Recompute what a changed calendar day moves in cases: the R-16.2 report deadline and the
    length in working days. One UPDATE per distinct date (pair) in the window, not per case."""
    case = InspectionCase
    end = fn.COALESCE(case.ended_on, case.end_on)  # counts from the actual end once there is one
    touched = (end < day) & (case.report_due_on >= day)
    for (end_on,) in list(case.select(end).where(touched).distinct().tuples()):
        case.update(report_due_on=rules.report_due(end_on, cal)).where(touched & (end == end_on)).execute()
    spans = (case.start_on <= day) & (case.end_on >= day)
    for start_on, end_on in list(case.select(case.start_on, case.end_on).where(spans).distinct().tuples()):
        length = rules.length_in_working_days(start_on, end_on, cal)
        case.update(working_days=length).where((case.start_on == start_on) & (case.end_on == end_on)).execute()


def _apply_window(case):
    cal = calendar()
    case.working_days = rules.length_in_working_days(case.start_on, case.end_on, cal)
    case.report_due_on = rules.report_due(case.end_on, cal)


def create_case(user, unit_ids=(), plan_item=None, **data):
    """Create a draft case, ad hoc or from a plan item (which prefills units and window)."""
    if plan_item is not None:
        data.setdefault("ground", rules.GROUND_PLAN)
        data.setdefault("form", plan_item.form)
        data.setdefault("start_on", plan_item.window_start)
        data.setdefault("end_on", plan_item.window_end)
        data.setdefault("content_items", plan_item.plan.content_items)
        data.setdefault("content_note", plan_item.content)
        unit_ids = list(unit_ids) or [plan_item.unit_id]
    _check_case_data(data)
    _fail_if(
        data.get("ground") == rules.GROUND_PLAN
        and plan_item is None
        and "Kiểm tra theo kế hoạch phải chọn cuộc kiểm tra trong kế hoạch đã phê duyệt.",
        "plan_item",
    )
    _fail_if(
        plan_item is not None
        and plan_item.plan.state != rules.PLAN_APPROVED
        and "Kế hoạch kiểm tra chưa được phê duyệt (khoản 1 Điều 12).",
        "plan_item",
    )
    with db.atomic():  # checked inside the write lock: two clicks make one case
        _fail_if(plan_item is not None and rules.plan_item_taken_error(_case_title_of(plan_item)), "plan_item")
        case = InspectionCase(created_by=user, plan_item=plan_item, **{k: data[k] for k in CASE_FIELDS if k in data})
        _apply_window(case)
        case.save()
        for uid in dict.fromkeys(unit_ids):
            CaseUnit.create(case=case, unit=uid)
        audit.record(user, "create", case, None, audit.snapshot(case))
    return case


def _case_title_of(plan_item):
    """The title of the case already made from a plan row, or None."""
    case = InspectionCase.select(InspectionCase.title).where(InspectionCase.plan_item == plan_item).first()
    return case.title if case else None


def _draft_only(case):
    _fail_if(
        case.state != rules.DRAFT
        and "Quyết định kiểm tra đã ban hành: phạm vi, nội dung, thời hạn và Đoàn kiểm tra "
        "không còn sửa được (Điều 13)."
    )


def update_case(case, user, **data):
    """Edit a draft case's grounds, content and window."""
    _draft_only(case)
    merged = {k: getattr(case, k) for k in CASE_FIELDS}
    merged.update({k: v for k, v in data.items() if k in CASE_FIELDS})
    _check_case_data(merged)
    with db.atomic():
        before = audit.snapshot(case)
        for k in CASE_FIELDS:
            setattr(case, k, merged[k])
        _apply_window(case)
        case.version += 1
        case.save()
        audit.record(user, "update", case, before, audit.snapshot(case))
    return case


def set_units(case, user, unit_ids):
    """Replace the inspected units of a draft case (refused if a team member heads one)."""
    _draft_only(case)
    unit_ids = list(dict.fromkeys(int(u) for u in unit_ids))
    waived = _waived_ids(case)
    members = [_member_facts(m, waived) for m in case.team]
    names = _unit_names(unit_ids)
    for m in members:
        _fail_if(rules.member_problem(m, unit_ids, names), "unit_ids")
    with db.atomic():
        before = {"units": sorted(cu.unit_id for cu in case.unit_links)}
        CaseUnit.delete().where(CaseUnit.case == case).execute()
        for uid in unit_ids:
            CaseUnit.create(case=case, unit=uid)
        audit.record(user, "update", case, before, {"units": sorted(unit_ids)})


def add_scope_tasks(case, user, task_ids, outside_reason=""):
    """Add register tasks to a draft case's scope (secret tasks stay out: R-5.2); tasks of units
    not inspected only with a recorded reason (R-13.2b)."""
    _draft_only(case)
    ids = [int(t) for t in task_ids]
    _fail_if(not ids and "Chưa chọn nhiệm vụ nào để đưa vào phạm vi kiểm tra (điểm b khoản 2 Điều 13).")
    tasks = list(Task.select(Task.id, Task.is_secret).where(Task.id.in_(ids)))
    _fail_if(
        any(t.is_secret for t in tasks)
        and "Nhiệm vụ mật không được đưa vào hồ sơ kiểm tra thông thường (khoản 2 Điều 5)."
    )
    have = {ct.task_id for ct in CaseTask.select(CaseTask.task).where(CaseTask.case == case)}
    new = [t.id for t in tasks if t.id not in have]
    outside = _outside_tasks(case, new)
    _fail_if(rules.internal_scope_error(case.form, len(outside)))  # his own unit's tasks only
    _fail_if(rules.outside_scope_error(len(outside), outside_reason), "outside_reason")
    reason = (outside_reason or "").strip()
    with db.atomic():
        start = len(have)
        if new:
            CaseTask.insert_many(
                [
                    {
                        "case": case.id,
                        "task": tid,
                        "sort_order": start + i + 1,
                        "outside_reason": reason if tid in outside else "",
                    }
                    for i, tid in enumerate(new)
                ]
            ).execute()
        audit.record(user, "update", case, {"scope": len(have)}, {"scope": len(have) + len(new)})
    return len(new)


def _outside_tasks(case, task_ids):
    """The ids among `task_ids` that no inspected unit leads or takes part in."""
    from inspection.register.models import TaskUnit

    if not task_ids:
        return set()
    units = CaseUnit.select(CaseUnit.unit).where(CaseUnit.case == case)
    linked = TaskUnit.select(TaskUnit.task).where(TaskUnit.unit.in_(units))
    inside = Task.select(Task.id).where(Task.id.in_(task_ids) & (Task.lead_unit.in_(units) | Task.id.in_(linked)))
    return set(task_ids) - {t.id for t in inside}


def remove_scope_task(case, user, task_id):
    """Remove a task from a draft case's scope."""
    _draft_only(case)
    with db.atomic():
        n = CaseTask.delete().where((CaseTask.case == case) & (CaseTask.task == task_id)).execute()
        audit.record(user, "update", case, {"scope_removed": int(task_id)}, {"removed": n})


# --- team (R-13đ, R-14) ----------------------------------------------------------------
def _member_facts(m, waived_ids=None):
    if not m.user_id:
        return rules.Member(m.name, m.role)
    return _user_facts(m.case, m.name, m.role, m.user, waived_ids)


def _user_facts(case, name, role, person, waived_ids=None):
    """The conflict-of-interest facts of a person of the Department (None: an outsider)."""
    if person is None:
        return rules.Member(name, role)
    if waived_ids is None:
        waived_ids = _waived_ids(case)
    heads = person.unit_id if person.has_role(roles.UNIT_HEAD) else None
    return rules.Member(name, role, heads, person.unit_id, person.id in waived_ids)


def _waived_ids(case):
    return {w.user_id for w in ConflictWaiver.select(ConflictWaiver.user).where(ConflictWaiver.case == case)}


def _unit_names(unit_ids):
    return {u.id: u.name for u in Unit.select().where(Unit.id.in_(list(unit_ids)))}


def add_member(case, user, role, member_user=None, name="", title="", agency="", gender="Ông"):
    """Add a user or an invited outsider (R-14.2) to a draft case's team."""
    _draft_only(case)
    fields = _member_fields(case, role, member_user, name, title, agency, gender)
    with db.atomic():
        m = TeamMember.create(case=case, **fields)
        audit.record(user, "create", m, None, audit.snapshot(m))
    return m


def _member_fields(case, role, member_user, name, title, agency, gender):
    """Check one new member (role, identity, single leader, conflict of interest); return its fields."""
    _fail_if(role not in rules.ROLE_LABELS and "Vai trò trong Đoàn kiểm tra không hợp lệ.", "role")
    if member_user is not None:
        name, title = member_user.full_name, title or member_user.title
        gender = member_user.gender
        agency = agency or (member_user.unit.name if member_user.unit_id else "")
    _fail_if(not (name or "").strip() and "Phải ghi họ tên thành viên Đoàn kiểm tra.", "name")
    _fail_if(
        member_user is None
        and not (agency or "").strip()
        and "Người được mời tham gia Đoàn phải ghi cơ quan, đơn vị (khoản 2 Điều 14).",
        "agency",
    )
    team = list(case.team)
    _fail_if(
        member_user is not None
        and any(m.user_id == member_user.id for m in team)
        and f"{name} đã có trong Đoàn kiểm tra.",
        "user",
    )
    _fail_if(
        role == rules.LEADER
        and any(m.role == rules.LEADER for m in team)
        and "Đoàn kiểm tra chỉ có một Trưởng đoàn (khoản 1 Điều 14).",
        "role",
    )
    unit_ids = [cu.unit_id for cu in case.unit_links]
    facts = _user_facts(case, name, role, member_user)
    _fail_if(rules.member_problem(facts, unit_ids, _unit_names(unit_ids)), "user")
    return dict(
        user=member_user,
        name=name.strip(),
        title=title,
        agency=agency,
        gender=gender,
        role=role,
        sort_order=rules.ROLE_ORDER[role] * 100 + len(team),
    )


def remove_member(member, user):
    """Remove a member from a draft case's team."""
    _draft_only(member.case)
    with db.atomic():
        audit.record(user, "delete", member, audit.snapshot(member), None)
        member.delete_instance()


# --- state moves -------------------------------------------------------------------------
def move(case, user, target, note="", **changes):
    """Move a case to the next state, recording who and when; skips are refused."""
    _fail_if(rules.transition_error(case.state, target, case.form))
    with db.atomic():
        before = audit.snapshot(case)
        CaseTransition.create(case=case, from_state=case.state, to_state=target, user=user, note=note)
        case.state = target
        for k, v in changes.items():
            setattr(case, k, v)
        case.version += 1
        case.save()
        audit.record(user, "update", case, before, audit.snapshot(case))
    return case


def start_inspection(case, user):
    """Begin the work after the decision (đang kiểm tra)."""
    return move(case, user, rules.IN_PROGRESS)


def end_inspection(case, user, ended_on=None):
    """Close the work on its actual end; the decided limit stays (R-13d); report and notice are due
    5 working days after the actual end (R-16.2); a run past the limit without extension is noted."""
    ended_on = ended_on or today()
    _fail_if(rules.end_error(case.start_on, ended_on, today()), "ended_on")
    limit = rules.time_limit(case.end_on, case.extended_to)
    late = rules.overrun(limit, ended_on, rules.ENDED, today())
    _fail_if(rules.direct_end_error(case.form, concluded_sessions(case)))
    return move(
        case,
        user,
        rules.ENDED,
        note=rules.FLAG_OVERRUN if late else "",
        ended_on=ended_on,
        report_due_on=rules.report_due(ended_on, calendar()),
    )


def record_extension(case, user, new_end, doc):
    """Record an issued extension decision: the limit moves to `new_end` (R-13d); the decided end stays."""
    with db.atomic():
        before = audit.snapshot(case)
        case.extended_to, case.extension_doc = new_end, doc
        case.report_due_on = rules.report_due(new_end, calendar())  # still running: due counts from the limit
        case.version += 1
        case.save()
        audit.record(user, "update", case, before, audit.snapshot(case))
    return case


def concluded_sessions(case):
    """The working sessions of a case whose minutes hold conclusions (R-12.4)."""
    from inspection.cases.models import Minutes

    return Minutes.select().where((Minutes.case == case) & (Minutes.results != "")).count()


def decision_facts(case):
    """Return the R-13 facts of a case, for the completeness check."""
    team = list(case.team)
    return rules.DecisionFacts(
        legal_grounds=case.legal_ground_list,
        unit_count=CaseUnit.select().where(CaseUnit.case == case).count(),
        task_count=CaseTask.select().where(CaseTask.case == case).count(),
        content_items=case.content_keys + ([case.content_note] if case.content_note.strip() else []),
        start=case.start_on,
        end=case.end_on,
        has_leader=any(m.role == rules.LEADER for m in team),
        member_count=len(team),
        needs_team=rules.has_team(case.form),
    )


def check_decision(case):
    """Refuse (ValidationFailed) unless the decision can be issued (R-13, team, window)."""
    _fail_if(case.state != rules.DRAFT and "Quyết định kiểm tra đã được ban hành.")
    _fail_if(
        not rules.has_team(case.form)
        and f'Hình thức "{case.form_label}" không thành lập Đoàn kiểm tra: Giám đốc Sở phân công người chủ trì '
        f"thay cho quyết định thành lập Đoàn (khoản 3, khoản 4 Điều 12)."
    )
    missing = rules.decision_missing_parts(decision_facts(case))
    _fail_if(missing and rules.decision_refusal(missing))
    unit_ids = [cu.unit_id for cu in case.unit_links]
    waived = _waived_ids(case)
    errors = rules.team_errors([_member_facts(m, waived) for m in case.team], unit_ids, _unit_names(unit_ids))
    _fail_if(errors and " ".join(errors))
    _fail_if(rules.window_error(case.start_on, case.end_on))


def freeze_scope(case, today_=None):
    """Copy each scoped task's reference data and status into its CaseTask row (call in a tx)."""
    from inspection.register.models import DirectiveDocument
    from inspection.register.rules import status

    today_ = today_ or today()
    cal = calendar()
    rows = list(
        CaseTask.select(CaseTask, Task, DirectiveDocument, Unit)
        .join(Task)
        .join(DirectiveDocument)
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(CaseTask.case == case)
    )
    for ct in rows:
        t = ct.task
        ct.number_symbol, ct.summary = t.document.number_symbol, t.summary
        ct.lead_unit_name, ct.deadline = t.lead_unit.name, t.deadline
        ct.status_code = status(t, today_, cal).value
    if rows:
        CaseTask.bulk_update(
            rows,
            fields=[
                CaseTask.number_symbol,
                CaseTask.summary,
                CaseTask.lead_unit_name,
                CaseTask.deadline,
                CaseTask.status_code,
            ],
            batch_size=200,
        )


def users_by_id(ids):
    """Return {id: User} for the given ids in one query."""
    return {u.id: u for u in User.select().where(User.id.in_(list(ids)))}
