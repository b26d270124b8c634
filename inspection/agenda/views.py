"""Lịch công tác: the viewer's coming dates, and his iCalendar feed (create, revoke, read)."""

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import requires
from inspection.agenda import ics, operations, queries, rules
from inspection.calendar.service import current_calendar
from inspection.views_util import form_action
from inspection.web_security import limiter

bp = Blueprint("agenda", __name__, url_prefix="/agenda")


def _page(status=200):
    days = request.args.get("days", type=int, default=rules.WINDOWS[0])
    kind = request.args.get("kind", "")
    data = queries.page_data(current_user, clock.today(), current_calendar(), days, kind)
    return render_template("agenda/index.html", **data), status


@bp.route("")
@requires("agenda.view")
def show_agenda():
    return _page()


def _feed_url(token):
    return url_for("agenda.read_feed", token=token, _external=True)


@bp.route("/feed", methods=["POST"])
@requires("agenda.view")
def create_feed():
    return form_action(
        None,
        lambda: operations.create_feed_token(current_user),
        render=lambda status, conflict: _page(status),
        done=url_for("agenda.show_agenda"),
        success=lambda token: f"Đường dẫn lịch riêng của bạn (chỉ hiện một lần, hãy sao chép ngay): {_feed_url(token)}",
    )


@bp.route("/feed/revoke", methods=["POST"])
@requires("agenda.view")
def revoke_feed():
    return form_action(
        None,
        lambda: operations.revoke_feed_token(current_user),
        render=lambda status, conflict: _page(status),
        done=url_for("agenda.show_agenda"),
        success="Đã thu hồi đường dẫn lịch: ứng dụng lịch đang dùng đường dẫn cũ sẽ không nhận được lịch nữa.",
    )


def _feed_rate_limit():
    return current_app.config["AGENDA_FEED_RATE_LIMIT"]


@bp.route("/<token>.ics")
@limiter.limit(_feed_rate_limit)  # no log-in here: the unguessable token is the key
def read_feed(token):
    owner = queries.feed_owner(token)
    if owner is None:  # unknown, revoked, or a deactivated account: nothing to tell apart
        abort(404)
    start, end = rules.feed_window(clock.today())
    entries = queries.entries(owner, start, end, current_calendar(), for_feed=True)
    body = ics.feed_bytes(entries, request.host_url, clock.now())
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
