"""Read-side helpers of cases: who sees which case, signer choices, figures for the pages."""

from peewee import JOIN

from inspection import settings
from inspection.accounts import roles
from inspection.accounts.models import Unit, User
from inspection.cases import rules
from inspection.cases.models import CaseUnit, InformationRequest, InspectionCase, RequestUnit, TeamMember
from inspection.documents import signers


def visible_cases(user):
    """Return [(case, mode)] the user may open: mode 'full' (office, team) or 'unit' (inspected)."""
    base = InspectionCase.select().order_by(InspectionCase.id.desc())
    if user.has_role(roles.DIRECTOR, roles.DEPUTY, roles.CHIEF, roles.TRACKER):
        return [(c, "full") for c in base]
    mine = TeamMember.select(TeamMember.case).where(TeamMember.user == user.id)
    out = [(c, "full") for c in base.where(InspectionCase.id.in_(mine) | (InspectionCase.presider == user.id))]
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


def signer_choices(kind=None):
    """Return (key, label) of who may sign a kind (documents.signers.ALLOWED; all when no kind)."""
    org = settings.get_many("org.")
    delegate = signers.delegation()
    allowed = signers.allowed(kind, delegate) if kind else tuple(signers.BLOCKS)
    deputies = list(enumerate(org["org.deputy_names"]))
    if kind and signers.DELEGATED in signers.ALLOWED.get(kind, ()):
        deputies = [(i, n) for i, n in deputies if n == delegate.get("deputy_name")] if delegate else []
    out = [("director", f"Giám đốc Sở – {org['org.director_name']}")] if signers.DIRECTOR in allowed else []
    if signers.DEPUTY in allowed:
        out += [(f"deputy:{i}", f"KT. Giám đốc, Phó Giám đốc – {n}") for i, n in deputies]
    if signers.OFFICE_CHIEF in allowed:
        out.append(("chief", f"TL. Giám đốc, Chánh Văn phòng – {org['org.office_chief_name']}"))
    if signers.TEAM_LEADER in allowed:
        out.append(("leader", "TM. Đoàn kiểm tra, Trưởng Đoàn kiểm tra"))
    return out


def signer(key, case=None):
    """Return the signer block for a choice key; the block itself comes from documents.signers."""
    key = key or "director"
    if key.startswith("deputy:"):
        index = key.split(":", 1)[1]
        return signers.signer_block(
            signers.DEPUTY, deputy_index=int(index) if index.isascii() and index.isdigit() else 0
        )
    if key == "chief":
        return signers.signer_block(signers.OFFICE_CHIEF)
    if key == "leader" and case is not None:
        leader = TeamMember.select().where((TeamMember.case == case) & (TeamMember.role == rules.LEADER)).first()
        if leader is not None:
            return signers.signer_block(signers.TEAM_LEADER, leader.name)
        if case.presider_id:  # no team: whoever presides signs
            return _presider_block(case)
    return signers.signer_block(signers.DIRECTOR)


def presider_choices(case, director):
    """Who may preside: the Deputy Directors (R-12.3), or the Director himself (R-12.4)."""
    if case.form == rules.FORM_DIRECT:
        return [(str(director.id), f"{director.full_name} – Giám đốc Sở")]
    if case.form == rules.FORM_INTERNAL and case.presider_id:
        return [(str(case.presider_id), f"{case.presider.full_name} – Thủ trưởng đơn vị")]
    deputies = User.select().where((User.active == True) & User.roles.contains(roles.DEPUTY))  # noqa: E712
    return [(str(u.id), f"{u.full_name} – Phó Giám đốc Sở") for u in deputies.order_by(User.full_name)]


