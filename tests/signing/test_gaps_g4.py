"""Issue 16 gaps (audit g4): clear verdicts, a verdict beside every uploaded PDF, PDF/A for every
issued document, the unsigned DOCX saying so, nothing issued half-signed."""

import base64
import io

from inspection.register.models import ProgressUpdate
from tests.api.conftest import api, token_for  # noqa: F401  (fixtures)
from tests.register.conftest import register_doc, units, users  # noqa: F401  (fixtures)

from .test_verify_uploads import signed_from_outside

# --- 2. the verdict beside every uploaded PDF ----------------------------------------------------


def test_issue16_a_signed_progress_attachment_shows_its_signer_on_the_task_page(
    client, login, users, units, register_doc, signing, test_pki
):  # noqa: F811
    _, (task,) = register_doc(tasks=[dict(summary="Việc của Kiểm lâm", lead_unit=units["kl"])])
    login(client, "canbokl")
    r = client.post(
        f"/register/tasks/{task.id}/progress",
        content_type="multipart/form-data",
        data={
            "on_date": "26/11/2026",
            "text": "Báo cáo đã ký số",
            "attachment": (io.BytesIO(signed_from_outside(test_pki)), "bao-cao.pdf"),
        },
    )
    assert r.status_code == 302, r.get_data(as_text=True)[:1000]
    assert ProgressUpdate.get().attachment_id
    page = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert 'data-state="valid"' in page and "Có chữ ký số hợp lệ của Nguyễn Văn An" in page


def test_issue16_a_pdf_sent_through_the_api_is_checked_and_the_answer_carries_the_verdict(demo, api, signing, test_pki):  # noqa: F811
    from inspection.accounts.models import Unit
    from inspection.signing import records

    body = {
        "number_symbol": "78/UBND-KT",
        "issuer_kind": "ubnd_tinh",
        "received_on": "2026-10-01",
        "tasks": [{"summary": "Tuần tra rừng", "lead_unit_id": Unit.get(Unit.abbreviation == "CCKL").id}],
    }
    task = api("theodoi").post("/api/v1/documents", json=body).get_json()["tasks"][0]
    data = signed_from_outside(test_pki)
    body = {"on_date": "2026-10-05", "text": "Báo cáo ký số", "attachment_base64": base64.b64encode(data).decode()}
    response = api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json=body)
    assert response.status_code == 201, response.get_json()
    verdict = response.get_json()["attachment_signature"]
    assert verdict["state"] == "valid" and "Nguyễn Văn An" in verdict["text"]
    update = ProgressUpdate.get_by_id(response.get_json()["id"])
    assert records.verdict_of(update.attachment.sha256).state == "valid"  # kept, as for the form's upload


# --- 5. nothing is issued half-signed ------------------------------------------------------------


def _closed_port_url():
    import socket

    with socket.socket() as s:  # a port the system gave and took back: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def test_issue16_signing_that_fails_after_the_number_issues_nothing_and_the_retry_keeps_the_number(
    app, make_user, signing, tsa_url
):
    import datetime

    import pytest

    from inspection.documents import kinds, operations
    from inspection.documents.models import ISSUED, ISSUING, OutgoingDocument
    from inspection.errors import ValidationFailed
    from inspection.signing import verify
    from inspection.uploads import StoredFile

    day = datetime.date(2026, 3, 2)
    app.config["TODAY"] = day.isoformat()
    chief = make_user(roles=["chief_of_office"], clearance=True)
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    signing["SIGNING_TSA_URL"] = _closed_port_url()  # the timestamp server is down
    files_before = StoredFile.select().count()
    with pytest.raises(ValidationFailed) as err:
        operations.issue(doc, chief, issued_on=day)
    assert "Không ký số được văn bản" in err.value.message and "chưa được ban hành" in err.value.message
    held = OutgoingDocument.get_by_id(doc.id)
    assert held.state == ISSUING and held.number == 1  # "đang ban hành", its number reserved
    assert held.pdf_file is None and held.docx_file is None and StoredFile.select().count() == files_before
    signing["SIGNING_TSA_URL"] = tsa_url  # the server is back
    done = operations.issue(held, chief, issued_on=day)
    assert done.state == ISSUED and done.number == 1  # the same number, no gap
    verdict = verify.verify_pdf(done.pdf_file.path.read_bytes(), signing)
    assert verdict.state == verify.VALID and verdict.level == "B-LT"
