"""The Department's periodic reports through the API (issue 15, R-18, R-20.2): metadata and the
DOCX, PDF and XLSX the reports part produces (an issued report's frozen files).

The ordinary list never holds a secret report; `secret=true` lists them for who has
clearance (`reports.secret`), and without it a secret report is "not found" (R-5.2).
"""

from flask import url_for
from flask_login import current_user
from peewee import fn

from inspection.accounts.policy import can, ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.problems import ApiProblem
from inspection.api.schemas_inspections import ReportOut, ReportPage, ReportQuery
from inspection.documents.models import ISSUED, OutgoingDocument
from inspection.errors import NotFound, OfficeError
from inspection.pagination import paginate
from inspection.reports import content, document, queries, rules
from inspection.reports.models import Report
from inspection.views_util import send_bytes

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NOT_FOUND = "Không tìm thấy báo cáo."


def _summary(r):
    doc = r.document
    return {
        "id": r.id,
        "kind": r.kind,
        "kind_label": rules.KINDS.get(r.kind, r.kind),
        "scope": r.scope,
        "scope_text": content.scope_label(r.scope, r.scope_ref),
        "period_start": r.period_start,
        "period_end": r.period_end,
        "secret": r.secret,
        "issued": doc.state == ISSUED,
        "document_id": doc.id,
        "number": doc.number_text if doc.number else "",
        "due_on": rules.due_date(r.kind, r.period_end),
    }


@bp.get("/reports")
@spec.validate(query=ReportQuery, resp=responds({"HTTP_200": ReportPage}), tags=["reports"])
def list_reports(query: ReportQuery):
    """Báo cáo định kỳ, theo yêu cầu (đơn vị: chỉ báo cáo đã ban hành); báo cáo mật: secret=true."""
    ensure(current_user, "reports.secret" if query.secret else "reports.view")
    cond = Report.secret == bool(query.secret)  # never mixed in the ordinary list
    if not current_user.is_office:
        cond &= OutgoingDocument.state == ISSUED  # units read issued reports only (reports.read)
    if query.kind:
        cond &= Report.kind == query.kind
    rows = Report.select(Report, OutgoingDocument).join(OutgoingDocument).where(cond)
    total = Report.select(fn.COUNT(Report.id)).join(OutgoingDocument).where(cond).scalar()
    result = paginate(rows.order_by(Report.period_end.desc(), Report.id.desc()), query.page, query.per_page, total)
    return ReportPage.model_validate(
        {
            "items": [_summary(r) for r in result.items],
            "page": result.number,
            "per_page": query.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )


def _report(report_id):
    report = Report.get_or_none(Report.id == report_id)
    if report is None or (report.secret and not can(current_user, "reports.read", report)):
        raise NotFound(NOT_FOUND)  # a secret report does not even exist
    ensure(current_user, "reports.view")
    ensure(current_user, "reports.read", report)
    return report


@bp.get("/reports/<int:report_id>")
@spec.validate(resp=responds({"HTTP_200": ReportOut}), tags=["reports"])
def show_report(report_id):
    """Một báo cáo: loại, kỳ, phạm vi, hạn gửi (R-20.2), số và trạng thái văn bản, các tệp tải về."""
    report = _report(report_id)
    doc = report.document
    summary = _summary(report)
    files = {fmt: url_for("api.download_report", report_id=report.id, fmt=fmt) for fmt in MIME}
    return ReportOut.model_validate(
        {
            **summary,
            "title": document.title(report.data, summary["scope_text"]),
            "document_state": doc.state,
            "document_state_label": doc.state_label,
            "issued_on": doc.issued_on,
            "files": files,
        }
    )


@bp.get("/reports/<int:report_id>/report.<any(docx, pdf, xlsx):fmt>")
@spec.validate(resp=responds({"HTTP_200": None}, "HTTP_503"), tags=["reports"])
def download_report(report_id, fmt):
    """Báo cáo dạng Word, PDF (đã ban hành: đúng tệp đã lưu) hoặc Excel (các bảng số liệu)."""
    report = _report(report_id)
    try:
        data, name = queries.report_file(report, fmt)
    except OfficeError as exc:
        raise ApiProblem(503, "office_unavailable", exc.message) from None
    answer = send_bytes(data, name, MIME[fmt])
    answer.direct_passthrough = False  # spectree reads the body it passes on
    return answer