def _presider_block(case):
    """The block of whoever presides a case without a team, marked so (signers.PRESIDER)."""
    p = case.presider
    if p.has_role(roles.DIRECTOR):
        block = signers.signer_block(signers.DIRECTOR, p.full_name)
    elif p.has_role(roles.DEPUTY):
        block = signers.signer_block(signers.DEPUTY, p.full_name)
    else:
        block = {
            "signer_authority": "",
            "signer_title": (p.title or "Thủ trưởng đơn vị").upper(),
            "signer_name": p.full_name,
        }
    return {**block, "presider": True}


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

    kind: 'decision', 'report', 'notice', 'extension', 'request', 'minutes', 'invitation'.
    """
    from inspection.cases.models import Minutes

    for kind, field in (
        ("decision", InspectionCase.decision_doc),
        ("report", InspectionCase.report_doc),
        ("notice", InspectionCase.notice_doc),
        ("extension", InspectionCase.extension_doc),
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
    invited = TeamMember.get_or_none(TeamMember.invitation_doc == doc_id)
    if invited is not None:
        return invited.case, "invitation"
    return None


# --- what each page shows: views ask these and only attach forms ---------------------------
def index_page(user):
    """Return the case list and, for the Office and leadership, the plans."""
    from inspection.accounts.policy import can
    from inspection.cases.models import InspectionPlan

    may_see_plans = can(user, "cases.plan.view")
    plans = InspectionPlan.select().order_by(InspectionPlan.year.desc(), InspectionPlan.id.desc())
    from inspection.cases import operations as ops

    cases = visible_cases(user)
    today = ops.today()
    return {
        "cases": cases,
        "flags": {c.id: rules.case_flags(rules.case_dates(c), today) for c, mode in cases if mode == "full"},
        "plans": list(plans) if may_see_plans else [],
        "labels": rules.STATE_LABELS,
        "can_plan_view": may_see_plans,
        "can_plan_edit": can(user, "cases.plan.edit"),
        "can_create": can(user, "cases.create"),
        "can_create_internal": can(user, "cases.internal.create"),
    }


def plan_page(plan):
    """Return a plan and its planned inspections with their units."""
    from inspection.cases.models import PlanItem

    items = PlanItem.select(PlanItem, Unit).join(Unit).where(PlanItem.plan == plan).order_by(PlanItem.sort_order)
    made = InspectionCase.select(InspectionCase.id, InspectionCase.title, InspectionCase.plan_item).where(
        InspectionCase.plan_item.in_(PlanItem.select(PlanItem.id).where(PlanItem.plan == plan))
    )
    return {"plan": plan, "items": list(items), "rules": rules, "case_of": {c.plan_item_id: c for c in made}}


def plan_item_choices():
    """Return (id, label) of the planned inspections of approved plans that have no case yet."""
    from inspection.cases.models import InspectionPlan, PlanItem

    q = (
        PlanItem.select(PlanItem, Unit, InspectionPlan)
        .join(Unit)
        .switch(PlanItem)
        .join(InspectionPlan)
        .where(
            (InspectionPlan.state == rules.PLAN_APPROVED)
            & PlanItem.id.not_in(
                InspectionCase.select(InspectionCase.plan_item).where(InspectionCase.plan_item.is_null(False))
            )
        )
        .order_by(PlanItem.window_start)
    )
    return [(str(i.id), f"{i.plan.title}: {i.unit.name} ({i.window_start:%d/%m/%Y})") for i in q]


def active_unit_choices():
    """Return (id, name) of the active units, in the catalogue's order."""
    units = Unit.select(Unit.id, Unit.name).where(Unit.active == True).order_by(Unit.sort_order, Unit.name)  # noqa: E712
    return [(u.id, u.name) for u in units]


def member_choices():
    """Return (id, label) of the active staff who may be named in a team."""
    from inspection.accounts.models import User

    users = User.select().where(User.active == True).order_by(User.full_name)  # noqa: E712
    return [(str(u.id), f"{u.full_name} – {u.title}") for u in users]


TASK_CHOICES_LIMIT = 1000  # the new-case list; a larger scope is chosen with the register's filters


def task_choices(user, limit=TASK_CHOICES_LIMIT):
    """Return [(id, label, "unit ids")] of the ordinary tasks `user` sees, for the new case's scope (R-5.2, R-13.2b)."""
    from inspection.register import queries as rq
    from inspection.register.models import DirectiveDocument, Task, TaskUnit

    rows = list(
        rq.scope(user, secret=False)
        .select(
            Task.id, Task.summary, Task.deadline, Task.lead_unit, DirectiveDocument.number_symbol, Unit.id, Unit.name
        )
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .order_by(Task.deadline.desc(nulls="LAST"), Task.id.desc())
        .limit(limit)
    )
    units = {t.id: {t.lead_unit_id} for t in rows}
    for link in TaskUnit.select(TaskUnit.task, TaskUnit.unit).where(TaskUnit.task.in_(list(units))):
        units[link.task_id].add(link.unit_id)
    return [
        (
            t.id,
            f"{t.document.number_symbol}: {t.summary} ({t.lead_unit.name}"
            + (f", hạn {t.deadline:%d/%m/%Y})" if t.deadline else ")"),
            " ".join(str(u) for u in sorted(units[t.id])),
        )
        for t in rows
    ]


