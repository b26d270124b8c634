"""The Department's periodic reports and the secret report (Chương V, issue 13: R-18, R-20.2, R-5.2).

`rules.py` decides (pure: kinds, periods, labels), `content.py` computes what a report says as
of its cut-off (every count from monitoring/figures.py), `document.py` turns stored content into
the periodic_report context and the XLSX, `operations.py` writes, `queries.py` gathers pages,
`views.py` answers on the one blueprint (/reports), `policy.py` says who may.
The units' monthly reports live in their own part under /reports/units.
"""


def init_app(app):
    """Register the blueprint and its policy rules."""
    from inspection.reports import policy  # noqa: F401 - registration side effects
    from inspection.reports.views import bp

    app.register_blueprint(bp)
