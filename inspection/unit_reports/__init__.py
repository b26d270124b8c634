"""Unit monthly reports (issue 13, R-19.1, R-20.1): blueprint `unit_reports` at /reports/units.

`rules.py` decides (due date, period, on time / late / missing), `queries.py` gathers page data
and gives other parts `submission_status(period)`, `operations.py` writes (keep a draft, send,
return), `policy.py` says who may, `widgets.py` tells a unit on its home page.
"""


def init_app(app):
    """Register the blueprint, its policy rules and its home-page widget."""
    from inspection.unit_reports import policy, views, widgets  # noqa: F401 - registration side effects
    from inspection.unit_reports.blueprint import bp

    app.register_blueprint(bp)
