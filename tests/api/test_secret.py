"""R-5.2 through the API: secret entries only for users with clearance, never in ordinary lists."""

import json

import pytest

from inspection.register.models import DirectiveDocument, Task


def _walk(caller, url):
    """Every item of every page of a list."""
    items, page = [], 1
    while True:
        body = caller.get(f"{url}{'&' if '?' in url else '?'}per_page=100&page={page}").get_json()
        items += body["items"]
        if page >= body["pages"]:
            return items
        page += 1


def _ordinary_answers(caller):
    """The text of every ordinary answer the API gives this user."""
    answers = [caller.get("/api/v1/units").get_data(as_text=True)]
    tasks = _walk(caller, "/api/v1/tasks")
    documents = _walk(caller, "/api/v1/documents")
    answers += [json.dumps(tasks), json.dumps(documents)]
    for sort in ("-received", "number", "unit", "-created"):
        answers.append(json.dumps(_walk(caller, f"/api/v1/tasks?sort={sort}&overdue=true")))
    for doc in documents[:40]:
        answers.append(caller.get(f"/api/v1/documents/{doc['id']}").get_data(as_text=True))
    for task in tasks[:40]:
        answers.append(caller.get(f"/api/v1/tasks/{task['id']}").get_data(as_text=True))
    return tasks, documents, answers


@pytest.mark.parametrize("username", ["baomat", "giamdoc", "theodoi", "canbodonvi"])
def test_a_secret_task_is_absent_from_every_ordinary_answer(demo, api, username):
    """R-5.2: even a user with clearance never finds a secret entry in the ordinary lists."""
    secret_tasks = {t.id for t in Task.select().where(Task.is_secret == True)}  # noqa: E712
    secret_docs = list(DirectiveDocument.select().where(DirectiveDocument.secret_level != ""))
    assert secret_tasks and secret_docs
    tasks, documents, answers = _ordinary_answers(api(username))
    assert tasks and not {t["id"] for t in tasks} & secret_tasks
    assert not {d["id"] for d in documents} & {d.id for d in secret_docs}
    assert all(not t["is_secret"] for t in tasks)
    text = "\n".join(answers)
    for doc in secret_docs:
        assert doc.number_symbol not in text


def test_the_secret_register_only_for_clearance(demo, api):
    secret_ids = {t.id for t in Task.select().where(Task.is_secret == True)}  # noqa: E712
    listed = api("baomat").get("/api/v1/tasks?secret=true&per_page=100").get_json()["items"]
    assert {t["id"] for t in listed} == secret_ids
    one = next(iter(secret_ids))
    assert api("baomat").get(f"/api/v1/tasks/{one}").status_code == 200
    for username in ("theodoi", "canbodonvi", "quantri"):
        caller = api(username)
        assert caller.get("/api/v1/tasks?secret=true").status_code == 403
        missing = caller.get(f"/api/v1/tasks/{one}")
        assert missing.status_code == 404  # not even "forbidden": its existence is not told
        assert caller.patch(f"/api/v1/tasks/{one}", json={"version": 1}).status_code == 404


# --- d1-api: the further lists (plans, dossiers, reports, units' reports, a task's records) ---
NEW_LISTS = ["/api/v1/plans", "/api/v1/dossiers", "/api/v1/reports", "/api/v1/unit-reports"]


@pytest.mark.parametrize("username", ["baomat", "giamdoc", "theodoi", "canbodonvi"])
def test_no_secret_entry_in_the_further_lists(demo, api, username):
    """R-5.2: no new ordinary list or read names a secret task or document, even to clearance."""
    caller = api(username)
    secret_docs = list(DirectiveDocument.select().where(DirectiveDocument.secret_level != ""))
    secret_ids = {t.id for t in Task.select().where(Task.is_secret == True)}  # noqa: E712
    answers = []
    for url in NEW_LISTS:
        response = caller.get(url)
        if response.status_code == 200:
            answers.append(json.dumps(_walk(caller, url)))
            assert all(not item.get("secret") for item in response.get_json()["items"])
    for case in caller.get("/api/v1/cases").get_json().get("items", []):
        body = caller.get(f"/api/v1/cases/{case['id']}").get_json()
        assert not {s["task_id"] for s in body.get("scope") or []} & secret_ids
        assert not {r["task_id"] for r in body.get("recommendations") or []} & secret_ids
        answers.append(json.dumps(body))
    for task in _walk(caller, "/api/v1/tasks")[:30]:
        for what in ("marks", "periods", "extensions", "progress", "review", "urgings"):
            answers.append(caller.get(f"/api/v1/tasks/{task['id']}/{what}").get_data(as_text=True))
    text = "\n".join(answers)
    for doc in secret_docs:
        assert doc.number_symbol not in text
