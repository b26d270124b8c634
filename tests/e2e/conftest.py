"""Browser tests: the real app on a real port, driven by Debian's Chromium via Playwright.

Fixtures:
- ``live_server``: ``LiveServer(url, app)``; one app per test session, built by
  ``create_app`` on a temporary SQLite file, migrated (``init-db``) and seeded
  (``seed-demo``), served by werkzeug in a thread on a free 127.0.0.1 port.
- ``browser``: one headless Chromium per session (``/usr/bin/chromium``, or
  ``$CHROMIUM_PATH``); Playwright gives each launch a fresh temporary user-data-dir.
- ``page``: a new browser context per test (own cookies), ``base_url`` set to the
  live server so ``page.goto("/login")`` works. Uncaught JavaScript errors fail the
  test; a screenshot is saved when a test fails.
  Every page is checked as a user meets it: no page wider than the 1366 px window, and
  axe-core's rules on ids, labels and names (``A11Y_RULES``, axe-core from the
  axe-playwright-python package: a local file, no CDN). The check runs in the page as it is
  shown (on its load event, so a draft's page, a refused form re-rendered with its errors are
  checked as the walk meets them); after a test that passed, a page whose check had not finished
  when the walk moved on is revisited (once per session) and checked then.
- ``login_as(page, username, password="Demo@2026")``: log in through the login form
  and assert it succeeded; ``logout(page)``: log out through the menu.

Every test that uses ``live_server`` (directly or through ``page``) is marked ``e2e``.
Never run ``playwright install``: no browser is ever downloaded.
"""

import logging
import os
import threading
from collections import namedtuple
from pathlib import Path

import pytest
from werkzeug.serving import make_server

DEMO_PASSWORD = "Demo@2026"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags of a quiet, sandbox-less headless Chromium on a machine without outside network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 15_000
# Issue 14: the accessibility rules every page of a walk passes (axe-core rule ids).
A11Y_RULES = [
    "duplicate-id",
    "duplicate-id-aria",
    "label",
    "select-name",
    "button-name",
    "link-name",
    "image-alt",
    "html-has-lang",
    "document-title",
    "aria-valid-attr",
    "aria-required-attr",
    "form-field-multiple-labels",
]
NOT_PAGES = (".pdf", ".docx", ".xlsx", ".zip", ".ics", ".svg", "/logout")
_CHECKED = set()  # pages already checked in this session

LiveServer = namedtuple("LiveServer", "url app")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


