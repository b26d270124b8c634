"""Issue the documents of a plan or case: check, build the context, render, then record.

Rendering happens outside any transaction (ARCHITECTURE.md): the document engine numbers,
renders and freezes the files in its own steps; only then does one transaction here link
the issued document to the plan or case and move the state.
"""

from inspection import audit
from inspection.accounts.models import Unit
from inspection.cases import contexts, release, rules, work
from inspection.cases import operations as ops
from inspection.cases.contexts import case_units, decision_ref
from inspection.cases.models import (
    CaseTask,
    Finding,
    InspectionCase,
    PlanItem,
    Recommendation,
    TeamMember,
    UnitEvaluation,
)
from inspection.cases.submitting import check_issue, refuse_if_waiting, submit_or_sign
from inspection.db import db
from inspection.errors import ValidationFailed


def _issue(kind, ctx, user, signer, issued_on, subject):
    """Draft and issue one document with the engine; return the issued OutgoingDocument."""
    from inspection.documents import operations as docops
    from inspection.documents.render import DocumentError

    check_issue(kind, signer, issued_on)
    refuse_if_waiting(kind, subject)
    try:
        draft = docops.create_draft(kind, ctx, user, subject=subject)
        return docops.issue(draft, user, signer=signer, issued_on=issued_on or ops.today())
    except DocumentError as exc:  # a template or value problem: say so, change nothing here
        raise ValidationFailed(exc.message) from exc


def stored_file(doc_id, fmt):
    """Return the frozen PDF or DOCX StoredFile of an issued document, or None."""
    from inspection.documents.models import ISSUED, OutgoingDocument

    doc = OutgoingDocument.get_or_none((OutgoingDocument.id == doc_id) & (OutgoingDocument.state == ISSUED))
    if doc is None:
        return None
    return doc.pdf_file if fmt == "pdf" else doc.docx_file


def _tasks(case):
    return list(CaseTask.select().where(CaseTask.case == case).order_by(CaseTask.sort_order, CaseTask.id))


def _team(case):
    return list(TeamMember.select().where(TeamMember.case == case))


# --- plan -------------------------------------------------------------------------------
def _plan_context(plan):
    if plan.state != rules.PLAN_APPROVED:
        raise ValidationFailed("Chỉ ban hành kế hoạch đã được Giám đốc Sở phê duyệt (khoản 1 Điều 12).")
    if plan.plan_doc_id:
        raise ValidationFailed("Kế hoạch đã được ban hành.")
    items = list(PlanItem.select(PlanItem, Unit).join(Unit).where(PlanItem.plan == plan).order_by(PlanItem.sort_order))
    return contexts.plan_context(plan, items)


def finish_plan(plan, doc, user):
    """Link the signed KH to its plan."""
    with db.atomic():
        before = audit.snapshot(plan)
        plan.plan_doc = doc
        plan.save()
        audit.record(user, "update", plan, before, audit.snapshot(plan))
    return doc


def issue_plan(plan, user, signer, issued_on=None):
    """Issue the approved plan as a KH document (R-12.1)."""
    ctx = _plan_context(plan)
    doc = _issue("inspection_plan", ctx, user, signer, issued_on, ("inspection_plan", plan.id))
    return finish_plan(plan, doc, user)


def submit_plan(plan, user, signer, issued_on=None):
    """Trình ký the approved plan (issue 14): its signer signs at once, anyone else submits it."""
    check_issue("inspection_plan", signer, issued_on)
    return submit_or_sign("inspection_plan", _plan_context(plan), user, signer, ("inspection_plan", plan.id))


# --- decision (R-13) --------------------------------------------------------------------
def _decision_context(case):
    ops.check_decision(case)
    with db.atomic():
        ops.freeze_scope(case, ops.today())  # snapshot the tasks the decision lists
    return contexts.decision_context(case, case_units(case), _team(case), _tasks(case))


def finish_decision(case, doc, user):
    """Link the signed QĐ to the case and move it to "decided" (R-13)."""
    case = InspectionCase.get_by_id(case.id)
    note = f"Quyết định số {doc.number_text}"
    with db.atomic():  # the case moves and its units are told together
        moved = ops.move(case, user, rules.DECIDED, note=note, decision_doc=doc, scope_frozen_at=ops.now())
        release.tell_units(case, doc, [u.id for u in case_units(case)])  # issue 14: the units receive it
    return moved


