"""Disposal review and destruction (hủy tài liệu hết giá trị, issue 17): LT-HUY (never without
the recorded decision, never a permanent dossier, only after the retention) and LT-HOLD.
Real database, real files: the files are gone afterwards, the record of the dossier remains."""

import datetime
import io
import json
import os

import pytest

from inspection.disposition import destroy, disposal, queries
from inspection.disposition import rules as ar
from inspection.disposition.models import D_DECIDED, D_DESTROYED, D_DRAFT, DestructionRecord, DisposalReview
from inspection.dossier import operations, rules
from inspection.dossier.models import CLOSED, DESTROYED, Dossier, DossierItem
from inspection.errors import ValidationFailed
from tests.factories import pdf_bytes
from tests.readback import docx_text, flat, pdf_text

pytestmark = pytest.mark.db
COUNCIL = "Phạm Minh Tuấn, Chánh Văn phòng (Chủ tịch)\nĐặng Thị Thu, Lưu trữ viên"


def _expired(dossier, chief, retention="5 năm", ended=2015):
    """Close the dossier, with one upload of its own, and date it so its retention is over."""
    operations.add_upload(
        dossier,
        chief,
        io.BytesIO(pdf_bytes("Biên bản riêng của hồ sơ")),
        "rieng.pdf",
        {"component": 8, "type_and_abstract": "Tài liệu riêng của hồ sơ"},
    )
    closed = operations.close(dossier, chief, background=False)
    Dossier.update(retention=retention, end_on=datetime.date(ended, 12, 31), year=ended).where(
        Dossier.id == closed.id
    ).execute()
    return Dossier.get_by_id(closed.id)


def _decide(review, chief):
    return disposal.record_decision(
        review,
        chief,
        "12/QĐ-SNN",
        datetime.date(2026, 1, 5),
        "Giám đốc Sở",
        COUNCIL,
        io.BytesIO(pdf_bytes("QĐ hủy")),
        "qd.pdf",
    )


def _content_paths(d, app):
    """The dossier's own uploads, the files other records share with it, and its package."""
    items = [i for i in DossierItem.select().where(DossierItem.dossier == d) if i.file_id]
    own = [i.file.path for i in items if i.source == "upload"]
    shared = [i.file.path for i in items if i.source != "upload"]
    return own, shared, os.path.join(app.config["ARCHIVE_DIR"], "packages", d.package_name)


def issued_documents_intact():
    """Every issued document of the register still has its Word and PDF files."""
    from inspection.documents.models import OutgoingDocument

    docs = list(OutgoingDocument.select().where(OutgoingDocument.pdf_file.is_null(False)))
    return docs and all(d.pdf_file.path.exists() and (d.docx_file is None or d.docx_file.path.exists()) for d in docs)


# ---- pure rules ---------------------------------------------------------------------


def test_LT_HUY_rules_permanent_never_expiry_first_hold_then_decision():
    assert ar.retention_end_year("10 năm", 2015) == 2025 and ar.retention_end_year("Vĩnh viễn", 2015) is None
    assert ar.past_retention("10 năm", 2015, 2025) and not ar.past_retention("10 năm", 2015, 2024)
    assert "không bao giờ" in ar.destroy_refusal("A", CLOSED, "Vĩnh viễn", 2000, 2026, True)
    assert "đến hết năm 2025" in ar.destroy_refusal("A", CLOSED, "10 năm", 2015, 2024, True)
    assert "phong tỏa" in ar.destroy_refusal("A", CLOSED, "5 năm", 2015, 2026, True, ["khiếu nại"])
    assert "Chưa ghi nhận quyết định" in ar.destroy_refusal("A", CLOSED, "5 năm", 2015, 2026, False)
    assert ar.destroy_refusal("A", CLOSED, "5 năm", 2015, 2026, True) is None
    assert "Luật Lưu trữ số 33/2024/QH15" in ar.NO_DECISION_MESSAGE


# ---- the walk ------------------------------------------------------------------------


