"""Administrator page "Lịch ngày làm việc": a year's days off and working weekends, overrides."""

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import requires
from inspection.calendar import operations, queries, rules
from inspection.calendar.forms import DeleteForm, OverrideForm
from inspection.calendar.models import WorkdayOverride
from inspection.errors import ValidationFailed
from inspection.text import parse_id, parse_vn_date
from inspection.views_util import form_action, get_or_404

bp = Blueprint("calendar", __name__, url_prefix="/admin/calendar")


def _today():
    return clock.today()


def _year():
    year = request.args.get("year", type=parse_id)
    return year if year and rules.FIRST_YEAR <= year <= rules.LAST_YEAR else _today().year


def _page(year, form, status=200):
    page = render_template("calendar/index.html", **queries.year_page(year), form=form, delete_form=DeleteForm())
    return page, status


@bp.route("")
@requires("calendar.manage")
def show_calendar():
    return _page(_year(), OverrideForm())


def _day(text):
    """The typed day, None when left empty (the rules say it is missing)."""
    if not (text or "").strip():
        return None
    try:
        return parse_vn_date(text)
    except ValueError:
        raise ValidationFailed("Ngày không hợp lệ (định dạng dd/mm/yyyy).", field="day") from None


@bp.route("/add", methods=["POST"])
@requires("calendar.manage")
def add_override():
    form = OverrideForm()
    typed = {}

    def run():
        typed["day"] = day = _day(form.day.data)
        return operations.add_override(current_user, day, form.kind.data, form.name.data, form.document_ref.data)

    return form_action(
        form,
        run,
        render=lambda status, conflict: _page(typed["day"].year if typed.get("day") else _year(), form, status),
        done=lambda row: url_for("calendar.show_calendar", year=row.day.year),
        success=lambda row: f"Đã thêm điều chỉnh ngày {row.day:%d/%m/%Y}: {row.kind_label.lower()}.",
    )


@bp.route("/<int:override_id>/delete", methods=["POST"])
@requires("calendar.manage")
def delete_override(override_id):
    row = get_or_404(WorkdayOverride, override_id)
    return form_action(
        DeleteForm(),
        lambda: operations.delete_override(current_user, row),
        render=lambda status, conflict: _page(row.day.year, OverrideForm(formdata=None), status),
        done=url_for("calendar.show_calendar", year=row.day.year),
        success=f"Đã xóa điều chỉnh ngày {row.day:%d/%m/%Y}.",
    )
