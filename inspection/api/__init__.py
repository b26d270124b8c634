"""The JSON API under /api/v1/ (issue 15): personal tokens, the same operations and policy
as the pages, problem+json errors, and an OpenAPI 3.1 description generated from its schemas.
"""

from werkzeug.exceptions import HTTPException

from inspection.accounts.tokens import is_api_request
from inspection.api import problems


def _api_first(handler):
    """Wrap one of the app's error handlers: under /api/ the answer is a problem+json."""

    def wrapped(exc):
        if is_api_request():
            return problems.response(problems.to_problem(exc))
        return handler(exc)

    return wrapped


def _plain(exc):
    return exc


def init_app(app):
    from inspection import csrf
    from inspection.api import (  # noqa: F401 - routes
        docs_page,
        views_cases,
        views_dossiers,
        views_export,
        views_figures,
        views_issued,  # g6-api
        views_plans,
        views_progress,
        views_read,
        views_reports,
        views_task_records,
        views_unit_reports,
        views_write,
    )
    from inspection.api.blueprint import bp

    csrf.exempt(bp)  # no session is accepted there (accounts/tokens.py), so no CSRF to forge
    app.register_blueprint(bp)
    app.register_blueprint(docs_page.bp)
    app.register_error_handler(problems.ApiProblem, lambda exc: problems.response(exc))
    app.register_error_handler(HTTPException, _plain)
    # Registered last (PARTS): every error page of the app answers problem+json under /api/,
    # also for errors raised before a view is found (404, 405) or by the app's hooks (413, 429).
    for handlers in app.error_handler_spec[None].values():
        for exc_class, handler in list(handlers.items()):
            if exc_class is not problems.ApiProblem:
                handlers[exc_class] = _api_first(handler)
