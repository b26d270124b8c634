"""Issue 14: no duplicate HTML ids and a label for every input, on every page of every role.

An equivalent of the accessibility checker's two rules that users met (duplicate-id, label),
run over the demo's pages as each role: the pages of the permission table plus every GET route
with ids 1 and 2. A control is labelled by a <label for=…>, a wrapping <label>, aria-label or
aria-labelledby, or a title; hidden inputs and buttons need none.
"""

import collections

import lxml.html
import pytest

from tests.security.test_fuzz import ROLES, _pages

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def problems(html):
    doc = lxml.html.fromstring(html)
    found = []
    ids = collections.Counter(el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id"))
    found += [f"id “{i}” ×{n}" for i, n in ids.items() if n > 1]
    labelled = {label.get("for") for label in doc.iter("label") if label.get("for")}
    for el in doc.iter("input", "select", "textarea"):
        if el.tag == "input" and (el.get("type") or "text") in UNLABELLED_TYPES:
            continue
        if el.get("aria-label") or el.get("aria-labelledby") or el.get("title"):
            continue
        if el.get("id") and el.get("id") in labelled:
            continue
        if any(a.tag == "label" for a in el.iterancestors()):
            continue
        found.append(f"{el.tag} name=“{el.get('name')}” has no label")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_issue_14_pages_have_unique_ids_and_labelled_inputs(app, client, login, demo, role):
    login(client, role)
    bad = {}
    for url in _pages(app):
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        found = problems(response.get_data(as_text=True))
        if found:
            bad[url] = found
    assert bad == {}
