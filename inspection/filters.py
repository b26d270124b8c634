"""Jinja filters for Vietnamese dates and labels."""

from inspection.text import vn_date, vn_datetime


def init_app(app):
    app.add_template_filter(vn_date, "vndate")
    app.add_template_filter(vn_datetime, "vndatetime")
