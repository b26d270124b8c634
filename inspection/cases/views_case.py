"""Case pages: create, show, prepare (units, scope, team), decide, start, end."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from peewee import JOIN

from inspection import audit, settings
from inspection.accounts.models import Unit, User
from inspection.accounts.policy import can, ensure, requires
from inspection.cases import forms, issuing, queries, rules
from inspection.cases import operations as ops
from inspection.cases.models import (
    CaseTask,
    CaseTransition,
    Finding,
    InformationRequest,
    InspectionCase,
    InspectionPlan,
    Minutes,
    PlanItem,
    Recommendation,
    TeamMember,
    UnitAnswer,
    UnitEvaluation,
    WorkingNote,
)
from inspection.cases.views import _act, _sign_form, _signer, bp, fail, unit_choices
from inspection.errors import ValidationFailed
from inspection.views_util import get_or_404

DEFAULT_GROUNDS = (
    "Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở giao"
)


def _plan_item_choices():
    q = (
        PlanItem.select(PlanItem, Unit, InspectionPlan)
        .join(Unit)
        .switch(PlanItem)
        .join(InspectionPlan)
        .where(InspectionPlan.state == rules.PLAN_APPROVED)
        .order_by(PlanItem.window_start)
    )
    return [("", "— Không (kiểm tra đột xuất) —")] + [
        (str(i.id), f"{i.plan.title}: {i.unit.name} ({i.window_start:%d/%m/%Y})") for i in q
    ]


def _case_form(case=None):
    form = forms.CaseForm(obj=case)
    form.unit_ids.choices = unit_choices()
    form.plan_item.choices = _plan_item_choices()
    return form


@bp.route("/moi", methods=["GET", "POST"])
@requires("cases.create")
def case_new():
    form = _case_form()
    if request.method == "GET":
        item = PlanItem.get_or_none(PlanItem.id == request.args.get("plan_item", type=int) or 0)
        form.ground.data = rules.GROUND_PLAN if item else rules.GROUND_BOARD
        form.plan_item.data = str(item.id) if item else ""
        form.legal_grounds.data = f"Căn cứ {DEFAULT_GROUNDS}"
        form.content_items.data = list(rules.CONTENT_ITEMS)
        if item:
            form.title.data = f"Kiểm tra việc thực hiện nhiệm vụ tại {item.unit.name}"
            form.unit_ids.data = [item.unit_id]
            form.legal_grounds.data += f"\nCăn cứ {item.plan.title}"
    if form.validate_on_submit():
        item = PlanItem.get_or_none(PlanItem.id == int(form.plan_item.data or 0))
        try:
            case = ops.create_case(current_user, unit_ids=form.unit_ids.data or [], plan_item=item, **_case_data(form))
            flash("Đã tạo dự thảo cuộc kiểm tra.", "success")
            return redirect(url_for("cases.show", pk=case.id))
        except ValidationFailed as exc:
            fail(form, exc)
    return render_template(
        "cases/case_form.html", form=form, case=None
    ), 400 if form.errors or request.method == "POST" else 200


def _case_data(form):
    data = dict(
        title=(form.title.data or "").strip(),
        ground=form.ground.data,
        ground_reference=form.ground_reference.data or "",
        ground_note=form.ground_note.data or "",
        form=form.form.data,
        legal_grounds=form.legal_grounds.data or "",
        content_items=",".join(form.content_items.data or []),
        content_note=form.content_note.data or "",
    )
    if form.start_on.data:
        data["start_on"] = form.start_on.data
    if form.end_on.data:
        data["end_on"] = form.end_on.data
    return data


@bp.route("/<int:pk>/sua", methods=["GET", "POST"])
@requires("cases.view")
def case_edit(pk):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.prepare", case)
    form = _case_form(case)
    if request.method == "GET":
        form.content_items.data = case.content_keys
        form.unit_ids.data = [u.id for u in queries.case_units(case)]
        form.plan_item.data = str(case.plan_item_id or "")
    if form.validate_on_submit():
        try:
            ops.update_case(case, current_user, **_case_data(form))
            ops.set_units(case, current_user, form.unit_ids.data or [])
            flash("Đã lưu.", "success")
            return redirect(url_for("cases.show", pk=case.id))
        except ValidationFailed as exc:
            fail(form, exc)
    return render_template("cases/case_form.html", form=form, case=case), 400 if request.method == "POST" else 200


def _full_page(case, **forms_):
    """Everything the full case page shows, in a fixed number of queries."""
    units = queries.case_units(case)
    team = list(TeamMember.select().where(TeamMember.case == case).order_by(TeamMember.sort_order, TeamMember.id))
    from inspection.register.models import DirectiveDocument, Task

    scope = list(
        CaseTask.select(CaseTask, Task, DirectiveDocument, Unit)
        .join(Task)
        .join(DirectiveDocument)
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(CaseTask.case == case)
        .order_by(CaseTask.sort_order)
    )
    findings = {f.case_task_id: f for f in Finding.select().where(Finding.case == case)}
    from inspection.documents.models import OutgoingDocument
    from inspection.uploads import StoredFile

    requests_ = list(
        InformationRequest.select(InformationRequest, OutgoingDocument)
        .join(OutgoingDocument, JOIN.LEFT_OUTER, on=(InformationRequest.doc == OutgoingDocument.id))
        .where(InformationRequest.case == case)
        .order_by(InformationRequest.id)
    )
    answers = list(
        UnitAnswer.select(UnitAnswer, Unit, StoredFile)
        .join(Unit)
        .join_from(UnitAnswer, StoredFile)
        .join_from(UnitAnswer, InformationRequest)
        .where(InformationRequest.case == case)
    )
    member_form = forms_.get("member_form") or forms.MemberForm()
    member_form.user.choices = [("", "— Chọn —")] + [
        (str(u.id), f"{u.full_name} – {u.title}")
        for u in User.select().where(User.active == True).order_by(User.full_name)
    ]  # noqa: E712
    req_form = forms_.get("request_form") or forms.RequestForm()
    req_form.unit_ids.choices = [(u.id, u.name) for u in units]
    min_form = forms_.get("minutes_form") or forms.MinutesForm()
    min_form.unit.choices = [(u.id, u.name) for u in units]
    rec_form = forms_.get("rec_form") or forms.RecommendationForm()
    rec_form.unit.choices = unit_choices()
    report_form = forms_.get("report_form") or forms.ReportTextForm(obj=case)
    today = ops.today()
    recs = list(
        Recommendation.select(Recommendation, Unit)
        .join(Unit)
        .where(Recommendation.case == case)
        .order_by(Recommendation.sort_order)
    )
    return dict(
        case=case,
        units=units,
        team=team,
        scope=scope,
        findings=findings,
        requests=requests_,
        answers=answers,
        rules=rules,
        today=today,
        minutes=list(
            Minutes.select(Minutes, OutgoingDocument)
            .join(OutgoingDocument, JOIN.LEFT_OUTER, on=(Minutes.doc == OutgoingDocument.id))
            .where(Minutes.case == case)
            .order_by(Minutes.held_at)
        ),
        notes=list(WorkingNote.select().where(WorkingNote.case == case).order_by(WorkingNote.id.desc())),
        evaluations={e.unit_id: e for e in UnitEvaluation.select().where(UnitEvaluation.case == case)},
        recommendations=recs,
        rec_status=_rec_status(recs, today),
        history=audit.history_for(case),
        has_dossier="dossier.open_case_dossier" in current_app.view_functions,
        transitions=list(CaseTransition.select().where(CaseTransition.case == case).order_by(CaseTransition.at)),
        missing=rules.decision_missing_parts(ops.decision_facts(case)) if case.state == rules.DRAFT else [],
        report_problems=issuing.report_problems(case) if case.state == rules.ENDED else [],
        report_late=rules.report_late(case.report_due_on, case.reported_on, today)
        if case.state in (rules.ENDED, rules.REPORTED, rules.NOTIFIED, rules.CLOSED)
        else False,
        member_form=member_form,
        request_form=req_form,
        minutes_form=min_form,
        rec_form=rec_form,
        report_form=report_form,
        sign_form=_sign_form(),
        end_form=forms.EndForm(),
        note_form=forms.NoteForm(),
        finding_form=forms.FindingForm(),
        eval_form=forms.EvaluationForm(),
        action=forms.ActionForm(),
        can_prepare=can(current_user, "cases.case.prepare", case),
        can_work=can(current_user, "cases.case.work", case),
        can_lead=can(current_user, "cases.case.lead", case),
        can_decide=can(current_user, "cases.decision.issue", case),
        can_notify=can(current_user, "cases.notice.issue", case),
        doc_url=doc_url,
    )


def _rec_status(recs, today):
    """Return {recommendation id: register Status} of the tasks made from recommendations (R-8)."""
    from inspection.register.models import Task
    from inspection.register.rules import status

    ids = [r.task_id for r in recs if r.task_id]
    tasks = {t.id: t for t in Task.select().where(Task.id.in_(ids))} if ids else {}
    cal = ops.calendar()
    return {r.id: status(tasks[r.task_id], today, cal) for r in recs if r.task_id in tasks}


def doc_url(doc, fmt="pdf"):
    return url_for("cases.document", pk=doc.id, fmt=fmt)


@bp.route("/<int:pk>")
@requires("cases.view")
def show(pk, status=200, **forms_):
    case = get_or_404(InspectionCase, pk)
    if not can(current_user, "cases.case.view", case):
        ensure(current_user, "cases.case.unit_view", case)
        return redirect(url_for("cases.unit_page", pk=case.id))
    return render_template("cases/case.html", **_full_page(case, **forms_)), status


@bp.route("/<int:pk>/pham-vi", methods=["GET", "POST"])
@requires("cases.view")
def scope(pk):
    """Choose the scope with the register's filters, then add the checked (or all) tasks."""
    from inspection.register import queries as rq

    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.prepare", case)
    f = rq.Filters.from_args(request.args)
    cal, today = ops.calendar(), ops.today()
    days = settings.get("register.due_soon_days")
    if request.method == "POST":
        form = forms.ActionForm()
        if form.validate_on_submit():
            ids = request.form.getlist("task_ids", type=int)
            if request.form.get("all") == "1":
                ids = queries.filtered_task_ids(current_user, f, today, cal, days)
            try:
                n = ops.add_scope_tasks(case, current_user, ids)
                flash(f"Đã thêm {n} nhiệm vụ vào phạm vi kiểm tra.", "success")
                return redirect(url_for("cases.show", pk=case.id, _anchor="pham-vi"))
            except ValidationFailed as exc:
                flash(exc.message, "danger")
    rows, total = rq.task_list(current_user, f, today, cal, days, per_page=100)
    in_scope = {ct.task_id for ct in CaseTask.select(CaseTask.task).where(CaseTask.case == case)}
    return render_template(
        "cases/scope.html",
        case=case,
        rows=rows,
        total=total,
        f=f,
        in_scope=in_scope,
        units=unit_choices(),
        statuses=_statuses(),
        action=forms.ActionForm(),
    ), 400 if request.method == "POST" else 200


