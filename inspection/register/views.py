"""Register pages: lists (ordinary, "my unit", secret), documents. Task actions: task_views.py."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from inspection import audit, settings
from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.calendar.service import current_calendar
from inspection.errors import Conflict, ValidationFailed
from inspection.pagination import Page
from inspection.register import forms, operations, queries, rules
from inspection.register.models import DOC_TYPES, ISSUER_KINDS, SECRET_LEVELS, DirectiveDocument, Task
from inspection.register.rules import STATUS_LABELS, STATUS_STYLES, Status
from inspection.uploads import MB, StoredFile, store_stream
from inspection.views_util import get_or_404

bp = Blueprint("register", __name__, url_prefix="/register")
SCAN_MAX_BYTES = 20 * MB


CONFLICT_LABELS = {
    "number_symbol": "Số, ký hiệu",
    "issued_on": "Ngày ban hành",
    "received_on": "Ngày nhận",
    "signer": "Người ký",
    "abstract": "Trích yếu",
    "summary": "Nội dung nhiệm vụ",
    "kind": "Loại",
    "lead_unit": "Đơn vị chủ trì",
    "monitor_officer_name": "Chuyên viên theo dõi",
    "deadline": "Thời hạn",
    "is_key": "Trọng tâm",
    "completed_on": "Ngày hoàn thành",
}


def _shown(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value) if value not in (None, "") else None


def _conflict_side(obj):
    """Labelled values of one side of a save conflict (a saved row or the user's input)."""
    if obj is None:
        return {}
    get = obj.get if isinstance(obj, dict) else (lambda k: getattr(obj, k, None))
    keys = obj.keys() if isinstance(obj, dict) else CONFLICT_LABELS
    return {CONFLICT_LABELS[k]: _shown(get(k)) for k in CONFLICT_LABELS if k in keys}


@bp.app_context_processor
def _register_labels():
    return {
        "STATUS_LABELS": {s.value: label for s, label in STATUS_LABELS.items()},
        "STATUS_STYLES": {s.value: c for s, c in STATUS_STYLES.items()},
        "SECRET_LEVELS": SECRET_LEVELS,
        "conflict_theirs": lambda c: _conflict_side(c.theirs),
        "conflict_mine": lambda c: _conflict_side(c.mine),
    }


def due_soon_days():
    return int(settings.get("register.due_soon_days"))


def _list(secret):
    f = queries.Filters.from_args(request.args)
    if request.args.get("mine") is None and not current_user.is_office and not secret and not request.args:
        f.mine = True  # unit officers see "Việc của đơn vị tôi" first
    today = operations.today()
    cal, days = current_calendar(), due_soon_days()
    per_page = current_app.config["PAGE_SIZE"]
    rows, total = queries.task_list(current_user, f, today, cal, days, secret=secret, per_page=per_page)
    queries.attach_unit_names(rows)
    for t in rows:
        t.due_soon = rules.due_soon(t, today, cal, days)
        t.registration_late = bool(
            t.registered_on and t.registration_due_on and t.registered_on > t.registration_due_on
        )  # R-6.1b
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
def tasks():
    return _list(secret=False)


@bp.route("/secret")
@requires("register.secret.view")
def secret_tasks():
    return _list(secret=True)


def _scan_loader(field_name):
    """A callable that checks and stores the uploaded PDF inside the operation's transaction."""
    upload = request.files.get(field_name)
    if not upload or not upload.filename:
        return None
    return lambda: store_stream(
        upload.stream, upload.filename, user=current_user, allowed=("pdf",), max_bytes=SCAN_MAX_BYTES
    )


@bp.route("/documents/new", methods=["GET", "POST"])
@requires("register.edit")
def new_document():
    secret = request.args.get("secret") == "1"
    if secret:
        ensure(current_user, "register.secret.view")
    form = forms.DocumentForm()
    _fill_choices(form, secret)
    if form.validate_on_submit():
        units = {u.id: u for u in Unit.select()}
        tasks_data = [forms.task_data(sub, units) for sub in form.tasks if not forms.task_blank(sub)]
        doc_data = forms.document_data(form)
        if doc_data["secret_level"] and not can(current_user, "register.secret.view"):
            abort(403)
        try:
            doc, _ = operations.register_document(
                current_user,
                doc_data,
                tasks_data,
                current_calendar(),
                scan_file=_scan_loader("scan"),
                on=operations.today(),
            )
            flash(f"Đã vào sổ văn bản {doc.number_symbol} với {len(tasks_data)} nhiệm vụ.", "success")
            return redirect(url_for("register.document", doc_id=doc.id))
        except ValidationFailed as exc:
            flash(exc.message, "danger")
    elif request.method == "POST":
        flash("Dữ liệu nhập chưa hợp lệ, xem thông báo cạnh từng ô.", "danger")
    return render_template(
        "register/document_form.html", form=form, secret=secret, offline=operations.content_allowed()
    ), (400 if request.method == "POST" else 200)


def _fill_choices(form, secret):
    choices = forms.unit_choices()
    for sub in form.tasks:
        sub.lead_unit.choices = choices
        sub.other_units.choices = choices[1:]
        sub.monitor_unit.choices = choices
    levels = [(k, v) for k, v in SECRET_LEVELS.items() if bool(k) == secret]
    form.secret_level.choices = levels


def _document_or_404(doc_id):
    doc = get_or_404(DirectiveDocument, doc_id)
    ensure(current_user, "register.view", doc)
    return doc


@bp.route("/documents/<int:doc_id>")
@login_required
def document(doc_id):
    doc = _document_or_404(doc_id)
    today = operations.today()
    tasks = list(
        Task.select(Task, queries.status_case(today).alias("status_code"))
        .where(Task.document == doc)
        .order_by(Task.id)
        .objects()
    )
    queries.attach_unit_names(tasks)
    history = audit.history_for(doc, table=("secret_directive_document" if doc.is_secret else None))
    return render_template(
        "register/document.html",
        doc=doc,
        tasks=tasks,
        history=history,
        offline=operations.content_allowed(),
        can_edit=can(current_user, "register.edit", doc),
    )


@bp.route("/documents/<int:doc_id>/edit", methods=["GET", "POST"])
@login_required
def edit_document(doc_id):
    doc = _document_or_404(doc_id)
    ensure(current_user, "register.edit", doc)
    form = forms.DocumentEditForm(obj=doc if request.method == "GET" else None)
    conflict = None
    if form.validate_on_submit():
        data = forms.document_data(form)
        data["secret_level"] = doc.secret_level
        try:
            operations.update_document(current_user, doc, data, int(form.version.data or 0))
            flash("Đã lưu văn bản.", "success")
            return redirect(url_for("register.document", doc_id=doc.id))
        except ValidationFailed as exc:
            flash(exc.message, "danger")
        except Conflict as exc:
            conflict = exc
            flash(exc.message, "danger")
    return render_template("register/document_edit.html", form=form, doc=doc, conflict=conflict), (
        200 if request.method == "GET" else (409 if conflict else 400)
    )


@bp.route("/documents/<int:doc_id>/tasks/new", methods=["GET", "POST"])
@login_required
def add_task(doc_id):
    doc = _document_or_404(doc_id)
    ensure(current_user, "register.edit", doc)
    form = forms.TaskForm()
    form.lead_unit.choices = forms.unit_choices()
    form.other_units.choices = form.lead_unit.choices[1:]
    form.monitor_unit.choices = form.lead_unit.choices
    if form.validate_on_submit():
        data = forms.task_data(form, {u.id: u for u in Unit.select()})
        try:
            task = operations.add_task(current_user, doc, data, current_calendar())
            flash("Đã thêm nhiệm vụ.", "success")
            return redirect(url_for("register.task", task_id=task.id))
        except ValidationFailed as exc:
            flash(exc.message, "danger")
    return render_template("register/task_form.html", form=form, doc=doc, task=None, conflict=None), (
        400 if request.method == "POST" else 200
    )


@bp.route("/files/<int:file_id>")
@login_required
def download(file_id):
    """Send a scan or attachment after checking the user may see the task/document it belongs to."""
    from inspection.register.models import ProgressUpdate

    stored = get_or_404(StoredFile, file_id)
    doc = DirectiveDocument.get_or_none(DirectiveDocument.scan == stored.id)
    update = ProgressUpdate.get_or_none(ProgressUpdate.attachment == stored.id)
    target = doc or (update.task if update else None)
    if target is None:
        abort(404)
    ensure(current_user, "register.view", target)
    return send_file(stored.path, mimetype=stored.mime, download_name=stored.download_name, as_attachment=False)


from inspection.register import task_views  # noqa: E402,F401 - registers the task routes on bp
