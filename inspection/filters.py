"""Jinja filters for Vietnamese dates and labels."""

from markupsafe import Markup

from inspection.text import vn_date, vn_datetime


def hidden_fields(form, csrf_only=False):
    """A form's hidden fields and CSRF token without ids: a page holding several forms (one per
    row, one per unit) repeats them, and an id must be unique on a page (issue 14)."""
    kinds = ("CSRFTokenField",) if csrf_only else ("HiddenField", "CSRFTokenField")
    return Markup("".join(str(f(id=False)) for f in form if f.type in kinds))


def init_app(app):
    app.add_template_filter(vn_date, "vndate")
    app.add_template_filter(vn_datetime, "vndatetime")
    app.add_template_global(hidden_fields)
