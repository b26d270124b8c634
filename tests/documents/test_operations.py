"""Drafts, numbering at issue (Decree 30), frozen files, template versions, the register."""

import datetime
import io
import json
import threading

import pytest
from openpyxl import load_workbook

from inspection import settings
from inspection.db import db
from inspection.documents import DocumentContextError, contexts, kinds, operations, register, signers
from inspection.documents.models import ISSUED, ISSUING, OutgoingDocument
from inspection.errors import Conflict, ValidationFailed
from tests.factories import on
from tests.readback import docx_lines, flat

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def chief(app, make_user):
    app.config["TODAY"] = DAY.isoformat()  # the issue date is the day of issue
    return make_user(roles=["chief_of_office"], clearance=True)


def draft(kind, user, **kw):
    return operations.create_draft(kind, kinds.get(kind).sample, user, **kw)


def test_draft_has_no_number_until_issued(chief):
    doc = draft("inspection_decision", chief)
    assert doc.number is None and doc.state == "draft"
    doc = operations.issue(doc, chief, issued_on=DAY)
    assert (doc.number, doc.year, doc.state, doc.number_text) == (1, 2026, ISSUED, "01/QĐ-SNN")


def test_numbers_run_from_01_shared_sequence_and_restart_each_year(chief):
    a = operations.issue(draft("inspection_decision", chief), chief, issued_on=DAY)
    b = operations.issue(draft("inspection_plan", chief), chief, issued_on=DAY)
    c = operations.issue(draft("urging_letter", chief), chief, issued_on=DAY)
    assert [a.number_text, b.number_text, c.number_text] == ["01/QĐ-SNN", "02/KH-SNN", "03/SNN-VP"]
    d = operations.issue(draft("inspection_decision", chief), chief, issued_on=on(datetime.date(2027, 1, 4)))
    assert d.number_text == "01/QĐ-SNN" and d.year == 2027


def test_per_type_numbering_setting(chief):
    settings.set_value("documents.numbering", "per_type", chief)
    a = operations.issue(draft("inspection_decision", chief), chief, issued_on=DAY)
    b = operations.issue(draft("inspection_plan", chief), chief, issued_on=DAY)
    c = operations.issue(draft("inspection_decision", chief), chief, issued_on=DAY)
    assert [a.number, b.number, c.number] == [1, 1, 2]


def test_R_5_2_secret_documents_need_an_offline_installation_and_have_their_own_sequence(chief):
    with pytest.raises(ValidationFailed) as err:
        draft("inspection_decision", chief, secret=True)
    assert "Điều 5" in err.value.message
    assert OutgoingDocument.select().count() == 0
    settings.set_value("installation.offline", True, chief)
    open_doc = operations.issue(draft("inspection_decision", chief), chief, issued_on=DAY)
    secret = operations.issue(draft("inspection_decision", chief, secret=True), chief, issued_on=DAY)
    assert open_doc.number == 1 and secret.number == 1 and secret.secret
    assert [d.id for d in register.entries(2026)] == [open_doc.id]
    assert [d.id for d in register.entries(2026, secret=True)] == [secret.id]
    from inspection.audit import history_for

    for entry in history_for(secret):
        assert "Về việc" not in (entry.after or "") and "team" not in (entry.after or "")


def test_failed_issue_leaves_no_gap(chief):
    broken = draft("inspection_decision", chief)
    ctx = broken.ctx
    del ctx["team"]  # e.g. a record changed under the draft
    OutgoingDocument.update(context=json.dumps(ctx)).where(OutgoingDocument.id == broken.id).execute()
    broken = OutgoingDocument.get_by_id(broken.id)
    with pytest.raises(DocumentContextError):
        operations.issue(broken, chief, issued_on=DAY)
    broken = OutgoingDocument.get_by_id(broken.id)
    assert broken.state == "draft" and broken.number is None
    ok = operations.issue(draft("inspection_plan", chief), chief, issued_on=DAY)
    assert ok.number == 1


def test_interrupted_issue_is_completed_with_the_same_number(chief):
    doc = draft("urging_letter", chief)
    # The crash window: the number is taken, the files are not yet stored.
    reserved = operations._reserve(doc, chief, doc.ctx, DAY)
    assert reserved.state == ISSUING and reserved.number == 1
    other = operations.issue(draft("urging_letter", chief), chief, issued_on=DAY)
    assert other.number == 2
    done = operations.issue(OutgoingDocument.get_by_id(doc.id), chief)
    assert done.state == ISSUED and done.number == 1 and done.pdf_file is not None
    with pytest.raises(Conflict):
        operations.issue(done, chief)


