"""Dossier pages: compile (upload, order, remove), assemble, close; the archive browser."""

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from inspection.accounts.policy import can, ensure, requires
from inspection.cases.models import InspectionCase
from inspection.dossier import archive, filing, operations, queries
from inspection.dossier.forms import ActionForm, ArchiveSearchForm, MoveForm, RemoveForm, UploadForm
from inspection.dossier.models import DONE, AssemblyJob, Dossier, DossierItem
from inspection.views_util import accepts_uploads, form_action, get_or_404

bp = Blueprint("dossier", __name__)


def _page(dossier, status=200, removing=None, **forms_in):
    """The dossier page; the forms given keep the user's input and errors (`removing`: the
    item whose removal was refused, so its row shows the reason typed and the message)."""
    ensure(current_user, "dossier.view", dossier)
    page = render_template(
        "dossier/show.html",
        **queries.page_data(dossier, current_user),
        form=forms_in.get("upload") or UploadForm(formdata=None),
        remove_form=forms_in.get("remove") or RemoveForm(formdata=None),
        move_form=MoveForm(formdata=None),
        action_form=ActionForm(formdata=None),
        removing=removing,
    )
    return page, status


def _editable(dossier):
    """Closed dossiers refuse every change with their message; then the policy decides."""
    operations.ensure_open(dossier)
    ensure(current_user, "dossier.edit", dossier)


def _act(dossier, form, run, success, form_key="", done=None):
    """Run a dossier action through form_action: back to the dossier page, or that page again
    (400) with the refusal and the form as the user filled it."""
    return form_action(
        form,
        run,
        render=lambda status, conflict: _page(
            Dossier.get_by_id(dossier.id), status, **({form_key: form} if form_key else {})
        ),
        done=done or url_for("dossier.show_dossier", dossier_id=dossier.id),
        success=success,
    )


@bp.route("/dossier/")
@requires("dossier.view")
def list_dossiers():
    return render_template("dossier/index.html", open_dossiers=queries.open_dossiers(current_user))


@bp.route("/cases/<int:case_id>/dossier", methods=["GET", "POST"])
@login_required
def open_case_dossier(case_id):
    case = get_or_404(InspectionCase, case_id)
    dossier = Dossier.get_or_none(Dossier.case == case)
    if dossier is not None:
        ensure(current_user, "dossier.view", dossier)
        return redirect(url_for("dossier.show_dossier", dossier_id=dossier.id))
    ensure(current_user, "dossier.edit", None)
    form = ActionForm()

    def run():
        opened = operations.open_dossier(case, current_user)
        filing.file_from_system(opened, current_user)
        return opened

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("dossier/start.html", case=case, action_form=form),
            status,
        ),
        done=lambda opened: url_for("dossier.show_dossier", dossier_id=opened.id),
    )