def test_LT_HUY_disposal_walk_files_gone_record_remains(app, dossier, chief):
    d = _expired(dossier, chief)
    assert d.id in [r.id for r in queries.past_retention(2026)]
    files, shared, package = _content_paths(d, app)
    assert files and shared and all(p.exists() for p in files + shared) and os.path.isdir(package)

    review = disposal.create(chief, "Xét hủy tài liệu năm 2026", [str(d.id)], council=COUNCIL)
    with pytest.raises(ValidationFailed, match="Chưa ghi nhận quyết định"):
        destroy.destroy(review, chief)  # a destruction without a decision
    assert Dossier.get_by_id(d.id).state == CLOSED and os.path.isdir(package)
    with pytest.raises(ValidationFailed, match="PDF"):
        disposal.record_decision(
            review, chief, "12/QĐ-SNN", datetime.date(2026, 1, 5), "GĐ", "", io.BytesIO(b"MZ not a pdf"), "qd.pdf"
        )
    review = _decide(review, chief)
    assert review.state == D_DECIDED and review.decision_file.kind == "pdf"

    done = destroy.destroy(review, chief)
    assert done.state == D_DESTROYED
    gone = Dossier.get_by_id(d.id)
    assert gone.state == DESTROYED and gone.destroyed_at and gone.code == d.code and gone.title == d.title
    assert not any(p.exists() for p in files) and not os.path.exists(package)
    # the issued documents, the directive's scan, the unit's answer belong to their own records
    assert all(p.exists() for p in shared)
    assert issued_documents_intact()
    assert not os.path.exists(os.path.join(app.config["ARCHIVE_DIR"], "quarantine", f"review-{review.id}"))
    record = DestructionRecord.get(DestructionRecord.dossier == d.id)
    assert record.dossier_code == d.code and "12/QĐ-SNN" in record.decision_ref and record.files_count >= len(files)
    entries = json.loads(record.hashes)
    assert {p.name for p in files} <= {e["sha256"] for e in entries if e["size"]}
    assert {p.name for p in shared} <= {e["sha256"] for e in entries if e["name"] == "(dùng chung, giữ lại)"}
    text = flat(pdf_text(record.record_pdf.read_bytes()))
    assert "BIÊN BẢN HỦY TÀI LIỆU HẾT GIÁ TRỊ" in text and d.code in text and "12/QĐ-SNN" in text
    assert d.code in flat(docx_text(record.record_docx.read_bytes()))
    with pytest.raises(rules.DossierClosed, match="đã bị hủy"):
        operations.ensure_open(gone)
    from inspection.dossier import archive
    from inspection.dossier import queries as dq

    # the fixity check does not report a package destroyed by decision as missing
    assert archive.verify_all(app.config["ARCHIVE_DIR"], expected=dq.archived_package_names()).ok
    from inspection.dossier import queries as dossier_queries

    assert gone.id in [r.id for r in dossier_queries.search_archive(code=d.code)]  # the record of its existence


def test_LT_HUY_permanent_dossier_cannot_be_reviewed_or_destroyed(app, dossier, chief):
    d = _expired(dossier, chief, retention="Vĩnh viễn")
    assert d.id not in [r.id for r in queries.past_retention(2100)]
    with pytest.raises(ValidationFailed, match="vĩnh viễn: không bao giờ"):
        disposal.create(chief, "Xét hủy", [str(d.id)])
    assert DisposalReview.select().count() == 0


def test_LT_HUY_retention_not_over_is_refused(app, dossier, chief):
    d = _expired(dossier, chief, retention="70 năm", ended=2020)
    with pytest.raises(ValidationFailed, match="chưa được hủy"):
        disposal.create(chief, "Xét hủy", [str(d.id)])


def test_LT_HUY_a_failure_halfway_leaves_the_dossier_whole(app, dossier, chief):
    d = _expired(dossier, chief)
    review = _decide(disposal.create(chief, "Xét hủy", [str(d.id)], council=COUNCIL), chief)
    planned = destroy.plan([d])
    moves = planned[0][1]
    assert len(moves) >= 2
    # The quarantine already holds a folder where the second file must go: that rename fails.
    second = moves[1][1].get("quarantine") or moves[1][1]["sha256"]
    blocker = os.path.join(app.config["ARCHIVE_DIR"], "quarantine", f"review-{review.id}", second)
    os.makedirs(os.path.join(blocker, "x"))
    before = {src: os.path.exists(src) for src, _e in moves}
    with pytest.raises(OSError):
        destroy.destroy(review, chief)
    assert {src: os.path.exists(src) for src, _e in moves} == before  # every file back in place
    assert Dossier.get_by_id(d.id).state == CLOSED and DestructionRecord.select().count() == 0
    assert DisposalReview.get_by_id(review.id).state == D_DECIDED
    from inspection.dossier import archive

    assert archive.verify_all(app.config["ARCHIVE_DIR"], expected=[d.package_name]).ok
    os.rmdir(os.path.join(blocker, "x"))
    os.rmdir(blocker)
    assert destroy.destroy(review, chief).state == D_DESTROYED  # and it can be done afterwards


def test_LT_HUY_review_is_reversible_until_destruction(app, dossier, chief):
    d = _expired(dossier, chief)
    review = disposal.create(chief, "Xét hủy", [str(d.id)])
    with pytest.raises(ValidationFailed, match="đã có trong đợt xét hủy"):
        disposal.create(chief, "Xét hủy lần hai", [str(d.id)])
    review = _decide(review, chief)
    disposal.cancel(review, chief, "Hội đồng đề nghị giữ lại")
    assert DisposalReview.get_by_id(review.id).state not in (D_DRAFT, D_DECIDED)
    assert Dossier.get_by_id(d.id).state == CLOSED
    assert disposal.create(chief, "Xét hủy lại", [str(d.id)]).state == D_DRAFT


