"""Inspections and issued documents, read-only (issue 15): the cases part's own queries and policy.

A case opens in full (state, team, scope, findings, documents) for who may see it in full
(`cases.case.view`); an inspected unit sees its summary only, as its page in the interface
shows only what reached it. Secret issued documents are "not found" without clearance (R-5.2).
"""

from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import CaseList, IssuedDocumentOut
from inspection.api.schemas_inspections import CaseDetail
from inspection.cases import queries as case_queries
from inspection.cases.models import CaseTask, CaseTransition, CaseUnit, Finding, InspectionCase, Recommendation
from inspection.cases.rules import REC_LABELS, STATE_LABELS
from inspection.documents.models import OutgoingDocument
from inspection.errors import NotFound
from inspection.views_util import send_bytes

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _summary(case, access):
    fields = ("id", "title", "state", "form", "start_on", "end_on")
    return {**{f: getattr(case, f) for f in fields}, "state_label": STATE_LABELS[case.state], "access": access}


@bp.get("/cases")
@spec.validate(resp=responds({"HTTP_200": CaseList}), tags=["cases"])
def list_cases():
    """Các cuộc kiểm tra người dùng được xem (toàn bộ, hoặc như đơn vị được kiểm tra)."""
    ensure(current_user, "cases.view")
    return CaseList.model_validate(
        {"items": [_summary(c, mode) for c, mode in case_queries.visible_cases(current_user)]}
    )


def _full(case):
    units = Unit.select().join(CaseUnit, on=(CaseUnit.unit == Unit.id)).where(CaseUnit.case == case)
    scope = [
        {
            "task_id": link.task_id,
            "number_symbol": link.number_symbol or link.task.document.number_symbol,
            "summary": link.summary or link.task.summary,
            "lead_unit": link.lead_unit_name or link.task.lead_unit.name,
            "deadline": link.deadline if link.deadline is not None else link.task.deadline,
            "status": link.status_code,
        }
        for link in case_queries.case_scope(case)
    ]
    team = [
        {"name": m.name, "title": m.title, "agency": m.agency, "role": m.role} for m in case_queries.case_team(case)
    ]
    findings = {f: getattr(case, f) for f in ("overview", "strengths", "weaknesses", "causes", "conclusion")}
    return {
        "units": [{"id": u.id, "name": u.name} for u in units],
        "team": team,
        "scope": scope,
        "findings": findings,
        "report_due_on": case.report_due_on,
        "documents": {
            "decision": case.decision_doc_id,
            "report": case.report_doc_id,
            "notice": case.notice_doc_id,
        },
    }


def _recommendations(case, unit_id=None):
    rows = Recommendation.select(Recommendation, Unit).join(Unit).where(Recommendation.case == case)
    if unit_id is not None:
        rows = rows.where(Recommendation.unit == unit_id)
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "kind_label": REC_LABELS.get(r.kind, r.kind),
            "content": r.content,
            "unit": {"id": r.unit.id, "name": r.unit.name},
            "deadline": r.deadline,
            "task_id": r.task_id,
        }
        for r in rows.order_by(Recommendation.sort_order, Recommendation.id)
    ]


def _details(case):
    """Recommendations, findings per task and the history of states (full access)."""
    findings = Finding.select(Finding, CaseTask).join(CaseTask).where(Finding.case == case).order_by(Finding.id)
    fields = ("result", "nature", "degree", "cause", "responsibility", "registration_late", "result_entry_late")
    transitions = CaseTransition.select().where(CaseTransition.case == case).order_by(CaseTransition.at)
    return {
        "recommendations": _recommendations(case),
        "task_findings": [{"task_id": f.case_task.task_id, **{k: getattr(f, k) for k in fields}} for f in findings],
        "transitions": [
            {
                "from_state": t.from_state,
                "to_state": t.to_state,
                "to_label": t.to_label,
                "at": t.at.astimezone(),
                "note": t.note,
            }
            for t in transitions
        ],
    }


def case_answer(case):
    """The case as the user may see it: in full, or the inspected unit's summary."""
    if can(current_user, "cases.case.view", case):
        return CaseDetail.model_validate({**_summary(case, "full"), **_full(case), **_details(case)})
    limited = {"units": [], "team": None, "scope": None, "findings": None, "report_due_on": None}
    documents = {"decision": None, "report": None, "notice": case.notice_doc_id}
    own = _recommendations(case, current_user.unit_id or 0)  # as the unit's page shows them
    extra = {"recommendations": own, "task_findings": None, "transitions": None}
    return CaseDetail.model_validate({**_summary(case, "unit"), **limited, "documents": documents, **extra})


@bp.get("/cases/<int:case_id>")
@spec.validate(resp=responds({"HTTP_200": CaseDetail}), tags=["cases"])
def show_case(case_id):
    """Một cuộc kiểm tra: trạng thái, đoàn, phạm vi, kết quả, kiến nghị và văn bản (đơn vị được kiểm tra: tóm tắt)."""
    case = InspectionCase.get_or_none(InspectionCase.id == case_id)
    if case is None:
        raise NotFound("Không tìm thấy cuộc kiểm tra.")
    ensure(current_user, "cases.view", case)
    return case_answer(case)


def _issued(document_id):
    doc = OutgoingDocument.get_or_none(OutgoingDocument.id == document_id)
    if doc is None or (doc.secret and not current_user.clearance):
        raise NotFound("Không tìm thấy văn bản.")  # a secret entry does not even exist
    ensure(current_user, "documents.view", doc)
    return doc


@bp.get("/issued-documents/<int:document_id>")
@spec.validate(resp=responds({"HTTP_200": IssuedDocumentOut}), tags=["documents"])
def show_issued_document(document_id):
    """Văn bản đi của hệ thống (quyết định, thông báo, công văn…): số, trích yếu, người ký."""
    doc = _issued(document_id)
    fields = ("id", "kind", "state", "abstract", "issued_on", "signer_name", "signer_title")
    return IssuedDocumentOut.model_validate(
        {
            **{f: getattr(doc, f) for f in fields},
            "state_label": doc.state_label,
            "number": doc.number_text,
            "has_docx": doc.docx_file_id is not None,
            "has_pdf": doc.pdf_file_id is not None,
        }
    )


@bp.get("/issued-documents/<int:document_id>/file.<any(pdf, docx):fmt>")
@spec.validate(resp=responds({"HTTP_200": None}), tags=["documents"])
def download_issued_document(document_id, fmt):
    """Tệp DOCX hoặc PDF đã lưu khi ban hành (bản dự thảo không có tệp: 404)."""
    doc = _issued(document_id)
    stored = doc.docx_file if fmt == "docx" else doc.pdf_file
    if stored is None:
        raise NotFound("Văn bản chưa ban hành nên chưa có tệp lưu.")
    answer = send_bytes(stored.read_bytes(), f"{doc.number_text.replace('/', '_')}.{fmt}", MIME[fmt])
    answer.direct_passthrough = False  # spectree reads the body it passes on
    return answer
