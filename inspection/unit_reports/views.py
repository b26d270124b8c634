"""Unit report pages (R-19.1, R-20.1). Views parse, call, respond."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.text import parse_id
from inspection.unit_reports import forms, operations, queries, rules
from inspection.unit_reports.blueprint import bp
from inspection.views_util import form_action, get_or_404


def _period(year, month):
    try:
        return rules.checked(year, month)
    except ValueError:
        abort(404)


@bp.route("/")
@requires("unit_reports.view")
def index():
    """The Office's view of one month (?period=MM/YYYY); a unit's people go to their own page."""
    if not can(current_user, "unit_reports.overview"):
        return redirect(url_for("unit_reports.show_unit", unit_id=current_user.unit_id))
    today, calendar = clock.today(), current_calendar()
    raw, error = request.args.get("period", "").strip()[:10], None
    period = rules.Period(today.year, today.month)
    if raw:
        try:
            period = rules.parse_period(raw)
            error = rules.future_error(period, today, calendar)
        except ValueError:
            error = rules.MSG_BAD_PERIOD
        if error:
            period = rules.Period(today.year, today.month)
    data = queries.overview_page(period, today, calendar)
    return render_template("unit_reports/index.html", error=error, raw=raw, **data), 400 if error else 200


@bp.route("/<int:unit_id>")
@requires("unit_reports.view")
def show_unit(unit_id):
    """A unit's monthly reports: the one being prepared and the months before."""
    unit = get_or_404(Unit, unit_id)
    ensure(current_user, "unit_reports.unit.view", unit)
    data = queries.unit_page(unit, clock.today(), current_calendar())
    return render_template("unit_reports/unit.html", **data)


@bp.route("/<int:unit_id>/<int:year>/<int:month>", methods=["GET", "POST"])
@requires("unit_reports.view")
def show_report(unit_id, year, month):
    """One month's report: the draft the system prepares and the unit completes, or the sent one."""
    unit, period = get_or_404(Unit, unit_id), _period(year, month)
    ensure(current_user, "unit_reports.unit.view", unit)
    today, calendar = clock.today(), current_calendar()
    future = rules.future_error(period, today, calendar)
    if future:  # nothing is prepared for a month not started (operations refuse it too)
        return render_template("unit_reports/future.html", unit=unit, period=period, error=future), 400
    number = request.args.get("page", 1, type=parse_id)
    data = queries.report_page(unit, period, today, calendar, number)
    shown = data["overdue_page"]  # the screen's 50: their reason fields; the others' reasons stay
    form = forms.draft_form(shown.items, data=_draft_data(data["report"], shown.items))

    def run():
        reasons = forms.reasons_of(form, shown.items)
        act = operations.submit if form.send.data else operations.save_draft
        return act(current_user, unit, period, form.head_remarks.data, reasons, today, calendar)

    def render(status, conflict):
        page = queries.report_page(unit, period, today, calendar, number) if request.method == "POST" else data
        return render_template("unit_reports/report.html", form=form, return_form=forms.ReturnForm(), **page), status

    done = _report_url(unit, period, shown.number)
    return form_action(form, run, render=render, done=done, success=_done_message)


def _report_url(unit, period, number=1):
    """The report page (on page `number` of its overdue list)."""
    page = number if number > 1 else None
    return url_for("unit_reports.show_report", unit_id=unit.id, year=period.year, month=period.month, page=page)


def _draft_data(report, overdue):
    if report is None:
        return {}
    reasons = report.reason_map
    out = {forms.reason_field(row["id"]): reasons.get(str(row["id"]), "") for row in overdue}
    return {**out, "head_remarks": report.head_remarks}


def _done_message(report):
    if report.state == rules.SUBMITTED:
        return rules.sent_message(report.period, report.first_submitted_on, current_calendar())
    return "Đã lưu dự thảo báo cáo."


@bp.route("/<int:unit_id>/<int:year>/<int:month>/return", methods=["POST"])
@requires("unit_reports.view")
def return_report(unit_id, year, month):
    """The Office returns a sent report to the unit for correction, with remarks."""
    unit, period = get_or_404(Unit, unit_id), _period(year, month)
    ensure(current_user, "unit_reports.return", unit, operations.MSG_NOT_OFFICE)
    today, calendar = clock.today(), current_calendar()
    form = forms.ReturnForm()

    def render(status, conflict):
        page = queries.report_page(unit, period, today, calendar)
        draft = forms.draft_form(page["overdue_page"].items)
        return render_template("unit_reports/report.html", form=draft, return_form=form, **page), status

    return form_action(
        form,
        lambda: operations.return_report(current_user, unit, period, form.remarks.data),
        render=render,
        done=_report_url(unit, period),
        success=f"Đã trả lại báo cáo tháng {period} để đơn vị chỉnh sửa.",
    )


@bp.route("/<int:unit_id>/<int:year>/<int:month>/print")
@requires("unit_reports.view")
def print_report(unit_id, year, month):
    """The report as a printable page."""
    unit, period = get_or_404(Unit, unit_id), _period(year, month)
    ensure(current_user, "unit_reports.unit.view", unit)
    today, calendar = clock.today(), current_calendar()
    error = rules.future_error(period, today, calendar)
    if error:
        return render_template("unit_reports/future.html", unit=unit, period=period, error=error), 400
    return render_template("unit_reports/print.html", **queries.report_page(unit, period, today, calendar))
