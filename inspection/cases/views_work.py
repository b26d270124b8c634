"""Case work pages: requests and answers, minutes, notes, findings, evaluations,
recommendations, report, notice (R-14, R-16); the inspected unit's page; issued files."""

import datetime

from flask import abort, render_template, send_file, url_for
from flask_login import current_user, login_required

from inspection.accounts.policy import can, ensure
from inspection.cases import forms, issuing, letters, queries, submitting, work
from inspection.cases import operations as ops
from inspection.cases.blueprint import bp, case_action, load, sign_form, signer
from inspection.cases.models import Finding, InformationRequest, InspectionCase, Recommendation, UnitAnswer, WorkingNote
from inspection.errors import NotAllowed, ValidationFailed
from inspection.views_util import accepts_uploads, form_action, get_or_404

ONLY_ADDRESSED = "Chỉ đơn vị được đề nghị mới được tải tài liệu trả lời vào hồ sơ kiểm tra (khoản 3 Điều 14)."
UNIT_SEES = "Đơn vị được kiểm tra chỉ xem công văn và thông báo kết luận gửi đơn vị."


@bp.route("/<int:case_id>/requests", methods=["POST"])
@login_required
def create_request(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.RequestForm()
    form.unit_ids.choices = []
    return case_action(
        case,
        form,
        lambda: work.create_request(
            case, current_user, form.subject.data, form.due_on.data, form.unit_ids.data or [], form.content.data or ""
        ),
        success="Đã lập dự thảo công văn đề nghị báo cáo, cung cấp hồ sơ.",
        anchor="cong-van",
        name="request_form",
    )


@bp.route("/requests/<int:request_id>/issue", methods=["POST"])
@login_required
def issue_request(request_id):
    req = load(InformationRequest, request_id, "cases.case.work", lambda r: r.case)
    form = sign_form("request_letter")
    return case_action(
        req.case,
        form,
        lambda: letters.submit_request(req, current_user, signer(form, req.case), form.issued_on.data),
        success=letters.REQUEST_MESSAGE,  # issue 14: signed by its signer, submitted by anyone else
        anchor="cong-van",
        name="request_sign_form",
    )


@bp.route("/requests/<int:request_id>/answers", methods=["POST"])
@login_required
@accepts_uploads
def upload_answer(request_id):
    req = load(InformationRequest, request_id, "cases.answer.upload", message=ONLY_ADDRESSED)
    form = forms.AnswerForm()

    def run():
        upload = form.file.data
        if not upload:
            raise ValidationFailed("Chưa chọn tệp để tải lên.", field="file")
        return work.upload_answer(req, current_user, upload.stream, upload.filename, form.note.data or "")

    return form_action(
        form,
        run,
        render=lambda status, _c: render_unit(req.case, status, {req.id: form}),
        done=url_for("cases.show_unit_page", case_id=req.case_id),
        success="Đã gửi tài liệu cho Đoàn kiểm tra.",
    )


@bp.route("/<int:case_id>/minutes", methods=["POST"])
@login_required
def create_minutes(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.MinutesForm()
    form.unit.choices = []

    def run():
        held_at = at_time(form.held_on.data, form.held_time.data, "held_time")
        ended_at = at_time(form.held_on.data, form.ended_time.data, "ended_time")
        texts = ("place", "team_participants", "unit_participants", "content", "results", "unit_opinions")
        data = {k: getattr(form, k).data for k in texts}
        minutes = work.create_minutes(case, current_user, form.unit.data, held_at=held_at, ended_at=ended_at, **data)
        return issuing.issue_minutes(minutes, current_user, None)  # registered on the day it is stored

    return case_action(
        case, form, run, success="Đã lập và lưu biên bản kiểm tra.", anchor="bien-ban", name="minutes_form"
    )


def at_time(day, hm, field):
    """The moment `day` at `hm` ("hh:mm"); a clear refusal beside `field` otherwise."""
    try:
        h, m = (int(x) for x in (hm or "").strip().split(":"))
        return datetime.datetime.combine(day, datetime.time(h, m))
    except (ValueError, TypeError):
        raise ValidationFailed("Giờ không hợp lệ (nhập theo dạng hh:mm).", field=field) from None


@bp.route("/<int:case_id>/notes", methods=["POST"])
@login_required
@accepts_uploads
def add_note(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.NoteForm()

    def run():
        f = form.file.data
        return work.add_note(case, current_user, form.text.data, f.stream if f else None, f.filename if f else "")

    return case_action(case, form, run, success="Đã ghi chú.", anchor="ghi-chu", name="note_form")


@bp.route("/<int:case_id>/findings/prefill", methods=["POST"])
@login_required
def prefill_findings(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    return case_action(
        case,
        forms.ActionForm(),
        lambda: work.prefill_findings(case, current_user),
        success="Đã lập bảng kết quả từ sổ theo dõi (trạng thái, đăng ký chậm, cập nhật chậm).",
        anchor="ket-qua",
    )


@bp.route("/findings/<int:finding_id>", methods=["POST"])
@login_required
def save_finding(finding_id):
    finding = load(Finding, finding_id, "cases.case.work", lambda f: f.case)
    form = forms.FindingForm()
    return case_action(
        finding.case,
        form,
        lambda: work.save_finding(
            finding, current_user, **{k: getattr(form, k).data or "" for k in work.FINDING_FIELDS}
        ),
        success="Đã lưu kết quả kiểm tra nhiệm vụ.",
        anchor="ket-qua",
        name="finding_form",
    )


@bp.route("/<int:case_id>/evaluations/<int:unit_id>", methods=["POST"])
@login_required
def save_evaluation(case_id, unit_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.EvaluationForm()
    texts = ("organisation", "results", "updating", "reporting")
    return case_action(
        case,
        form,
        lambda: work.save_evaluation(case, current_user, unit_id, *(getattr(form, k).data or "" for k in texts)),
        success="Đã lưu đánh giá đơn vị.",
        anchor="danh-gia",
        name="eval_form",
    )


@bp.route("/<int:case_id>/recommendations", methods=["POST"])
@login_required
def add_recommendation(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.RecommendationForm()
    form.unit.choices = []
    return case_action(
        case,
        form,
        lambda: work.add_recommendation(
            case, current_user, form.kind.data, form.content.data, form.unit.data, form.deadline.data
        ),
        success="Đã thêm kiến nghị.",
        anchor="kien-nghi",
        name="rec_form",
    )


@bp.route("/recommendations/<int:recommendation_id>/remove", methods=["POST"])
@login_required
def remove_recommendation(recommendation_id):
    rec = load(Recommendation, recommendation_id, "cases.case.work", lambda r: r.case)
    return case_action(
        rec.case,
        forms.ActionForm(),
        lambda: work.remove_recommendation(rec, current_user),
        success="Đã xóa kiến nghị.",
        anchor="kien-nghi",
    )


@bp.route("/<int:case_id>/report/texts", methods=["POST"])
@login_required
def save_report_texts(case_id):
    case = load(InspectionCase, case_id, "cases.case.work")
    form = forms.ReportTextForm()
    return case_action(
        case,
        form,
        lambda: work.save_report_texts(
            case, current_user, **{k: getattr(form, k).data for k in work.REPORT_TEXT_FIELDS}
        ),
        success="Đã lưu nội dung báo cáo, thông báo.",
        anchor="bao-cao",
        name="report_form",
    )


@bp.route("/<int:case_id>/report", methods=["POST"])
@login_required
def issue_report(case_id):
    case = load(InspectionCase, case_id, "cases.case.lead")
    form = sign_form("inspection_report")
    return case_action(
        case,
        form,
        # c1-sign (issue 14): the leader signs at once; anyone else submits it to him
        lambda: issuing.submit_report(case, current_user, signer(form, case), form.issued_on.data),
        success=submitting.signed_or_submitted("báo cáo kết quả kiểm tra gửi Giám đốc Sở"),
        anchor="bao-cao",
        name="sign_form",
    )


@bp.route("/<int:case_id>/notice", methods=["POST"])
@login_required
def issue_notice(case_id):
    case = load(InspectionCase, case_id, "cases.notice.issue")
    form = sign_form("conclusion_notice")
    return case_action(
        case,
        form,
        # c1-sign (issue 14): the signer signs at once (the recommendations go to the register);
        # anyone else submits it to him
        lambda: issuing.submit_notice(case, current_user, signer(form, case), form.issued_on.data),
        success=submitting.signed_or_submitted("thông báo kết luận", "khoản 2 Điều 16"),
        anchor="bao-cao",
        name="sign_form",
    )


# --- the inspected unit's page ---------------------------------------------------------------
def render_unit(case, status=200, posted=None):
    """The inspected unit's page; `posted` = {request id: AnswerForm} puts a refused upload back."""
    from inspection import history
    from inspection.register.rules import status as task_status

    today, cal = ops.today(), ops.calendar()
    page = render_template(
        "cases/unit.html",
        **queries.unit_page(case, current_user.unit_id),
        history=history.for_record(case, current_user),  # issue 14: without the Office's internal steps
        answer_forms=posted or {},
        answer_form=forms.AnswerForm(),
        task_status=lambda task: task_status(task, today, cal),
        today=today,
    )
    return page, status


@bp.route("/<int:case_id>/unit")
@login_required
def show_unit_page(case_id):
    return render_unit(load(InspectionCase, case_id, "cases.case.unit_view"))


# --- issued files: served as stored, only to who may see them -------------------------------
@bp.route("/documents/<int:document_id>.<any(pdf, docx):fmt>")
@login_required
def download_document(document_id, fmt):
    found = queries.document_case(document_id)
    if found is None:
        abort(404)
    case, kind = found
    if not can(current_user, "cases.case.view", case):
        ensure(current_user, "cases.case.unit_view", case)
        addressed = kind == "notice" or (
            kind == "request" and queries.request_reaches_unit(document_id, current_user.unit_id)
        )
        if not addressed:
            raise NotAllowed(UNIT_SEES)
    stored = issuing.stored_file(document_id, fmt)
    if stored is None:
        abort(404)
    name = stored.original_name or f"van-ban-{document_id}.{fmt}"
    return send_file(stored.path, mimetype=stored.mime, as_attachment=True, download_name=name)


@bp.route("/answers/<int:answer_id>")
@login_required
def download_answer(answer_id):
    answer = get_or_404(UnitAnswer, answer_id)
    if not can(current_user, "cases.case.view", answer.request.case) and answer.unit_id != current_user.unit_id:
        raise NotAllowed("Bạn không có quyền xem tài liệu này.")
    f = answer.file
    return send_file(f.path, mimetype=f.mime, as_attachment=True, download_name=f.download_name)


@bp.route("/notes/<int:note_id>/file")
@login_required
def download_note_file(note_id):
    note = load(WorkingNote, note_id, "cases.case.view", lambda n: n.case)
    if note.file_id is None:
        abort(404)
    f = note.file
    return send_file(f.path, mimetype=f.mime, as_attachment=True, download_name=f.download_name)