def _cli(app, *args):
    """Run a flask command of the app (in an app context, as `flask` does) and fail loudly."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args))
    if result.exit_code != 0:
        raise RuntimeError(
            f"flask {' '.join(args)} failed ({result.exit_code}):\n{result.output}\n{result.exception!r}"
        )
    return result.output


@pytest.fixture(scope="session")
def _live_server(tmp_path_factory):
    from inspection import create_app
    from inspection.db import db

    root = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{root / 'live.sqlite3'}",
            "ARCHIVE_DIR": str(root / "archive"),
            "SECRET_KEY": "e2e-only-secret",
            # Background tasks run in the request, in memory: never into the real instance queue.
            "HUEY_IMMEDIATE": True,
            # Every browser test logs in from 127.0.0.1, several times each: the production limit
            # (30 per 10 minutes per address) would refuse the suite's later log-ins. The limiter
            # itself stays on; its own tests are tests/security/test_login.py.
            "LOGIN_RATE_LIMIT": "1000 per 10 minutes",
        }
    )
    _cli(app, "init-db")
    _cli(app, "seed-demo")
    database = db.obj
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in failure reports
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app), database
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture
def live_server(_live_server):
    """The served app; re-binds the global database proxy in case another fixture moved it."""
    from inspection.db import db

    server, database = _live_server
    if db.obj is not database:
        db.initialize(database)
    return server


@pytest.fixture
def after_the_story(live_server):
    """Serve the app on the day of its last issued document when that is later than today.

    The browser tests share one database; the case walk issues documents on days it chooses
    (up to 11/12/2026). A later test that issues a document "today" would then number it before
    those days, which the outgoing register refuses (Decree 30: numbers follow dates)."""
    import datetime

    from peewee import fn

    from inspection.documents.models import OutgoingDocument

    with live_server.app.app_context():
        last = OutgoingDocument.select(fn.MAX(OutgoingDocument.issued_on)).scalar()
    if last and last > datetime.date.today():
        live_server.app.config["TODAY"] = last.isoformat()
    yield live_server.app.config.get("TODAY")
    live_server.app.config["TODAY"] = None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: run `make test` (it installs Debian's chromium), "
            "or set CHROMIUM_PATH. Never `playwright install`."
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request, tmp_path):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1366, "height": 768},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # The pages run under the app's Content-Security-Policy: anything it blocks is a failure.
    tab.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    visited, shown = [], []
    tab.on("framenavigated", lambda frame: visited.append(frame.url) if frame == tab.main_frame else None)
    check_on_load(context, shown)
    yield tab
    call = getattr(request.node, "_e2e_report_call", None)
    if call is not None and call.passed:
        problems = shown_problems(list(shown), live_server.url)
        checked = {r["url"] for r in shown}
        problems.update(check_pages(tab, [u for u in visited if u not in checked], live_server.url))
        assert not problems, f"pages of the walk fail the width or accessibility check: {problems}"
    if call is not None and call.failed:
        shot = tmp_path / "failure.png"
        tab.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failing page: {shot} (at {tab.url})")
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


# Runs in every page as it loads (top frame only): axe with A11Y_RULES and the page's width, sent
# back through the exposed binding; an error of the check itself is swallowed (never a page error).
_ON_LOAD = """
window.addEventListener("load", () => {
  if (window.top !== window || !window.__a11yShown) return;
  setTimeout(() => {
    const width = document.documentElement.scrollWidth;
    axe.run(document, {runOnly: {type: "rule", values: %s}, resultTypes: ["violations"]})
      .then(r => window.__a11yShown({url: location.href, width: width, violations: r.violations.map(
        v => ({id: v.id, targets: v.nodes.slice(0, 3).map(n => n.target.join(", "))}))}))
      .catch(() => {});
  }, 0);
});
"""


def check_on_load(context, shown):
    """Check each page of the context as it is shown; its results are appended to `shown`."""
    import json

    from axe_playwright_python.sync_playwright import Axe

    context.expose_binding("__a11yShown", lambda _source, result: shown.append(result))
    context.add_init_script(Axe().axe_script + _ON_LOAD % json.dumps(A11Y_RULES))


def shown_problems(results, base):
    """The width and axe problems of the pages checked as they were shown, by path."""
    problems = {}
    for result in results:
        path = result["url"].removeprefix(base)
        if not result["url"].startswith(base) or path.split("?")[0].endswith(NOT_PAGES):
            continue
        _CHECKED.add(path)
        found = [f"{result['width']} px wide"] if result["width"] > 1366 else []
        found += [f"{v['id']}: {v['targets']}" for v in result["violations"]]
        if found:
            problems.setdefault(path, [])
            problems[path] += [f for f in found if f not in problems[path]]
    return problems


def check_pages(tab, urls, base):
    """Revisit each page of a walk not checked yet: its width at 1366 px and the axe rules."""
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), {}
    for url in dict.fromkeys(urls):
        path = url.removeprefix(base)
        if not url.startswith(base) or path in _CHECKED or path.split("?")[0].endswith(NOT_PAGES):
            continue
        _CHECKED.add(path)
        response = tab.goto(url)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        found = []
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 1366:
            found.append(f"{width} px wide")
        result = axe.run(tab, options={"runOnly": {"type": "rule", "values": A11Y_RULES}})
        for violation in result.response["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            found.append(f"{violation['id']}: {targets}")
        if found:
            problems[path] = found
    return problems


@pytest.fixture
def login_as():
    """Return login_as(page, username, password=DEMO_PASSWORD) -> page, asserting success."""

    def _login_as(page, username, password=DEMO_PASSWORD):
        submit_login(page, username, password)
        if _on_login_page(page):
            alert = page.locator(".alert").all_inner_texts()
            raise AssertionError(f"login as {username!r} failed: {alert}")
        return page

    return _login_as


@pytest.fixture
def logout():
    """Return logout(page): submit the logout form of the menu and land on the login page."""

    def _logout(page):
        button = page.locator("form[action$='/logout'] [type=submit]").first
        if not button.is_visible():
            toggler = page.locator(".navbar-toggler")
            if toggler.is_visible():
                toggler.click()  # narrow window: the menu is collapsed
            page.locator("#current-user").click()  # the account menu holds the logout button
        with page.expect_navigation():
            button.click()
        assert _on_login_page(page), f"after logout the browser is at {page.url}"
        return page

    return _logout


def submit_login(page, username, password):
    """Fill and submit the login form (fields `username`, `password`)."""
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) [type=submit]").first.click()
    return page


def _on_login_page(page):
    return page.url.split("?")[0].endswith("/login")
