"""Session lifetimes and cookies (issue 10): idle and absolute timeouts, Secure cookies in production."""

import time

from inspection import create_app
from inspection.accounts.sessions import LOGIN_AT, SEEN_AT


def test_a_session_idle_past_the_limit_is_ended_and_sent_to_log_in(demo, app, login):
    client = app.test_client()
    login(client, "theodoi")
    assert client.get("/").status_code == 200
    with client.session_transaction() as sess:
        sess[SEEN_AT] = time.time() - (app.config["SESSION_IDLE_MINUTES"] * 60 + 5)
    answer = client.get("/register/tasks")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert "hết hạn" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302  # logged out, not just redirected once


def test_a_busy_session_still_ends_at_the_absolute_limit(demo, app, login):
    client = app.test_client()
    login(client, "theodoi")
    with client.session_transaction() as sess:
        sess[LOGIN_AT] = time.time() - (app.config["SESSION_MAX_HOURS"] * 3600 + 5)
        sess[SEEN_AT] = time.time()
    answer = client.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_an_active_session_within_both_limits_goes_on(demo, app, login):
    client = app.test_client()
    login(client, "theodoi")
    with client.session_transaction() as sess:
        sess[SEEN_AT] = time.time() - 60
    assert client.get("/").status_code == 200


def test_the_production_configuration_sends_cookies_over_https_only(app, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    keys = ("TESTING", "DATABASE_URL", "ARCHIVE_DIR", "SECRET_KEY", "PASSWORD_HASH")
    prod = create_app({k: app.config[k] for k in keys})
    assert prod.config["SESSION_COOKIE_SECURE"] and prod.config["REMEMBER_COOKIE_SECURE"]
    cookie = prod.test_client().get("/login").headers.get("Set-Cookie", "")
    assert "Secure" in cookie and "HttpOnly" in cookie
    monkeypatch.delenv("APP_ENV")
    assert not create_app({k: app.config[k] for k in keys}).config["SESSION_COOKIE_SECURE"]
