"""No input gives a 500 (issue 10): every form and filter the pages offer, filled with hostile values.

As each demo role, the test walks the pages of the permission table and every GET route with
an id, reads the forms each page shows (action, method, field names) and submits each form
with one hostile value in every field: empty, 100,000 characters, control characters, digits
that are not ASCII, huge integers, impossible dates, odd Unicode. Routes with ids are also
opened with a huge and a non-numeric id. The only thing asserted: no answer is a 5xx.
"""

import io
import re

import lxml.html
import pytest

from tests.test_permission_table import ROWS

HOSTILE = [
    "",
    "x" * 100_000,
    "a\x0bb\x00c\x1f",
    "²³",
    "99999999999999999999",
    "-1",
    "2026-02-30",
    "30/02/2026",
    "\u202eevil\u200b\ufeff",
    "e\u0301\u0323" * 50,
]
HUGE_ID = "99999999999999999999"
ROLES = sorted({r for r, *_ in ROWS if r})
SKIP_ACTIONS = ("/logout",)


def _pages(app):
    """The GET URLs of the permission table plus every GET route with its ids set to 1 and 2."""
    urls = {u for _, m, u, _ in ROWS if m == "GET"}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if any(c.__class__.__name__ not in ("IntegerConverter",) for c in rule._converters.values()):
            continue
        for value in ("1", "2"):
            urls.add(re.sub(r"<[^>]+>", value, rule.rule))
    return sorted(urls)


def _forms(html, base_url):
    doc = lxml.html.fromstring(html)
    for form in doc.forms:
        action = form.get("action") or base_url
        if any(action.startswith(s) for s in SKIP_ACTIONS) or action.startswith("http"):
            continue
        names = {el.get("name") for el in form.inputs if el.get("name") and el.get("type") != "submit"}
        files = {el.get("name") for el in form.inputs if el.get("type") == "file" and el.get("name")}
        yield action, (form.get("method") or "GET").upper(), sorted(names - {"csrf_token"}), files


def _submit(client, action, method, names, files, value):
    if method == "GET":  # a browser replaces the action's own query string with the form's fields
        return client.get(action.split("?", 1)[0], query_string=dict.fromkeys(names, value))
    data = {n: value for n in names if n not in files}
    for n in files:
        data[n] = (io.BytesIO(value.encode("utf-8", "surrogatepass") or b"\x00"), "tep.pdf")
    return client.post(action, data=data, content_type="multipart/form-data" if files else None)


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_value_in_any_form_or_filter_gives_a_server_error(demo, app, login, role):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 as in production, don't raise
    client = app.test_client()
    login(client, role)
    failures, seen = [], set()
    for url in _pages(app):
        page = client.get(url)
        if page.status_code >= 500:
            failures.append(f"GET {url} -> {page.status_code}")
        if page.status_code != 200 or page.mimetype != "text/html":
            continue
        for action, method, names, files in _forms(page.get_data(as_text=True), url):
            key = (action, method, tuple(names))
            if key in seen:
                continue
            seen.add(key)
            for value in HOSTILE:
                answer = _submit(client, action, method, names, files, value)
                if answer.status_code >= 500:
                    failures.append(f"{method} {action} {names} = {value[:20]!r} -> {answer.status_code}")
            login(client, role)  # a form may have changed the session (password, unit switch)
    assert not failures, "\n".join(failures[:60])


@pytest.mark.parametrize("role", ["theodoi", "chanhvanphong"])
def test_huge_and_non_numeric_ids_in_urls_are_not_found_not_errors(demo, app, login, role):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    login(client, role)
    failures = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments:
            continue
        for bad in (HUGE_ID, "²", "-1", "1.5"):
            url = re.sub(r"<(?:int:)?([a-z_]+)>", bad, rule.rule)
            url = re.sub(r"<[^>]+>", "pdf", url)
            answer = client.get(url)
            if answer.status_code >= 500:
                failures.append(f"GET {url} -> {answer.status_code}")
        for arg in ("page", "version", "year", "unit", "status"):
            answer = client.get(re.sub(r"<[^>]+>", "1", rule.rule), query_string={arg: HUGE_ID})
            if answer.status_code >= 500:
                failures.append(f"GET {rule.rule}?{arg}={HUGE_ID} -> {answer.status_code}")
    assert not failures, "\n".join(failures[:60])
