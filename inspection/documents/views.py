"""Pages: template kinds and versions, previews, the outgoing register, one document."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from inspection import audit, clock
from inspection.accounts.policy import can, ensure, requires
from inspection.errors import DomainError, ValidationFailed
from inspection.views_util import get_or_404
from inspection.web_security import embeddable

from . import kinds, layout, office, operations, register, render, render_docx, render_pdf, signers
from .forms import ActivateForm, IssueForm, UploadForm
from .models import OutgoingDocument, TemplateVersion

bp = Blueprint("documents", __name__, url_prefix="/documents")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def _kind(name):
    try:
        return kinds.get(name)
    except kinds.UnknownKind:
        abort(404)


def _send(data, fmt, name):
    return Response(data, mimetype=MIME[fmt], headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@bp.route("/templates")
@requires("documents.templates.manage")
def templates():
    active = {v.kind: v for v in TemplateVersion.select().where(TemplateVersion.active)}
    return render_template("documents/templates.html", kinds=kinds.all_kinds(), active=active)


def _kind_page(k, form, status=200):
    versions = list(
        TemplateVersion.select().where(TemplateVersion.kind == k.name).order_by(TemplateVersion.version.desc())
    )
    edited = any(v.active for v in versions)
    return render_template(
        "documents/kind.html",
        kind=k,
        versions=versions,
        form=form,
        activate_form=ActivateForm(),
        edited=edited,
        office_missing=edited and not office.available(),
        no_office_message=render.EDITED_NO_OFFICE.format(name=k.name_vi),
    ), status


@bp.route("/templates/<name>")
@requires("documents.templates.manage")
def kind(name):
    return _kind_page(_kind(name), UploadForm())


@bp.route("/templates/<name>/upload", methods=["POST"])
@requires("documents.templates.manage")
def upload(name):
    k, form = _kind(name), UploadForm()
    if not form.validate_on_submit():
        return _kind_page(k, form, 400)
    try:
        v = operations.upload_template(
            k.name, form.file.data.read(), form.file.data.filename, current_user, form.note.data or ""
        )
    except ValidationFailed as exc:
        form.file.errors.append(exc.message)
        return _kind_page(k, form, 400)
    flash(f'Đã lưu phiên bản {v.version} của mẫu "{k.name_vi}" và đặt làm mẫu đang dùng.', "success")
    if not office.available():
        flash(render.EDITED_NO_OFFICE.format(name=k.name_vi), "warning")
    return redirect(url_for("documents.kind", name=k.name))


@bp.route("/templates/<name>/activate", methods=["POST"])
@requires("documents.templates.manage")
def activate(name):
    k, form = _kind(name), ActivateForm()
    if form.validate_on_submit():
        try:
            operations.activate_template(k.name, int(form.version.data), current_user)
            flash(f'Đã chuyển mẫu "{k.name_vi}" về phiên bản {int(form.version.data)}.', "success")
        except (ValueError, ValidationFailed) as exc:
            flash(getattr(exc, "message", "Phiên bản không hợp lệ."), "danger")
    return redirect(url_for("documents.kind", name=k.name))


def _version_bytes(k):
    """The .docx bytes of the requested (?version=N, 0 = shipped) or active uploaded version."""
    number = request.args.get("version", type=int)
    if number is None:
        v = operations.active_template(k.name)
    elif number == 0:
        v = None
    else:
        v = TemplateVersion.get_or_none((TemplateVersion.kind == k.name) & (TemplateVersion.version == number))
        if v is None:
            abort(404)
    return v.file.read_bytes() if v else None


@bp.route("/templates/<name>/template.docx")
@requires("documents.templates.manage")
def template_file(name):
    k = _kind(name)
    data = _version_bytes(k)
    return _send(data if data is not None else k.docx_path.read_bytes(), "docx", f"mau-{k.name}")


@bp.route("/templates/<name>/preview")
@embeddable  # shown in an <iframe> of the template page
@requires("documents.register.view")
def preview(name):
    """The sample as the PDF will look: HTML of the shipped template, or for an uploaded
    version the PDF LibreOffice makes from its DOCX (the HTML knows nothing of the edits)."""
    k = _kind(name)
    template = _version_bytes(k)
    if template is not None:
        try:
            return Response(
                render_pdf(k.name, k.sample, template=template),
                mimetype="application/pdf",
                headers={"Content-Disposition": f'inline; filename="mau-{k.name}.pdf"'},
            )
        except office.OfficeError as exc:
            return render_template("documents/preview_unavailable.html", message=exc.message), 503
    html = render.html_string(k.name, k.sample).replace(
        "../_frame/frame.css", url_for("documents.frame_file", filename="frame.css")
    )
    return Response(html, mimetype="text/html")


@bp.route("/frame/<path:filename>")
@requires("documents.register.view")
def frame_file(filename):
    return send_from_directory(layout.FRAME_DIR, filename)


@bp.route("/templates/<name>/sample.<fmt>")
@requires("documents.register.view")
def sample(name, fmt):
    k = _kind(name)
    if fmt == "docx":
        return _send(render_docx(k.name, k.sample, template=_version_bytes(k)), fmt, f"mau-{k.name}")
    if fmt == "pdf":
        try:
            return _send(render_pdf(k.name, k.sample, template=_version_bytes(k)), fmt, f"mau-{k.name}")
        except office.OfficeError as exc:
            flash(exc.message, "danger")
            return redirect(
                url_for("documents.kind", name=k.name)
                if can(current_user, "documents.templates.manage")
                else url_for("documents.register")
            )
    abort(404)


def _year():
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else clock.today().year


def _secret_requested():
    secret = request.args.get("secret") == "1"
    if secret and not current_user.clearance:
        abort(403)  # the secret register needs clearance
    return secret


@bp.route("/register", endpoint="register")
@requires("documents.register.view")
def register_page():
    year, secret = _year(), _secret_requested()
    kind = request.args.get("kind") or None
    docs = register.entries(year, secret, kind if kind in kinds.NAMES else None)
    drafts = (
        OutgoingDocument.select()
        .where((OutgoingDocument.state == "draft") & (OutgoingDocument.secret == secret))
        .order_by(OutgoingDocument.id.desc())
        .limit(50)
    )
    return render_template(
        "documents/register.html",
        docs=docs,
        drafts=list(drafts),
        year=year,
        secret=secret,
        kind=kind,
        kinds=kinds.all_kinds(),
        row=register.row,
        columns=register.COLUMNS,
    )


@bp.route("/register.xlsx")
@requires("documents.register.view")
def register_xlsx():
    year, secret = _year(), _secret_requested()
    data = register.xlsx(register.entries(year, secret), year, secret)
    name = f"so-van-ban-di-{'mat-' if secret else ''}{year}.xlsx"
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _doc(pk):
    doc = get_or_404(OutgoingDocument, pk)
    if not can(current_user, "documents.view", doc):
        abort(404 if doc.secret else 403)  # a secret entry does not even exist
    return doc


@bp.route("/<int:pk>")
@requires("documents.register.view")
def show(pk):
    doc = _doc(pk)
    form = IssueForm(issued_on=clock.today())
    return render_template(
        "documents/show.html",
        doc=doc,
        kind=kinds.get(doc.kind),
        form=form,
        can_issue=can(current_user, "documents.issue", doc),
        history=audit.history_for(doc, viewer=current_user),
    )


@bp.route("/<int:pk>/issue", methods=["POST"])
@requires("documents.register.view")
def issue(pk):
    doc = _doc(pk)
    ensure(current_user, "documents.issue", doc)
    form = IssueForm()
    if not form.validate_on_submit():
        flash("Ngày ban hành không hợp lệ.", "danger")
        return redirect(url_for("documents.show", pk=pk))
    signer = signers.signer_block(form.signer.data) if form.signer.data else None
    try:
        doc = operations.issue(doc, current_user, signer=signer, issued_on=form.issued_on.data)
    except (DomainError, render.DocumentError) as exc:
        flash(exc.message, "danger")
        return redirect(url_for("documents.show", pk=pk))
    flash(f"Đã ban hành văn bản số {doc.number_text}.", "success")
    return redirect(url_for("documents.show", pk=pk))


@bp.route("/<int:pk>/file.<fmt>")
@requires("documents.register.view")
def file(pk, fmt):
    doc = _doc(pk)
    if fmt not in MIME:
        abort(404)
    stored = doc.docx_file if fmt == "docx" else doc.pdf_file
    if stored is not None:  # issued: served as stored, frozen
        return _send(stored.read_bytes(), fmt, doc.number_text.replace("/", "_"))
    ctx, version = doc.ctx, operations.active_template(doc.kind)
    template = version.file.read_bytes() if version else None
    try:
        data = render_docx(doc.kind, ctx, template) if fmt == "docx" else render_pdf(doc.kind, ctx, template)
    except office.OfficeError as exc:
        flash(exc.message, "danger")
        return redirect(url_for("documents.show", pk=doc.id))
    return _send(data, fmt, f"du-thao-{doc.id}")
