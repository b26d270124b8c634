"""Dossier pages: compile (upload, order, remove), assemble, close; the archive browser."""

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from inspection.accounts.policy import ensure, requires
from inspection.dossier import archive, filing, operations, queries
from inspection.dossier.forms import ActionForm, ArchiveSearchForm, MoveForm, RemoveForm, UploadForm
from inspection.dossier.models import DONE, AssemblyJob, Dossier, DossierItem
from inspection.errors import ValidationFailed
from inspection.views_util import get_or_404

bp = Blueprint("dossier", __name__)


def _page(dossier, upload_form=None, status=200, remove_form=None):
    ensure(current_user, "dossier.view", dossier)
    return render_template(
        "dossier/show.html",
        **queries.page_data(dossier, current_user),
        form=upload_form or UploadForm(),
        remove_form=remove_form or RemoveForm(),
        move_form=MoveForm(),
        action_form=ActionForm(),
    ), status


def _editable(dossier):
    """Closed dossiers refuse every change with their message; then the policy decides."""
    operations.ensure_open(dossier)
    ensure(current_user, "dossier.edit", dossier)


@bp.route("/dossier/")
@requires("dossier.view")
def index():
    return render_template("dossier/index.html", open_dossiers=queries.open_dossiers(current_user))


@bp.route("/cases/<int:case_id>/dossier", methods=["GET", "POST"])
@login_required
def for_case(case_id):
    from inspection.cases.models import InspectionCase

    case = get_or_404(InspectionCase, case_id)
    dossier = Dossier.get_or_none(Dossier.case == case)
    if dossier is None:
        ensure(current_user, "dossier.edit", None)
        if request.method != "POST":
            return render_template("dossier/start.html", case=case, action_form=ActionForm())
        dossier = operations.open_dossier(case, current_user)
        filing.file_from_system(dossier, current_user)
    ensure(current_user, "dossier.view", dossier)
    return redirect(url_for("dossier.show", pk=dossier.id))


@bp.route("/dossier/<int:pk>")
@login_required
def show(pk):
    return _page(get_or_404(Dossier, pk))


@bp.route("/dossier/<int:pk>/upload", methods=["POST"])
@login_required
def upload(pk):
    dossier = get_or_404(Dossier, pk)
    _editable(dossier)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(dossier, form, 400)
    data = {
        f: getattr(form, f).data
        for f in ("component", "number_symbol", "doc_date", "type_and_abstract", "author", "pages")
    }
    try:
        operations.add_upload(dossier, current_user, form.file.data.stream, form.file.data.filename, data)
    except ValidationFailed as exc:
        getattr(form, exc.field or "file", form.file).errors = [exc.message]
        return _page(dossier, form, 400)
    flash("Đã thêm tài liệu vào hồ sơ.", "success")
    return redirect(url_for("dossier.show", pk=pk))


@bp.route("/dossier/<int:pk>/refresh", methods=["POST"])
@login_required
def refresh(pk):
    dossier = get_or_404(Dossier, pk)
    _editable(dossier)
    ActionForm().validate_on_submit() or abort(400)
    added = filing.file_from_system(dossier, current_user)
    flash(f"Đã cập nhật {added} văn bản từ hệ thống vào hồ sơ.", "success")
    return redirect(url_for("dossier.show", pk=pk))


@bp.route("/dossier/items/<int:pk>/move", methods=["POST"])
@login_required
def move(pk):
    item = get_or_404(DossierItem, pk)
    _editable(item.dossier)
    form = MoveForm()
    form.validate_on_submit() or abort(400)
    operations.move_item(item, current_user, -1 if form.direction.data == "-1" else 1)
    return redirect(url_for("dossier.show", pk=item.dossier_id) + f"#c{item.component}")


@bp.route("/dossier/items/<int:pk>/remove", methods=["POST"])
@login_required
def remove(pk):
    item = get_or_404(DossierItem, pk)
    _editable(item.dossier)
    form = RemoveForm()
    try:
        if not form.validate_on_submit():
            raise ValidationFailed(form.reason.errors[0] if form.reason.errors else "Dữ liệu không hợp lệ.")
        operations.remove_item(item, current_user, form.reason.data)
    except ValidationFailed as exc:
        flash(exc.message, "danger")
        return _page(item.dossier, status=400, remove_form=form)
    flash("Đã loại tài liệu khỏi hồ sơ.", "success")
    return redirect(url_for("dossier.show", pk=item.dossier_id))


@bp.route("/dossier/items/<int:pk>/file")
@login_required
def item_file(pk):
    item = get_or_404(DossierItem, pk)
    ensure(current_user, "dossier.view", item.dossier)
    return send_file(item.file.path, mimetype=item.file.mime, as_attachment=True, download_name=item.file.download_name)


@bp.route("/dossier/<int:pk>/assemble", methods=["POST"])
@login_required
def assemble(pk):
    dossier = get_or_404(Dossier, pk)
    ensure(current_user, "dossier.view", dossier)
    ActionForm().validate_on_submit() or abort(400)
    job = operations.request_assembly(dossier, current_user)
    return redirect(url_for("dossier.show", pk=pk, job=job.id) + "#assembly")


@bp.route("/dossier/jobs/<int:pk>")
@login_required
def job_status(pk):
    job = get_or_404(AssemblyJob, pk)
    ensure(current_user, "dossier.view", job.dossier)
    return jsonify(
        state=job.state,
        label=job.state_label,
        progress=job.progress,
        total=job.total,
        percent=job.percent,
        message=job.message,
        page_count=job.page_count,
        pdf=url_for("dossier.job_file", pk=pk, what="pdf") if job.state == DONE else None,
        zip=url_for("dossier.job_file", pk=pk, what="zip") if job.state == DONE else None,
    )


@bp.route("/dossier/jobs/<int:pk>/<any(pdf, zip):what>")
@login_required
def job_file(pk, what):
    job = get_or_404(AssemblyJob, pk)
    ensure(current_user, "dossier.view", job.dossier)
    stored = job.pdf if what == "pdf" else job.zip
    if job.state != DONE or stored is None:
        abort(404)
    mime = "application/pdf" if what == "pdf" else "application/zip"
    return send_file(
        stored.path, mimetype=mime, as_attachment=True, download_name=f"{archive.package_name(job.dossier.code)}.{what}"
    )


@bp.route("/dossier/<int:pk>/close", methods=["POST"])
@login_required
def close(pk):
    dossier = get_or_404(Dossier, pk)
    operations.ensure_open(dossier)
    ensure(current_user, "dossier.close", dossier)
    ActionForm().validate_on_submit() or abort(400)
    try:
        operations.close(dossier, current_user)
    except ValidationFailed as exc:
        flash(exc.message, "danger")
        return _page(dossier, status=400)
    flash("Đã đóng hồ sơ; gói lưu trữ được lập.", "success")
    return redirect(url_for("dossier.show", pk=pk))


@bp.route("/archive/")
@requires("archive.view")
def archive_index():
    form = ArchiveSearchForm(request.args)
    form.unit.choices = [SelectChoice("", "— Tất cả —")] + [
        SelectChoice(v, label) for v, label in queries.unit_choices()
    ]
    form.validate()
    rows = queries.search_archive(year=form.year.data, unit=form.unit.data, code=form.code.data, words=form.q.data)
    return render_template("dossier/archive.html", form=form, rows=rows)


@bp.route("/archive/verify")
@requires("archive.view")
def archive_verify():
    report = archive.verify_all(current_app.config["ARCHIVE_DIR"], expected=queries.archived_package_names())
    return render_template("dossier/verify.html", report=report)
