"""Inspection plans and cases (Chương IV): blueprint `cases` at /cases, policy rules, dashboard widget."""

from inspection.cases import (
    issuing,  # noqa: F401  (c1-sign: registers the signing hooks of the case documents, issue 14)
    letters,  # noqa: F401  (c3-signonly: the hooks of the extension, request and invitation letters)
    policy,  # noqa: F401  (registers the cases.* policy rules)
    work,  # noqa: F401  (refreshes findings when a registration limit moves, R-6.1b)
)


def init_app(app):
    # The page modules add their routes to the one blueprint; widgets register on import.
    from inspection.cases import views_cases, views_plans, views_work, waiting, widgets  # noqa: F401
    from inspection.cases.blueprint import bp
    from inspection.cases.views_legacy import legacy

    app.register_blueprint(bp)
    app.register_blueprint(legacy)