def _statuses():
    from inspection.register.rules import Status

    return [(s.value, s.label) for s in Status]


@bp.route("/<int:pk>/pham-vi/<int:task_id>/xoa", methods=["POST"])
@requires("cases.view")
def scope_remove(pk, task_id):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.prepare", case)
    return _act(
        lambda: ops.remove_scope_task(case, current_user, task_id),
        "Đã bỏ nhiệm vụ khỏi phạm vi.",
        url_for("cases.show", pk=pk, _anchor="pham-vi"),
    )


@bp.route("/<int:pk>/doan", methods=["POST"])
@requires("cases.view")
def member_add(pk):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.prepare", case)
    form = forms.MemberForm()
    form.user.choices = []
    if form.validate_on_submit():
        user = User.get_or_none(User.id == int(form.user.data)) if (form.user.data or "").isdigit() else None
        try:
            ops.add_member(
                case,
                current_user,
                form.role.data,
                member_user=user,
                name=form.name.data or "",
                title=form.title.data or "",
                agency=form.agency.data or "",
                gender=form.gender.data,
            )
            flash("Đã thêm thành viên Đoàn kiểm tra.", "success")
            return redirect(url_for("cases.show", pk=pk, _anchor="doan"))
        except ValidationFailed as exc:
            fail(form, exc)
    return show(pk, status=400, member_form=form)


