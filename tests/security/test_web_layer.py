"""The web layer (issue 10): security headers on every response, pages that work under a strict
Content-Security-Policy (no inline script anywhere), and small request bodies for visitors."""

import io
import re

import pytest

from tests.test_permission_table import ROWS

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER_ATTR = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def _csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response.headers["Content-Security-Policy"].split(";"))
    )


def test_every_response_carries_the_security_headers(app, client):
    for url in ("/login", "/healthz", "/khong-ton-tai", "/static/app.css"):
        response = client.get(url)
        csp = _csp(response)
        assert csp["script-src"] == "'self'" and csp["script-src-attr"] == "'none'", url
        assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'", url
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url  # scripts nor styles
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "Strict-Transport-Security" not in response.headers  # served over plain HTTP here


def test_https_installations_add_hsts_and_upgrade_requests(app):
    from inspection import create_app

    keys = ("TESTING", "DATABASE_URL", "ARCHIVE_DIR", "SECRET_KEY", "PASSWORD_HASH")
    https = create_app({**{k: app.config[k] for k in keys}, "SESSION_COOKIE_SECURE": True})
    response = https.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "upgrade-insecure-requests" in response.headers["Content-Security-Policy"]


def test_only_the_template_preview_may_be_framed_and_only_by_the_app_itself(demo, app, login):
    client = app.test_client()
    login(client, "chanhvanphong")
    preview = client.get("/documents/templates/urging_letter/preview")
    assert _csp(preview)["frame-ancestors"] == "'self'" and preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert _csp(preview)["script-src"] == "'self'"
    page = client.get("/documents/templates/urging_letter")
    assert _csp(page)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("role", sorted({r for r, *_ in ROWS if r}))
def test_no_page_needs_an_inline_script_handler_or_style(demo, app, login, role):
    """What the CSP would block in the browser: an inline <script>, an on…= attribute, a style= attribute."""
    client = app.test_client()
    login(client, role)
    offending = []
    for r, method, url, expected in ROWS:
        if r != role or method != "GET" or expected != 200:
            continue
        response = client.get(url)
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        # A template preview is the document's own HTML, framed: its styles are allowed, scripts are not.
        patterns = (
            (INLINE_SCRIPT, HANDLER_ATTR) if url.endswith("/preview") else (INLINE_SCRIPT, HANDLER_ATTR, STYLE_ATTR)
        )
        for pattern in patterns:
            offending += [f"{url}: {m.group(0)[:80]}" for m in pattern.finditer(html)]
    assert not offending, "\n".join(offending[:30])


def test_anonymous_requests_are_small_and_only_upload_routes_take_large_bodies(demo, app, login):
    client = app.test_client()
    big = {"username": "x" * (100 * 1024), "password": "y"}
    assert client.post("/login", data=big).status_code == 413  # refused before it is stored anywhere
    login(client, "theodoi")
    assert client.post("/register/tasks", data={"q": "x" * (100 * 1024)}).status_code != 413  # a long form is fine
    three_mb = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    flag = client.post("/register/updates/1/flag", data={"reason": "x", "f": (io.BytesIO(three_mb), "a.pdf")})
    assert flag.status_code == 413  # a page that takes no file takes no 3 MB
    progress = client.post(
        "/register/tasks/1/progress",
        data={"text": "Đã gửi", "attachment": (io.BytesIO(three_mb), "bien-ban.pdf")},
        content_type="multipart/form-data",
    )
    assert progress.status_code != 413  # an upload route: refused or accepted on its content, not its size
