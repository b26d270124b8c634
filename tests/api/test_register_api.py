"""The register through the API (issue 15): the same operations, policy and rules as the pages."""

import base64

from inspection.accounts.models import Unit
from inspection.register.models import DirectiveDocument, Task
from inspection.uploads import StoredFile
from tests.factories import pdf_bytes


def _unit(abbreviation):
    return Unit.get(Unit.abbreviation == abbreviation).id


def _document(**overrides):
    body = {
        "number_symbol": "15/UBND-NNMT",
        "doc_type": "cong_van",
        "issuer_kind": "ubnd_tinh",
        "issued_on": "2026-02-12",
        "received_on": "2026-02-13",  # a Friday before Tết: one working day later is 23/02 (R-6.1b)
        "abstract": "Về việc phòng cháy rừng mùa khô",
        "tasks": [
            {"summary": "Kiểm tra phòng cháy rừng", "lead_unit_id": _unit("CCKL"), "deadline": "2026-04-30"},
            {"summary": "Báo cáo kết quả thủy lợi", "lead_unit_id": _unit("CCTL"), "kind": "report"},
        ],
    }
    body.update(overrides)
    return body


def test_a_pushed_document_with_two_tasks_is_in_the_interface_with_its_registration_deadline(demo, api, client, login):
    """R-6.1b: the registration deadline is one working day after receipt, across Tết."""
    body = _document(scan_base64=base64.b64encode(pdf_bytes("Công văn 15")).decode(), scan_filename="cv15.pdf")
    response = api("theodoi").post("/api/v1/documents", json=body)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert answer["has_scan"] and len(answer["tasks"]) == 2
    assert {t["registration_due_on"] for t in answer["tasks"]} == {"2026-02-23"}
    doc = DirectiveDocument.get_by_id(answer["id"])
    assert StoredFile.get_by_id(doc.scan_id).original_name == "cv15.pdf"

    login(client, "theodoi")
    page = client.get(f"/register/documents/{doc.id}").get_data(as_text=True)
    assert "Kiểm tra phòng cháy rừng" in page and "Báo cáo kết quả thủy lợi" in page
    for task in answer["tasks"]:
        assert Task.get_by_id(task["id"]).registration_due_on.isoformat() == "2026-02-23"
        shown = client.get(f"/register/tasks/{task['id']}").get_data(as_text=True)
        assert "hạn 23/02/2026" in shown  # registered today, months late: the page says so


def test_a_duplicate_is_refused_as_the_form_refuses_it_and_nothing_is_written(demo, api):
    caller = api("theodoi")
    assert caller.post("/api/v1/documents", json=_document()).status_code == 201
    before = Task.select().count()
    response = caller.post("/api/v1/documents", json=_document())
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "rule_violation" and body["errors"][0]["field"] == "number_symbol"
    assert Task.select().count() == before


def test_an_unknown_unit_or_a_bad_pdf_writes_nothing(demo, api):
    caller = api("theodoi")
    before = (DirectiveDocument.select().count(), Task.select().count(), StoredFile.select().count())
    bad_unit = _document(tasks=[{"summary": "x", "lead_unit_id": 99999}])
    assert caller.post("/api/v1/documents", json=bad_unit).status_code == 400
    not_pdf = _document(scan_base64=base64.b64encode(b"<html>not a pdf</html>").decode())
    assert caller.post("/api/v1/documents", json=not_pdf).status_code == 400
    not_base64 = _document(scan_base64="%%%")
    assert caller.post("/api/v1/documents", json=not_base64).get_json()["errors"][0]["field"] == "scan_base64"
    assert (DirectiveDocument.select().count(), Task.select().count(), StoredFile.select().count()) == before


def test_a_unit_officer_may_not_register_documents(demo, api):
    response = api("canbodonvi").post("/api/v1/documents", json=_document())
    assert response.status_code == 403 and response.get_json()["code"] == "forbidden"


def test_an_update_on_a_stale_version_is_refused_with_409(demo, api):
    caller = api("theodoi")
    task = caller.post("/api/v1/documents", json=_document()).get_json()["tasks"][0]
    first = caller.patch(f"/api/v1/tasks/{task['id']}", json={"version": task["version"], "is_key": True})
    assert first.status_code == 200, first.get_json()
    assert first.get_json()["is_key"] is True and first.get_json()["version"] == task["version"] + 1
    stale = caller.patch(f"/api/v1/tasks/{task['id']}", json={"version": task["version"], "summary": "Sửa muộn"})
    assert stale.status_code == 409 and stale.get_json()["code"] == "conflict"
    assert Task.get_by_id(task["id"]).summary == "Kiểm tra phòng cháy rừng"


def test_a_unit_sees_its_own_tasks_and_not_another_units(demo, api):
    theodoi = api("theodoi")
    tasks = theodoi.post("/api/v1/documents", json=_document()).get_json()["tasks"]
    forest, water = tasks  # led by CCKL and CCTL
    officer = api("canbodonvi")  # CCKL
    assert officer.get(f"/api/v1/tasks/{forest['id']}").status_code == 200
    assert officer.get(f"/api/v1/tasks/{water['id']}").status_code == 403
    listed = officer.get("/api/v1/tasks?per_page=100&mine=true").get_json()
    assert all(t["lead_unit"]["id"] == _unit("CCKL") or t["other_units"] for t in listed["items"])
    assert officer.patch(f"/api/v1/tasks/{forest['id']}", json={"version": 1, "is_key": True}).status_code == 403


def test_the_list_filters_and_pages_like_the_register(demo, api):
    caller = api("theodoi")
    page = caller.get("/api/v1/tasks?per_page=5&page=2&sort=-received").get_json()
    assert page["page"] == 2 and len(page["items"]) == 5 and page["total"] > 5
    overdue = caller.get("/api/v1/tasks?overdue=true&per_page=100").get_json()["items"]
    assert overdue and all(t["overdue"] for t in overdue)
    unit = _unit("CCKL")
    mine = caller.get(f"/api/v1/tasks?unit={unit}&per_page=100").get_json()["items"]
    assert mine and all(t["lead_unit"]["id"] == unit or unit in [u["id"] for u in t["other_units"]] for t in mine)