def issue_decision(case, user, signer, issued_on=None):
    """Issue the QĐ; refused unless R-13 a–đ are complete and the signer may decide (R-13.1); freezes the scope."""
    ops.check_decision(case)
    check_issue("inspection_decision", signer, issued_on)
    ctx = _decision_context(case)
    doc = _issue("inspection_decision", ctx, user, signer, issued_on, ("inspection_case", case.id))
    return finish_decision(case, doc, user)


def submit_decision(case, user, signer, issued_on=None):
    """Trình ký the QĐ (issue 14): the Director (or the delegated Deputy) signs it at once, anyone
    else submits it to him; the case becomes "decided" when it is signed (hook below)."""
    ops.check_decision(case)
    check_issue("inspection_decision", signer, issued_on)
    ctx = _decision_context(case)
    return submit_or_sign("inspection_decision", ctx, user, signer, ("inspection_case", case.id))


# --- requests and minutes -------------------------------------------------------------------
def issue_request(request, user, signer, issued_on=None, contact=""):
    """The công văn asking the units for reports and papers (R-14.3): its signer signs it at once,
    anyone else submits it (issue 14, cases/letters.py); returns the issued or waiting draft."""
    from inspection.cases import letters

    doc = letters.submit_request(request, user, signer, issued_on, contact)
    request.doc = request.__class__.get_by_id(request.id).doc  # linked by the signature, if signed
    return doc


def issue_minutes(minutes, user, signer, issued_on=None):
    """Render and store the minutes (BB) of a working session."""
    if minutes.doc_id:
        raise ValidationFailed("Biên bản đã được lưu.")
    case = minutes.case
    ctx = contexts.minutes_context(minutes, case, minutes.unit, _team(case), decision_ref(case))
    doc = _issue("inspection_minutes", ctx, user, signer, issued_on, ("minutes", minutes.id))
    with db.atomic():
        minutes.doc = doc
        minutes.save()
        audit.record(user, "update", minutes, None, {"doc": doc.id})
    return doc


# --- report (R-16.2, R-16.3) -------------------------------------------------------------
def report_problems(case):
    """Return why the report cannot be issued yet ([] when it can)."""
    if rules.REPORTED not in rules.form_steps(case.form):  # the Director concluded himself
        return [rules.transition_error(case.state, rules.REPORTED, case.form)]
    msg = rules.report_error(case.state)
    if msg:
        return [msg]
    return work.findings_incomplete(case) + work.evaluations_incomplete(case)  # R-16.3b, R-16.3a


def _report_context(case):
    problems = report_problems(case)
    if problems:
        raise ValidationFailed(" ".join(problems))
    tasks = _tasks(case)
    findings = list(Finding.select().where(Finding.case == case))
    evaluations = list(UnitEvaluation.select(UnitEvaluation, Unit).join(Unit).where(UnitEvaluation.case == case))
    recs = _recommendations(case)
    return contexts.report_context(case, case_units(case), tasks, findings, evaluations, recs, decision_ref(case))


def finish_report(case, doc, user):
    """Link the signed BC and move the case to "reported"; a late one is flagged (R-16.2)."""
    case = InspectionCase.get_by_id(case.id)
    late = rules.report_late(case.report_due_on, doc.issued_on, doc.issued_on)
    return ops.move(
        case,
        user,
        rules.REPORTED,
        report_doc=doc,
        reported_on=doc.issued_on,
        note="Báo cáo quá hạn 05 ngày làm việc (khoản 2 Điều 16)" if late else "",
    )


def issue_report(case, user, signer, issued_on=None):
    """Issue the result report (BC) to the Director; late ones are flagged (R-16.2)."""
    ctx = _report_context(case)
    doc = _issue("inspection_report", ctx, user, signer, issued_on, ("inspection_case", case.id))
    return finish_report(case, doc, user)


def submit_report(case, user, signer, issued_on=None):
    """Trình ký the report (issue 14): the team leader (or presider) signs at once, others submit to him."""
    check_issue("inspection_report", signer, issued_on)
    return submit_or_sign("inspection_report", _report_context(case), user, signer, ("inspection_case", case.id))


def _recommendations(case):
    return list(
        Recommendation.select(Recommendation, Unit)
        .join(Unit)
        .where(Recommendation.case == case)
        .order_by(Recommendation.sort_order)
    )


# --- notice and follow-up (R-16.3c, R-8) -------------------------------------------
def _notice_context(case):
    refusal = rules.transition_error(case.state, rules.NOTIFIED, case.form)  # straight after the session
    if refusal:
        raise ValidationFailed(refusal)
    recs = _recommendations(case)
    report_ref = contexts.doc_ref(case.report_doc, "Báo cáo") if case.report_doc_id else "báo cáo"
    return contexts.notice_context(case, case_units(case), recs, decision_ref(case), report_ref)


