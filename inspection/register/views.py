"""Register pages: the task lists (ordinary, "my unit", secret), documents, stored files."""

from flask import abort, current_app, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.pagination import Page
from inspection.register import forms, operations, queries
from inspection.register.blueprint import bp, document_or_404, due_soon_days, scan_loader, task_form_choices
from inspection.register.models import DOC_TYPES, ISSUER_KINDS, SECRET_LEVELS, DirectiveDocument, ProgressUpdate
from inspection.register.rules import Status
from inspection.uploads import StoredFile
from inspection.views_util import accepts_uploads, form_action, get_or_404


def _list(secret):
    f = queries.Filters.from_args(request.args)
    if request.args.get("mine") is None and not current_user.is_office and not secret and not request.args:
        f.mine = True  # unit officers see "Việc của đơn vị tôi" first
    today = operations.today()
    per_page = current_app.config["PAGE_SIZE"]
    rows, total = queries.list_page(current_user, f, today, current_calendar(), due_soon_days(), secret, per_page)
    return render_template(
        "register/tasks.html",
        page=Page(rows, f.page, per_page, total),
        f=f,
        secret=secret,
        Status=Status,
        has_edit=can(current_user, "register.edit"),
        units=forms.unit_choices(blank=None),
        issuers=ISSUER_KINDS,
        doc_types=DOC_TYPES,
        sorts=queries.SORT_LABELS,
        today=today,
    )


@bp.route("/tasks")
@requires("register.view")
def list_tasks():
    return _list(secret=False)


@bp.route("/secret")
@requires("register.secret.view")
def list_secret_tasks():
    return _list(secret=True)


@bp.route("/documents/new", methods=["GET", "POST"])
@requires("register.edit")
@accepts_uploads
def create_document():
    secret = request.args.get("secret") == "1"
    if secret:
        ensure(current_user, "register.secret.view")
    form = forms.DocumentForm()
    for sub in form.tasks:
        task_form_choices(sub)
    form.secret_level.choices = [(k, v) for k, v in SECRET_LEVELS.items() if bool(k) == secret]
    tasks_data = []

    def run():
        units = {u.id: u for u in Unit.select()}
        tasks_data[:] = [forms.task_data(sub, units) for sub in form.tasks if not forms.task_blank(sub)]
        doc_data = forms.document_data(form)
        if doc_data["secret_level"]:
            ensure(current_user, "register.secret.view")
        doc, _ = operations.register_document(
            current_user,
            doc_data,
            tasks_data,
            current_calendar(),
            scan_file=scan_loader("scan"),
            on=operations.today(),
        )
        return doc

    def render(status, conflict):
        page = render_template(
            "register/document_form.html", form=form, secret=secret, offline=operations.content_allowed()
        )
        return page, status

    return form_action(
        form,
        run,
        render=render,
        done=lambda doc: url_for("register.show_document", document_id=doc.id),
        success=lambda doc: f"Đã vào sổ văn bản {doc.number_symbol} với {len(tasks_data)} nhiệm vụ.",
    )


@bp.route("/documents/<int:document_id>")
@login_required
def show_document(document_id):
    doc = document_or_404(document_id)
    return render_template(
        "register/document.html",
        **queries.document_page(doc, operations.today(), current_user),
        offline=operations.content_allowed(),
        can_edit=can(current_user, "register.edit", doc),
    )


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit_document(document_id):
    doc = document_or_404(document_id)
    ensure(current_user, "register.edit", doc)
    form = forms.DocumentEditForm(obj=doc if request.method == "GET" else None)

    def run():
        data = {**forms.document_data(form), "secret_level": doc.secret_level}
        operations.update_document(current_user, doc, data, int(form.version.data or 0))

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("register/document_edit.html", form=form, doc=doc, conflict=conflict),
            status,
        ),
        done=url_for("register.show_document", document_id=doc.id),
        success="Đã lưu văn bản.",
    )


@bp.route("/documents/<int:document_id>/tasks/new", methods=["GET", "POST"])
@login_required
def add_task(document_id):
    doc = document_or_404(document_id)
    ensure(current_user, "register.edit", doc)
    form = task_form_choices(forms.TaskForm())
    return form_action(
        form,
        lambda: operations.add_task(
            current_user, doc, forms.task_data(form, {u.id: u for u in Unit.select()}), current_calendar()
        ),
        render=lambda status, conflict: (
            render_template("register/task_form.html", form=form, doc=doc, task=None, conflict=None),
            status,
        ),
        done=lambda task: url_for("register.show_task", task_id=task.id),
        success="Đã thêm nhiệm vụ.",
    )


@bp.route("/files/<int:file_id>")
@login_required
def download_file(file_id):
    """Send a scan or attachment after checking the user may see the task/document it belongs to."""
    stored = get_or_404(StoredFile, file_id)
    doc = DirectiveDocument.get_or_none(DirectiveDocument.scan == stored.id)
    update = ProgressUpdate.get_or_none(ProgressUpdate.attachment == stored.id)
    target = doc or (update.task if update else None)
    if target is None:
        abort(404)
    ensure(current_user, "register.view", target)
    return send_file(stored.path, mimetype=stored.mime, download_name=stored.download_name, as_attachment=False)
