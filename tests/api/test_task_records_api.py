"""A task's own records through the API (issue 15): periods, extensions, progress with
attachments, flags and corrections (R-7.1, R-7.2b), contests, urgings (R-9)."""

import base64
import io

import pytest
from pypdf import PdfReader

from inspection.accounts.models import Unit, User
from inspection.register.models import ProgressUpdate, Task, TaskPeriod
from tests.factories import pdf_bytes

RECURRING = 192  # the demo's monthly task led by CCKL (canbodonvi's unit)
FLAGGED_TASK, FLAGGED_UPDATE = 21, 14  # CCKL's update the Office flagged


def _forest_task(api):
    body = {
        "number_symbol": "78/UBND-KT",
        "issuer_kind": "ubnd_tinh",
        "received_on": "2026-10-01",
        "tasks": [
            {
                "summary": "Kiểm kê rừng",
                "lead_unit_id": Unit.get(Unit.abbreviation == "CCKL").id,
                "deadline": "2026-12-31",
            }
        ],
    }
    return api("theodoi").post("/api/v1/documents", json=body).get_json()["tasks"][0]


def test_the_marks_of_a_task_are_those_of_its_page(demo, api):
    """R-6.1b, R-6.3b, R-7.1: status and marks as the task page computes them; flags still to correct."""
    caller = api("theodoi")
    for task_id in (1, FLAGGED_TASK, 47):
        marks = caller.get(f"/api/v1/tasks/{task_id}/marks").get_json()
        task = caller.get(f"/api/v1/tasks/{task_id}").get_json()
        for name in ("status", "overdue", "due_soon", "registration_late"):
            assert marks[name] == task[name]
        assert marks["registration_due_on"] == task["registration_due_on"]
    flagged = caller.get(f"/api/v1/tasks/{FLAGGED_TASK}/marks").get_json()
    assert flagged["flagged_updates"] == 1 and flagged["uncorrected_flags"] == 1
    corrected = caller.get("/api/v1/tasks/47/marks").get_json()  # the demo's update 36, corrected by 37
    assert corrected["flagged_updates"] == 1 and corrected["uncorrected_flags"] == 0
    assert api("canbodonvi2").get(f"/api/v1/tasks/{FLAGGED_TASK}/marks").status_code == 403


def test_a_period_result_goes_through_the_form_operation(demo, api):
    """A recurring task's period gets its result; the task's deadline moves on to the next period."""
    periods = api("canbodonvi").get(f"/api/v1/tasks/{RECURRING}/periods").get_json()["items"]
    assert len(periods) > 1 and not periods[0]["is_completed"]
    first, second = periods[0], periods[1]
    url = f"/api/v1/tasks/{RECURRING}/periods/{first['id']}/result"
    body = {"completed_on": first["deadline"], "result_doc_number": "5/BC-CCKL"}
    assert api("canbodonvi").post(url, json=body).status_code == 403  # the form is the Office's
    done = api("theodoi").post(url, json=body)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["is_completed"] and done.get_json()["result_doc_number"] == "5/BC-CCKL"
    assert Task.get_by_id(RECURRING).deadline.isoformat() == second["deadline"]
    future = api("theodoi").post(url, json={"completed_on": "2099-01-01"})
    assert future.status_code == 400 and future.get_json()["errors"][0]["field"] == "completed_on"
    other = TaskPeriod.select().where(TaskPeriod.task != RECURRING).first()
    if other is not None:
        assert api("theodoi").post(f"/api/v1/tasks/{RECURRING}/periods/{other.id}/result", json=body).status_code == 404
    assert api("theodoi").post(url, json={**body, "bogus": 1}).status_code == 400


def test_an_extension_is_listed_and_recorded_with_the_version(demo, api):
    task = _forest_task(api)
    url = f"/api/v1/tasks/{task['id']}/extensions"
    assert api("canbodonvi").get(url).get_json() == {"items": []}
    body = {"version": task["version"], "new_deadline": "2027-01-31", "granted_by": "Chủ tịch UBND tỉnh"}
    assert api("canbodonvi").post(url, json=body).status_code == 403
    made = api("theodoi").post(url, json=body)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["old_deadline"] == "2026-12-31" and made.get_json()["new_deadline"] == "2027-01-31"
    stale = {**body, "new_deadline": "2027-02-28"}
    assert api("theodoi").post(url, json=stale).status_code == 409  # the version read is stale now
    earlier = {**body, "version": task["version"] + 1, "new_deadline": "2026-11-30"}
    refused = api("theodoi").post(url, json=earlier)
    assert refused.status_code == 400 and refused.get_json()["errors"][0]["field"] == "new_deadline"
    listed = api("canbodonvi").get(url).get_json()["items"]
    assert [e["granted_by"] for e in listed] == ["Chủ tịch UBND tỉnh"]


