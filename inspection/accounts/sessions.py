"""Session lifetimes (issue 10): an idle timeout and an absolute one.

A session left open on a shared office computer ends after SESSION_IDLE_MINUTES without a
request, and any session after SESSION_MAX_HOURS since its log-in, whatever the activity.
Both times live in the signed session cookie, so they work the same on every worker.
"""

import time

from flask import flash, redirect, request, session, url_for
from flask_login import current_user, logout_user, user_logged_in

from inspection.accounts.tokens import is_api_request

LOGIN_AT, SEEN_AT = "login_at", "seen_at"


def _expired(app) -> str | None:
    now = time.time()
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    absolute = app.config["SESSION_MAX_HOURS"] * 3600
    if now - session.get(SEEN_AT, now) > idle:
        return f"Phiên làm việc đã hết hạn sau {app.config['SESSION_IDLE_MINUTES']} phút không thao tác."
    if now - session.get(LOGIN_AT, now) > absolute:
        return f"Phiên làm việc đã quá {app.config['SESSION_MAX_HOURS']} giờ kể từ khi đăng nhập."
    return None


def init_app(app):
    @user_logged_in.connect_via(app)
    def _stamp(sender, user, **extra):
        session[LOGIN_AT] = session[SEEN_AT] = time.time()

    @app.before_request
    def _timeouts():
        if request.endpoint in ("static", "main.healthz") or is_api_request() or not current_user.is_authenticated:
            return None  # the API has no session: a token, checked on every request (issue 15)
        reason = _expired(app)
        if reason:
            logout_user()
            session.pop(LOGIN_AT, None)
            session.pop(SEEN_AT, None)
            flash(reason + " Vui lòng đăng nhập lại.", "warning")
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        session.setdefault(LOGIN_AT, time.time())  # sessions from before this rule get a start
        session[SEEN_AT] = time.time()
        return None
