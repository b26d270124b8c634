"""Writes of the inspection work (R-14, R-16): requests, answers, minutes, notes, findings,
evaluations and recommendations. Each inside db.atomic(), audited; refusals change nothing."""

import json

from inspection import audit, clock
from inspection.accounts.models import Unit
from inspection.cases import rules
from inspection.cases.models import (
    CaseTask,
    CaseUnit,
    Finding,
    InformationRequest,
    Minutes,
    Recommendation,
    RequestUnit,
    UnitAnswer,
    UnitEvaluation,
    WorkingNote,
)
from inspection.cases.operations import _fail_if, calendar
from inspection.cases.operations import today as ops_today
from inspection.db import db
from inspection.errors import NotAllowed
from inspection.register import operations as register_operations

WORK_STATES = (rules.DECIDED, rules.IN_PROGRESS, rules.ENDED)


def _working(case):
    _fail_if(
        case.state not in WORK_STATES
        and f'Hồ sơ kiểm tra đang ở trạng thái "{case.state_label}": không thể ghi nhận công việc kiểm tra (Điều 14).'
    )


def _case_units(case, unit_ids):
    allowed = {cu.unit_id for cu in CaseUnit.select(CaseUnit.unit).where(CaseUnit.case == case)}
    ids = [int(u) for u in unit_ids]
    _fail_if(not ids and "Phải chọn ít nhất một đơn vị được kiểm tra.", "unit_ids")
    _fail_if(
        any(u not in allowed for u in ids) and "Chỉ gửi yêu cầu đến đơn vị được kiểm tra của cuộc kiểm tra này.",
        "unit_ids",
    )
    return list(dict.fromkeys(ids))


def create_request(case, user, subject, due_on, unit_ids, content=""):
    """Ask inspected units for reports and papers by a date (R-14.3, R-16.1)."""
    _working(case)
    _fail_if(not (subject or "").strip() and "Phải ghi trích yếu công văn.", "subject")
    _fail_if(due_on is None and "Phải ghi thời hạn đơn vị gửi báo cáo, hồ sơ (khoản 3 Điều 14).", "due_on")
    ids = _case_units(case, unit_ids)
    with db.atomic():
        req = InformationRequest.create(
            case=case, subject=subject.strip(), content=content, due_on=due_on, created_by=user
        )
        RequestUnit.insert_many([{"request": req.id, "unit": u} for u in ids]).execute()
        audit.record(user, "create", req, None, audit.snapshot(req))
    return req


def upload_answer(request, user, stream, filename, note=""):
    """Store a paper uploaded by the addressed unit itself (R-16.1)."""
    from inspection import uploads
    from inspection.dossier.rules import ensure_open

    ensure_open(request.case)  # a closed dossier takes no more papers
    _fail_if(request.doc_id is None and "Công văn đề nghị chưa được ban hành: chưa thể gửi tài liệu.")
    addressed = (
        user.unit_id
        and RequestUnit.select().where((RequestUnit.request == request) & (RequestUnit.unit == user.unit_id)).exists()
    )
    if not addressed:
        raise NotAllowed("Chỉ đơn vị được đề nghị mới được tải tài liệu trả lời vào hồ sơ kiểm tra (khoản 3 Điều 14).")
    stored = uploads.store_stream(stream, filename, user=user, allowed=("pdf", "docx", "xlsx", "jpg", "png"))
    with db.atomic():
        ans = UnitAnswer.create(request=request, unit=user.unit_id, file=stored, note=note, uploaded_by=user)
        audit.record(user, "create", ans, None, audit.snapshot(ans))
    from inspection.signing import records as signature_records

    signature_records.check_stored(stored)  # issue 16: a unit's signed report, shown in the TOC
    return ans


MINUTES_FIELDS = (
    "held_at",
    "ended_at",
    "place",
    "team_participants",
    "unit_participants",
    "content",
    "results",
    "unit_opinions",
)


