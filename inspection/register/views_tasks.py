"""Task pages and actions: detail, edit, progress, flag, return, extend, complete."""

from flask import render_template, request, url_for
from flask_login import current_user, login_required

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure
from inspection.calendar.service import current_calendar
from inspection.register import forms, operations, queries
from inspection.register.blueprint import bp, due_soon_days, scan_loader, task_form_choices, task_or_404
from inspection.register.models import ProgressUpdate, Task, TaskPeriod, TaskUnit
from inspection.views_util import accepts_uploads, form_action, get_or_404


def _page(task, status=200, conflict=None, **forms_in):
    """Render the task page with its forms (those given keep the user's input and errors)."""
    today = operations.today()
    data = queries.task_page(task, today, current_calendar(), due_soon_days(), current_user)
    progress = forms_in.get("progress") or forms.ProgressForm(formdata=None, on_date=today)
    progress.unit.choices = [
        (u.id, u.name) for u in data["units"] if current_user.is_office or u.id == current_user.unit_id
    ]
    page = render_template(
        "register/task.html",
        **data,
        progress_form=progress,
        flag_form=forms.FlagForm(formdata=None),
        return_form=forms_in.get("ret") or forms.ReturnForm(formdata=None),
        extend_form=forms_in.get("extend") or forms.ExtendForm(formdata=None, version=task.version),
        complete_form=forms_in.get("complete") or forms.CompleteForm(formdata=None, version=task.version),
        offline=operations.content_allowed(),
        conflict=conflict,
        can=can,
        flag_error=forms_in.get("flag_error"),
    )
    return page, status


def _act(task, form_key, form, run, success):
    """Run a task action through form_action; refused, the task page comes back with the form
    as the user filled it (409 and both versions shown when someone else saved the task first)."""

    def render(status, conflict):
        shown = Task.get_by_id(task.id) if conflict else task
        # Both versions are shown only for a task saved by someone else meanwhile; a refusal
        # without them (a period's result already recorded, R-6.3b) stands once, at the top.
        both = conflict if conflict is not None and conflict.theirs is not None else None
        return _page(shown, status, conflict=both, **{form_key: form})

    return form_action(form, run, render=render, done=url_for("register.show_task", task_id=task.id), success=success)


@bp.route("/tasks/<int:task_id>")
@login_required
def show_task(task_id):
    return _page(task_or_404(task_id))


@bp.route("/tasks/<int:task_id>/edit", methods=["GET", "POST"])
@login_required
def edit_task(task_id):
    task = task_or_404(task_id)
    ensure(current_user, "register.edit", task)
    form = task_form_choices(forms.TaskForm(obj=task if request.method == "GET" else None))
    if request.method == "GET":
        form.lead_unit.data = task.lead_unit_id
        form.monitor_unit.data = task.monitor_unit_id
        links = list(TaskUnit.select().where(TaskUnit.task == task))
        form.other_units.data = [link.unit_id for link in links]
        form.joint.data = any(link.role == "joint" for link in links)
        form.recurrence_day.data = str(task.recurrence_day or "")
    return form_action(
        form,
        lambda: operations.update_task(
            current_user, task, forms.task_data(form, {u.id: u for u in Unit.select()}), int(form.version.data or 0)
        ),
        render=lambda status, conflict: (
            render_template("register/task_form.html", form=form, doc=task.document, task=task, conflict=conflict),
            status,
        ),
        done=url_for("register.show_task", task_id=task.id),
        success="Đã lưu nhiệm vụ.",
    )


@bp.route("/tasks/<int:task_id>/progress", methods=["POST"])
@login_required
@accepts_uploads
def record_progress(task_id):
    task = task_or_404(task_id)
    ensure(current_user, "task.update_progress", task)
    form = forms.ProgressForm()
    form.unit.choices = []

    def run():
        corrects = ProgressUpdate.get_or_none(
            (ProgressUpdate.id == (form.corrects.data or 0)) & (ProgressUpdate.task == task.id)
        )
        operations.record_progress(
            current_user,
            task,
            operations.reporting_unit(current_user, task, form.unit.data),
            form.on_date.data,
            form.text.data,
            attachment=scan_loader("attachment"),
            corrects=corrects,
        )

    return _act(task, "progress", form, run, "Đã ghi nhận cập nhật tình hình thực hiện.")


@bp.route("/updates/<int:update_id>/flag", methods=["POST"])
@login_required
def flag_update(update_id):
    update = get_or_404(ProgressUpdate, update_id)
    task = task_or_404(update.task_id)
    ensure(current_user, "task.flag", task)
    form = forms.FlagForm()
    return form_action(
        form,
        lambda: operations.flag_update(current_user, update, form.reason.data),
        render=lambda status, conflict: _page(
            task, status, flag_error=(update.id, form.reason.data, form.reason.errors)
        ),
        done=url_for("register.show_task", task_id=task.id),
        success="Đã đánh dấu cập nhật chưa chính xác; đơn vị sẽ điều chỉnh (khoản 1 Điều 7).",
    )


@bp.route("/tasks/<int:task_id>/return", methods=["POST"])
@login_required
def return_task(task_id):
    task = task_or_404(task_id)
    ensure(current_user, "task.return", task)
    form = forms.ReturnForm()
    return _act(
        task,
        "ret",
        form,
        lambda: operations.return_task(current_user, task, form.reason.data, on=operations.today()),
        "Đã trả lại nhiệm vụ cho cơ quan ban hành (khoản 2 Điều 6).",
    )


@bp.route("/tasks/<int:task_id>/extend", methods=["POST"])
@login_required
def extend_deadline(task_id):
    task = task_or_404(task_id)
    ensure(current_user, "task.extend", task)
    form = forms.ExtendForm()
    return _act(
        task,
        "extend",
        form,
        lambda: operations.extend_deadline(
            current_user,
            task,
            form.new_deadline.data,
            form.granted_by.data,
            form.document_ref.data,
            int(form.version.data or 0),
        ),
        "Đã ghi nhận quyết định gia hạn.",
    )


@bp.route("/tasks/<int:task_id>/complete", methods=["POST"])
@login_required
@accepts_uploads
def complete_task(task_id):
    task = task_or_404(task_id)
    ensure(current_user, "register.edit", task)
    form = forms.CompleteForm()
    return _act(
        task,
        "complete",
        form,
        lambda: operations.complete_task(
            current_user,
            task,
            form.completed_on.data,
            form.result_text.data,
            form.result_doc_number.data,
            form.result_doc_date.data,
            int(form.version.data or 0),
            on=operations.today(),
            attachment=scan_loader("result_file"),
        ),
        "Đã cập nhật kết quả thực hiện.",
    )


@bp.route("/periods/<int:period_id>/complete", methods=["POST"])
@login_required
def complete_period(period_id):
    period = get_or_404(TaskPeriod, period_id)
    task = task_or_404(period.task_id)
    ensure(current_user, "register.edit", task)
    form = forms.CompleteForm()
    return _act(
        task,
        "complete",
        form,
        lambda: operations.complete_period(
            current_user,
            period,
            form.completed_on.data,
            form.result_text.data,
            form.result_doc_number.data,
            on=operations.today(),
        ),
        f"Đã ghi nhận kết quả kỳ {period.period_label}.",
    )