@bp.route("/doan/<int:pk>/xoa", methods=["POST"])
@requires("cases.view")
def member_remove(pk):
    member = get_or_404(TeamMember, pk)
    ensure(current_user, "cases.case.prepare", member.case)
    return _act(
        lambda: ops.remove_member(member, current_user),
        "Đã xóa thành viên.",
        url_for("cases.show", pk=member.case_id, _anchor="doan"),
    )


@bp.route("/<int:pk>/quyet-dinh", methods=["POST"])
@requires("cases.view")
def decide(pk):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.decision.issue", case)
    form = _sign_form()
    return _act(
        lambda: issuing.issue_decision(case, current_user, _signer(form, case), form.issued_on.data),
        "Đã ban hành quyết định kiểm tra.",
        url_for("cases.show", pk=pk),
        form,
    )


@bp.route("/<int:pk>/bat-dau", methods=["POST"])
@requires("cases.view")
def start(pk):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.lead", case)
    return _act(lambda: ops.start_inspection(case, current_user), "Đã bắt đầu kiểm tra.", url_for("cases.show", pk=pk))


@bp.route("/<int:pk>/ket-thuc", methods=["POST"])
@requires("cases.view")
def end(pk):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, "cases.case.lead", case)
    form = forms.EndForm()
    return _act(
        lambda: ops.end_inspection(case, current_user, form.ended_on.data),
        "Đã kết thúc kiểm tra; hạn báo cáo 05 ngày làm việc (khoản 2 Điều 16).",
        url_for("cases.show", pk=pk),
        form,
    )