def create_minutes(case, user, unit_id, **data):
    """Record the minutes (BB) of a working session with an inspected unit (R-14.1)."""
    _working(case)
    _case_units(case, [unit_id])
    _fail_if(not data.get("held_at") and "Phải ghi thời gian làm việc.", "held_at")
    _fail_if(not (data.get("place") or "").strip() and "Phải ghi địa điểm làm việc.", "place")
    _fail_if(not (data.get("content") or "").strip() and "Phải ghi nội dung làm việc.", "content")
    _fail_if(
        data.get("ended_at")
        and data["ended_at"] < data["held_at"]
        and "Giờ kết thúc không được trước giờ bắt đầu buổi làm việc.",
        "ended_at",
    )
    with db.atomic():
        m = Minutes.create(
            case=case, unit=unit_id, created_by=user, **{k: data[k] for k in MINUTES_FIELDS if k in data}
        )
        audit.record(user, "create", m, None, audit.snapshot(m))
    return m


def add_note(case, user, text, stream=None, filename=""):
    """Add a working note of the team, optionally with a file."""
    _fail_if(case.state == rules.CLOSED and "Hồ sơ kiểm tra đã đóng.")
    _fail_if(not (text or "").strip() and "Ghi chú không được để trống.", "text")
    stored = None
    if stream is not None and filename:
        from inspection import uploads

        stored = uploads.store_stream(stream, filename, user=user, allowed=("pdf", "docx", "xlsx", "jpg", "png"))
    with db.atomic():
        note = WorkingNote.create(case=case, author=user, text=text.strip(), file=stored)
        audit.record(user, "create", note, None, audit.snapshot(note))
    return note


# --- findings (R-16.3b) ----------------------------------------------------------------
def prefill_findings(case, user, today=None):
    """Create a finding per scoped task, prefilled from the register (R-5.1e, R-6.1b, R-6.3b)."""
    from inspection.register.facts import result_entry_facts
    from inspection.register.models import DirectiveDocument, Task
    from inspection.register.rules import registration_late, result_entry_late, status

    _fail_if(not case.is_frozen and "Phạm vi kiểm tra chưa được chốt bằng quyết định (Điều 13).")
    today = today or ops_today()
    cal = calendar()
    have = {f.case_task_id for f in Finding.select(Finding.case_task).where(Finding.case == case)}
    rows = (
        CaseTask.select(CaseTask, Task, DirectiveDocument)
        .join(Task)
        .join(DirectiveDocument)
        .where(CaseTask.case == case)
    )
    rows = [ct for ct in rows if ct.id not in have]
    facts = result_entry_facts(ct.task_id for ct in rows)
    new = []
    for ct in rows:
        t = ct.task
        updated_on, periods = facts[t.id]
        new.append(
            {
                "case": case.id,
                "case_task": ct.id,
                "result": rules.prefill_result(status(t, today, cal).value),
                "registration_late": registration_late(t),
                "result_entry_late": result_entry_late(  # R-6.3b
                    t, today, cal, issuer_kind=t.document.issuer_kind, updated_on=updated_on, periods=periods
                ),
            }
        )
    with db.atomic():
        if new:
            Finding.insert_many(new).execute()
        audit.record(user, "update", case, {"findings": len(have)}, {"findings": len(have) + len(new)})
    return len(new)


def refresh_registration_findings(task_ids):
    """Re-judge late registration (R-6.1b) in the findings of cases still at work, for the tasks
    whose stored limit was just recomputed (register.operations.REGISTRATION_DUE_LISTENERS)."""
    from inspection.cases.models import InspectionCase
    from inspection.register.models import Task
    from inspection.register.queries import late_registration_condition

    batch = register_operations.BATCH
    for i in range(0, len(task_ids), batch):
        scoped = dict(
            CaseTask.select(CaseTask.id, CaseTask.task)
            .join(InspectionCase)
            .where(CaseTask.task.in_(task_ids[i : i + batch]) & InspectionCase.state.in_(WORK_STATES))
            .tuples()
        )
        if not scoped:
            continue
        late = {
            t
            for (t,) in Task.select(Task.id)
            .where(Task.id.in_(list(set(scoped.values()))) & late_registration_condition())
            .tuples()
        }
        for flag in (True, False):
            case_tasks = [ct for ct, task_id in scoped.items() if (task_id in late) is flag]
            if case_tasks:
                Finding.update(registration_late=flag).where(Finding.case_task.in_(case_tasks)).execute()


