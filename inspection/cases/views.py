"""Pages of plans and cases (blueprint `cases`): parse, call operations, respond."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.cases import forms, issuing, queries, rules
from inspection.cases import operations as ops
from inspection.cases.models import InspectionPlan, PlanItem
from inspection.errors import ValidationFailed
from inspection.views_util import get_or_404

bp = Blueprint("cases", __name__, url_prefix="/kiem-tra")


def unit_choices(units=None):
    units = units if units is not None else Unit.select().where(Unit.active == True)  # noqa: E712
    return [(u.id, u.name) for u in units]


def fail(form, exc):
    """Attach a refusal to the form's field (or flash it) so the page shows it."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None and hasattr(field, "errors") and isinstance(field.errors, list):
        field.errors.append(exc.message)
    flash(exc.message, "danger")


# --- index -----------------------------------------------------------------------------
@bp.route("/")
@requires("cases.view")
def index():
    cases = queries.visible_cases(current_user)
    plans = (
        list(InspectionPlan.select().order_by(InspectionPlan.year.desc(), InspectionPlan.id.desc()))
        if can(current_user, "cases.plan.view")
        else []
    )
    return render_template(
        "cases/index.html",
        cases=cases,
        plans=plans,
        today=ops.today(),
        labels=rules.STATE_LABELS,
        can_plan_view=can(current_user, "cases.plan.view"),
        can_plan_edit=can(current_user, "cases.plan.edit"),
        can_create=can(current_user, "cases.create"),
    )


# --- plans -----------------------------------------------------------------------------
@bp.route("/ke-hoach/moi", methods=["GET", "POST"])
@requires("cases.plan.edit")
def plan_new():
    form = forms.PlanForm()
    if request.method == "GET":
        form.year.data = ops.today().year
        form.content_items.data = list(rules.CONTENT_ITEMS)
    if form.validate_on_submit():
        try:
            plan = ops.create_plan(current_user, **_plan_data(form))
            return redirect(url_for("cases.plan_show", pk=plan.id))
        except ValidationFailed as exc:
            fail(form, exc)
    return render_template("cases/plan_form.html", form=form, plan=None), 400 if form.errors else 200


def _plan_data(form):
    return dict(
        year=form.year.data,
        title=(form.title.data or "").strip(),
        period_label=form.period_label.data or "",
        purpose=form.purpose.data or "",
        content_items=",".join(form.content_items.data or []),
        method=form.method.data or "",
        organisation=form.organisation.data or "",
    )


@bp.route("/ke-hoach/<int:pk>")
@requires("cases.plan.view")
def plan_show(pk, item_form=None, status=200):
    plan = get_or_404(InspectionPlan, pk)
    item_form = item_form or forms.PlanItemForm()
    item_form.unit.choices = unit_choices()
    items = list(PlanItem.select(PlanItem, Unit).join(Unit).where(PlanItem.plan == plan).order_by(PlanItem.sort_order))
    return render_template(
        "cases/plan.html",
        plan=plan,
        items=items,
        item_form=item_form,
        action=forms.ActionForm(),
        remarks_form=forms.RemarksForm(),
        sign_form=_sign_form(),
        rules=rules,
    ), status


@bp.route("/ke-hoach/<int:pk>/sua", methods=["GET", "POST"])
@requires("cases.plan.edit")
def plan_edit(pk):
    plan = get_or_404(InspectionPlan, pk)
    form = forms.PlanForm(obj=plan)
    if request.method == "GET":
        form.content_items.data = plan.content_keys
    if form.validate_on_submit():
        try:
            ops.update_plan(plan, current_user, **_plan_data(form))
            return redirect(url_for("cases.plan_show", pk=plan.id))
        except ValidationFailed as exc:
            fail(form, exc)
    return render_template("cases/plan_form.html", form=form, plan=plan), 400 if form.errors else 200