def case_page(case, user):
    """Return everything the full case page shows, in a fixed number of queries (no query per row)."""
    from inspection import history
    from inspection.accounts.policy import can
    from inspection.cases import operations as ops

    today = ops.today()
    units, team, scope = case_units(case), case_team(case), case_scope(case)
    recs = case_recommendations(case)
    may = {action: can(user, f"cases.{action}", case) for action in _CASE_ACTIONS}
    return {
        "case": _case_with_documents(case),
        "units": units,
        "team": team,
        "waivers": case_waivers(case),
        "scope": scope,
        "rules": rules,
        "today": today,
        "history": history.for_record(case, user),
        "recommendations": recs,
        "rec_status": recommendation_status(recs, today, ops.calendar()),
        **_steps(case, units, team, scope),
        "report_late": rules.report_late(case.report_due_on, case.reported_on, today)
        if case.state in (rules.ENDED, rules.REPORTED, rules.NOTIFIED, rules.CLOSED)
        else False,
        "flags": rules.case_flags(rules.case_dates(case), today),
        "time_limit": rules.time_limit(case.end_on, case.extended_to),
        **case_work(case),
        **{f"can_{name}": allowed for name, allowed in zip(_CASE_FLAGS, may.values(), strict=True)},
    }


def _steps(case, units, team, scope):
    """The stepper's data: the stage, the form's stages, the next action and what it lacks (issue 14)."""
    from inspection.cases import issuing
    from inspection.cases import operations as ops

    missing = (
        rules.decision_missing_parts(_decision_facts(case, units, team, scope)) if case.state == rules.DRAFT else []
    )
    problems = issuing.report_problems(case) if case.state == rules.ENDED else []
    end_problem = None
    if case.state == rules.IN_PROGRESS and case.form == rules.FORM_DIRECT:
        end_problem = rules.direct_end_error(case.form, ops.concluded_sessions(case))
    facts = rules.StepFacts(decision_missing=missing, end_problem=end_problem, report_problems=problems)
    return {
        "missing": missing,
        "report_problems": problems,
        "stage": rules.stage(case, facts),
        "stages": rules.stages(case.form),
        "next_step": rules.next_step(case, facts),
    }


def case_waivers(case):
    """The Director's acceptances of persons of inspected units in the team (Điều 13, 14)."""
    from inspection.cases.models import ConflictWaiver

    return list(
        ConflictWaiver.select(ConflictWaiver, User)
        .join(User, on=(ConflictWaiver.user == User.id))
        .where(ConflictWaiver.case == case)
        .order_by(ConflictWaiver.id)
    )


_CASE_ACTIONS = (
    "case.prepare",
    "case.work",
    "case.lead",
    "decision.issue",
    "notice.issue",
    "conflict.accept",
    "team.invite",
    "presider.assign",
)
_CASE_FLAGS = ("prepare", "work", "lead", "decide", "notify", "waive", "invite", "assign")


def _case_with_documents(case):
    """The case again, with its three issued documents joined (one query instead of three)."""
    from inspection.documents.models import OutgoingDocument

    decision, report, notice = (OutgoingDocument.alias() for _ in range(3))
    row = (
        InspectionCase.select(InspectionCase, decision, report, notice)
        .join_from(InspectionCase, decision, JOIN.LEFT_OUTER, on=(InspectionCase.decision_doc == decision.id))
        .join_from(InspectionCase, report, JOIN.LEFT_OUTER, on=(InspectionCase.report_doc == report.id))
        .join_from(InspectionCase, notice, JOIN.LEFT_OUTER, on=(InspectionCase.notice_doc == notice.id))
        .where(InspectionCase.id == case.id)
    )
    return row.get()


def _decision_facts(case, units, team, scope):
    """R-13 facts from rows already loaded (operations.decision_facts asks the database again)."""
    return rules.DecisionFacts(
        legal_grounds=case.legal_ground_list,
        unit_count=len(units),
        task_count=len(scope),
        content_items=case.content_keys + ([case.content_note] if case.content_note.strip() else []),
        start=case.start_on,
        end=case.end_on,
        has_leader=any(m.role == rules.LEADER for m in team),
        member_count=len(team),
        needs_team=rules.has_team(case.form),
    )


def case_team(case):
    """Return the team of a case, in the decision's order."""
    from inspection.documents.models import OutgoingDocument

    return list(
        TeamMember.select(TeamMember, OutgoingDocument)
        .join(OutgoingDocument, JOIN.LEFT_OUTER, on=(TeamMember.invitation_doc == OutgoingDocument.id))
        .where(TeamMember.case == case)
        .order_by(TeamMember.sort_order, TeamMember.id)
    )