def test_LT_HUY_pages_refuse_bad_input_with_the_rule(app, client, login, dossier, chief, make_user):
    d = _expired(dossier, chief)
    archivist = make_user(roles=["archivist"], username="luutru_d", full_name="Đặng Thị Thu")
    login(client, archivist.username)
    home = client.get("/").text
    assert "Đã hết thời hạn bảo quản, chờ xét hủy" in home and "Đến hạn nộp lưu năm nay" in home
    assert d.code in client.get("/archive/disposal/?year=2026").text
    r = client.post("/archive/disposal/?year=2026", data={"title": "Xét hủy 2026", "dossiers": [str(d.id)]})
    assert r.status_code == 302
    review = DisposalReview.select().get()
    r = client.post(f"/archive/disposal/{review.id}/destroy")
    assert r.status_code == 400 and "Chưa ghi nhận quyết định" in r.text  # no decision: nothing destroyed
    assert Dossier.get_by_id(d.id).state == CLOSED
    data = {"decision_number": "9/QĐ-SNN", "decision_date": "05/01/2026", "decision_signer": "Giám đốc Sở"}
    r = client.post(
        f"/archive/disposal/{review.id}/decision",
        data={**data, "decision_file": (io.BytesIO(b"GIF89a not a pdf"), "qd.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "PDF" in r.text and DisposalReview.get_by_id(review.id).state == D_DRAFT
    r = client.post(
        f"/archive/disposal/{review.id}/decision",
        data={**data, "decision_file": (io.BytesIO(pdf_bytes("QĐ")), "qd.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302 and DisposalReview.get_by_id(review.id).state == D_DECIDED
    assert client.post(f"/archive/disposal/{review.id}/destroy").status_code == 302
    assert Dossier.get_by_id(d.id).state == DESTROYED
    assert client.get(f"/archive/disposal/{review.id}/record.pdf").status_code == 200
    item = DossierItem.select().where(DossierItem.dossier == d.id).first()
    r = client.get(f"/dossier/items/{item.id}/file")
    assert r.status_code == 404 and "đã bị hủy" in r.text


def test_LT_HUY_a_destruction_killed_before_its_commit_is_put_back_by_the_next_attempt(app, dossier, chief):
    d = _expired(dossier, chief)
    review = _decide(disposal.create(chief, "Xét hủy", [str(d.id)], council=COUNCIL), chief)
    ((_d, moves, _kept),) = destroy.plan([d])
    folder = destroy._quarantine(review)
    destroy._move_all([(d, moves, [])], folder)  # what a process killed after its moves leaves
    assert not any(os.path.exists(src) for src, _e in moves)
    destroy.restore_interrupted(folder)
    assert all(os.path.exists(src) for src, _e in moves)  # the dossier is whole again
    from inspection.dossier import archive

    assert archive.verify_all(app.config["ARCHIVE_DIR"], expected=[d.package_name]).ok
    destroy._move_all([(d, moves, [])], folder)  # killed again; the next attempt completes
    assert destroy.destroy(review, chief).state == D_DESTROYED
    record = DestructionRecord.get(DestructionRecord.dossier == d.id)
    assert record.files_count == len(moves) and not any(os.path.exists(src) for src, _e in moves)


def test_LT_HUY_15_destruction_within_15_days_of_the_decision():
    """Thông tư 06/2025/TT-BNV: the destruction is carried out at the latest 15 days after the
    decision (calendar days); the pages count the days past that limit."""
    decided = datetime.date(2026, 1, 5)
    assert ar.destruction_due(decided) == datetime.date(2026, 1, 20)
    assert ar.destruction_due(None) is None
    assert ar.destruction_overdue_days(decided, datetime.date(2026, 1, 20)) == 0
    assert ar.destruction_overdue_days(decided, datetime.date(2026, 1, 23)) == 3
    assert "06/2025/TT-BNV" in ar.DESTROY_DUE_TEXT


def test_LT_HUY_15_a_decided_review_shows_its_limit_and_lateness(app, client, login, dossier, chief, make_user):
    d = _expired(dossier, chief)
    review = disposal.create(chief, "Xét hủy 2026", [d.id])
    _decide(review, chief)  # decided on 05/01/2026: the limit was 20/01/2026
    archivist = make_user(roles=["archivist"], username="luutru_h", full_name="Đặng Thị Thu")
    login(client, archivist.username)
    page = client.get(f"/archive/disposal/{review.id}").text
    assert "chậm nhất ngày 20/01/2026" in page and "Thông tư số 06/2025/TT-BNV" in page
    late = (app_today(app) - datetime.date(2026, 1, 20)).days
    assert f"Đã quá hạn thực hiện hủy {late} ngày" in page
    home = client.get("/").text
    assert f"archive-destroy-{review.id}" in home and f"quá hạn {late} ngày" in home
    destroy.destroy(DisposalReview.get_by_id(review.id), chief)
    assert f"archive-destroy-{review.id}" not in client.get("/").text  # done: no longer waiting
    assert "chậm nhất ngày" not in client.get(f"/archive/disposal/{review.id}").text


def app_today(app):
    from inspection import clock

    with app.test_request_context():
        return clock.today()
