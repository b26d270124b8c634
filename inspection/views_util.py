"""Small helpers shared by views: the one way a form view checks, acts and answers."""

from flask import abort, flash, redirect, request
from werkzeug.routing import IntegerConverter

from inspection.errors import Conflict, DomainError, NotAllowed, NotFound

# Ids are 32-bit on PostgreSQL (SERIAL) and SQLite refuses integers past 64 bits: a larger
# number in a URL or a query is no record of ours, answered 404/ignored, never sent to SQL.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits only, at most MAX_ID, else 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
        self.regex = r"[0-9]{1,10}"  # not \d: '²' and other Unicode digits are no id


def int_arg(name, default=None, minimum=0, maximum=MAX_ID, source=None):
    """A whole number from the query string (or `source`): ASCII digits within bounds, else `default`."""
    raw = (source if source is not None else request.args).get(name, "")
    raw = raw.strip() if isinstance(raw, str) else ""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10:
        return default
    value = int(raw)
    return value if minimum <= value <= maximum else default


def get_or_404(model, pk):
    """The row with this primary key, or the 404 page."""
    row = model.get_or_none(model._meta.primary_key == pk)
    if row is None:
        abort(404)
    return row


def show_error(form, exc):
    """Show a refusal once: beside its field when the form has it, else as one page message."""
    field = getattr(form, exc.field, None) if (form is not None and exc.field) else None
    if field is not None:
        field.errors = [*field.errors, exc.message]
    else:
        flash(exc.message, "danger")


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
        return render(400, None)
    try:
        result = run()
    except (NotAllowed, NotFound):
        raise  # the error pages of main.py answer 403/404 with the message
    except Conflict as exc:
        show_error(form, exc)
        return render(409, exc)
    except DomainError as exc:
        show_error(form, exc)
        return render(400, None)
    message = success(result) if callable(success) else success
    if message:
        flash(message, "success")
    return redirect(done(result) if callable(done) else done)
