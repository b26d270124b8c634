"""Pages of issue 17: the retention schedule, past paper dossiers (one, or a batch) and the
archive by year. Views parse, call the operation and answer through form_action."""

import os
import tempfile

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_login import current_user
from wtforms.fields import SelectChoice

from inspection import clock
from inspection.accounts.policy import can, ensure, requires
from inspection.cases import rules as case_rules
from inspection.dossier import operations, paper, paper_import, queries, schedule
from inspection.dossier.forms_paper import (
    PaperDossierForm,
    PaperImportForm,
    PaperPlaceForm,
    RetentionLineForm,
    YearsForm,
)
from inspection.dossier.models import Dossier, DossierItem, RetentionLine
from inspection.errors import ValidationFailed
from inspection.pagination import paginate
from inspection.views_util import accepts_uploads, form_action, get_or_404, send_bytes

bp = Blueprint("paper", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---- the retention schedule ---------------------------------------------------------------


def _line_form(line=None):
    form = RetentionLineForm(obj=line) if request.method == "GET" and line else RetentionLineForm()
    if request.method == "GET" and line:
        form.permanent.data = line.years is None
        form.case_ground.data = line.case_ground or ""
    form.case_ground.choices = [SelectChoice("", "— Không —")] + [
        SelectChoice(k, v) for k, v in case_rules.GROUND_LABELS.items()
    ]
    return form


def _line_values(form):
    return {f: getattr(form, f).data for f in ("code", "title", "case_ground", "years", "permanent", "legal_reference", "note", "active")}  # fmt: skip


@bp.route("/archive/retention", methods=["GET", "POST"])
@requires("retention.view")
def retention_schedule():
    if request.method == "POST":
        ensure(current_user, "retention.edit")
    form = _line_form()
    return form_action(
        form,
        lambda: schedule.create_line(current_user, _line_values(form)),
        render=lambda status, conflict: (_schedule_page(form), status),
        done=url_for("paper.retention_schedule"),
        success="Đã thêm dòng vào bảng thời hạn bảo quản.",
    )


def _schedule_page(form, editing=None):
    return render_template(
        "dossier/retention.html",
        lines=schedule.lines(),
        form=form,
        editing=editing,
        can_edit=can(current_user, "retention.edit"),
        grounds=case_rules.GROUND_LABELS,
    )


@bp.route("/archive/retention/<int:line_id>", methods=["GET", "POST"])
@requires("retention.edit")
def edit_retention_line(line_id):
    line = get_or_404(RetentionLine, line_id)
    form = _line_form(line)
    return form_action(
        form,
        lambda: schedule.update_line(line, current_user, _line_values(form)),
        render=lambda status, conflict: (_schedule_page(form, editing=line), status),
        done=url_for("paper.retention_schedule"),
        success="Đã sửa dòng của bảng thời hạn bảo quản.",
    )


# ---- one paper dossier --------------------------------------------------------------------


def _line_choices():
    return [SelectChoice("", "— Chọn —")] + [
        SelectChoice(line.code, f"{line.code} – {line.title} ({line.period_label})")
        for line in schedule.lines(active_only=True)
    ]


@bp.route("/archive/paper/new", methods=["GET", "POST"])
@requires("archive.paper")
@accepts_uploads
def new_paper():
    form = PaperDossierForm()
    form.retention_line.choices = _line_choices()

    def run():
        values = paper.clean({f.name: f.data for f in form if f.name not in ("csrf_token", "scans")})
        paper.refuse_taken(values["code"])
        limit = operations.max_upload_bytes()
        files = [f for f in (form.scans.data or []) if getattr(f, "filename", "")]
        scans = [paper.check_scan(f.stream.read(limit + 1), f.filename, limit) for f in files]
        return paper.register(current_user, values, scans)

    return form_action(
        form,
        run,
        render=lambda status, conflict: (render_template("dossier/paper_new.html", form=form), status),
        done=lambda d: url_for("paper.show_paper", dossier_id=d.id),
        success=lambda d: f"Đã nhập hồ sơ giấy {d.code} vào kho lưu trữ; gói lưu trữ đã được lập.",
    )


@bp.route("/archive/paper/<int:dossier_id>")
@requires("archive.view")
def show_paper(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    if not dossier.digitised:
        abort(404)
    items = list(
        DossierItem.select()
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .order_by(DossierItem.position)
    )
    return render_template(
        "dossier/paper_show.html", dossier=dossier, items=items, can_edit=can(current_user, "archive.paper")
    )


@bp.route("/archive/paper/<int:dossier_id>/edit", methods=["GET", "POST"])
@requires("archive.paper")
def edit_paper(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    if not dossier.digitised:
        abort(404)
    form = PaperPlaceForm(obj=dossier) if request.method == "GET" else PaperPlaceForm()
    form.retention_line.choices = _line_choices()
    if request.method == "GET" and dossier.retention_line_id:
        form.retention_line.data = dossier.retention_line.code
    return form_action(
        form,
        lambda: paper.update_place(dossier, current_user, {f.name: f.data for f in form}),
        render=lambda status, conflict: (
            render_template("dossier/paper_edit.html", form=form, dossier=dossier),
            status,
        ),
        done=url_for("paper.show_paper", dossier_id=dossier.id),
        success="Đã sửa vị trí và thời hạn bảo quản của hồ sơ và thông tin mô tả trong gói lưu trữ.",
    )


@bp.route("/archive/paper/items/<int:item_id>/file")
@requires("archive.view")
def download_scan(item_id):
    item = get_or_404(DossierItem, item_id)
    if not item.dossier.digitised or item.file is None:
        abort(404)
    return send_file(item.file.path, mimetype=item.file.mime, as_attachment=True, download_name=item.file.download_name)


# ---- a batch -------------------------------------------------------------------------------


@bp.route("/archive/paper/import", methods=["GET", "POST"])
@requires("archive.paper")
@accepts_uploads
def import_paper():
    form = PaperImportForm()
    outcome = {}

    def run():
        with tempfile.TemporaryDirectory(prefix="paper-sheet-") as tmp:
            sheet = os.path.join(tmp, "bang-ke.xlsx")
            form.sheet.data.save(sheet)
            checked, count = paper_import.run(
                current_user, sheet, form.scans.data.stream, operations.max_upload_bytes()
            )
        if not checked.ok:
            outcome["errors"] = checked.errors
            raise ValidationFailed(
                f"Bảng kê có {len(checked.errors)} lỗi; chưa nhập hồ sơ nào (nhập tất cả hoặc không nhập gì)."
            )
        return count

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("dossier/paper_import.html", form=form, errors=outcome.get("errors", [])),
            status,
        ),
        done=url_for("paper.archive_years", show="due"),
        success=lambda n: f"Đã nhập {n} hồ sơ giấy số hóa vào kho lưu trữ.",
    )


@bp.route("/archive/paper/import/mau.xlsx")
@requires("archive.paper")
def import_template():
    return send_bytes(paper_import.template_xlsx(), "mau-nhap-ho-so-giay.xlsx", XLSX)


# ---- the archive by year -------------------------------------------------------------------


@bp.route("/archive/years")
@requires("archive.view")
def archive_years():
    form = YearsForm(request.args)
    form.validate()
    year = form.year.data if not form.year.errors and form.year.data else clock.today().year
    show = form.show.data if form.show.data in ("due", "permanent") else "due"
    words = None if form.q.errors else form.q.data
    number = form.page.data if not form.page.errors else 1
    page = paginate(queries.by_year(year, show, words), number, per_page=50)
    return render_template("dossier/years.html", form=form, page=page, year=year, show=show)
