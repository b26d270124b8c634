"""Administrator page "Lịch ngày làm việc": a year's days off and working weekends, overrides."""

import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import requires
from inspection.calendar import operations, rules
from inspection.calendar.forms import DeleteForm, OverrideForm
from inspection.calendar.models import WorkdayOverride
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.text import parse_vn_date
from inspection.views_util import get_or_404

bp = Blueprint("calendar", __name__, url_prefix="/admin/calendar")


def _today():
    return clock.today()


def _year():
    year = request.args.get("year", type=int)
    return year if year and rules.FIRST_YEAR <= year <= rules.LAST_YEAR else _today().year


def _page(year, form, status=200):
    admin_days = {o.day: o for o in WorkdayOverride.in_year(year)}
    cal = current_calendar()
    rows = rules.year_rows(cal, year, admin_days)
    total = cal.count_working_days(datetime.date(year - 1, 12, 31), datetime.date(year, 12, 31))
    return render_template(
        "calendar/index.html",
        year=year,
        rows=rows,
        total=total,
        form=form,
        delete_form=DeleteForm(),
        overrides=list(admin_days.values()),
    ), status


@bp.route("")
@requires("calendar.manage")
def index():
    return _page(_year(), OverrideForm())


@bp.route("/add", methods=["POST"])
@requires("calendar.manage")
def add():
    form = OverrideForm()
    year = _year()
    if form.validate_on_submit():
        try:
            day = parse_vn_date(form.day.data) if (form.day.data or "").strip() else None
        except ValueError:
            form.day.errors.append("Ngày không hợp lệ (định dạng dd/mm/yyyy).")
            return _page(year, form, 400)
        try:
            row = operations.add_override(current_user, day, form.kind.data, form.name.data, form.document_ref.data)
        except ValidationFailed as exc:
            getattr(form, exc.field or "name").errors.append(exc.message)
            return _page(day.year if day else year, form, 400)
        flash(f"Đã thêm điều chỉnh ngày {row.day:%d/%m/%Y}: {row.kind_label.lower()}.", "success")
        return redirect(url_for("calendar.index", year=row.day.year))
    return _page(year, form, 400)


@bp.route("/<int:pk>/delete", methods=["POST"])
@requires("calendar.manage")
def delete(pk):
    row = get_or_404(WorkdayOverride, pk)
    if not DeleteForm().validate_on_submit():
        flash("Phiên làm việc đã hết hạn, vui lòng thử lại.", "danger")
        return redirect(url_for("calendar.index", year=row.day.year))
    operations.delete_override(current_user, row)
    flash(f"Đã xóa điều chỉnh ngày {row.day:%d/%m/%Y}.", "success")
    return redirect(url_for("calendar.index", year=row.day.year))
