"""Pages of submission for signature (trình ký, issue 14): submit, the signer's queue, sign, return."""

from flask import abort, render_template, request, url_for
from flask_login import current_user, login_required

from inspection.accounts.policy import can, ensure, requires
from inspection.errors import OfficeError, ValidationFailed
from inspection.text import parse_id
from inspection.views_util import form_action, get_or_404, row_or_none, send_bytes

from . import kinds, operations, queries, render_pdf, signers, submission
from .forms import DecideForm
from .models import OutgoingDocument
from .signing_forms import decide_form, page_extras, submit_form
from .views import bp


def _doc(document_id):
    doc = get_or_404(OutgoingDocument, document_id)
    if not can(current_user, "documents.view", doc):
        abort(404 if doc.secret else 403)  # a secret entry does not even exist
    return doc


def _page(doc, status=200, submit=None, decide=None):
    from .views import _document_page, issue_form

    return _document_page(doc, issue_form(doc, formdata=False), status, **page_extras(doc, submit, decide))


@bp.route("/<int:document_id>/submit", methods=["POST"])
@login_required
def submit_document(document_id):
    doc = _doc(document_id)
    ensure(current_user, "documents.submit", doc)
    form = submit_form(doc)

    def run():
        block = signers.signer_block(form.signer.data)
        return submission.submit(doc, current_user, block, row_or_none(_user_model(), form.to_user.data))

    return form_action(
        form,
        run,
        render=lambda status, conflict: _page(OutgoingDocument.get_by_id(doc.id), status, submit=form),
        done=url_for("documents.show_document", document_id=doc.id),
        success=lambda d: f"Đã trình {d.submitted_to.full_name} ký {kinds.get(d.kind).name_vi}.",
    )


def _user_model():
    from inspection.accounts.models import User

    return User


@bp.route("/queue")
@requires("documents.queue")
def queue():
    """Văn bản chờ ký: what waits for the signed-in user's signature."""
    return _queue_page(200)


def _round(form):
    raw = form.round.data
    if not raw:
        return None
    try:
        return parse_id(raw)
    except ValueError:
        raise ValidationFailed("Trang không hợp lệ; hãy tải lại trang.") from None


def _from_queue():
    """The queue's forms say so (back=queue): their answer is the queue again, else the document."""
    return request.form.get("back") == "queue" or not can(current_user, "documents.register.view")


def _queue_page(status, doc_id=None, form=None):
    docs = list(queries.waiting_for(current_user))
    forms = {d.id: (form if d.id == doc_id and form is not None else decide_form(d)) for d in docs}
    return render_template("documents/queue.html", docs=docs, forms=forms, kinds=kinds), status


def _decide(document_id, run, success):
    doc = _doc(document_id)
    form = DecideForm()

    def render(status, conflict):
        if _from_queue():
            return _queue_page(status, doc.id, form)
        return _page(OutgoingDocument.get_by_id(doc.id), status, decide=form)

    def done(result):
        if _from_queue() and can(current_user, "documents.queue"):
            return url_for("documents.queue")
        return url_for("documents.show_document", document_id=doc.id)

    return form_action(form, lambda: run(doc, form), render=render, done=done, success=success)


@bp.route("/<int:document_id>/sign", methods=["POST"])
@login_required
def sign_document(document_id):
    return _decide(
        document_id,
        lambda doc, form: submission.sign(doc, current_user, _round(form)),
        lambda d: f"Đã ký ban hành văn bản số {d.number_text}.",
    )


@bp.route("/<int:document_id>/return", methods=["POST"])
@login_required
def return_document(document_id):
    return _decide(
        document_id,
        lambda doc, form: submission.return_for_changes(doc, current_user, form.remarks.data, _round(form)),
        "Đã trả lại dự thảo cho người soạn thảo kèm ý kiến.",
    )


@bp.route("/<int:document_id>/preview.pdf")
@login_required
def preview_document(document_id):
    """The draft as its PDF will look, without a number (shown before signing)."""
    doc = _doc(document_id)
    if doc.pdf_file is not None:
        return send_bytes(
            doc.pdf_file.read_bytes(), f"{doc.number_text.replace('/', '_')}.pdf", "application/pdf", True
        )
    version = operations.active_template(doc.kind)
    try:
        data = render_pdf(doc.kind, doc.ctx, version.file.read_bytes() if version else None)
    except OfficeError as exc:
        return render_template("documents/preview_unavailable.html", message=exc.message), 503
    return send_bytes(data, f"du-thao-{doc.id}.pdf", "application/pdf", True)


def queue_count(user):
    """How many drafts wait for `user`'s signature (the menu's badge), 0 for others."""
    if not can(user, "documents.queue"):
        return 0
    return queries.waiting_for(user).count()
