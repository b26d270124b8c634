"""Excel in and out of the register: upload → mapping → preview → commit; export (issue 3).

The uploaded sheet waits in REGISTER_IMPORT_DIR (the instance folder) under a random token bound to the
user's session; it is never served back and is deleted after the commit (or a day later).
"""

import io
import re
import secrets
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from inspection.accounts import roles as R
from inspection.accounts.policy import requires, rule
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.register import excel_cli, excel_import, import_ops, operations, queries
from inspection.text import vn_date

bp = Blueprint("register_import", __name__, url_prefix="/register/excel")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # config REGISTER_IMPORT_MAX_BYTES
KEEP_SECONDS = 24 * 3600
PREVIEW_ROWS = 200
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,40}")


@rule("register.import")
def _may_import(user, target):
    return user.has_role(R.CHIEF, R.TRACKER)


@rule("register.export")
def _may_export(user, target):
    # Exactly the ordinary list the user sees; never the secret register.
    return user.is_office or (user.has_role(R.UNIT_HEAD, R.UNIT_OFFICER) and bool(user.unit_id))


class UploadForm(FlaskForm):
    file = FileField("Tệp bảng tính (.xlsx)", validators=[FileRequired("Chưa chọn tệp bảng tính.")])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the mapping step and the commit are plain confirmations."""


def _dir() -> Path:
    path = Path(current_app.config["REGISTER_IMPORT_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save_upload(stream) -> Path:
    """Stream the upload to a private file, refusing it past the size limit."""
    limit = current_app.config.get("REGISTER_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES)
    for old in _dir().glob("*.xlsx"):  # forgotten uploads
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    path, size = _dir() / f"{token}.xlsx", 0
    with open(path, "wb") as out:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                out.close()
                path.unlink(missing_ok=True)
                raise ValidationFailed(f"Tệp lớn hơn {_size_text(limit)}, không thể nhập.")
            out.write(chunk)
    return path


def _size_text(limit) -> str:
    mb = 1024 * 1024
    return f"{limit / mb:g} MB".replace(".", ",") if limit >= mb else f"{max(1, limit // 1024)} KB"


def _upload_path(token) -> Path:
    """The waiting upload of this session, or 404 (tokens of other users never open)."""
    state = session.get("register_import") or {}
    path = _dir() / f"{token}.xlsx"
    if not _TOKEN.fullmatch(token) or state.get("token") != token or not path.exists():
        abort(404)
    return path


def _read(path, mapping=None):
    return excel_import.read_sheet(
        path,
        import_ops.active_units(),
        mapping=mapping,
        max_uncompressed=current_app.config["REGISTER_IMPORT_MAX_UNCOMPRESSED"],
    )


@bp.route("/import", methods=["GET", "POST"])
@requires("register.import")
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        try:
            path = _save_upload(form.file.data.stream)
            try:
                header, mapping, _ = _read(path)
            except (excel_import.WorkbookRefused, ValidationFailed):
                path.unlink(missing_ok=True)
                raise
        except (excel_import.WorkbookRefused, ValidationFailed) as exc:
            form.file.errors.append(getattr(exc, "message", None) or str(exc))
            return render_template("register_import/upload.html", form=form, limit=_limit_text()), 400
        token = path.stem
        session["register_import"] = {
            "token": token,
            "name": form.file.data.filename[:200],
            "mapping": dict(mapping.items()),
        }
        return redirect(url_for(".mapping", token=token))
    return render_template("register_import/upload.html", form=form, limit=_limit_text())


def _limit_text():
    return _size_text(current_app.config.get("REGISTER_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES))


@bp.route("/import/<token>/mapping", methods=["GET", "POST"])
@requires("register.import")
def mapping(token):
    path = _upload_path(token)
    state = session["register_import"]
    header, _, _ = _read(path, mapping={})
    current, problems = state["mapping"], []
    form = ConfirmForm()
    if form.validate_on_submit():
        current = {}
        for col in range(len(header.labels)):
            name = request.form.get(f"col_{col}", "")
            if name in current:
                problems.append(f"«{excel_import.FIELDS[name][0]}» được chọn cho nhiều cột.")
            elif name in excel_import.FIELDS:
                current[name] = col
        problems += excel_import.check_mapping(current)
        if not problems:
            session["register_import"] = {**state, "mapping": current}
            return redirect(url_for(".preview", token=token))
    field_of = {col: name for name, col in current.items()}
    return render_template(
        "register_import/mapping.html",
        form=form,
        header=header,
        field_of=field_of,
        fields=excel_import.FIELDS,
        problems=problems,
        token=token,
        name=state["name"],
        required=excel_import.REQUIRED_FIELDS,
    ), 400 if problems else 200


@bp.route("/import/<token>/preview")
@requires("register.import")
def preview(token):
    path = _upload_path(token)
    state = session["register_import"]
    header, mapping, result = _read(path, mapping={k: int(v) for k, v in state["mapping"].items()})
    plan = import_ops.plan_import(result.rows) if result.ok else None
    return render_template(
        "register_import/preview.html",
        form=ConfirmForm(),
        header=header,
        result=result,
        plan=plan,
        rows=result.rows[:PREVIEW_ROWS],
        token=token,
        name=state["name"],
        unit_names={u["id"]: u["name"] for u in import_ops.active_units()},
    )


@bp.route("/import/<token>/commit", methods=["POST"])
@requires("register.import")
def commit(token):
    path = _upload_path(token)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    state = session["register_import"]
    header, _, result = _read(path, mapping={k: int(v) for k, v in state["mapping"].items()})
    try:
        summary = import_ops.commit_import(
            current_user, result, as_of=header.as_of, calendar=current_calendar(), today=operations.today()
        )
    except ValidationFailed as exc:
        flash(exc.message, "danger")
        return redirect(url_for(".preview", token=token))
    path.unlink(missing_ok=True)
    session.pop("register_import", None)
    flash(
        f"Đã nhập {summary.tasks_created} nhiệm vụ ({summary.documents_created} văn bản mới); "
        f"{summary.tasks_existing} nhiệm vụ đã có trong sổ nên không nhập lại.",
        "success",
    )
    return redirect(url_for("register.tasks"))


@bp.route("/export.xlsx")
@requires("register.export")
def export():
    f = queries.Filters.from_args(request.args)
    buffer = io.BytesIO()
    excel_cli.write_export(buffer, current_user, f)
    buffer.seek(0)
    name = f"so-theo-doi-nhiem-vu-{vn_date(operations.today()).replace('/', '-')}.xlsx"
    return send_file(
        buffer,
        as_attachment=True,
        download_name=name,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def init_app(app):
    app.register_blueprint(bp)  # limits and the upload folder: REGISTER_IMPORT_* in config.py
