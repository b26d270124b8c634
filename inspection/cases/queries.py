"""Read-side helpers of cases: who sees which case, signer choices, figures for the pages."""

from peewee import JOIN

from inspection import settings
from inspection.accounts import roles
from inspection.accounts.models import Unit
from inspection.cases import rules
from inspection.cases.models import CaseUnit, InformationRequest, InspectionCase, RequestUnit, TeamMember
from inspection.documents import signers


def visible_cases(user):
    """Return [(case, mode)] the user may open: mode 'full' (office, team) or 'unit' (inspected)."""
    base = InspectionCase.select().order_by(InspectionCase.id.desc())
    if user.has_role(roles.DIRECTOR, roles.DEPUTY, roles.CHIEF, roles.TRACKER):
        return [(c, "full") for c in base]
    mine = TeamMember.select(TeamMember.case).where(TeamMember.user == user.id)
    out = [(c, "full") for c in base.where(InspectionCase.id.in_(mine))]
    if user.unit_id and user.has_role(roles.UNIT_HEAD, roles.UNIT_OFFICER):
        seen = {c.id for c, _ in out}
        asked = (
            InformationRequest.select(InformationRequest.case)
            .join(RequestUnit)
            .where((RequestUnit.unit == user.unit_id) & InformationRequest.doc.is_null(False))
        )
        inspected = CaseUnit.select(CaseUnit.case).where(CaseUnit.unit == user.unit_id)
        q = base.where(
            InspectionCase.id.in_(inspected) & (InspectionCase.id.in_(asked) | InspectionCase.notice_doc.is_null(False))
        )
        out += [(c, "unit") for c in q if c.id not in seen]
    return out


def signer_choices():
    """Return (key, label) of who may sign: Director, Deputy (KT.), Chief of Office (TL.), leader."""
    org = settings.get_many("org.")
    out = [("director", f"Giám đốc Sở – {org['org.director_name']}")]
    out += [(f"deputy:{i}", f"KT. Giám đốc, Phó Giám đốc – {n}") for i, n in enumerate(org["org.deputy_names"])]
    out += [
        ("chief", f"TL. Giám đốc, Chánh Văn phòng – {org['org.office_chief_name']}"),
        ("leader", "Trưởng Đoàn kiểm tra"),
    ]
    return out


def signer(key, case=None):
    """Return the signer block for a choice key; the block itself comes from documents.signers."""
    key = key or "director"
    if key.startswith("deputy:"):
        index = key.split(":", 1)[1]
        return signers.signer_block(signers.DEPUTY, deputy_index=int(index) if index.isdigit() else 0)
    if key == "chief":
        return signers.signer_block(signers.OFFICE_CHIEF)
    if key == "leader" and case is not None:
        leader = TeamMember.select().where((TeamMember.case == case) & (TeamMember.role == rules.LEADER)).first()
        if leader is not None:
            return signers.signer_block(signers.TEAM_LEADER, leader.name)
    return signers.signer_block(signers.DIRECTOR)


def case_units(case):
    """Return the inspected units of a case, ordered."""
    return list(
        Unit.select()
        .join(CaseUnit, on=(CaseUnit.unit == Unit.id))
        .where(CaseUnit.case == case)
        .order_by(Unit.sort_order, Unit.name)
    )


def unit_heads(unit_ids):
    """Return {unit_id: head's name} (for the conflict-of-interest hint)."""
    from inspection.accounts.models import User

    q = User.select().where(User.unit.in_(list(unit_ids)) & User.roles.contains(roles.UNIT_HEAD))
    return {u.unit_id: u.full_name for u in q}


def upcoming_plan_items(today, days):
    """Planned inspections of approved plans, not yet started, whose window approaches."""
    from datetime import timedelta

    from inspection.cases.models import InspectionPlan, PlanItem

    started = InspectionCase.select(InspectionCase.plan_item).where(InspectionCase.plan_item.is_null(False))
    return list(
        PlanItem.select(PlanItem, Unit, InspectionPlan)
        .join(Unit)
        .switch(PlanItem)
        .join(InspectionPlan, JOIN.INNER)
        .where(
            (InspectionPlan.state == rules.PLAN_APPROVED)
            & PlanItem.id.not_in(started)
            & (PlanItem.window_start <= today + timedelta(days=days))
            & (PlanItem.window_end >= today)
        )
        .order_by(PlanItem.window_start)
    )


def filtered_task_ids(user, f, today, calendar, due_soon_days, limit=2000):
    """Return the ids of all ordinary tasks matching the register's filters (for the scope)."""
    from inspection.register import queries as rq
    from inspection.register.models import DirectiveDocument, Task

    base = (
        rq.scope(user, secret=False)
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
    )
    q = rq.apply_filters(base, f, today, calendar, due_soon_days, user)
    return [t.id for t in q.select(Task.id).order_by(Task.deadline, Task.id).limit(limit)]


def document_case(doc_id):
    """Return (case, kind) for an issued document of a case, or None.

    kind: 'decision', 'report', 'notice', 'request', 'minutes'.
    """
    from inspection.cases.models import Minutes

    for kind, field in (
        ("decision", InspectionCase.decision_doc),
        ("report", InspectionCase.report_doc),
        ("notice", InspectionCase.notice_doc),
    ):
        case = InspectionCase.get_or_none(field == doc_id)
        if case is not None:
            return case, kind
    req = InformationRequest.get_or_none(InformationRequest.doc == doc_id)
    if req is not None:
        return req.case, "request"
    m = Minutes.get_or_none(Minutes.doc == doc_id)
    if m is not None:
        return m.case, "minutes"
    return None
