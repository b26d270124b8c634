"""The list of plans and cases; inspection plans: draft, submit, approve or return, issue (R-12, R-15.1a)."""

from flask import abort, render_template, send_file, url_for
from flask_login import current_user, login_required

from inspection.accounts.models import Unit
from inspection.accounts.policy import requires
from inspection.cases import forms, issuing, queries, rules, submitting
from inspection.cases import operations as ops
from inspection.cases.blueprint import bp, flash_errors, load, sign_form, signer
from inspection.cases.models import InspectionPlan, PlanItem
from inspection.errors import ValidationFailed
from inspection.views_util import form_action

PLAN_MOVES = {
    "submit": ("cases.plan.edit", "Đã trình Giám đốc Sở."),
    "approve": ("cases.plan.approve", "Đã phê duyệt kế hoạch."),
    "return": ("cases.plan.approve", "Đã trả lại kế hoạch."),
}


@bp.route("/")
@requires("cases.view")
def list_cases():
    return render_template("cases/index.html", **queries.index_page(current_user), today=ops.today())


def plan_url(plan_id):
    return url_for("cases.show_plan", plan_id=plan_id)


def render_plan(plan, status=200, item_form=None, remarks_form=None, sign_form_=None, action=None):
    """The plan page; a refused form comes back in its place (the remove button's error at the top)."""
    if action is not None:
        flash_errors(action)
    item_form = item_form or forms.PlanItemForm()
    item_form.unit.choices = queries.active_unit_choices()
    page = render_template(
        "cases/plan.html",
        **queries.plan_page(plan),
        item_form=item_form,
        remarks_form=remarks_form or forms.RemarksForm(),
        sign_form=sign_form_ or sign_form("inspection_plan"),
        action=forms.ActionForm(),
    )
    return page, status


def plan_data(form):
    return dict(
        year=form.year.data,
        title=(form.title.data or "").strip(),
        period_label=form.period_label.data or "",
        purpose=form.purpose.data or "",
        content_items=",".join(form.content_items.data or []),
        method=form.method.data or "",
        organisation=form.organisation.data or "",
    )


@bp.route("/plans/new", methods=["GET", "POST"])
@requires("cases.plan.edit")
def create_plan():
    form = forms.PlanForm()
    if not form.is_submitted():
        form.year.data = ops.today().year
        form.content_items.data = list(rules.CONTENT_ITEMS)
    return form_action(
        form,
        lambda: ops.create_plan(current_user, **plan_data(form)),
        render=lambda status, _c: (render_template("cases/plan_form.html", form=form, plan=None), status),
        done=lambda plan: plan_url(plan.id),
        success="Đã lập dự thảo kế hoạch kiểm tra.",
    )


@bp.route("/plans/<int:plan_id>")
@login_required
def show_plan(plan_id):
    return render_plan(load(InspectionPlan, plan_id, "cases.plan.view"))


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
@login_required
def edit_plan(plan_id):
    plan = load(InspectionPlan, plan_id, "cases.plan.edit")
    form = forms.PlanForm(obj=plan)
    if not form.is_submitted():
        form.content_items.data = plan.content_keys
    return form_action(
        form,
        lambda: ops.update_plan(plan, current_user, **plan_data(form)),
        render=lambda status, _c: (render_template("cases/plan_form.html", form=form, plan=plan), status),
        done=plan_url(plan.id),
        success="Đã lưu kế hoạch.",
    )


@bp.route("/plans/<int:plan_id>/items", methods=["POST"])
@login_required
def add_plan_item(plan_id):
    plan = load(InspectionPlan, plan_id, "cases.plan.edit")
    form = forms.PlanItemForm()
    form.unit.choices = queries.active_unit_choices()

    def run():
        unit = Unit.get_or_none(Unit.id == (form.unit.data or 0))
        if unit is None:
            raise ValidationFailed("Đơn vị không có trong danh mục.", field="unit")
        data = (form.window_start.data, form.window_end.data, form.content.data or "", form.form.data)
        return ops.add_plan_item(plan, current_user, unit, *data, form.composition.data or "")

    return form_action(
        form,
        run,
        render=lambda status, _c: render_plan(plan, status, item_form=form),
        done=plan_url(plan.id),
        success="Đã thêm cuộc kiểm tra vào kế hoạch.",
    )


@bp.route("/plans/items/<int:item_id>/remove", methods=["POST"])
@login_required
def remove_plan_item(item_id):
    item = load(PlanItem, item_id, "cases.plan.edit", lambda i: i.plan)
    form = forms.ActionForm()
    return form_action(
        form,
        lambda: ops.remove_plan_item(item, current_user),
        render=lambda status, _c: render_plan(item.plan, status, action=form),
        done=plan_url(item.plan_id),
        success="Đã xóa.",
    )


@bp.route("/plans/<int:plan_id>/<any(submit, approve, return):move>", methods=["POST"])
@login_required
def move_plan(plan_id, move):
    action, success = PLAN_MOVES[move]
    plan = load(InspectionPlan, plan_id, action)
    form = forms.RemarksForm()
    return form_action(
        form,
        lambda: ops.move_plan(plan, current_user, move, form.remarks.data or ""),
        render=lambda status, _c: render_plan(plan, status, remarks_form=form),
        done=plan_url(plan.id),
        success=success,
    )


@bp.route("/plans/<int:plan_id>/issue", methods=["POST"])
@login_required
def issue_plan(plan_id):
    plan = load(InspectionPlan, plan_id, "cases.plan.edit")
    form = sign_form("inspection_plan")
    return form_action(
        form,
        lambda: issuing.submit_plan(plan, current_user, signer(form), form.issued_on.data),  # c1-sign
        render=lambda status, _c: render_plan(plan, status, sign_form_=form),
        done=plan_url(plan.id),
        success=submitting.signed_or_submitted("kế hoạch kiểm tra"),
    )


@bp.route("/plans/<int:plan_id>/document.<any(pdf, docx):fmt>")
@login_required
def download_plan(plan_id, fmt):
    plan = load(InspectionPlan, plan_id, "cases.plan.view")
    stored = issuing.stored_file(plan.plan_doc_id, fmt) if plan.plan_doc_id else None
    if stored is None:
        abort(404)
    name = stored.original_name or f"ke-hoach-{plan_id}.{fmt}"
    return send_file(stored.path, mimetype=stored.mime, as_attachment=True, download_name=name)
