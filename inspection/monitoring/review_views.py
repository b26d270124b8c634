"""The review queue's pages (R-7) on the monitoring blueprint. Views parse, call, respond.

`?secret=1` shows the secret register's queue to a user with clearance (R-5.2); without it
that queue does not exist (404), and the ordinary queue never holds a secret item.
"""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.monitoring import review_forms as forms
from inspection.monitoring import review_ops, review_policy, review_queries  # noqa: F401 - policy rules
from inspection.monitoring import review_rules as rr
from inspection.monitoring.blueprint import bp
from inspection.monitoring.models import ReviewItem
from inspection.register import operations as reg
from inspection.register.forms import unit_choices
from inspection.register.models import Task
from inspection.text import MAX_ID
from inspection.views_util import form_action, get_or_404


def _secret():
    """Whether the secret queue is asked for; only with clearance (R-5.2)."""
    if request.values.get("secret") != "1":
        return False
    if not current_user.clearance:
        abort(404)
    return True


def _queue_url(secret):
    return url_for("monitoring.review", secret=1) if secret else url_for("monitoring.review")


def _page(status, form=None, secret=False):
    filters = review_queries.parse_filters(request.args)
    data = review_queries.queue_page(filters, reg.today(), current_calendar(), secret=secret)
    decide = can(current_user, "monitoring.review.decide")
    page = render_template("monitoring/review.html", form=form or forms.AcceptForm(), decide=decide, rr=rr, **data)
    return page, 400 if filters.errors and status == 200 else status


@bp.route("/review")
@requires("monitoring.review.view")
def review():
    """What units entered since the last review, the contests, and each unit's figures (R-7, R-7.2c)."""
    secret = _secret()
    if can(current_user, "monitoring.review.decide"):
        review_ops.collect(reg.today())  # "since the last review": new entries join the queue now
    return _page(200, secret=secret)


@bp.route("/review/accept", methods=["POST"])
@requires("monitoring.review.decide")
def accept_review_items():
    """Accept the chosen entries at once (R-7)."""
    secret = _secret()
    form = forms.AcceptForm()
    ids = [i for i in form.item_ids.data or [] if 0 < i <= MAX_ID] if form.item_ids.data else []
    return form_action(
        form,
        lambda: review_ops.accept_many(current_user, ids, secret=secret),
        render=lambda status, conflict: _page(status, form, secret),
        done=_queue_url(secret),
        success=lambda n: f"Đã chấp nhận {n} mục.",
    )


def _item(item_id, *kinds):
    """The item, 404 for another kind or a secret one without clearance (R-5.2)."""
    item = get_or_404(ReviewItem, item_id)
    if item.kind not in kinds or (item.task.is_secret and not current_user.clearance):
        abort(404)
    return item


@bp.route("/review/<int:item_id>/flag", methods=["GET", "POST"])
@requires("monitoring.review.decide")
def flag_review_item(item_id):
    """Flag a unit's entry as inaccurate, with the reason (R-7.1)."""
    item = _item(item_id, rr.PROGRESS, rr.RESULT)
    form = forms.FlagForm()
    back = _queue_url(item.task.is_secret)
    return form_action(
        form,
        lambda: review_ops.flag(current_user, item, form.reason.data),
        render=lambda status, conflict: (
            render_template("monitoring/review_flag.html", form=form, item=item, rr=rr, back=back),
            status,
        ),
        done=back,
        success="Đã đánh dấu thông tin chưa chính xác; đơn vị được thông báo để sửa.",
    )


@bp.route("/review/<int:item_id>/resolve", methods=["GET", "POST"])
@requires("monitoring.review.decide")
def resolve_contest(item_id):
    """Answer a unit's contest: upheld (the register changes) or rejected with the reason (R-7.2b)."""
    item = _item(item_id, rr.CONTEST)
    form = forms.ResolveForm()
    form.lead_unit.choices = unit_choices()

    def run():
        change = {f: getattr(form, f).data for f in ("new_deadline", "completed_on", "result_text")}
        change.update(result_doc_number=form.result_doc_number.data, result_doc_date=form.result_doc_date.data)
        change["lead_unit"] = Unit.get_or_none(Unit.id == form.lead_unit.data) if form.lead_unit.data else None
        upheld = form.decision.data == rr.UPHELD
        return review_ops.resolve_contest(current_user, item, upheld, form.reason.data, change)

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("monitoring/review_resolve.html", form=form, item=item, rr=rr),
            status,
        ),
        done=url_for("monitoring.review"),
        success="Đã trả lời ý kiến của đơn vị; đơn vị được thông báo.",
    )


@bp.route("/tasks/<int:task_id>/contest", methods=["GET", "POST"])
@requires("monitoring.view")
def contest_task(task_id):
    """The lead unit asks the Office to look again at a result, deadline or lead unit (R-7.2b)."""
    task = get_or_404(Task, task_id)
    ensure(current_user, "monitoring.contest", task)
    if task.is_secret:  # not through the ordinary pages
        abort(404)
    form = forms.ContestForm()
    return form_action(
        form,
        lambda: review_ops.raise_contest(current_user, task, form.subject.data, form.reason.data),
        render=lambda status, conflict: (
            render_template("monitoring/review_contest.html", form=form, task=task),
            status,
        ),
        done=url_for("register.show_task", task_id=task.id),
        success="Đã gửi ý kiến đề nghị Văn phòng Sở xem xét lại.",
    )
