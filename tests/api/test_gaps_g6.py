"""Issue 15's remaining API gaps: the list of issued documents and a result with its attachment."""

import datetime

from inspection.documents.models import ISSUED, OutgoingDocument

ISSUED_URL = "/api/v1/issued-documents"


def _issued(secret=False):
    return OutgoingDocument.select().where((OutgoingDocument.state == ISSUED) & (OutgoingDocument.secret == secret))


def _make_secret(doc_id):
    """Turn one demo document into a secret one (a secret register of its own, R-5.2)."""
    OutgoingDocument.update(secret=True).where(OutgoingDocument.id == doc_id).execute()
    return OutgoingDocument.get_by_id(doc_id)


def test_issued_documents_newest_first_with_their_files(demo, api):
    body = api("theodoi").get(ISSUED_URL).get_json()
    expected = list(_issued())
    assert expected and body["total"] == len(expected)
    dates = [item["issued_on"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)
    drafts = {d.id for d in OutgoingDocument.select().where(OutgoingDocument.state != ISSUED)}
    assert drafts and not drafts & {item["id"] for item in body["items"]}
    first = body["items"][0]
    doc = OutgoingDocument.get_by_id(first["id"])
    assert first["number"] == doc.number_text and first["kind"] == doc.kind and first["kind_label"]
    assert first["abstract"] == doc.abstract and first["signer_name"] == doc.signer_name
    assert first["links"]["pdf"] == f"/api/v1/issued-documents/{doc.id}/file.pdf"
    response = api("theodoi").get(first["links"]["pdf"])
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF-")


def test_issued_documents_filters(demo, api):
    caller = api("chanhvanphong")
    docs = list(_issued())
    kind = docs[0].kind
    by_kind = caller.get(f"{ISSUED_URL}?kind={kind}").get_json()["items"]
    assert {i["id"] for i in by_kind} == {d.id for d in docs if d.kind == kind}
    year = docs[0].year
    by_year = caller.get(f"{ISSUED_URL}?year={year}").get_json()["items"]
    assert {i["id"] for i in by_year} == {d.id for d in docs if d.year == year}
    assert caller.get(f"{ISSUED_URL}?year=2001").get_json() == {
        "items": [],
        "page": 1,
        "per_page": 50,
        "total": 0,
        "pages": 1,
    }
    day = sorted(d.issued_on for d in docs)[len(docs) // 2]
    since = caller.get(f"{ISSUED_URL}?since={day.isoformat()}&per_page=100").get_json()["items"]
    assert {i["id"] for i in since} == {d.id for d in docs if d.issued_on >= day}
    assert all(datetime.date.fromisoformat(i["issued_on"]) >= day for i in since)


def test_issued_documents_bad_filters_are_problems(demo, api):
    caller = api("theodoi")
    for query in ("kind=thu-tinh", "since=2026-02-30", "year=abc", "per_page=101", "per_page=0", "page=-1", "x=1"):
        response = caller.get(f"{ISSUED_URL}?{query}")
        assert response.status_code == 400, query
        assert response.mimetype == "application/problem+json" and response.get_json()["errors"]


def test_issued_documents_pagination_limit(demo, api):
    caller = api("theodoi")
    total = caller.get(ISSUED_URL).get_json()["total"]
    assert total >= 2
    one = caller.get(f"{ISSUED_URL}?per_page=1&page=2").get_json()
    assert len(one["items"]) == 1 and one["pages"] == total and one["page"] == 2
    assert caller.get(f"{ISSUED_URL}?per_page=100").status_code == 200  # the API's maximum page size


def test_a_secret_issued_document_only_with_clearance(demo, api):
    """R-5.2: never in an ordinary list, even for clearance; in the secret list for clearance only."""
    secret = _make_secret(_issued()[0].id)
    for username in ("theodoi", "baomat", "giamdoc", "quantri", "luutru"):
        caller = api(username)
        listed = caller.get(f"{ISSUED_URL}?per_page=100").get_json()["items"]
        assert listed and secret.id not in {i["id"] for i in listed}
    for username in ("baomat", "giamdoc"):
        items = api(username).get(f"{ISSUED_URL}?secret=true").get_json()["items"]
        assert [i["id"] for i in items] == [secret.id]
    for username in ("theodoi", "chanhvanphong", "quantri", "luutru"):
        response = api(username).get(f"{ISSUED_URL}?secret=true")
        assert response.status_code == 403 and secret.number_text not in response.get_data(as_text=True)
    for username in ("canbodonvi", "truongdonvi"):
        assert api(username).get(ISSUED_URL).status_code == 403


def test_the_list_is_in_the_description(demo, api):
    spec = api("theodoi").get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/issued-documents"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"year", "kind", "since", "secret", "page", "per_page"}
    assert "IssuedDocumentPage" in str(operation["responses"]["200"])


# --- a task's result with its document file (R-6.3b) -------------------------------------------

import base64  # noqa: E402
import io  # noqa: E402

from inspection.monitoring import review_ops  # noqa: E402
from inspection.monitoring.models import ReviewItem  # noqa: E402
from inspection.register.models import ProgressUpdate, Task  # noqa: E402
from inspection.register.operations import RESULT_NOTE  # noqa: E402
from inspection.uploads import StoredFile  # noqa: E402
from tests.factories import jpg_bytes, pdf_bytes  # noqa: E402


def _open_task(api):
    """An open task CCKL leads, registered through the API."""
    from inspection.accounts.models import Unit

    body = {
        "number_symbol": "88/UBND-KT",
        "issuer_kind": "ubnd_tinh",
        "received_on": "2026-10-01",
        "tasks": [{"summary": "Kiểm kê rừng", "lead_unit_id": Unit.get(Unit.abbreviation == "CCKL").id}],
    }
    return api("theodoi").post("/api/v1/documents", json=body).get_json()["tasks"][0]


def _result(task, **extra):
    return {"version": task["version"], "completed_on": "2026-10-20", "result_doc_number": "15/BC-CCKL", **extra}


def _nothing_written(task_id, files_before):
    assert not Task.get_by_id(task_id).is_completed
    assert not ProgressUpdate.select().where(ProgressUpdate.task == task_id).exists()
    assert StoredFile.select().count() == files_before


def test_a_result_with_its_pdf_through_the_api(demo, api, client, login):
    """R-6.3b: the result's document is stored with it and shown beside it on the task page."""
    task = _open_task(api)
    pdf = base64.b64encode(pdf_bytes("Báo cáo kết quả kiểm kê")).decode()
    body = _result(task, result_file_base64=pdf, result_file_filename="bao-cao-ket-qua.pdf")
    done = api("theodoi").post(f"/api/v1/tasks/{task['id']}/result", json=body)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["is_completed"]
    update = ProgressUpdate.get(ProgressUpdate.task == task["id"])
    assert update.text == RESULT_NOTE and update.attachment_id and update.unit_id is None  # no review item
    review_ops.collect()  # the result is reviewed once, as a result; its file is no unit's report
    queued = ReviewItem.select().where(ReviewItem.task == task["id"])
    assert [i.kind for i in queued] == ["result"]
    listed = api("theodoi").get(f"/api/v1/tasks/{task['id']}/progress").get_json()["items"]
    assert [u["has_attachment"] for u in listed] == [True]
    file = api("theodoi").get(f"/api/v1/tasks/{task['id']}/progress/{update.id}/attachment")
    assert file.status_code == 200 and file.get_data().startswith(b"%PDF-")
    login(client, "theodoi")
    page = client.get(f"/register/tasks/{task['id']}").get_data(as_text=True)
    assert f'id="result-file" href="/register/files/{update.attachment_id}"' in page


def test_a_bad_result_file_is_a_problem_and_nothing_is_written(demo, api):
    task = _open_task(api)
    files = StoredFile.select().count()
    url = f"/api/v1/tasks/{task['id']}/result"
    cases = {
        "not base64 !": "Tệp PDF không đúng mã base64.",
        base64.b64encode(jpg_bytes()).decode(): "không phải loại được chấp nhận (PDF)",  # an image
        base64.b64encode(b"MZ\x90\x00 an executable named .pdf").decode(): "không phải loại được chấp nhận (PDF)",
        base64.b64encode(b"%PDF-1.4 broken").decode(): "Tệp PDF bị hỏng, không đọc được.",
    }
    for value, message in cases.items():
        response = api("theodoi").post(url, json=_result(task, result_file_base64=value))
        assert response.status_code == 400, response.get_json()
        assert response.mimetype == "application/problem+json" and message in response.get_json()["detail"]
        _nothing_written(task["id"], files)


def test_a_too_large_result_file_is_a_413_problem(demo, api, app):
    task = _open_task(api)
    files = StoredFile.select().count()
    app.config["API_MAX_UPLOAD"] = 64 * 1024
    big = base64.b64encode(b"%PDF-1.4\n" + b"0" * 100_000).decode()
    response = api("theodoi").post(f"/api/v1/tasks/{task['id']}/result", json=_result(task, result_file_base64=big))
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    _nothing_written(task["id"], files)


def test_a_stale_result_with_a_file_stores_no_file(demo, api):
    task = _open_task(api)
    api("theodoi").patch(f"/api/v1/tasks/{task['id']}", json={"version": task["version"], "is_key": True})
    files = StoredFile.select().count()
    pdf = base64.b64encode(pdf_bytes()).decode()
    response = api("theodoi").post(f"/api/v1/tasks/{task['id']}/result", json=_result(task, result_file_base64=pdf))
    assert response.status_code == 409
    _nothing_written(task["id"], files)


def test_a_secret_task_takes_no_result_file_online(demo, api):
    """R-5.2: an installation connected to the Internet keeps no content of a secret task."""
    secret = Task.get((Task.is_secret == True) & (Task.is_completed == False))  # noqa: E712
    files = StoredFile.select().count()
    updates = ProgressUpdate.select().where(ProgressUpdate.task == secret.id).count()
    body = {"version": secret.version, "completed_on": "2026-10-20", "result_file_base64": "JVBERi0="}
    response = api("baomat").post(f"/api/v1/tasks/{secret.id}/result", json=body)
    assert response.status_code == 400 and response.get_json()["errors"][0]["field"] == "result_file"
    assert not Task.get_by_id(secret.id).is_completed and StoredFile.select().count() == files
    assert ProgressUpdate.select().where(ProgressUpdate.task == secret.id).count() == updates


def _complete_form(task, file):
    return {
        "completed_on": "20/10/2026",
        "result_text": "Đã kiểm kê xong",
        "result_doc_number": "15/BC-CCKL",
        "result_doc_date": "20/10/2026",
        "version": str(task["version"]),
        "result_file": file,
    }


def test_the_complete_form_takes_the_result_file(demo, api, client, login):
    task = _open_task(api)
    login(client, "theodoi")
    page = client.get(f"/register/tasks/{task['id']}").get_data(as_text=True)
    assert 'name="result_file"' in page and 'enctype="multipart/form-data" novalidate id="complete-form"' in page
    data = _complete_form(task, (io.BytesIO(pdf_bytes("Kết quả")), "ket-qua.pdf"))
    response = client.post(f"/register/tasks/{task['id']}/complete", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    update = ProgressUpdate.get(ProgressUpdate.task == task["id"])
    assert update.text == RESULT_NOTE
    page = client.get(f"/register/tasks/{task['id']}").get_data(as_text=True)
    assert f'id="result-file" href="/register/files/{update.attachment_id}"' in page
    assert client.get(f"/register/files/{update.attachment_id}").get_data().startswith(b"%PDF-")


def test_the_complete_form_refuses_a_file_that_is_no_pdf(demo, api, client, login):
    task = _open_task(api)
    files = StoredFile.select().count()
    login(client, "theodoi")
    data = _complete_form(task, (io.BytesIO(jpg_bytes()), "ket-qua.pdf"))
    response = client.post(f"/register/tasks/{task['id']}/complete", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Nội dung tệp không phải loại được chấp nhận (PDF)" in response.get_data(as_text=True)
    _nothing_written(task["id"], files)
