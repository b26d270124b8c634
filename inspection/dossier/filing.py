"""File what the system already holds into the dossier (R-17), idempotently.

- the issued decision (1), plan (5), minutes and request letters (6), report (7) and
  notice of conclusions (setting dossier.notice_component, 8 by default): their stored PDFs;
- the directive documents of the tasks in scope (2) and the urging letters issued about
  those tasks (3), from the register;
- the inspected units' uploaded answers (4).
Secret documents are never filed here (R-5.2): they stay in the secret register.
Each source is filed once (unique source_ref); an item removed by a person stays removed.
"""

from inspection import settings
from inspection.dossier import rules
from inspection.dossier.operations import ensure_open, file_item, setting
from inspection.text import nfc, normal_case_name


def _outgoing_meta(doc, component, agency):
    from inspection.documents import kinds

    try:
        name = kinds.get(doc.kind).name_vi
    except KeyError:
        name = "Văn bản"
    return {
        "component": component,
        "number_symbol": doc.number_text,
        "doc_date": doc.issued_on,
        "type_and_abstract": nfc(f"{name}: {doc.abstract}".strip(": ")),
        "author": agency,
        "pages": None,
    }


def system_documents(case):
    """Return [(source, source_ref, stored_file, meta)] of everything the system holds for a case."""
    agency = normal_case_name(settings.get("org.agency_name"))  # "Tác giả" in normal case (issue 14)
    notice_component = int(setting("dossier.notice_component", rules.DEFAULT_NOTICE_COMPONENT))
    found = []
    for doc, kind in _case_outgoing(case):
        component = rules.component_for_kind(kind, notice_component)
        found.append(("generated", f"outgoing:{doc.id}", doc.pdf_file, _outgoing_meta(doc, component, agency)))
    found += _directives(case, agency)
    found += _answers(case)
    return found


def _case_outgoing(case):
    """Issued, non-secret documents of the case with their dossier kind, in document order."""
    from inspection.cases.models import InformationRequest, Minutes, TeamMember
    from inspection.documents.models import ISSUED, OutgoingDocument

    wanted = [
        (case.decision_doc_id, "inspection_decision"),
        (case.report_doc_id, "inspection_report"),
        (case.notice_doc_id, "conclusion_notice"),
    ]
    if case.plan_item_id:
        wanted.append((case.plan_item.plan.plan_doc_id, "inspection_plan"))
    wanted += [
        (m.doc_id, "inspection_minutes")
        for m in Minutes.select(Minutes.doc).where(Minutes.case == case).order_by(Minutes.held_at)
    ]
    wanted += [
        (r.doc_id, "request_letter")
        for r in InformationRequest.select(InformationRequest.doc)
        .where(InformationRequest.case == case)
        .order_by(InformationRequest.id)
    ]
    wanted += [
        (m.invitation_doc_id, "invitation_letter")
        for m in TeamMember.select(TeamMember.invitation_doc).where(TeamMember.case == case).order_by(TeamMember.id)
    ]
    ids = [i for i, _ in wanted if i]
    docs = {
        d.id: d
        for d in OutgoingDocument.select().where(
            OutgoingDocument.id.in_(ids)
            & (OutgoingDocument.state == ISSUED)
            & (OutgoingDocument.secret == False)
            & OutgoingDocument.pdf_file.is_null(False)
        )
    }  # noqa: E712
    urging = _urging_letters(case)
    return [(docs[i], kind) for i, kind in wanted if i in docs] + [(d, "urging_letter") for d in urging]


def _scope_task_ids(case):
    from inspection.cases.models import CaseTask

    return [ct.task_id for ct in CaseTask.select(CaseTask.task).where(CaseTask.case == case)]


def _urging_letters(case):
    """Urging letters issued about the tasks in scope (subject 'task')."""
    from inspection.documents.models import ISSUED, OutgoingDocument

    task_ids = _scope_task_ids(case)
    if not task_ids:
        return []
    return list(
        OutgoingDocument.select()
        .where(
            (OutgoingDocument.kind == "urging_letter")
            & (OutgoingDocument.state == ISSUED)
            & (OutgoingDocument.secret == False)
            & (
                ((OutgoingDocument.subject_type == "task") & OutgoingDocument.subject_id.in_(task_ids))
                | OutgoingDocument.id.in_(_letters_recorded(task_ids))  # one letter covers a unit's tasks
            )
            & OutgoingDocument.pdf_file.is_null(False)
        )
        .order_by(OutgoingDocument.issued_on, OutgoingDocument.id)
    )


def _letters_recorded(task_ids):
    """The letters the urging part recorded on any of these tasks (monitoring.models.Urging)."""
    from inspection.monitoring.models import Urging

    return Urging.select(Urging.letter).where(Urging.task.in_(task_ids) & Urging.letter.is_null(False))


def _directives(case, agency):
    """The directive documents that assigned the tasks in scope (component 2), non-secret."""
    from inspection.register.models import DirectiveDocument, Task

    task_ids = _scope_task_ids(case)
    if not task_ids:
        return []
    docs = (
        DirectiveDocument.select()
        .join(Task)
        .where(Task.id.in_(task_ids) & (DirectiveDocument.secret_level == ""))
        .distinct()
        .order_by(DirectiveDocument.issued_on, DirectiveDocument.id)
    )
    return [
        (
            "register",
            f"directive:{d.id}",
            d.scan,
            {
                "component": 2,
                "number_symbol": d.number_symbol,
                "doc_date": d.issued_on,
                "type_and_abstract": nfc(f"{d.doc_type_label}: {d.abstract}".strip(": ")),
                "author": d.issuer_label,
                "pages": None,
            },
        )
        for d in docs
    ]


def _answers(case):
    """The inspected units' uploaded reports and papers (component 4)."""
    from inspection.accounts.models import Unit
    from inspection.cases.models import InformationRequest, UnitAnswer

    rows = (
        UnitAnswer.select(UnitAnswer, InformationRequest, Unit)
        .join(InformationRequest)
        .switch(UnitAnswer)
        .join(Unit)
        .where(InformationRequest.case == case)
        .order_by(UnitAnswer.uploaded_at, UnitAnswer.id)
    )
    return [
        (
            "answer",
            f"answer:{a.id}",
            a.file,
            {
                "component": 4,
                "number_symbol": "",
                "doc_date": a.uploaded_at.date(),
                "type_and_abstract": nfc(f"Báo cáo, tài liệu của {a.unit.name}: {a.note or a.request.subject}"),
                "author": a.unit.name,
                "pages": None,
            },
        )
        for a in rows
    ]


def file_from_system(dossier, user=None):
    """File every document the system holds for the case that is not yet in the dossier."""
    from inspection.dossier.models import DossierItem

    ensure_open(dossier)
    have = {r.source_ref for r in DossierItem.select(DossierItem.source_ref).where(DossierItem.dossier == dossier)}
    added = 0
    for source, ref, stored, meta in system_documents(dossier.case):
        if ref not in have and file_item(dossier, source, ref, stored, meta, user):
            added += 1
    return added