register_operations.REGISTRATION_DUE_LISTENERS.append(refresh_registration_findings)

FINDING_FIELDS = ("result", "nature", "degree", "cause", "responsibility", "note")


def save_finding(finding, user, **data):
    """Record the team's result for one task, with nature/degree/cause/responsibility (R-16.3b)."""
    case = finding.case
    _fail_if(
        case.state not in (rules.IN_PROGRESS, rules.ENDED)
        and "Chỉ ghi kết quả kiểm tra khi đang kiểm tra hoặc đã kết thúc, trước khi báo cáo."
    )
    values = {k: (data.get(k) if data.get(k) is not None else getattr(finding, k)) for k in FINDING_FIELDS}
    ct = finding.case_task
    _fail_if(
        rules.finding_error(
            values["result"],
            values["nature"],
            values["degree"],
            values["cause"],
            values["responsibility"],
            f'"{ct.summary[:60]}"',
        ),
        "result",
    )
    with db.atomic():
        before = audit.snapshot(finding)
        for k, v in values.items():
            setattr(finding, k, v)
        finding.updated_by, finding.updated_at = user, clock.now()
        finding.save()
        audit.record(user, "update", finding, before, audit.snapshot(finding))
    return finding


def findings_incomplete(case):
    """Return Vietnamese messages for findings missing a result or the R-16.3b details."""
    problems = []
    rows = Finding.select(Finding, CaseTask).join(CaseTask).where(Finding.case == case).order_by(CaseTask.sort_order)
    n = 0
    for f in rows:
        n += 1
        label = f'số {f.case_task.sort_order} "{f.case_task.summary[:50]}"'
        if not f.result:
            problems.append(f"Nhiệm vụ {label} chưa có kết quả kiểm tra (điểm b khoản 3 Điều 16).")
            continue
        msg = rules.finding_error(f.result, f.nature, f.degree, f.cause, f.responsibility, label)
        if msg:
            problems.append(msg)
    if n == 0:
        problems.append("Chưa có kết quả kiểm tra từng nhiệm vụ (điểm b khoản 3 Điều 16).")
    return problems


# --- evaluations (R-16.3a) --------------------------------------------------------------
def unit_figures(case):
    """Return {unit_id: figures} from the findings: counts by result and late flags."""
    rows = Finding.select(Finding, CaseTask).join(CaseTask).where(Finding.case == case)
    lead = _lead_units(case)
    out = {}
    for f in rows:
        uid = lead.get(f.case_task.task_id)
        fig = out.setdefault(
            uid, {"tong": 0, **dict.fromkeys(rules.RESULT_LABELS, 0), "dang_ky_tre": 0, "cap_nhat_tre": 0}
        )
        fig["tong"] += 1
        if f.result:
            fig[f.result] += 1
        fig["dang_ky_tre"] += int(f.registration_late)
        fig["cap_nhat_tre"] += int(f.result_entry_late)
    return out


def _lead_units(case):
    from inspection.register.models import Task

    q = Task.select(Task.id, Task.lead_unit).join(CaseTask, on=(CaseTask.task == Task.id)).where(CaseTask.case == case)
    return {t.id: t.lead_unit_id for t in q}


