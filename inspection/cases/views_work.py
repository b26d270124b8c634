"""Case work pages: requests and answers, minutes, notes, findings, evaluations,
recommendations, report, notice; the inspected unit's page; issued files."""

import datetime

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.cases import forms, issuing, work
from inspection.cases import operations as ops
from inspection.cases.models import (
    Finding,
    InformationRequest,
    InspectionCase,
    Recommendation,
    RequestUnit,
    UnitAnswer,
)
from inspection.cases.views import _act, _sign_form, _signer, bp, fail
from inspection.cases.views_case import show
from inspection.errors import NotAllowed, ValidationFailed
from inspection.views_util import get_or_404


def _case_for(pk, action):
    case = get_or_404(InspectionCase, pk)
    ensure(current_user, action, case)
    return case


def _back(pk, anchor=""):
    return url_for("cases.show", pk=pk, _anchor=anchor)


@bp.route("/<int:pk>/cong-van", methods=["POST"])
@requires("cases.view")
def request_add(pk):
    case = _case_for(pk, "cases.case.work")
    form = forms.RequestForm()
    form.unit_ids.choices = []
    if form.validate_on_submit():
        try:
            work.create_request(
                case,
                current_user,
                form.subject.data,
                form.due_on.data,
                form.unit_ids.data or [],
                form.content.data or "",
            )
            flash("Đã lập dự thảo công văn đề nghị báo cáo, cung cấp hồ sơ.", "success")
            return redirect(_back(pk, "cong-van"))
        except ValidationFailed as exc:
            fail(form, exc)
    return show(pk, status=400, request_form=form)


@bp.route("/cong-van/<int:pk>/ban-hanh", methods=["POST"])
@requires("cases.view")
def request_issue(pk):
    req = get_or_404(InformationRequest, pk)
    ensure(current_user, "cases.case.work", req.case)
    form = _sign_form()
    return _act(
        lambda: issuing.issue_request(req, current_user, _signer(form, req.case), form.issued_on.data),
        "Đã ban hành công văn; các đơn vị được đề nghị thấy công văn trong hệ thống.",
        _back(req.case_id, "cong-van"),
        form,
    )


@bp.route("/cong-van/<int:pk>/tra-loi", methods=["POST"])
@requires("cases.view")
def answer_upload(pk):
    req = get_or_404(InformationRequest, pk)
    ensure(
        current_user,
        "cases.answer.upload",
        req,
        "Chỉ đơn vị được đề nghị mới được tải tài liệu trả lời vào hồ sơ kiểm tra (khoản 3 Điều 14).",
    )
    form = forms.AnswerForm()
    target = url_for("cases.unit_page", pk=req.case_id)
    if not form.validate_on_submit() or not form.file.data:
        flash("Chưa chọn tệp để tải lên.", "danger")
        return redirect(target)
    try:
        work.upload_answer(req, current_user, form.file.data.stream, form.file.data.filename, form.note.data or "")
        flash("Đã gửi tài liệu cho Đoàn kiểm tra.", "success")
    except NotAllowed:
        raise
    except ValidationFailed as exc:
        flash(exc.message, "danger")
    return redirect(target)


@bp.route("/<int:pk>/bien-ban", methods=["POST"])
@requires("cases.view")
def minutes_add(pk):
    case = _case_for(pk, "cases.case.work")
    form = forms.MinutesForm()
    form.unit.choices = []
    if form.validate_on_submit():
        try:
            held_at = _at(form.held_on.data, form.held_time.data, "held_time")
            ended_at = _at(form.held_on.data, form.ended_time.data, "ended_time")
            m = work.create_minutes(
                case,
                current_user,
                form.unit.data,
                held_at=held_at,
                ended_at=ended_at,
                place=form.place.data,
                team_participants=form.team_participants.data,
                unit_participants=form.unit_participants.data,
                content=form.content.data,
                results=form.results.data,
                unit_opinions=form.unit_opinions.data,
            )
            issuing.issue_minutes(m, current_user, None, form.held_on.data)
            flash("Đã lập và lưu biên bản kiểm tra.", "success")
            return redirect(_back(pk, "bien-ban"))
        except ValidationFailed as exc:
            fail(form, exc)
    return show(pk, status=400, minutes_form=form)