@bp.route("/ke-hoach/<int:pk>/muc", methods=["POST"])
@requires("cases.plan.edit")
def plan_item_add(pk):
    plan = get_or_404(InspectionPlan, pk)
    form = forms.PlanItemForm()
    form.unit.choices = unit_choices()
    if form.validate_on_submit():
        try:
            unit = Unit.get_or_none(Unit.id == (form.unit.data or 0))
            if unit is None:
                raise ValidationFailed("Đơn vị không có trong danh mục.", field="unit")
            ops.add_plan_item(
                plan,
                current_user,
                unit,
                form.window_start.data,
                form.window_end.data,
                form.content.data or "",
                form.form.data,
                form.composition.data or "",
            )
            flash("Đã thêm cuộc kiểm tra vào kế hoạch.", "success")
            return redirect(url_for("cases.plan_show", pk=plan.id))
        except ValidationFailed as exc:
            fail(form, exc)
    return plan_show(pk, item_form=form, status=400)


@bp.route("/ke-hoach/muc/<int:pk>/xoa", methods=["POST"])
@requires("cases.plan.edit")
def plan_item_remove(pk):
    item = get_or_404(PlanItem, pk)
    return _act(
        lambda: ops.remove_plan_item(item, current_user), "Đã xóa.", url_for("cases.plan_show", pk=item.plan_id)
    )


@bp.route("/ke-hoach/<int:pk>/<any(submit, approve, return):action>", methods=["POST"])
@requires("cases.plan.view")
def plan_move(pk, action):
    plan = get_or_404(InspectionPlan, pk)
    ensure(current_user, "cases.plan.approve" if action != "submit" else "cases.plan.edit", plan)
    form = forms.RemarksForm()
    done = {"submit": "Đã trình Giám đốc Sở.", "approve": "Đã phê duyệt kế hoạch.", "return": "Đã trả lại kế hoạch."}[
        action
    ]
    return _act(
        lambda: ops.move_plan(plan, current_user, action, form.remarks.data or ""),
        done,
        url_for("cases.plan_show", pk=plan.id),
        form,
    )


@bp.route("/ke-hoach/<int:pk>/ban-hanh", methods=["POST"])
@requires("cases.plan.edit")
def plan_issue(pk):
    plan = get_or_404(InspectionPlan, pk)
    form = _sign_form()
    return _act(
        lambda: issuing.issue_plan(plan, current_user, _signer(form), form.issued_on.data),
        "Đã ban hành kế hoạch kiểm tra.",
        url_for("cases.plan_show", pk=plan.id),
        form,
    )


@bp.route("/ke-hoach/<int:pk>/van-ban.<any(pdf, docx):fmt>")
@requires("cases.plan.view")
def plan_document(pk, fmt):
    from flask import abort, send_file

    plan = get_or_404(InspectionPlan, pk)
    stored = issuing.stored_file(plan.plan_doc_id, fmt) if plan.plan_doc_id else None
    if stored is None:
        abort(404)
    return send_file(
        stored.path,
        mimetype=stored.mime,
        as_attachment=True,
        download_name=stored.original_name or f"ke-hoach-{pk}.{fmt}",
    )


# --- helpers shared with the case pages ------------------------------------------------
def _act(fn, done, target, form=None):
    """Run an operation for a button; flash its refusal, or its success, then go back."""
    if form is None:
        form = forms.ActionForm()
    if not form.validate_on_submit():
        flash("; ".join(sum(form.errors.values(), [])) or "Phiên làm việc đã hết hạn, vui lòng thử lại.", "danger")
        return redirect(target)
    try:
        fn()
        flash(done, "success")
    except ValidationFailed as exc:
        flash(exc.message, "danger")
    return redirect(target)


def _sign_form():
    form = forms.SignForm()
    form.signer.choices = queries.signer_choices()
    return form


def _signer(form, case=None):
    return queries.signer(form.signer.data, case)


from inspection.cases import views_case, views_work  # noqa: E402,F401  (routes on the same bp)
