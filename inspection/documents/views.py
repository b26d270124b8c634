"""Pages: template kinds and versions, previews, the outgoing register, one document."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from inspection import clock, settings
from inspection.accounts.policy import can, ensure, requires
from inspection.errors import OfficeError, UnknownKind, ValidationFailed
from inspection.text import parse_id
from inspection.views_util import accepts_uploads, form_action, get_or_404, send_bytes
from inspection.web_security import embeddable

from . import kinds, layout, office, operations, queries, register, render, render_docx, render_pdf, signers, submission
from .forms import ActivateForm, DelegationForm, DeputyKindsForm, IssueForm, UploadForm
from .models import OutgoingDocument, TemplateVersion

bp = Blueprint("documents", __name__, url_prefix="/documents")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def _kind(name):
    try:
        return kinds.get(name)
    except UnknownKind:
        abort(404)


def _send(data, fmt, name):
    return send_bytes(data, f"{name}.{fmt}", MIME[fmt])


@bp.route("/templates")
@requires("documents.templates.manage")
def list_templates():
    return render_template("documents/templates.html", kinds=kinds.all_kinds(), active=queries.active_versions())


def _kind_page(k, form, status=200, activate_form=None):
    data = queries.kind_page(k)
    page = render_template(
        "documents/kind.html",
        **data,
        form=form,
        activate_form=activate_form or ActivateForm(formdata=None),
        office_missing=data["edited"] and not office.available(),
        no_office_message=render.EDITED_NO_OFFICE.format(name=k.name_vi),
    )
    return page, status


@bp.route("/templates/<name>")
@requires("documents.templates.manage")
def show_template(name):
    return _kind_page(_kind(name), UploadForm())


def _uploaded(k, version):
    """The success message of an upload, warning first when no LibreOffice can print it."""
    if not office.available():
        flash(render.EDITED_NO_OFFICE.format(name=k.name_vi), "warning")
    return f'Đã lưu phiên bản {version.version} của mẫu "{k.name_vi}" và đặt làm mẫu đang dùng.'


@bp.route("/templates/<name>/upload", methods=["POST"])
@requires("documents.templates.manage")
@accepts_uploads
def upload_template(name):
    k, form = _kind(name), UploadForm()
    return form_action(
        form,
        lambda: operations.upload_template(
            k.name, form.file.data.read(), form.file.data.filename, current_user, form.note.data or ""
        ),
        render=lambda status, conflict: _kind_page(k, form, status),
        done=url_for("documents.show_template", name=k.name),
        success=lambda version: _uploaded(k, version),
    )


def _version_number(form):
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        raise ValidationFailed("Phiên bản không hợp lệ.") from None


@bp.route("/templates/<name>/activate", methods=["POST"])
@requires("documents.templates.manage")
def activate_template(name):
    k, form = _kind(name), ActivateForm()

    def run():
        number = _version_number(form)
        operations.activate_template(k.name, number, current_user)
        return number

    return form_action(
        form,
        run,
        render=lambda status, conflict: _kind_page(k, UploadForm(formdata=None), status, activate_form=form),
        done=url_for("documents.show_template", name=k.name),
        success=lambda number: f'Đã chuyển mẫu "{k.name_vi}" về phiên bản {number}.',
    )


def _version_bytes(k):
    """The .docx bytes of the requested (?version=N, 0 = shipped) or active uploaded version."""
    number = request.args.get("version", type=parse_id)
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
def download_template(name):
    k = _kind(name)
    data = _version_bytes(k)
    return _send(data if data is not None else k.docx_path.read_bytes(), "docx", f"mau-{k.name}")


@bp.route("/templates/<name>/preview")
@embeddable  # shown in an <iframe> of the template page
@requires("documents.register.view")
def preview_template(name):
    """The sample as the PDF will look: HTML of the shipped template, or for an uploaded
    version the PDF LibreOffice makes from its DOCX (the HTML knows nothing of the edits)."""
    k = _kind(name)
    template = _version_bytes(k)
    if template is not None:
        try:
            return send_bytes(render_pdf(k.name, k.sample, template=template), f"mau-{k.name}.pdf", MIME["pdf"], True)
        except OfficeError as exc:
            return render_template("documents/preview_unavailable.html", message=exc.message), 503
    html = render.html_string(k.name, k.sample).replace(
        "../_frame/frame.css", url_for("documents.send_frame_file", filename="frame.css")
    )
    return Response(html, mimetype="text/html")


@bp.route("/frame/<path:filename>")
@requires("documents.register.view")
def send_frame_file(filename):
    return send_from_directory(layout.FRAME_DIR, filename)


@bp.route("/templates/<name>/sample.<fmt>")
@requires("documents.register.view")
def download_sample(name, fmt):
    k = _kind(name)
    if fmt == "docx":
        return _send(render_docx(k.name, k.sample, template=_version_bytes(k)), fmt, f"mau-{k.name}")
    if fmt == "pdf":
        try:
            return _send(render_pdf(k.name, k.sample, template=_version_bytes(k)), fmt, f"mau-{k.name}")
        except OfficeError as exc:
            flash(exc.message, "danger")
            return redirect(
                url_for("documents.show_template", name=k.name)
                if can(current_user, "documents.templates.manage")
                else url_for("documents.show_register")
            )
    abort(404)


def _year():
    year = request.args.get("year", type=parse_id)
    return year if year and 2000 <= year <= 2100 else clock.today().year


def _secret_requested():
    secret = request.args.get("secret") == "1"
    if secret and not current_user.clearance:
        abort(403)  # the secret register needs clearance
    return secret


@bp.route("/register")
@requires("documents.register.view")
def show_register():
    page = queries.register_page(_year(), _secret_requested(), request.args.get("kind") or None)
    return render_template(
        "documents/register.html", **page, kinds=kinds.all_kinds(), row=register.row, columns=register.COLUMNS
    )


@bp.route("/register.xlsx")
@requires("documents.register.view")
def export_register():
    year, secret = _year(), _secret_requested()
    data = register.xlsx(register.entries(year, secret), year, secret)
    name = f"so-van-ban-di-{'mat-' if secret else ''}{year}.xlsx"
    return send_bytes(data, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _doc(document_id):
    doc = get_or_404(OutgoingDocument, document_id)
    if not can(current_user, "documents.view", doc):
        abort(404 if doc.secret else 403)  # a secret entry does not even exist
    return doc


def issue_form(doc, formdata=True):
    """The "Ký ban hành" form: the signer blocks the current user signs himself (issue 14)."""
    form = IssueForm() if formdata else IssueForm(formdata=None, issued_on=clock.today())
    own = submission.own_keys(doc, current_user)
    keep = signers.key_of(doc.ctx) in own or doc.kind not in signers.ALLOWED
    form.signer.choices = [c for c in form.signer.choices if c[0] in own or (c[0] == "" and keep)]
    if not formdata and not keep and form.signer.choices:
        form.signer.data = form.signer.choices[0][0]  # the draft names another signer: sign as oneself
    return form


def _document_page(doc, form, status=200, **extras):
    from .signing_forms import page_extras  # c1-sign: the submission forms (issue 14)

    page = render_template(
        "documents/show.html",
        **queries.document_page(doc, current_user),
        form=form,
        can_issue=can(current_user, "documents.issue", doc),
        **(extras or page_extras(doc)),
    )
    return page, status


@bp.route("/<int:document_id>")
@requires("documents.register.view")
def show_document(document_id):
    doc = _doc(document_id)
    return _document_page(doc, issue_form(doc, formdata=False))


@bp.route("/<int:document_id>/issue", methods=["POST"])
@requires("documents.register.view")
def issue_document(document_id):
    doc = _doc(document_id)
    ensure(current_user, "documents.issue", doc)
    form = issue_form(doc)

    def run():  # issue 14: only the signer issues directly ("Ký ban hành"); others submit
        return submission.issue_own(doc, current_user, form.signer.data or "", form.issued_on.data)

    return form_action(
        form,
        run,
        render=lambda status, conflict: _document_page(OutgoingDocument.get_by_id(doc.id), form, status),
        done=url_for("documents.show_document", document_id=doc.id),
        success=lambda issued: f"Đã ký ban hành văn bản số {issued.number_text}.",
    )


@bp.route("/<int:document_id>/file.<fmt>")
@requires("documents.register.view")
def download_document(document_id, fmt):
    doc = _doc(document_id)
    if fmt not in MIME:
        abort(404)
    stored = doc.docx_file if fmt == "docx" else doc.pdf_file
    if stored is not None:  # issued: served as stored, frozen
        return _send(stored.read_bytes(), fmt, doc.number_text.replace("/", "_"))
    ctx, version = doc.ctx, operations.active_template(doc.kind)
    template = version.file.read_bytes() if version else None
    try:
        data = render_docx(doc.kind, ctx, template) if fmt == "docx" else render_pdf(doc.kind, ctx, template)
    except OfficeError as exc:
        flash(exc.message, "danger")
        return redirect(url_for("documents.show_document", document_id=doc.id))
    return _send(data, fmt, f"du-thao-{doc.id}")


@bp.route("/delegation", methods=["GET", "POST"])
@requires("documents.delegate")
def edit_delegation():
    """The Director records to which Deputy he delegates signing inspection decisions (R-13.1)."""
    current = signers.delegation()
    form = DelegationForm()
    form.deputy.choices = [("", "— Không ủy quyền: Giám đốc ký —")] + [(n, n) for n in settings.get("org.deputy_names")]
    # c4-delegate: the second form of the page, the kinds Deputies sign (KT.); told apart by its prefix.
    kinds_form = DeputyKindsForm(prefix="kinds")
    kinds_form.kinds.choices = [(k, kinds.get(k).name_vi) for k in signers.DEPUTY_KINDS]
    posted_kinds = request.method == "POST" and "kinds-shown" in request.form
    if not posted_kinds:
        kinds_form.kinds.data = list(signers.deputy_kinds())
    if (posted_kinds or not form.is_submitted()) and current:
        form.deputy.data, form.reference.data = current["deputy_name"], current["reference"]

    def render(status, _conflict):
        page = render_template("documents/delegation.html", form=form, kinds_form=kinds_form, current=current)
        return page, status

    if posted_kinds:
        return form_action(
            kinds_form,
            lambda: operations.set_deputy_kinds(current_user, kinds_form.kinds.data),
            render=render,
            done=url_for("documents.edit_delegation"),
            success=_kinds_saved,
        )
    return form_action(
        form,
        lambda: operations.set_delegation(current_user, form.deputy.data, form.reference.data),
        render=render,
        done=url_for("documents.edit_delegation"),
        success="Đã lưu việc ủy quyền ký quyết định kiểm tra.",
    )


def _kinds_saved(kept):
    """The success message of the kinds delegated to Deputies (Decree 30 KT., R-13.1)."""
    names = "; ".join(kinds.get(k).name_vi for k in kept) or "không loại văn bản nào (mọi văn bản trình Giám đốc ký)"
    return (
        f"Đã lưu: Phó Giám đốc ký thay ({signers.BLOCKS[signers.DEPUTY][0]}, Nghị định 30/2020/NĐ-CP; R-13.1) {names}."
    )
