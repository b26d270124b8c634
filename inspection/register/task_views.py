"""Task pages and actions: detail, edit, progress, flag, return, extend, complete."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from inspection import audit
from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure
from inspection.calendar.service import current_calendar
from inspection.errors import Conflict, ValidationFailed
from inspection.register import forms, operations, rules
from inspection.register.models import DeadlineExtension, ProgressUpdate, Task, TaskPeriod, TaskUnit
from inspection.register.views import _scan_loader, bp, due_soon_days
from inspection.views_util import get_or_404


def _task_or_404(task_id):
    task = get_or_404(Task, task_id)
    ensure(current_user, "register.view", task)
    return task


def _page(task, status=200, **forms_in):
    """Render the task page with its forms (those given keep the user's input and errors)."""
    today, cal = operations.today(), current_calendar()
    units = [task.lead_unit] + [
        link.unit for link in TaskUnit.select(TaskUnit, Unit).join(Unit).where(TaskUnit.task == task)
    ]
    progress = forms_in.get("progress") or forms.ProgressForm(formdata=None, on_date=today)
    progress.unit.choices = [(u.id, u.name) for u in units if current_user.is_office or u.id == current_user.unit_id]
    updates = list(
        ProgressUpdate.select()
        .where(ProgressUpdate.task == task)
        .order_by(ProgressUpdate.on_date.desc(), ProgressUpdate.id.desc())
    )
    ctx = dict(
        task=task,
        doc=task.document,
        units=units,
        today=today,
        status=rules.status(task, today, cal),
        due_soon=rules.due_soon(task, today, cal, due_soon_days()),
        registration_late=rules.registration_late(task),
        registration_due=task.registration_due_on,
        result_late=rules.result_entry_late(task, today, cal),
        result_due=rules.result_entry_due(task.deadline, cal) if task.deadline else None,
        within_original=rules.finished_within_original(task),
        updates=updates,
        extensions=list(task.extensions.order_by(DeadlineExtension.recorded_at)),
        periods=list(TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline)),
        history=audit.history_for(task, viewer=current_user),
        progress_form=progress,
        flag_form=forms.FlagForm(formdata=None),
        return_form=forms_in.get("ret") or forms.ReturnForm(formdata=None),
        extend_form=forms_in.get("extend") or forms.ExtendForm(formdata=None, version=task.version),
        complete_form=forms_in.get("complete") or forms.CompleteForm(formdata=None, version=task.version),
        offline=operations.content_allowed(),
        conflict=forms_in.get("conflict"),
        can=can,
        RECURRENCE_LABELS=rules.RECURRENCE_LABELS,
        flag_error=forms_in.get("flag_error"),
    )
    return render_template("register/task.html", **ctx), status


@bp.route("/tasks/<int:task_id>")
@login_required
def task(task_id):
    return _page(_task_or_404(task_id))


@bp.route("/tasks/<int:task_id>/edit", methods=["GET", "POST"])
@login_required
def edit_task(task_id):
    task = _task_or_404(task_id)
    ensure(current_user, "register.edit", task)
    form = forms.TaskForm(obj=task if request.method == "GET" else None)
    form.lead_unit.choices = forms.unit_choices()
    form.other_units.choices = form.lead_unit.choices[1:]
    form.monitor_unit.choices = form.lead_unit.choices
    if request.method == "GET":
        form.lead_unit.data = task.lead_unit_id
        form.monitor_unit.data = task.monitor_unit_id
        links = list(TaskUnit.select().where(TaskUnit.task == task))
        form.other_units.data = [link.unit_id for link in links]
        form.joint.data = any(link.role == "joint" for link in links)
        form.recurrence_day.data = str(task.recurrence_day or "")
    conflict = None
    if form.validate_on_submit():
        data = forms.task_data(form, {u.id: u for u in Unit.select()})
        try:
            operations.update_task(current_user, task, data, int(form.version.data or 0))
            flash("Đã lưu nhiệm vụ.", "success")
            return redirect(url_for("register.task", task_id=task.id))
        except ValidationFailed as exc:
            flash(exc.message, "danger")
        except Conflict as exc:
            conflict = exc
            flash(exc.message, "danger")
    status = 200 if request.method == "GET" else (409 if conflict else 400)
    return render_template(
        "register/task_form.html", form=form, doc=task.document, task=task, conflict=conflict
    ), status


