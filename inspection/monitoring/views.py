"""Dashboard pages (R-8): the Department's, as of any date, and each unit's. Views parse, call, respond."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from inspection import settings
from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.monitoring import figures, queries
from inspection.monitoring.blueprint import bp
from inspection.register import operations
from inspection.views_util import get_or_404


def _due_soon_days():
    return int(settings.get("register.due_soon_days"))


@bp.route("/")
@requires("monitoring.view")
def index():
    """The Department's dashboard for the Office and leadership; a unit's own for its people."""
    if not can(current_user, "monitoring.dashboard"):
        return redirect(url_for("monitoring.unit", unit_id=current_user.unit_id))
    today = operations.today()
    data = queries.leadership_page(request.args.get("as_of"), today, current_calendar(), _due_soon_days())
    page = render_template("monitoring/index.html", keys=figures.KEYS, labels=figures.LABELS, can=can, **data)
    return page, 400 if data["error"] else 200


@bp.route("/units/<int:unit_id>")
@requires("monitoring.view")
def unit(unit_id):
    """A unit's tasks by urgency and what waits for it (the unit itself, the Office, leadership)."""
    target = get_or_404(Unit, unit_id)
    ensure(current_user, "monitoring.unit.view", target)
    data = queries.unit_page(target, operations.today(), current_calendar(), _due_soon_days())
    return render_template("monitoring/unit.html", labels=figures.LABELS, **data)
