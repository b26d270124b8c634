"""Urging pages (R-9, R-10) on the monitoring blueprint. Views parse, call, respond."""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from inspection import settings
from inspection.accounts.models import Unit
from inspection.accounts.policy import ensure, requires
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.monitoring import forms, operations, rules, urging_queries
from inspection.monitoring.blueprint import bp
from inspection.monitoring.models import Urging
from inspection.register import operations as reg
from inspection.register.models import Task
from inspection.text import MAX_ID
from inspection.views_util import form_action, get_or_404


def _page(status, form=None, unit_id=None):
    days = int(settings.get("register.due_soon_days"))
    data = urging_queries.urging_page(reg.today(), current_calendar(), days)
    page = render_template("monitoring/urging.html", form=form or forms.LetterForm(), form_unit=unit_id, **data)
    return page, status


@bp.route("/urging")
@requires("monitoring.urge")
def urging():
    """The suggested list (overdue and due soon, by lead unit) and the urgings made (R-10)."""
    return _page(200)


@bp.route("/urging/units/<int:unit_id>/letter", methods=["POST"])
@requires("monitoring.urge")
def issue_urging_letter(unit_id):
    """Issue one urging letter to a lead unit for the chosen tasks (R-10: one letter per unit)."""
    unit = get_or_404(Unit, unit_id)
    form = forms.LetterForm()

    def run():
        ids = [i for i in form.task_ids.data or [] if 0 < i <= MAX_ID]  # a huge number is no task of ours
        tasks = list(Task.select().where(Task.id.in_(ids)).order_by(Task.deadline, Task.id))
        if any(t.lead_unit_id != unit.id for t in tasks):
            raise ValidationFailed(rules.MSG_SEVERAL_UNITS, field="task_ids")
        return operations.urge_by_letter(current_user, tasks, form.signer.data, current_calendar())

    return form_action(
        form,
        run,
        render=lambda status, conflict: _page(status, form, unit.id),
        done=url_for("monitoring.urging"),
        success=lambda doc: (  # issue 14: signed by the Chief of Office, or submitted to the signer
            f"Đã ban hành công văn đôn đốc số {doc.number_text} gửi {unit.name}."
            if doc.state == "issued"
            else f"Đã trình {doc.submitted_to.full_name} ký công văn đôn đốc gửi {unit.name}; "
            "việc đôn đốc được ghi vào nhiệm vụ khi công văn được ký."
        ),
    )


@bp.route("/tasks/<int:task_id>/urgings", methods=["GET", "POST"])
@requires("monitoring.urge")
def record_urging(task_id):
    """Record an urging of one task by phone, e-mail, meeting, inspection... (R-9)."""
    task = get_or_404(Task, task_id)
    form = forms.UrgingForm()

    def render(status, conflict):
        shown = None if task.is_secret else task  # a secret task's content is not shown here
        return render_template("monitoring/urging_form.html", form=form, task=shown, task_id=task.id), status

    return form_action(
        form,
        lambda: operations.record_urging(
            current_user, task, form.channel.data, form.urged_on.data, form.note.data or ""
        ),
        render=render,
        done=url_for("register.show_task", task_id=task.id),
        success="Đã ghi nhận việc đôn đốc.",
    )


@bp.route("/urgings/<int:urging_id>/answer", methods=["GET", "POST"])
@requires("monitoring.view")
def answer_urging(urging_id):
    """The urged unit's answer (R-10)."""
    urging = get_or_404(Urging, urging_id)
    ensure(current_user, "monitoring.urging.answer", urging)
    if urging.task.is_secret:  # never urged through the ordinary lists
        abort(404)
    form = forms.AnswerForm(obj=urging) if request.method == "GET" else forms.AnswerForm()
    return form_action(
        form,
        lambda: operations.record_answer(current_user, urging, form.answer.data),
        render=lambda status, conflict: (render_template("monitoring/answer.html", form=form, urging=urging), status),
        done=url_for("register.show_task", task_id=urging.task_id),
        success="Đã ghi nhận trả lời của đơn vị.",
    )


@bp.route("/tasks/<int:task_id>/cooperating-urgings", methods=["GET", "POST"])
@requires("monitoring.view")
def urge_cooperating(task_id):
    """The lead unit urges a cooperating unit inside the system (R-10.2)."""
    task = get_or_404(Task, task_id)
    ensure(current_user, "monitoring.urge_cooperating", task)
    form = forms.CooperatingForm()
    form.unit.choices = [(u.id, u.name) for u in urging_queries.cooperating_units(task)]

    def render(status, conflict):
        shown = None if task.is_secret else task
        return render_template(
            "monitoring/urging_form.html",
            form=form,
            task=shown,
            task_id=task.id,
            action=url_for("monitoring.urge_cooperating", task_id=task.id),
            heading="Đôn đốc đơn vị phối hợp (khoản 2 Điều 10)",
        ), status

    return form_action(
        form,
        lambda: operations.urge_cooperating(current_user, task, form.unit.data, form.note.data or ""),
        render=render,
        done=url_for("register.show_task", task_id=task.id),
        success="Đã đôn đốc đơn vị phối hợp.",
    )
