"""Structured request log: one JSON line per request on stderr (journald, gunicorn, files).

A line holds when, who (user id and username), what (method and the route *rule*, e.g.
`/register/tasks/<int:task_id>`), the status, the duration in ms and a request id (taken
from nginx's X-Request-ID when well formed, else made here, and sent back in the
response). Never the raw URL (a query string may carry search words), never form values
or bodies: nothing of a secret entry can reach the log this way (R-5.2).
"""

import datetime
import json
import logging
import re
import sys
import time
import uuid

from flask import g, request

logger = logging.getLogger("inspection.requests")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def init_app(app):
    """Log every request of `app` as one JSON line."""
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        # Its own handler: gunicorn's and the root logger's formats would wrap the JSON.
        logger.propagate = False
    app.before_request(_start)
    app.after_request(_finish)


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (test runners swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def _start():
    g.log_started = time.perf_counter()
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _finish(response):
    started = g.get("log_started")
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    logger.info(json.dumps(entry(response.status_code, started, request_id), ensure_ascii=False))
    return response


def entry(status, started, request_id):
    """The fields of one request's line (only the route rule, never the URL or its values)."""
    # The user only when the request already loaded it: a static file costs no query.
    user = g.get("_login_user")
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    rule = request.url_rule.rule if request.url_rule is not None else None
    return {
        "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds"),
        "request_id": request_id,
        "user_id": user.id if authenticated else None,
        "username": user.username if authenticated else None,
        "method": request.method,
        "route": rule,
        "endpoint": request.endpoint,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
    }