def test_issued_document_is_frozen_with_hash_size_who_when(chief, app):
    doc = operations.issue(
        draft("urging_letter", chief),
        chief,
        issued_on=on(datetime.date(2026, 1, 5)),
        signer=signers.signer_block(signers.OFFICE_CHIEF, "Phạm Minh Tuấn"),
    )
    stored = doc.docx_file
    assert len(stored.sha256) == 64 and stored.size > 1000 and stored.uploaded_by_id == chief.id
    assert stored.uploaded_at is not None and doc.pdf_file.kind == "pdf"
    text = flat(" ".join(docx_lines(stored.read_bytes())))
    assert "Số: 01/SNN-VP" in text and "Quảng Ngãi, ngày 05 tháng 01 năm 2026" in text
    assert "TL. GIÁM ĐỐC" in text and "CHÁNH VĂN PHÒNG" in text
    before = (stored.read_bytes(), doc.pdf_file.read_bytes())
    settings.set_value("org.agency_name", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", chief)
    client = app.test_client()
    client.post("/login", data={"username": chief.username, "password": "Demo@2026"})
    assert client.get(f"/documents/{doc.id}/file.docx").data == before[0]
    assert client.get(f"/documents/{doc.id}/file.pdf").data == before[1]
    with pytest.raises(Conflict):
        operations.update_draft(doc, kinds.get("urging_letter").sample, chief)


def test_update_draft_and_register_columns(chief):
    doc = draft("urging_letter", chief, copies=3, note="Gửi qua eOffice")
    ctx = doc.ctx
    ctx["abstract"] = "đôn đốc báo cáo 6 tháng"
    operations.update_draft(doc, ctx, chief)
    doc = operations.issue(OutgoingDocument.get_by_id(doc.id), chief, issued_on=on(datetime.date(2026, 6, 15)))
    row = register.row(doc)
    assert row[:4] == ["01/SNN-VP", "15/06/2026", "Công văn: đôn đốc báo cáo 6 tháng", "Phạm Minh Tuấn"]
    assert row[4].startswith("Như trên") and row[5:] == ["VP", 3, "Gửi qua eOffice"]
    wb = load_workbook(io.BytesIO(register.xlsx([doc], 2026)))
    ws = wb.active
    assert [c.value for c in ws[2]] == register.HEADERS  # g5: Decree 30 columns, then "Người trình"
    assert ws["A3"].value == "01/SNN-VP"


def test_excel_export_keeps_formula_like_text_as_text(chief):
    ctx = kinds.get("urging_letter").sample
    ctx["abstract"] = '=HYPERLINK("http://x","y")'
    doc = operations.issue(operations.create_draft("urging_letter", ctx, chief), chief, issued_on=DAY)
    ws = load_workbook(io.BytesIO(register.xlsx([doc], 2026))).active
    assert ws["C3"].data_type == "s"


def test_frame_context_from_settings(chief):
    settings.set_value("org.agency_name", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", chief)
    settings.set_value("org.agency_abbr", "SNNMT", chief)
    ctx = contexts.frame(
        "inspection_decision",
        abstract="Về việc kiểm tra",
        number=7,
        issued_on=datetime.date(2026, 7, 1),
        signer_role="deputy",
        copies_to=["Như Điều 3"],
    )
    assert ctx["agency"] == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" and ctx["symbol"] == "QĐ-SNNMT"
    assert ctx["number"] == "07" and ctx["date_line"] == "Quảng Ngãi, ngày 01 tháng 7 năm 2026"
    assert ctx["signer_authority"] == "KT. GIÁM ĐỐC" and ctx["signer_name"] == "Trần Văn Hùng"
    full = contexts.inspection_decision(
        frame_ctx=ctx,
        grounds=["Căn cứ A"],
        inspection_subject="việc X",
        team=[dict(honorific="Ông", name="A", position="B", role="Trưởng đoàn")],
        contents=["C"],
        subjects="D",
        scope="E",
        time_limit="F",
        team_duties=["G"],
        report_due="H",
        executors="I",
    )
    assert set(full) == set(kinds.get("inspection_decision").fields)
    doc = operations.create_draft("inspection_decision", full, chief)
    assert doc.symbol == "QĐ-SNNMT"


def _issue_in_threads(app, doc_ids, user):
    errors, barrier = [], threading.Barrier(len(doc_ids))

    def work(pk):
        try:
            with app.app_context(), db.connection_context():
                barrier.wait()
                operations.issue(OutgoingDocument.get_by_id(pk), user, issued_on=DAY)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(pk,)) for pk in doc_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_issuers_never_share_a_number(app, chief):
    ids = [
        draft(k, chief).id
        for k in (
            "inspection_decision",
            "inspection_plan",
            "urging_letter",
            "conclusion_notice",
            "request_letter",
            "inspection_report",
        )
    ]
    if not db.is_closed():
        db.close()
    errors = _issue_in_threads(app, ids, chief)
    with db.connection_context():
        numbers = sorted(d.number for d in OutgoingDocument.select())
    assert errors == [] and numbers == [1, 2, 3, 4, 5, 6]


def test_concurrent_issue_of_the_same_document_numbers_it_once(app, chief):
    pk = draft("inspection_decision", chief).id
    if not db.is_closed():
        db.close()
    errors = _issue_in_threads(app, [pk, pk, pk], chief)
    with db.connection_context():
        doc = OutgoingDocument.get_by_id(pk)
        seq = list(OutgoingDocument.select().where(OutgoingDocument.number.is_null(False)))
    assert all(isinstance(e, Conflict) for e in errors)
    assert doc.state == ISSUED and doc.number == 1 and len(seq) == 1