@bp.route("/dossier/<int:dossier_id>")
@login_required
def show_dossier(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    if dossier.case_id is None:  # issue 17: a digitised paper dossier has its own page
        ensure(current_user, "archive.view")
        return redirect(url_for("paper.show_paper", dossier_id=dossier.id))
    return _page(dossier)


@bp.route("/dossier/<int:dossier_id>/upload", methods=["POST"])
@login_required
@accepts_uploads
def upload_item(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    _editable(dossier)
    form = UploadForm()
    fields = ("component", "number_symbol", "doc_date", "type_and_abstract", "author", "pages")
    return _act(
        dossier,
        form,
        lambda: operations.add_upload(
            dossier,
            current_user,
            form.file.data.stream,
            form.file.data.filename,
            {f: getattr(form, f).data for f in fields},
        ),
        "Đã thêm tài liệu vào hồ sơ.",
        form_key="upload",
    )


@bp.route("/dossier/<int:dossier_id>/refresh", methods=["POST"])
@login_required
def refresh_dossier(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    _editable(dossier)
    return _act(
        dossier,
        ActionForm(),
        lambda: filing.file_from_system(dossier, current_user),
        lambda added: f"Đã cập nhật {added} văn bản từ hệ thống vào hồ sơ.",
    )


@bp.route("/dossier/items/<int:item_id>/move", methods=["POST"])
@login_required
def move_item(item_id):
    item = get_or_404(DossierItem, item_id)
    _editable(item.dossier)
    form = MoveForm()
    return _act(
        item.dossier,
        form,
        lambda: operations.move_item(item, current_user, -1 if form.direction.data == "-1" else 1),
        None,
        done=url_for("dossier.show_dossier", dossier_id=item.dossier_id) + f"#c{item.component}",
    )


@bp.route("/dossier/items/<int:item_id>/remove", methods=["POST"])
@login_required
def remove_item(item_id):
    item = get_or_404(DossierItem, item_id)
    _editable(item.dossier)
    form = RemoveForm()
    return form_action(
        form,
        lambda: operations.remove_item(item, current_user, form.reason.data),
        render=lambda status, conflict: _page(item.dossier, status, removing=item.id, remove=form),
        done=url_for("dossier.show_dossier", dossier_id=item.dossier_id),
        success="Đã loại tài liệu khỏi hồ sơ.",
    )


@bp.route("/dossier/items/<int:item_id>/file")
@login_required
def download_item(item_id):
    item = get_or_404(DossierItem, item_id)
    ensure(current_user, "dossier.view", item.dossier)
    _refuse_destroyed(item.dossier)  # e2-transfer
    return send_file(item.file.path, mimetype=item.file.mime, as_attachment=True, download_name=item.file.download_name)


@bp.route("/dossier/<int:dossier_id>/assemble", methods=["POST"])
@login_required
def assemble_dossier(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    ensure(current_user, "dossier.view", dossier)
    return form_action(
        ActionForm(),
        lambda: operations.request_assembly(dossier, current_user),
        render=lambda status, conflict: _page(dossier, status),
        done=lambda job: url_for("dossier.show_dossier", dossier_id=dossier.id, job=job.id) + "#assembly",
    )


@bp.route("/dossier/jobs/<int:job_id>")
@login_required
def show_job(job_id):
    job = get_or_404(AssemblyJob, job_id)
    ensure(current_user, "dossier.view", job.dossier)
    done = job.state == DONE
    return jsonify(
        state=job.state,
        label=job.state_label,
        progress=job.progress,
        total=job.total,
        percent=job.percent,
        message=job.message,
        page_count=job.page_count,
        pdf=url_for("dossier.download_job_file", job_id=job_id, what="pdf") if done else None,
        zip=url_for("dossier.download_job_file", job_id=job_id, what="zip") if done else None,
    )


@bp.route("/dossier/jobs/<int:job_id>/<any(pdf, zip):what>")
@login_required
def download_job_file(job_id, what):
    job = get_or_404(AssemblyJob, job_id)
    ensure(current_user, "dossier.view", job.dossier)
    _refuse_destroyed(job.dossier)  # e2-transfer
    stored = job.pdf if what == "pdf" else job.zip
    if job.state != DONE or stored is None:
        abort(404)
    mime = "application/pdf" if what == "pdf" else "application/zip"
    return send_file(
        stored.path, mimetype=mime, as_attachment=True, download_name=f"{archive.package_name(job.dossier.code)}.{what}"
    )


@bp.route("/dossier/<int:dossier_id>/close", methods=["POST"])
@login_required
def close_dossier(dossier_id):
    dossier = get_or_404(Dossier, dossier_id)
    operations.ensure_open(dossier)
    ensure(current_user, "dossier.close", dossier)
    return _act(
        dossier,
        ActionForm(),
        lambda: operations.close(dossier, current_user),
        "Đã đóng hồ sơ; gói lưu trữ được lập.",
    )


def _refuse_destroyed(dossier):
    """e2-transfer (issue 17): a destroyed dossier's files are gone; say so instead of failing."""
    from inspection.dossier.models import DESTROYED
    from inspection.dossier.rules import DESTROYED_MESSAGE
    from inspection.errors import NotFound

    if dossier.state == DESTROYED:
        raise NotFound(DESTROYED_MESSAGE)


@bp.route("/archive/")
@requires("archive.view")
def search_archive():
    form = ArchiveSearchForm(request.args)
    form.unit.choices = [SelectChoice("", "— Tất cả —")] + [
        SelectChoice(v, label) for v, label in queries.unit_choices()
    ]
    form.validate()  # a filter the user got wrong shows its error and is not applied
    value = {name: None if form[name].errors else form[name].data for name in ("year", "unit", "code", "q")}
    rows = queries.search_archive(year=value["year"], unit=value["unit"], code=value["code"], words=value["q"])
    return render_template("dossier/archive.html", form=form, rows=rows, can_paper=can(current_user, "archive.paper"))


@bp.route("/archive/verify")
@requires("archive.view")
def verify_archive():
    from inspection.signing import verify

    report = archive.verify_all(
        current_app.config["ARCHIVE_DIR"],
        expected=queries.archived_package_names(),
        signatures=lambda data: verify.verify_pdf(data, current_app.config),  # the same check as `archive verify`
    )
    operations.record_fixity_check(report, current_user)
    return render_template("dossier/verify.html", report=report)