def test_a_progress_attachment_is_listed_and_downloaded_by_who_sees_the_task(demo, api):
    task = _forest_task(api)
    body = {
        "on_date": "2026-10-05",
        "text": "Đã kiểm kê 3 tiểu khu",
        "attachment_base64": base64.b64encode(pdf_bytes("Biên bản kiểm kê")).decode(),
    }
    assert api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json=body).status_code == 201
    items = api("canbodonvi").get(f"/api/v1/tasks/{task['id']}/progress").get_json()["items"]
    assert len(items) == 1 and items[0]["has_attachment"] and items[0]["unit"]["name"] == "Chi cục Kiểm lâm"
    download = api("theodoi").get(items[0]["attachment_url"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert "Biên bản kiểm kê" in PdfReader(io.BytesIO(download.get_data())).pages[0].extract_text()
    assert api("canbodonvi2").get(items[0]["attachment_url"]).status_code == 403  # not his unit's task
    assert api("canbodonvi2").get(f"/api/v1/tasks/{task['id']}/progress").status_code == 403
    without = ProgressUpdate.get_by_id(FLAGGED_UPDATE)
    assert without.attachment_id is None
    missing = api("theodoi").get(f"/api/v1/tasks/{FLAGGED_TASK}/progress/{FLAGGED_UPDATE}/attachment")
    assert missing.status_code == 404


def test_the_office_flags_an_update_and_the_unit_corrects_it(demo, api):
    """R-7.1: the Office marks an entry inaccurate with a reason; R-7.2b: the unit corrects it."""
    task = _forest_task(api)
    api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json={"on_date": "2026-10-05", "text": "Xong 90%"})
    update = api("theodoi").get(f"/api/v1/tasks/{task['id']}/progress").get_json()["items"][0]
    base = f"/api/v1/tasks/{task['id']}/progress/{update['id']}"
    correction = {"text": "Thực tế mới xong 60%", "on_date": "2026-10-06"}
    assert api("canbodonvi").post(f"{base}/correction", json=correction).status_code == 400  # nothing flagged yet
    assert api("canbodonvi").post(f"{base}/flag", json={"reason": "x"}).status_code == 403
    empty = api("theodoi").post(f"{base}/flag", json={"reason": ""})
    assert empty.status_code == 400 and empty.get_json()["errors"][0]["field"] == "reason"
    flagged = api("theodoi").post(f"{base}/flag", json={"reason": "Số liệu không khớp báo cáo"})
    assert flagged.status_code == 200 and flagged.get_json()["flagged_inaccurate"]
    assert api("canbodonvi2").post(f"{base}/correction", json=correction).status_code == 403
    made = api("canbodonvi").post(f"{base}/correction", json=correction)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["corrects_id"] == update["id"]
    items = {i["id"]: i for i in api("canbodonvi").get(f"/api/v1/tasks/{task['id']}/progress").get_json()["items"]}
    assert items[update["id"]]["corrected_by_ids"] == [made.get_json()["id"]]
    assert items[update["id"]]["flag_reason"] == "Số liệu không khớp báo cáo"


def test_the_review_of_a_task_and_a_contest_of_its_lead_unit(demo, api):
    """R-7.2b: the lead unit contests what the Office entered; it joins the review queue."""
    office = api("theodoi").get(f"/api/v1/tasks/{FLAGGED_TASK}/review").get_json()["items"]
    assert {"contest", "progress"} <= {i["kind"] for i in office}
    assert any(i["state"] == "flagged" and i["progress_id"] == FLAGGED_UPDATE for i in office)
    unit_view = api("canbodonvi").get(f"/api/v1/tasks/{FLAGGED_TASK}/review").get_json()["items"]
    cckl = Unit.get(Unit.abbreviation == "CCKL").id
    assert unit_view and all(i["unit"]["id"] == cckl for i in unit_view)
    task = _forest_task(api)
    url = f"/api/v1/tasks/{task['id']}/contests"
    body = {"subject": "deadline", "reason": "Thời hạn quá ngắn so với khối lượng"}
    assert api("theodoi").post(url, json=body).status_code == 403  # only the lead unit contests
    made = api("canbodonvi").post(url, json=body)
    assert made.status_code == 201 and made.get_json()["state"] == "pending"
    again = api("canbodonvi").post(url, json=body)
    assert again.status_code == 400 and again.get_json()["errors"][0]["field"] == "subject"
    assert api("canbodonvi").post(url, json={**body, "subject": "other"}).status_code == 400


def test_urgings_of_a_task(demo, api):
    """R-9: the urgings the task received, with their channel."""
    from inspection.monitoring import operations

    task = Task.get_by_id(_forest_task(api)["id"])
    operations.record_urging(User.get(User.username == "theodoi"), task, "phone", note="Nhắc qua điện thoại")
    items = api("canbodonvi").get(f"/api/v1/tasks/{task.id}/urgings").get_json()["items"]
    assert [(u["channel"], u["channel_label"], u["note"]) for u in items] == [
        ("phone", "Điện thoại, fax", "Nhắc qua điện thoại")
    ]


TASK_READS = ["marks", "periods", "extensions", "progress", "review", "urgings"]


@pytest.mark.parametrize("what", TASK_READS)
def test_a_secret_task_s_records_do_not_exist_without_clearance(demo, api, what):
    """R-5.2: a secret task's records are "not found" (never forbidden) without clearance."""
    secret = Task.select().where(Task.is_secret == True).first()  # noqa: E712
    for username in ("theodoi", "canbodonvi", "truongdonvi"):
        answer = api(username).get(f"/api/v1/tasks/{secret.id}/{what}")
        assert answer.status_code == 404
        assert secret.document.number_symbol not in answer.get_data(as_text=True)
    assert api("baomat").get(f"/api/v1/tasks/{secret.id}/{what}").status_code == 200


@pytest.mark.parametrize("what", TASK_READS)
def test_bad_ids_answer_404_problems(demo, api, what):
    for task_id in ("999999", "99999999999999999999", "abc", "-1"):
        answer = api("theodoi").get(f"/api/v1/tasks/{task_id}/{what}")
        assert answer.status_code == 404 and answer.mimetype == "application/problem+json"
