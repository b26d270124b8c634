"""Inspection plans and cases (Chương IV): blueprint `cases`, policy rules, dashboard widget."""
from inspection.cases import policy  # noqa: F401  (registers the cases.* policy rules)


def init_app(app):
    """Register the part with the app (blueprint added with the views)."""
    return app