def save_evaluation(case, user, unit_id, organisation="", results="", updating="", reporting=""):
    """Write the R-16.3a evaluation of one inspected unit, storing the figures beside it."""
    _fail_if(
        case.state not in (rules.IN_PROGRESS, rules.ENDED)
        and "Chỉ đánh giá khi đang kiểm tra hoặc đã kết thúc, trước khi báo cáo."
    )
    _case_units(case, [unit_id])
    figures = json.dumps(unit_figures(case).get(int(unit_id), {}), ensure_ascii=False)
    with db.atomic():
        ev, created = UnitEvaluation.get_or_create(case=case, unit=unit_id)
        before = None if created else audit.snapshot(ev)
        ev.organisation, ev.results, ev.updating, ev.reporting = (organisation, results, updating, reporting)
        ev.figures = figures
        ev.save()
        audit.record(user, "create" if created else "update", ev, before, audit.snapshot(ev))
    return ev


def evaluations_incomplete(case):
    """Return the R-16.3a evaluations still missing for the case's inspected units."""
    units = (
        Unit.select(Unit.id, Unit.name)
        .join(CaseUnit, on=(CaseUnit.unit == Unit.id))
        .where(CaseUnit.case == case)
        .order_by(Unit.sort_order, Unit.name)
    )
    evaluations = {
        ev.unit_id: {part: getattr(ev, part) for part in rules.EVALUATION_PARTS}
        for ev in UnitEvaluation.select().where(UnitEvaluation.case == case)
    }
    return rules.evaluation_gaps({u.id: u.name for u in units}, evaluations)


# --- recommendations (R-16.3c) ------------------------------------------------------------
def add_recommendation(case, user, kind, content, unit_id, deadline, today=None):
    """Add a recommendation with its responsible unit and deadline (R-16.3c)."""
    _fail_if(
        case.state not in (rules.IN_PROGRESS, rules.ENDED)
        and "Chỉ thêm kiến nghị trước khi ban hành báo cáo kết quả kiểm tra."
    )
    today = today or ops_today()
    _fail_if(rules.recommendation_error(kind, content, unit_id, deadline, today), "content")
    _fail_if(not Unit.select().where(Unit.id == unit_id).exists() and "Đơn vị không tồn tại.", "unit_id")
    with db.atomic():
        order = Recommendation.select().where(Recommendation.case == case).count() + 1
        rec = Recommendation.create(
            case=case, kind=kind, content=content.strip(), unit=unit_id, deadline=deadline, sort_order=order
        )
        audit.record(user, "create", rec, None, audit.snapshot(rec))
    return rec


def remove_recommendation(rec, user):
    """Remove a recommendation before the report is issued."""
    _fail_if(rec.case.state not in (rules.IN_PROGRESS, rules.ENDED) and "Báo cáo đã ban hành: không thể xóa kiến nghị.")
    with db.atomic():
        audit.record(user, "delete", rec, audit.snapshot(rec), None)
        rec.delete_instance()


# --- report and notice texts (R-16.3) -----------------------------------------------------
REPORT_TEXT_FIELDS = ("overview", "strengths", "weaknesses", "causes", "conclusion", "report_back_by")


def save_report_texts(case, user, **data):
    """Edit the report's and the notice's texts before they are issued."""
    _fail_if(
        case.state not in (rules.IN_PROGRESS, rules.ENDED, rules.REPORTED)
        and "Chỉ soạn nội dung báo cáo, thông báo trước khi ban hành."
    )
    _fail_if(
        case.state == rules.REPORTED
        and any(
            (data.get(k) or "") != (getattr(case, k) or "") for k in ("overview", "strengths", "weaknesses", "causes")
        )
        and "Báo cáo đã ban hành: chỉ còn sửa được nội dung thông báo kết luận."
    )
    with db.atomic():
        before = audit.snapshot(case)
        for k in REPORT_TEXT_FIELDS:
            if k in data:
                setattr(case, k, data[k] if k == "report_back_by" else (data[k] or ""))
        case.version += 1
        case.save()
        audit.record(user, "update", case, before, audit.snapshot(case))
    return case