def _at(day, hm, field):
    try:
        h, m = (int(x) for x in (hm or "").strip().split(":"))
        return datetime.datetime.combine(day, datetime.time(h, m))
    except (ValueError, TypeError):
        raise ValidationFailed("Giờ không hợp lệ (nhập theo dạng hh:mm).", field=field) from None


@bp.route("/<int:pk>/ghi-chu", methods=["POST"])
@requires("cases.view")
def note_add(pk):
    case = _case_for(pk, "cases.case.work")
    form = forms.NoteForm()
    f = form.file.data
    return _act(
        lambda: work.add_note(case, current_user, form.text.data, f.stream if f else None, f.filename if f else ""),
        "Đã ghi chú.",
        _back(pk, "ghi-chu"),
        form,
    )


@bp.route("/<int:pk>/ket-qua/khoi-tao", methods=["POST"])
@requires("cases.view")
def findings_prefill(pk):
    case = _case_for(pk, "cases.case.work")
    return _act(
        lambda: work.prefill_findings(case, current_user),
        "Đã lập bảng kết quả từ sổ theo dõi (trạng thái, đăng ký chậm, cập nhật chậm).",
        _back(pk, "ket-qua"),
    )


@bp.route("/ket-qua/<int:pk>", methods=["POST"])
@requires("cases.view")
def finding_save(pk):
    finding = get_or_404(Finding, pk)
    ensure(current_user, "cases.case.work", finding.case)
    form = forms.FindingForm()
    return _act(
        lambda: work.save_finding(
            finding, current_user, **{k: getattr(form, k).data or "" for k in work.FINDING_FIELDS}
        ),
        "Đã lưu kết quả kiểm tra nhiệm vụ.",
        _back(finding.case_id, "ket-qua"),
        form,
    )


@bp.route("/<int:pk>/danh-gia/<int:unit_id>", methods=["POST"])
@requires("cases.view")
def evaluation_save(pk, unit_id):
    case = _case_for(pk, "cases.case.work")
    form = forms.EvaluationForm()
    return _act(
        lambda: work.save_evaluation(
            case,
            current_user,
            unit_id,
            form.organisation.data or "",
            form.results.data or "",
            form.updating.data or "",
            form.reporting.data or "",
        ),
        "Đã lưu đánh giá đơn vị.",
        _back(pk, "danh-gia"),
        form,
    )


@bp.route("/<int:pk>/kien-nghi", methods=["POST"])
@requires("cases.view")
def recommendation_add(pk):
    case = _case_for(pk, "cases.case.work")
    form = forms.RecommendationForm()
    form.unit.choices = []
    if form.validate_on_submit():
        try:
            work.add_recommendation(
                case, current_user, form.kind.data, form.content.data, form.unit.data, form.deadline.data
            )
            flash("Đã thêm kiến nghị.", "success")
            return redirect(_back(pk, "kien-nghi"))
        except ValidationFailed as exc:
            fail(form, exc)
    return show(pk, status=400, rec_form=form)


@bp.route("/kien-nghi/<int:pk>/xoa", methods=["POST"])
@requires("cases.view")
def recommendation_remove(pk):
    rec = get_or_404(Recommendation, pk)
    ensure(current_user, "cases.case.work", rec.case)
    return _act(
        lambda: work.remove_recommendation(rec, current_user), "Đã xóa kiến nghị.", _back(rec.case_id, "kien-nghi")
    )


@bp.route("/<int:pk>/noi-dung-bao-cao", methods=["POST"])
@requires("cases.view")
def report_texts(pk):
    case = _case_for(pk, "cases.case.work")
    form = forms.ReportTextForm()
    return _act(
        lambda: work.save_report_texts(
            case, current_user, **{k: getattr(form, k).data for k in work.REPORT_TEXT_FIELDS}
        ),
        "Đã lưu nội dung báo cáo, thông báo.",
        _back(pk, "bao-cao"),
        form,
    )


