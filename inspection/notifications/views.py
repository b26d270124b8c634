"""The inbox (every user, own messages only) and the reminder schedule (the Office)."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from inspection.accounts.policy import requires
from inspection.notifications import operations, queries
from inspection.notifications.forms import ButtonForm, ScheduleForm, schedule_data
from inspection.text import parse_id
from inspection.views_util import form_action

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _inbox_page(status=200):
    data = queries.inbox_page(current_user, request.args.get("page", 1, type=parse_id))
    return render_template("notifications/inbox.html", **data, button=ButtonForm(formdata=None)), status


@bp.route("/")
@requires("notifications.inbox")
def inbox():
    return _inbox_page()


def _inside(link):
    """Only a path of this application is followed (never another site)."""
    ok = link.startswith("/") and not link.startswith("//") and "\\" not in link
    return link if ok else url_for("notifications.inbox")


@bp.route("/<int:notification_id>/open", methods=["POST"])
@requires("notifications.inbox")
def open_notification(notification_id):
    note = queries.own_notification(current_user, notification_id) or abort(404)
    return form_action(
        ButtonForm(),
        lambda: operations.mark_read(current_user, note),
        render=lambda status, conflict: _inbox_page(status),
        done=lambda n: _inside(n.link) if request.form.get("follow") else url_for("notifications.inbox"),
    )


@bp.route("/read-all", methods=["POST"])
@requires("notifications.inbox")
def read_all():
    return form_action(
        ButtonForm(),
        lambda: operations.mark_all_read(current_user),
        render=lambda status, conflict: _inbox_page(status),
        done=url_for("notifications.inbox"),
        success=lambda n: f"Đã đánh dấu {n} thông báo là đã đọc.",
    )


@bp.route("/schedule", methods=["GET", "POST"])
@requires("notifications.schedule")
def edit_schedule():
    form = ScheduleForm(data=schedule_data(queries.schedule()))

    def render(status, conflict):
        page = render_template("notifications/schedule.html", form=form, outbox=queries.outbox_counts())
        return page, status

    return form_action(
        form,
        lambda: operations.save_schedule(current_user, *form.offsets()),
        render=render,
        done=url_for("notifications.edit_schedule"),
        success="Đã lưu lịch nhắc việc.",
    )