def case_scope(case):
    """Return the scoped tasks with their document and lead unit."""
    from inspection.cases.models import CaseTask
    from inspection.register.models import DirectiveDocument, Task

    return list(
        CaseTask.select(CaseTask, Task, DirectiveDocument, Unit)
        .join(Task)
        .join(DirectiveDocument)
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(CaseTask.case == case)
        .order_by(CaseTask.sort_order)
    )


def case_recommendations(case):
    """Return the recommendations of a case with their units."""
    from inspection.cases.models import Recommendation

    q = Recommendation.select(Recommendation, Unit).join(Unit).where(Recommendation.case == case)
    return list(q.order_by(Recommendation.sort_order))


def recommendation_status(recs, today, calendar):
    """Return {recommendation id: register Status} of the tasks made from recommendations (R-8)."""
    from inspection.register.models import Task
    from inspection.register.rules import status

    ids = [r.task_id for r in recs if r.task_id]
    tasks = {t.id: t for t in Task.select().where(Task.id.in_(ids))} if ids else {}
    return {r.id: status(tasks[r.task_id], today, calendar) for r in recs if r.task_id in tasks}


def case_work(case):
    """Return the work records of a case: requests, answers, minutes, notes, findings, evaluations."""
    from inspection.accounts.models import User
    from inspection.cases.models import CaseTransition, Finding, Minutes, UnitAnswer, UnitEvaluation, WorkingNote
    from inspection.documents.models import OutgoingDocument
    from inspection.uploads import StoredFile

    def with_doc(model):
        on = model.doc == OutgoingDocument.id
        return model.select(model, OutgoingDocument).join(OutgoingDocument, JOIN.LEFT_OUTER, on=on)

    def with_user(model, field):
        return model.select(model, User).join(User, JOIN.LEFT_OUTER, on=(field == User.id))

    answers = (
        UnitAnswer.select(UnitAnswer, Unit, StoredFile)
        .join(Unit)
        .join_from(UnitAnswer, StoredFile)
        .join_from(UnitAnswer, InformationRequest)
        .where(InformationRequest.case == case)
    )
    return {
        "requests": list(
            with_doc(InformationRequest).where(InformationRequest.case == case).order_by(InformationRequest.id)
        ),
        "answers": list(answers),
        "minutes": list(with_doc(Minutes).where(Minutes.case == case).order_by(Minutes.held_at)),
        "notes": list(
            with_user(WorkingNote, WorkingNote.author).where(WorkingNote.case == case).order_by(WorkingNote.id.desc())
        ),
        "findings": {f.case_task_id: f for f in Finding.select().where(Finding.case == case)},
        "evaluations": {e.unit_id: e for e in UnitEvaluation.select().where(UnitEvaluation.case == case)},
        "transitions": list(
            with_user(CaseTransition, CaseTransition.user)
            .where(CaseTransition.case == case)
            .order_by(CaseTransition.at)
        ),
    }


def unit_page(case, unit_id):
    """Return what an inspected unit sees of a case: issued requests to it, its answers, its recommendations."""
    from inspection.cases.models import Recommendation, UnitAnswer
    from inspection.register.models import Task

    reqs = list(
        InformationRequest.select()
        .join(RequestUnit)
        .where(
            (InformationRequest.case == case) & (RequestUnit.unit == unit_id) & InformationRequest.doc.is_null(False)
        )
        .order_by(InformationRequest.id)
    )
    answers = UnitAnswer.select().where(UnitAnswer.request.in_([r.id for r in reqs]) & (UnitAnswer.unit == unit_id))
    recs = (
        Recommendation.select(Recommendation, Task)
        .join(Task, on=(Recommendation.task == Task.id))
        .where((Recommendation.case == case) & (Recommendation.unit == unit_id))
    )
    return {
        "case": case,
        "requests": reqs,
        "answers": list(answers.order_by(UnitAnswer.id)),
        "recs": list(recs),
        "unit": Unit.get_by_id(unit_id),
    }


def request_reaches_unit(doc_id, unit_id):
    """Tell whether the issued request letter `doc_id` was addressed to the unit."""
    return (
        RequestUnit.select()
        .join(InformationRequest)
        .where((InformationRequest.doc == doc_id) & (RequestUnit.unit == unit_id))
        .exists()
    )


def scope_task_ids(case):
    """Return the ids of the register tasks already in the case's scope."""
    from inspection.cases.models import CaseTask

    return {ct.task_id for ct in CaseTask.select(CaseTask.task).where(CaseTask.case == case)}
