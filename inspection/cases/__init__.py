"""Inspection plans and cases (Chương IV): blueprint `cases`, policy rules, dashboard widget."""

from inspection.cases import (
    policy,  # noqa: F401  (registers the cases.* policy rules)
    work,  # noqa: F401  (refreshes findings when a registration limit moves, R-6.1b)
)


def init_app(app):
    from inspection.cases import views, widgets  # noqa: F401  (widgets register on import)

    app.register_blueprint(views.bp)