@bp.route("/<int:pk>/bao-cao", methods=["POST"])
@requires("cases.view")
def report(pk):
    case = _case_for(pk, "cases.case.lead")
    form = _sign_form()
    return _act(
        lambda: issuing.issue_report(case, current_user, _signer(form, case), form.issued_on.data),
        "Đã ban hành báo cáo kết quả kiểm tra gửi Giám đốc Sở.",
        _back(pk, "bao-cao"),
        form,
    )


@bp.route("/<int:pk>/thong-bao", methods=["POST"])
@requires("cases.view")
def notice(pk):
    case = _case_for(pk, "cases.notice.issue")
    form = _sign_form()
    return _act(
        lambda: issuing.issue_notice(case, current_user, _signer(form, case), form.issued_on.data),
        "Đã ban hành thông báo kết luận; các kiến nghị đã vào sổ theo dõi nhiệm vụ.",
        _back(pk, "bao-cao"),
        form,
    )


# --- the inspected unit's page ---------------------------------------------------------------
@bp.route("/<int:pk>/don-vi")
@requires("cases.view")
def unit_page(pk):
    case = _case_for(pk, "cases.case.unit_view")
    uid = current_user.unit_id
    reqs = list(
        InformationRequest.select()
        .join(RequestUnit)
        .where((InformationRequest.case == case) & (RequestUnit.unit == uid) & InformationRequest.doc.is_null(False))
        .order_by(InformationRequest.id)
    )
    answers = list(
        UnitAnswer.select()
        .where(UnitAnswer.request.in_([r.id for r in reqs]) & (UnitAnswer.unit == uid))
        .order_by(UnitAnswer.id)
    )
    from inspection.register.models import Task

    recs = list(
        Recommendation.select(Recommendation, Task)
        .join(Task, on=(Recommendation.task == Task.id))
        .where((Recommendation.case == case) & (Recommendation.unit == uid))
    )
    return render_template(
        "cases/unit.html",
        case=case,
        requests=reqs,
        answers=answers,
        recs=recs,
        unit=Unit.get_by_id(uid),
        answer_form=forms.AnswerForm(),
        task_status=_task_status,
        today=ops.today(),
    )


def _task_status(task):
    from inspection.register.rules import status

    return status(task, ops.today(), ops.calendar())


# --- issued files: served as stored, only to who may see them -------------------------------
@bp.route("/van-ban/<int:pk>.<any(pdf, docx):fmt>")
@requires("cases.view")
def document(pk, fmt):
    from inspection.cases.queries import document_case

    found = document_case(pk)
    if found is None:
        abort(404)
    case, kind = found
    if not can(current_user, "cases.case.view", case):
        ensure(current_user, "cases.case.unit_view", case)
        if kind not in ("notice", "request") or not _unit_may_see(pk, kind, case):
            raise NotAllowed("Đơn vị được kiểm tra chỉ xem công văn và thông báo kết luận gửi đơn vị.")
    stored = issuing.stored_file(pk, fmt)
    if stored is None:
        abort(404)
    return send_file(
        stored.path,
        mimetype=stored.mime,
        as_attachment=True,
        download_name=stored.original_name or f"van-ban-{pk}.{fmt}",
    )


def _unit_may_see(doc_id, kind, case):
    if kind == "notice":
        return True
    return (
        RequestUnit.select()
        .join(InformationRequest)
        .where((InformationRequest.doc == doc_id) & (RequestUnit.unit == current_user.unit_id))
        .exists()
    )


@bp.route("/dap-an/<int:pk>")
@requires("cases.view")
def answer_file(pk):
    ans = get_or_404(UnitAnswer, pk)
    case = ans.request.case
    if not can(current_user, "cases.case.view", case) and ans.unit_id != current_user.unit_id:
        raise NotAllowed("Bạn không có quyền xem tài liệu này.")
    return send_file(ans.file.path, mimetype=ans.file.mime, as_attachment=True, download_name=ans.file.download_name)


@bp.route("/ghi-chu-tep/<int:pk>")
@requires("cases.view")
def note_file(pk):
    from inspection.cases.models import WorkingNote

    note = get_or_404(WorkingNote, pk)
    ensure(current_user, "cases.case.view", note.case)
    if note.file_id is None:
        abort(404)
    return send_file(note.file.path, mimetype=note.file.mime, as_attachment=True, download_name=note.file.download_name)