@bp.route("/tasks/<int:task_id>/progress", methods=["POST"])
@login_required
def progress(task_id):
    task = _task_or_404(task_id)
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
            _reporting_unit(task, form.unit.data),
            form.on_date.data,
            form.text.data,
            attachment=_scan_loader("attachment"),
            corrects=corrects,
        )

    return _act(task, "progress", form, run, "Đã ghi nhận cập nhật tình hình thực hiện.")


def _act(task, form_key, form, run, done_message):
    """Validate `form` and run the operation, then back to the task page: on success with
    `done_message`; refused, with the form as the user filled it (409 and both versions shown
    when someone else saved the task first)."""
    if form.validate():
        try:
            run()
        except ValidationFailed as exc:
            flash(exc.message, "danger")
        except Conflict as exc:
            flash(exc.message, "danger")
            return _page(Task.get_by_id(task.id), 409, conflict=exc, **{form_key: form})
        else:
            flash(done_message, "success")
            return redirect(url_for("register.task", task_id=task.id))
    return _page(task, 400, **{form_key: form})


def _reporting_unit(task, unit_id):
    """The unit an update is recorded for: the user's own (units) or the one chosen (Office)."""
    allowed = {task.lead_unit_id} | {link.unit_id for link in TaskUnit.select().where(TaskUnit.task == task)}
    if not current_user.is_office:
        unit_id = current_user.unit_id
    elif unit_id is None:
        unit_id = task.lead_unit_id
    if unit_id not in allowed:
        raise ValidationFailed("Đơn vị cập nhật không chủ trì hoặc phối hợp nhiệm vụ này.", field="unit")
    return Unit.get_by_id(unit_id)


@bp.route("/updates/<int:update_id>/flag", methods=["POST"])
@login_required
def flag(update_id):
    update = get_or_404(ProgressUpdate, update_id)
    task = _task_or_404(update.task_id)
    ensure(current_user, "task.flag", task)
    form = forms.FlagForm()
    try:
        operations.flag_update(current_user, update, form.reason.data)
        flash("Đã đánh dấu cập nhật chưa chính xác; đơn vị sẽ điều chỉnh (khoản 1 Điều 7).", "success")
        return redirect(url_for("register.task", task_id=task.id))
    except ValidationFailed as exc:
        flash(exc.message, "danger")
        return _page(task, 400, flag_error=(update.id, form.reason.data))


@bp.route("/tasks/<int:task_id>/return", methods=["POST"])
@login_required
def return_task(task_id):
    task = _task_or_404(task_id)
    ensure(current_user, "task.return", task)
    form = forms.ReturnForm()
    try:
        operations.return_task(current_user, task, form.reason.data, on=operations.today())
        flash("Đã trả lại nhiệm vụ cho cơ quan ban hành (khoản 2 Điều 6).", "success")
        return redirect(url_for("register.task", task_id=task.id))
    except ValidationFailed as exc:
        flash(exc.message, "danger")
        return _page(task, 400, ret=form)


@bp.route("/tasks/<int:task_id>/extend", methods=["POST"])
@login_required
def extend(task_id):
    task = _task_or_404(task_id)
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
def complete(task_id):
    task = _task_or_404(task_id)
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
        ),
        "Đã cập nhật kết quả thực hiện.",
    )


@bp.route("/periods/<int:period_id>/complete", methods=["POST"])
@login_required
def complete_period(period_id):
    period = get_or_404(TaskPeriod, period_id)
    task = _task_or_404(period.task_id)
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
