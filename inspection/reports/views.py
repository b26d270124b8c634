"""The Department's reports (R-18, R-20.2) and the secret report (R-5.2). Views parse, call, respond."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.errors import OfficeError
from inspection.views_util import form_action, get_or_404, send_bytes

from . import operations, queries, rules, scorecard, scorecard_export, scorecard_queries
from .forms import ReportForm, TextsForm
from .models import Report

bp = Blueprint("reports", __name__, url_prefix="/reports")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _report(report_id):
    report = get_or_404(Report, report_id)
    if not can(current_user, "reports.read", report):
        abort(404 if report.secret else 403)  # a secret report does not even exist
    return report


@bp.route("/")
@requires("reports.view")
def index():
    """The reports list, the link to the units' monthly reports, and the drafting buttons."""
    can_score = can(current_user, "reports.scorecards")  # q1-scorecards: the links
    return render_template("reports/index.html", can_score=can_score, **queries.index_page(current_user))


def _secret_requested():
    secret = request.values.get("secret") == "1"
    if secret and not can(current_user, "reports.secret"):
        abort(404)
    return secret


@bp.route("/new", methods=["GET", "POST"])
@requires("reports.draft")
def create():
    """Draft a report: kind, period, subject and the Office's sections; figures as of the cut-off."""
    secret = _secret_requested()
    kind = request.args.get("kind") if request.args.get("kind") in rules.KINDS else rules.MONTHLY
    start, end = rules.default_period(kind, clock.today())
    form = ReportForm(kind=kind, period_start=start, period_end=end)
    form.unit.choices = queries.unit_choices()

    def render(status, _conflict):
        return render_template("reports/new.html", form=form, secret=secret), status

    return form_action(
        form,
        lambda: operations.create(current_user, form.spec(secret), form.texts(), current_calendar()),
        render=render,
        done=lambda report: url_for("reports.show", report_id=report.id),
        success="Đã lập dự thảo báo cáo; số liệu tính đến ngày chốt.",
    )


def _page(report, form, status=200):
    data = queries.report_page(report)
    can_edit = can(current_user, "reports.draft", report) and not report.issued
    return render_template("reports/show.html", form=form, can_edit=can_edit, **data), status


@bp.route("/<int:report_id>")
@requires("reports.view")
def show(report_id):
    report = _report(report_id)
    return _page(report, TextsForm(data=report.texts))


@bp.route("/<int:report_id>/texts", methods=["POST"])
@requires("reports.draft")
def update_texts(report_id):
    report = _report(report_id)
    ensure(current_user, "reports.draft", report)
    form = TextsForm()
    return form_action(
        form,
        lambda: operations.update_texts(report, current_user, form.texts(), current_calendar()),
        render=lambda status, _c: _page(Report.get_by_id(report.id), form, status),
        done=url_for("reports.show", report_id=report.id),
        success="Đã lưu nội dung báo cáo.",
    )


@bp.route("/<int:report_id>/regenerate", methods=["POST"])
@requires("reports.draft")
def regenerate(report_id):
    report = _report(report_id)
    ensure(current_user, "reports.draft", report)
    return form_action(
        None,
        lambda: operations.regenerate(report, current_user, current_calendar()),
        render=lambda status, _c: _page(Report.get_by_id(report.id), TextsForm(data=report.texts), status),
        done=url_for("reports.show", report_id=report.id),
        success=lambda changed: (
            "Đã tính lại số liệu tính đến ngày chốt"
            + (": có thay đổi (số liệu được nhập bổ sung trước ngày chốt)." if changed else ": không thay đổi.")
        ),
    )


@bp.route("/<int:report_id>/report.<fmt>")
@requires("reports.view")
def download(report_id, fmt):
    """The report as Word, PDF (issued: the frozen files) or Excel (its tables)."""
    report = _report(report_id)
    if fmt not in MIME:
        abort(404)
    try:
        data, name = queries.report_file(report, fmt)
    except OfficeError as exc:
        abort(503, exc.message)
    return send_bytes(data, name, MIME[fmt])


# --- q1-scorecards: the units' scorecards (R-25) and the report on the regulation (R-23) -------
def _year_asked():
    today = clock.today()
    return scorecard_queries.asked_year(request.args.get("year"), today), today


def _refused(template, exc):
    return render_template(template, error=str(exc), year=request.args.get("year", "")), 400


@bp.route("/scorecards", defaults={"fmt": "html"})
@bp.route("/scorecards.<fmt>")
@requires("reports.scorecards")
def scorecards(fmt):
    """The units' yearly scorecards, sortable by any column; ?year=, ?sort=[-]column (R-25)."""
    if fmt not in ("html", "xlsx"):
        abort(404)
    try:
        year, today = _year_asked()
        key, descending = scorecard.parse_sort(request.args.get("sort"))
    except ValueError as exc:
        return _refused("reports/scorecards.html", exc)
    data = scorecard_queries.scorecard_page(year, key, descending, today, current_calendar())
    if fmt == "xlsx":
        return send_bytes(
            scorecard_export.scorecard_xlsx(data["rows"], data["heading"]), f"cham-diem-{year}.xlsx", MIME["xlsx"]
        )
    return render_template("reports/scorecards.html", pct=rules.pct_text, **data)


@bp.route("/regulation", defaults={"fmt": "html"})
@bp.route("/regulation.<fmt>")
@requires("reports.scorecards")
def regulation(fmt):
    """The yearly report on how the regulation was carried out (R-23): printable, or XLSX."""
    if fmt not in ("html", "xlsx"):
        abort(404)
    try:
        year, today = _year_asked()
    except ValueError as exc:
        return _refused("reports/regulation.html", exc)
    data = scorecard_queries.regulation_page(year, today, current_calendar())
    if fmt == "xlsx":
        body = scorecard_export.regulation_xlsx(data["sections"], data["heading"])
        return send_bytes(body, f"thuc-hien-quy-che-{year}.xlsx", MIME["xlsx"])
    return render_template("reports/regulation.html", **data)
