"""Inspection plans and the state changes of plans and cases through the API (issue 15).

Reading a plan needs `cases.plan.view` (the Office and leadership); a plan moves through the
cases part's `move_plan` with the action its page checks (submit: `cases.plan.edit`; approve,
return: `cases.plan.approve`, the Director). A case starts and ends through `start_inspection` /
`end_inspection` with `cases.case.lead` (the Office, the team leader, who presides, R-14.1).
"""

from flask_login import current_user
from peewee import fn

from inspection.accounts.models import Unit
from inspection.accounts.policy import ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas_inspections import CaseDetail, CaseTransitionIn, PlanMoveIn, PlanOut, PlanPage, PlanQuery
from inspection.api.views_cases import case_answer
from inspection.cases import operations as case_ops
from inspection.cases.models import InspectionCase, InspectionPlan, PlanItem
from inspection.errors import NotFound
from inspection.pagination import paginate

PLAN_MOVE_ACTIONS = {"submit": "cases.plan.edit", "approve": "cases.plan.approve", "return": "cases.plan.approve"}


def _plan_summary(plan):
    fields = ("id", "year", "title", "period_label", "state", "plan_doc_id", "version")
    return {**{f: getattr(plan, f) for f in fields}, "state_label": plan.state_label}


@bp.get("/plans")
@spec.validate(query=PlanQuery, resp=responds({"HTTP_200": PlanPage}), tags=["cases"])
def list_plans(query: PlanQuery):
    """Kế hoạch kiểm tra (năm, đợt), mới nhất trước."""
    ensure(current_user, "cases.plan.view")
    cond = (InspectionPlan.year == query.year) if query.year else (InspectionPlan.id > 0)
    rows = InspectionPlan.select().where(cond).order_by(InspectionPlan.year.desc(), InspectionPlan.id.desc())
    total = InspectionPlan.select(fn.COUNT(InspectionPlan.id)).where(cond).scalar()
    result = paginate(rows, query.page, query.per_page, total=total)
    return PlanPage.model_validate(
        {
            "items": [_plan_summary(p) for p in result.items],
            "page": result.number,
            "per_page": query.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )


def _plan(plan_id, action="cases.plan.view"):
    plan = InspectionPlan.get_or_none(InspectionPlan.id == plan_id)
    if plan is None:
        raise NotFound("Không tìm thấy kế hoạch kiểm tra.")
    ensure(current_user, action, plan)
    return plan


def _plan_out(plan):
    items = list(
        PlanItem.select(PlanItem, Unit)
        .join(Unit)
        .where(PlanItem.plan == plan)
        .order_by(PlanItem.sort_order, PlanItem.id)
    )
    cases = {}
    if items:
        rows = InspectionCase.select(InspectionCase.id, InspectionCase.plan_item).where(
            InspectionCase.plan_item.in_([i.id for i in items])
        )
        for case in rows.order_by(InspectionCase.id):
            cases.setdefault(case.plan_item_id, []).append(case.id)
    texts = {f: getattr(plan, f) for f in ("purpose", "method", "organisation", "remarks")}
    return {
        **_plan_summary(plan),
        **texts,
        "items": [
            {
                "id": i.id,
                "unit": {"id": i.unit.id, "name": i.unit.name},
                "content": i.content,
                "window_start": i.window_start,
                "window_end": i.window_end,
                "form": i.form,
                "form_label": i.form_label,
                "composition": i.composition,
                "case_ids": cases.get(i.id, []),
            }
            for i in items
        ],
    }


@bp.get("/plans/<int:plan_id>")
@spec.validate(resp=responds({"HTTP_200": PlanOut}), tags=["cases"])
def show_plan(plan_id):
    """Một kế hoạch kiểm tra với các cuộc kiểm tra dự kiến (đơn vị, thời gian, hình thức)."""
    return PlanOut.model_validate(_plan_out(_plan(plan_id)))


@bp.post("/plans/<int:plan_id>/transitions")
@spec.validate(json=PlanMoveIn, resp=responds({"HTTP_200": PlanOut}), tags=["cases"])
def move_plan(plan_id, json: PlanMoveIn):
    """Trình kế hoạch (Văn phòng Sở), phê duyệt hoặc trả lại kèm ý kiến (Giám đốc Sở)."""
    plan = _plan(plan_id)
    ensure(current_user, PLAN_MOVE_ACTIONS[json.action], plan)  # the action the plan's page checks
    case_ops.move_plan(plan, current_user, json.action, json.remarks)
    return PlanOut.model_validate(_plan_out(InspectionPlan.get_by_id(plan.id)))


@bp.post("/cases/<int:case_id>/transitions")
@spec.validate(json=CaseTransitionIn, resp=responds({"HTTP_200": CaseDetail}), tags=["cases"])
def move_case(case_id, json: CaseTransitionIn):
    """Bắt đầu kiểm tra (sau quyết định) hoặc kết thúc kiểm tra (hạn báo cáo 05 ngày làm việc, R-16.2)."""
    case = InspectionCase.get_or_none(InspectionCase.id == case_id)
    if case is None:
        raise NotFound("Không tìm thấy cuộc kiểm tra.")
    ensure(current_user, "cases.view", case)
    ensure(current_user, "cases.case.lead", case)
    if json.action == "start":
        case_ops.start_inspection(case, current_user)
    else:
        case_ops.end_inspection(case, current_user, json.ended_on)
    return case_answer(InspectionCase.get_by_id(case.id))
