"""Progress updates and return to the issuer through the API (issue 15, R-6.2, R-6.3a)."""

import base64

from inspection.register.models import ProgressUpdate, Task
from tests.factories import pdf_bytes


def _forest_task(api):
    """A task CCKL (canbodonvi's unit) leads, registered through the API."""
    from inspection.accounts.models import Unit

    body = {
        "number_symbol": "77/UBND-KT",
        "issuer_kind": "ubnd_tinh",
        "received_on": "2026-10-01",
        "tasks": [{"summary": "Tuần tra rừng", "lead_unit_id": Unit.get(Unit.abbreviation == "CCKL").id}],
    }
    return api("theodoi").post("/api/v1/documents", json=body).get_json()["tasks"][0]


def test_a_unit_records_progress_with_a_pdf_and_the_task_starts(demo, api):
    task = _forest_task(api)
    body = {
        "on_date": "2026-10-05",
        "text": "Đã tổ chức 3 đợt tuần tra",
        "attachment_base64": base64.b64encode(pdf_bytes("Báo cáo tuần tra")).decode(),
    }
    response = api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json=body)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert answer["has_attachment"] and answer["unit"]["name"] == "Chi cục Kiểm lâm"
    assert Task.get_by_id(task["id"]).started_on.isoformat() == "2026-10-05"  # R-6.3a: in progress now


def test_progress_in_the_future_or_by_another_unit_is_refused_and_nothing_written(demo, api):
    task = _forest_task(api)
    before = ProgressUpdate.select().count()
    future = api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json={"on_date": "2099-01-01", "text": "x"})
    assert future.status_code == 400 and future.get_json()["errors"][0]["field"] == "on_date"
    other = api("canbodonvi2").post(f"/api/v1/tasks/{task['id']}/progress", json={"on_date": "2026-10-05", "text": "x"})
    assert other.status_code == 403
    assert ProgressUpdate.select().count() == before


def test_the_office_returns_a_task_with_its_reason(demo, api):
    """R-6.2: a task outside the Department's competence goes back to its issuer, with a reason."""
    task = _forest_task(api)
    assert api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/return", json={"reason": "x"}).status_code == 403
    response = api("theodoi").post(f"/api/v1/tasks/{task['id']}/return", json={"reason": "Không thuộc thẩm quyền"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "da_tra_lai"
    again = api("theodoi").post(f"/api/v1/tasks/{task['id']}/return", json={"reason": "Lần nữa"})
    assert again.status_code == 400 and again.get_json()["detail"] == "Nhiệm vụ đã được trả lại trước đó."


def test_a_result_completes_the_task_and_a_stale_version_is_refused(demo, api):
    task = _forest_task(api)
    body = {"version": task["version"], "completed_on": "2026-10-20", "result_doc_number": "12/BC-CCKL"}
    done = api("theodoi").post(f"/api/v1/tasks/{task['id']}/result", json=body)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["status"].startswith("xong") and done.get_json()["completed_on"] == "2026-10-20"
    stale = api("theodoi").post(f"/api/v1/tasks/{task['id']}/result", json=body)
    assert stale.status_code == 409
    assert api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/result", json=body).status_code == 403
