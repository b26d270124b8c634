"""Small helpers shared by views: the one way a form view checks, acts and answers."""

import io

from flask import abort, flash, redirect, request, send_file
from flask.globals import request_ctx
from markupsafe import escape
from werkzeug.routing import IntegerConverter
from wtforms.fields import FieldList, FormField

from inspection.errors import Conflict, DomainError, NotAllowed, NotFound
from inspection.text import MAX_ID, parse_id


def _numbers_up_to(limit: int) -> str:
    """A regex matching exactly the decimal numbers 0..limit (ASCII digits, no sign)."""
    text = str(limit)
    alternatives = [f"[0-9]{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    for i, digit in enumerate(text):
        if digit != "0":
            alternatives.append(f"{text[:i]}[0-{int(digit) - 1}][0-9]{{{len(text) - i - 1}}}")
    return "(?:" + "|".join([*alternatives, text]) + ")"


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits only, at most MAX_ID, else 404.

    The bound is in the regex, not only in `to_python`: a value refused after matching makes
    werkzeug answer 405 when the same path has a rule for another method (GET and POST
    /api/v1/tasks/<id>/extensions), where 404 is the truth."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
        self.regex = _numbers_up_to(MAX_ID)  # not \d: '²' and other Unicode digits are no id


def accepts_uploads(view):
    """Mark a view that receives files: only these get the upload size limit (web_security)."""
    view.accepts_uploads = True
    return view


def row_or_none(model, raw):
    """The row whose id a form field or query holds, or None (no id, odd digits, too large)."""
    try:
        return model.get_or_none(model._meta.primary_key == parse_id(raw))
    except ValueError:
        return None


def get_or_404(model, pk):
    """The row with this primary key, or the 404 page."""
    row = model.get_or_none(model._meta.primary_key == pk)
    if row is None:
        abort(404)
    return row


def show_error(form, exc):
    """Show a refusal once: beside its field when the form has it, else as one page message.

    Returns the field it was put beside, or None. A list of sub-forms (FieldList, FormField)
    has no place of its own for a message, so one about it goes to the top of the page.
    """
    field = getattr(form, exc.field, None) if (form is not None and exc.field) else None
    if field is not None and not isinstance(field, (FieldList, FormField)):
        field.errors = [*field.errors, exc.message]
        return field
    flash(exc.message, "danger")
    return None


def _refused(form, exc, render, status, conflict):
    """Render the refusal; when the page does not show the field the message was put beside
    (a secret task hides its content fields, R-5.2; a form for office staff only), the page
    is rendered again with the message at its top, so it always stands exactly once."""
    field = show_error(form, exc)
    answer = render(status, conflict)
    body = answer[0] if isinstance(answer, tuple) else answer
    if field is not None and isinstance(body, str) and str(escape(exc.message)) not in body:
        field.errors = [e for e in field.errors if e != exc.message]
        _flash_now(exc.message)
        answer = render(status, conflict)
    return answer


def _invalid(form, render):
    """Render invalid input with 400; a field error the page does not show (a hidden field,
    a field left out for this user) goes to the top of the page, so none is lost."""
    answer = render(400, None)
    body = answer[0] if isinstance(answer, tuple) else answer
    if isinstance(body, str):
        missing = [m for m in dict.fromkeys(_messages(form.errors)) if str(escape(m)) not in body]
        if missing:
            for message in missing:
                _flash_now(message)
            answer = render(400, None)
    return answer


def _messages(errors):
    """Every message in a form's errors (lists, and dicts of sub-forms, nested)."""
    if isinstance(errors, str):
        yield errors
    elif isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, (list, tuple)):
        for value in errors:
            yield from _messages(value)


def _flash_now(message):
    """Flash for the page being rendered again. The first rendering has already taken this
    request's messages out of the session (Flask keeps them on the request), so a new one is
    added there; flashed into the session it would appear on the next page instead."""
    if request_ctx.flashes is None:
        flash(message, "danger")
    else:
        request_ctx.flashes.append(("danger", message))


def form_action(form, run, *, render, done, success=None):
    """Check, act, answer — the one idiom of every form view.

    `form` is the bound form (None for a bare button); `run()` calls the operation;
    `render(status, conflict)` shows the page again with the form as the user filled it;
    `done(result)` is the URL to go to afterwards, `success` the message (a string or a
    function of the result). A GET shows the page (200); invalid input re-renders it with
    400, a conflict (someone else saved first, a taken value) with 409, and the domain's
    message stands once, beside its field. NotAllowed and NotFound go to the error pages
    (main.py), the only other answers.
    """
    if request.method == "GET":
        return render(200, None)
    if form is not None and not form.validate():
        return _invalid(form, render)
    try:
        result = run()
    except (NotAllowed, NotFound):
        raise  # the error pages of main.py answer 403/404 with the message
    except Conflict as exc:
        return _refused(form, exc, render, 409, exc)
    except DomainError as exc:
        return _refused(form, exc, render, 400, None)
    message = success(result) if callable(success) else success
    if message:
        flash(message, "success")
    return redirect(done(result) if callable(done) else done)


def send_bytes(data: bytes, filename: str, mimetype: str, inline: bool = False):
    """Send generated bytes as a file, its name written as RFC 6266/5987 say.

    Names carry Vietnamese letters ("QĐ", "Báo cáo"): a plain `filename="…"` header must be
    Latin-1 and failed with "Đ"; werkzeug writes an ASCII fallback and `filename*=UTF-8''…`.
    """
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=not inline, download_name=filename)