def finish_notice(case, doc, user):
    """Link the signed TB, register each recommendation as a task (R-8) and move the case."""
    case = InspectionCase.get_by_id(case.id)
    late = rules.report_late(case.report_due_on, doc.issued_on, doc.issued_on)  # same deadline
    with db.atomic():
        _recommendations_to_tasks(case, user, doc, _recommendations(case))
        note = "Thông báo kết luận quá hạn 05 ngày làm việc (khoản 2 Điều 16)" if late else ""
        moved = ops.move(case, user, rules.NOTIFIED, note=note, notice_doc=doc, notified_on=doc.issued_on)
        release.tell_units(case, doc, [u.id for u in case_units(case)])  # issue 14: the units receive it
        return moved


def issue_notice(case, user, signer, issued_on=None):
    """Issue the TB to the inspected units; each recommendation becomes a register task."""
    ctx = _notice_context(case)
    doc = _issue("conclusion_notice", ctx, user, signer, issued_on, ("inspection_case", case.id))
    return finish_notice(case, doc, user)


def submit_notice(case, user, signer, issued_on=None):
    """Trình ký the notice of conclusions (issue 14): its signer signs at once, others submit it."""
    check_issue("conclusion_notice", signer, issued_on)
    return submit_or_sign("conclusion_notice", _notice_context(case), user, signer, ("inspection_case", case.id))


# --- extension of the time limit (R-13d) ------------------------------------------------------
def issue_extension(case, user, signer, new_end, reason, issued_on=None):
    """The decision extending the time limit to `new_end` (R-13d): the Director (or the delegated
    Deputy) signs it at once, the Office submits it; the limit moves when it is signed (letters.py)."""
    from inspection.cases import letters

    letters.submit_extension(case, user, signer, new_end, reason, issued_on)
    return InspectionCase.get_by_id(case.id)


def _recommendations_to_tasks(case, user, doc, recs):
    """Register the notice as a directive document and each recommendation as its task (R-8)."""
    from inspection.register import operations as reg

    if not recs:
        return
    doc_data = {
        "number_symbol": doc.number_text,
        "doc_type": "thong_bao_ket_luan",
        "issuer_kind": "giam_doc",
        "issuer_name": "",
        "signer": doc.signer_name,
        "issued_on": doc.issued_on,
        "received_on": doc.issued_on,
        "channel": "eoffice",
        "abstract": doc.abstract,
        "secret_level": "",
        "is_complex": len(recs) > 1,
    }
    units = {u.id: u for u in Unit.select().where(Unit.id.in_([r.unit_id for r in recs]))}
    tasks_data = [
        {
            "summary": r.content,
            "kind": "other",
            "lead_unit": units[r.unit_id],
            "deadline": r.deadline,
            "registered_on": doc.issued_on,
        }
        for r in recs
    ]
    _doc, tasks = reg.register_document(user, doc_data, tasks_data, ops.calendar(), on=doc.issued_on)
    for rec, task in zip(recs, tasks):
        rec.task = task
        rec.save()


def _register_hooks():
    """Finish the plan's or case's step when its submitted document is signed, and name the case's
    leader or presider as its signer (documents.hooks, issue 14)."""
    from inspection.cases.models import InspectionPlan
    from inspection.documents import hooks

    def case_step(finish):
        return lambda doc, user: finish(InspectionCase.get_by_id(doc.subject_id), doc, user)

    hooks.on_signed("inspection_decision", case_step(finish_decision))
    hooks.on_signed("inspection_report", case_step(finish_report))
    hooks.on_signed("conclusion_notice", case_step(finish_notice))
    hooks.on_signed(
        "inspection_plan", lambda doc, user: finish_plan(InspectionPlan.get_by_id(doc.subject_id), doc, user)
    )
    hooks.subject_signers("inspection_case", case_leaders)


def case_leaders(case_id):
    """The users who sign for the case's team or as its presider (R-14, R-12.3, R-12.4, R-15.2)."""
    leaders = TeamMember.select(TeamMember.user).where(
        (TeamMember.case == case_id) & (TeamMember.role == rules.LEADER) & TeamMember.user.is_null(False)
    )
    ids = {m.user_id for m in leaders}
    presider = InspectionCase.select(InspectionCase.presider).where(InspectionCase.id == case_id).scalar()
    return ids | ({presider} if presider else set())


_register_hooks()
