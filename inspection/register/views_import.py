"""Excel in and out of the register: upload → mapping → preview → commit; export (issue 3).

The uploaded sheet waits in REGISTER_IMPORT_DIR (the instance folder) under a random token bound to the
user's session; it is never served back and is deleted after the commit (or a day later).
"""

import io
import re
import secrets
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file, session, url_for
from flask_login import current_user

from inspection.accounts import roles as R
from inspection.accounts.policy import requires, rule
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.register import excel_cli, excel_import, forms, import_ops, operations, queries
from inspection.text import vn_date
from inspection.views_util import accepts_uploads, form_action

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
@accepts_uploads
def upload_sheet():
    form = forms.UploadForm()

    def run():
        path = _save_upload(form.file.data.stream)
        try:
            _, mapping, _ = _read(path)
        except ValidationFailed as exc:  # WorkbookRefused included: the file goes at once
            path.unlink(missing_ok=True)
            exc.field = exc.field or "file"
            raise
        session["register_import"] = {
            "token": path.stem,
            "name": form.file.data.filename[:200],
            "mapping": dict(mapping.items()),
        }
        return path.stem

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("register_import/upload.html", form=form, limit=_limit_text()),
            status,
        ),
        done=lambda token: url_for(".map_columns", token=token),
    )


def _limit_text():
    return _size_text(current_app.config.get("REGISTER_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES))


@bp.route("/import/<token>/mapping", methods=["GET", "POST"])
@requires("register.import")
def map_columns(token):
    path = _upload_path(token)
    state = session["register_import"]
    header, _, _ = _read(path, mapping={})
    chosen = dict(state["mapping"])
    form = forms.ConfirmForm()

    def run():
        chosen.clear()
        problems = []
        for col in range(len(header.labels)):
            name = request.form.get(f"col_{col}", "")
            if name in chosen:
                problems.append(f"«{excel_import.FIELDS[name][0]}» được chọn cho nhiều cột.")
            elif name in excel_import.FIELDS:
                chosen[name] = col
        problems += excel_import.check_mapping(chosen)
        if problems:
            raise ValidationFailed(" ".join(problems))
        session["register_import"] = {**state, "mapping": dict(chosen)}

    def render(status, conflict):
        page = render_template(
            "register_import/mapping.html",
            form=form,
            header=header,
            field_of={col: name for name, col in chosen.items()},
            fields=excel_import.FIELDS,
            token=token,
            name=state["name"],
            required=excel_import.REQUIRED_FIELDS,
        )
        return page, status

    return form_action(form, run, render=render, done=url_for(".preview_import", token=token))


def _preview_page(token, form, status=200):
    path = _upload_path(token)
    state = session["register_import"]
    header, mapping, result = _read(path, mapping={k: int(v) for k, v in state["mapping"].items()})
    plan = import_ops.plan_import(result.rows) if result.ok else None
    page = render_template(
        "register_import/preview.html",
        form=form,
        header=header,
        result=result,
        plan=plan,
        rows=result.rows[:PREVIEW_ROWS],
        token=token,
        name=state["name"],
        unit_names={u["id"]: u["name"] for u in import_ops.active_units()},
    )
    return page, status


@bp.route("/import/<token>/preview")
@requires("register.import")
def preview_import(token):
    return _preview_page(token, forms.ConfirmForm())


@bp.route("/import/<token>/commit", methods=["POST"])
@requires("register.import")
def commit_import(token):
    path = _upload_path(token)
    state = session["register_import"]
    form = forms.ConfirmForm()

    def run():
        header, _, result = _read(path, mapping={k: int(v) for k, v in state["mapping"].items()})
        summary = import_ops.commit_import(
            current_user, result, as_of=header.as_of, calendar=current_calendar(), today=operations.today()
        )
        path.unlink(missing_ok=True)
        session.pop("register_import", None)
        return summary

    return form_action(
        form,
        run,
        render=lambda status, conflict: _preview_page(token, form, status),
        done=url_for("register.list_tasks"),
        success=lambda summary: (
            f"Đã nhập {summary.tasks_created} nhiệm vụ ({summary.documents_created} văn bản mới); "
            f"{summary.tasks_existing} nhiệm vụ đã có trong sổ nên không nhập lại."
        ),
    )


@bp.route("/export.xlsx")
@requires("register.export")
def export_tasks():
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
