"""Monitoring and urging (Chương III, issue 12): dashboards and the figures as of a date (R-8).

Layout for the pieces still to come (urging letters, reminders, the review queue,
difficulties): `figures.py` counts, `rules.py` decides (pure), `queries.py` gathers page data,
`charts.py` draws SVG, `views.py` answers on the one blueprint of `blueprint.py`, `policy.py`
says who may, `widgets.py` fills the home page. A part that has something waiting for a unit
registers it with `queries.waiting_section` (the unit dashboard lists it).
"""

from importlib import import_module


def init_app(app):
    """Register the blueprint, its policy rules and its home-page widget."""
    from inspection.monitoring import policy, urging_views, views, widgets  # noqa: F401 - registration side effects
    from inspection.monitoring.blueprint import bp

    # The review queue: its policy, waiting section and pages register themselves.
    import_module("inspection.monitoring.review_views")
    app.register_blueprint(bp)
