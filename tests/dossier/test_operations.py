"""Compiling, checking, closing and archiving a dossier against a real database (R-17)."""

import io
import json
import os

import pytest
from pypdf import PdfReader, PdfWriter

from inspection.dossier import filing, operations, rules
from inspection.dossier.models import AssemblyJob, Dossier, DossierItem
from inspection.errors import ValidationFailed
from tests.factories import docx_bytes, jpg_bytes, pdf_bytes, xlsx_bytes
from tests.readback import flat, pdf_pages

pytestmark = pytest.mark.db


def _upload(dossier, user, data, name="scan.pdf", component=8, **meta):
    meta = {"component": component, "type_and_abstract": "Tài liệu bổ sung", **meta}
    return operations.add_upload(dossier, user, io.BytesIO(data), name, meta)


def test_R_17_system_documents_are_filed_in_their_components(dossier):
    by_component = {}
    for it in operations.active_items(dossier):
        by_component.setdefault(it.component, []).append(it)
    assert [it.number_symbol for it in by_component[1]] == ["05/QĐ-SNN"]
    assert [it.number_symbol for it in by_component[2]] == ["123/UBND-NNTN"]
    assert [it.source for it in by_component[3]] == ["generated"]
    assert by_component[4][0].source == "answer" and by_component[4][0].author == "Chi cục Kiểm lâm"
    assert [it.number_symbol for it in by_component[5]] == ["03/KH-SNN"]
    assert {it.number_symbol for it in by_component[6]} == {"01/BB-SNN", "07/SNN-VP"}
    assert [it.number_symbol for it in by_component[7]] == ["09/BC-SNN"]
    assert [it.number_symbol for it in by_component[8]] == ["11/TB-SNN"]
    assert operations.missing(dossier) == []


def test_R_17_filing_twice_adds_nothing_and_removed_items_stay_removed(dossier, chief):
    item = operations.active_items(dossier)[0]
    operations.remove_item(item, chief, "Bản trùng")
    assert filing.file_from_system(dossier, chief) == 0
    assert DossierItem.get_by_id(item.id).removed


def test_R_17_notice_component_follows_the_setting(notified_case, chief):
    from inspection import settings

    settings.set_value("dossier.notice_component", 7, chief)
    d = operations.open_dossier(notified_case, chief)
    filing.file_from_system(d, chief)
    notice = DossierItem.get(DossierItem.number_symbol == "11/TB-SNN")
    assert notice.component == 7


def test_R_17_completeness_lists_missing_and_shrinks_with_uploads(notified_case, chief):
    d = operations.open_dossier(notified_case, chief)  # nothing filed yet
    assert [n for n, _ in operations.missing(d)] == [1, 2, 4, 5, 6, 7]
    with pytest.raises(ValidationFailed) as err:
        operations.close(d, chief)
    assert "1. Quyết định thành lập Đoàn kiểm tra" in err.value.message
    _upload(d, chief, pdf_bytes("QĐ giấy"), component=1, number_symbol="05/QĐ-SNN")
    assert [n for n, _ in operations.missing(d)] == [2, 4, 5, 6, 7]
    assert not Dossier.get_by_id(d.id).is_closed


def test_upload_metadata_and_scan_are_stored_by_content_hash(dossier, chief):
    item = _upload(
        dossier,
        chief,
        jpg_bytes(),
        name="../../etc/passwd.jpg",
        component=4,
        number_symbol="15/BC-CCKL",
        doc_date="2026-03-01",
        author="Chi cục Kiểm lâm",
        pages=1,
    )
    assert item.file.kind == "jpg" and item.file.original_name == "passwd.jpg"
    assert str(item.file.path).endswith(item.file.sha256)
    assert item.position == 1  # after the unit's answer
    assert item.doc_date.isoformat() == "2026-03-01"


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "bao-cao.pdf", "Nội dung tệp không phải loại được chấp nhận"),
        (b"%PDF-1.7\n garbage without objects", "hong.pdf", "bị hỏng"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(dossier, chief, data, name, message):
    before = DossierItem.select().count()
    with pytest.raises(ValidationFailed) as err:
        _upload(dossier, chief, data, name=name)
    assert message in err.value.message
    assert DossierItem.select().count() == before


def test_encrypted_pdf_is_refused(dossier, chief):
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes("mật")))
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ValidationFailed) as err:
        _upload(dossier, chief, buf.getvalue(), name="mat.pdf")
    assert "mã hóa" in err.value.message


class _Endless(io.RawIOBase):
    """A 200 MB upload that is never held in memory: it yields zeros after a PDF header."""

    def __init__(self, size):
        self.left, self.read_bytes = size, 0

    def readable(self):
        return True

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        self.read_bytes += n
        return (b"%PDF-" + b"\0" * (n - 5)) if self.read_bytes == n else b"\0" * n


def test_200_MB_upload_is_refused_without_reading_it_all(dossier, chief):
    stream = _Endless(200 * 1024 * 1024)
    with pytest.raises(ValidationFailed) as err:
        operations.add_upload(dossier, chief, stream, "lon.pdf", {"component": 8, "type_and_abstract": "Tệp lớn"})
    assert "quá lớn" in err.value.message and "50 MB" in err.value.message
    assert stream.read_bytes < 60 * 1024 * 1024


def test_duplicate_upload_is_refused(dossier, chief):
    data = pdf_bytes("Một tài liệu")
    _upload(dossier, chief, data)
    with pytest.raises(ValidationFailed) as err:
        _upload(dossier, chief, data, name="ban-sao.pdf")
    assert "đã có trong hồ sơ" in err.value.message


def test_metadata_is_required(dossier, chief):
    with pytest.raises(ValidationFailed) as err:
        operations.add_upload(
            dossier, chief, io.BytesIO(pdf_bytes()), "x.pdf", {"component": 9, "type_and_abstract": "x"}
        )
    assert err.value.field == "component"
    with pytest.raises(ValidationFailed) as err:
        operations.add_upload(
            dossier, chief, io.BytesIO(pdf_bytes()), "x.pdf", {"component": 8, "type_and_abstract": "  "}
        )
    assert err.value.field == "type_and_abstract"


def test_reorder_within_component(dossier, chief):
    minutes, letter = [it for it in operations.active_items(dossier) if it.component == 6]
    operations.move_item(letter, chief, -1)
    assert [it.id for it in operations.active_items(dossier) if it.component == 6] == [letter.id, minutes.id]


def test_remove_needs_a_reason_and_is_audited(dossier, chief):
    from inspection.audit import AuditEntry

    item = operations.active_items(dossier)[-1]
    with pytest.raises(ValidationFailed):
        operations.remove_item(item, chief, " ")
    operations.remove_item(item, chief, "Bản nháp")
    assert (
        AuditEntry.select()
        .where(
            (AuditEntry.table == "dossier_item") & (AuditEntry.record_id == item.id) & (AuditEntry.action == "delete")
        )
        .exists()
    )


def test_R_17_close_archives_and_then_refuses_every_change(dossier, chief, app):
    from inspection.cases import rules as case_rules
    from inspection.dossier import archive

    item = operations.active_items(dossier)[0]
    closed = operations.close(dossier, chief)
    assert closed.is_closed and closed.case.state == case_rules.CLOSED
    assert closed.archived_at and closed.package_name == "kt-2026-" + f"{closed.case.id:03d}"
    report = archive.verify_all(app.config["ARCHIVE_DIR"], expected=[closed.package_name])
    assert report.ok and len(report.checks) == 1
    pkg = os.path.join(app.config["ARCHIVE_DIR"], "packages", closed.package_name)
    manifest = json.load(open(os.path.join(pkg, "data", "manifest.json"), encoding="utf-8"))
    assert manifest["document_count"] == 9
    assert PdfReader(os.path.join(pkg, "data", "ho-so.pdf")).pages
    info = open(os.path.join(pkg, "bag-info.txt"), encoding="utf-8").read()
    assert "Inspected-Units: Chi cục Kiểm lâm" in info and "Document-Count: 9" in info
    changes = [
        lambda: _upload(closed, chief, pdf_bytes("muộn")),
        lambda: operations.remove_item(item, chief, "x"),
        lambda: operations.move_item(item, chief, 1),
        lambda: operations.edit_item(item, chief, {"type_and_abstract": "sửa"}),
        lambda: filing.file_from_system(closed, chief),
        lambda: operations.close(closed, chief),
        lambda: rules.ensure_open(closed.case),  # the guard the cases part calls
    ]
    for change in changes:
        with pytest.raises(rules.DossierClosed) as err:
            change()
        assert "đã đóng" in err.value.message
    assert DossierItem.get_by_id(item.id).type_and_abstract == item.type_and_abstract


def test_assembly_job_runs_in_the_queue_and_stores_pdf_and_zip(dossier, chief):
    import zipfile

    job = operations.request_assembly(dossier, chief)
    assert job.state == "done" and job.percent == 100 and job.page_count > 10
    toc = json.loads(job.toc)
    pages = pdf_pages(job.pdf.path)
    assert len(pages) == job.page_count
    decision = DossierItem.get(DossierItem.number_symbol == "05/QĐ-SNN")
    first = toc[str(decision.id)][0]
    assert "QUYẾT ĐỊNH" in pages[first - 1]
    with zipfile.ZipFile(str(job.zip.path)) as z:
        names = z.namelist()
    assert "ho-so.pdf" in names and "manifest.json" in names
    assert "originals/1/1-01-05-qd-snn.pdf" in names
    assert AssemblyJob.select().count() == 1


def test_R_17_word_and_excel_uploads_become_pages_of_the_assembled_pdf(dossier, chief):
    """LibreOffice converts uploaded DOCX/XLSX; the TOC gives each its pages (Appendix V)."""
    word = _upload(
        dossier,
        chief,
        docx_bytes("DOCW", pages=2),
        name="bao-cao-bo-sung.docx",
        component=4,
        type_and_abstract="Báo cáo bổ sung của Chi cục",
    )
    sheet = _upload(
        dossier, chief, xlsx_bytes("XLSW"), name="so-lieu.xlsx", component=4, type_and_abstract="Bảng số liệu nhiệm vụ"
    )
    assert (word.file.kind, sheet.file.kind) == ("docx", "xlsx")
    job = operations.request_assembly(dossier, chief)
    assert job.state == "done", job.message
    toc = json.loads(job.toc)
    pages = pdf_pages(job.pdf.path)
    assert len(pages) == job.page_count
    w_first, w_last = toc[str(word.id)]
    s_first, s_last = toc[str(sheet.id)]
    assert (w_last - w_first, s_last - s_first) == (1, 0)
    assert "DOCW trang 1" in pages[w_first - 1]
    assert "DOCW trang 2" in pages[w_last - 1]
    assert "XLSW" in pages[s_first - 1]
    toc_text = flat(" ".join(pages[1:4]))
    assert rules.page_range_label(w_first, w_last) in toc_text and "Báo cáo bổ sung của Chi cục" in toc_text
    assert "Đính kèm trong gói" not in toc_text


def test_R_17_closed_case_and_findings_refuse_edits(dossier, chief, make_user):
    """After closing, the cases part refuses edits of the case, its findings and new answers."""
    import datetime

    from inspection.cases import operations as case_ops
    from inspection.cases import work
    from inspection.cases.models import Finding, InformationRequest
    from inspection.errors import DomainError

    case = dossier.case
    work.prefill_findings(case, chief)
    finding = Finding.get(Finding.case == case)
    operations.close(dossier, chief)
    case = type(case).get_by_id(case.id)
    request = InformationRequest.get(InformationRequest.case == case)
    unit_officer = make_user(roles=["unit_officer"], unit=case.unit_links[0].unit)
    refused = [
        lambda: case_ops.update_case(case, chief, title="Sửa sau khi đóng"),
        lambda: work.save_finding(Finding.get_by_id(finding.id), chief, result="dung_yeu_cau"),
        lambda: work.create_minutes(
            case, chief, case.unit_links[0].unit_id, held_at=datetime.datetime(2026, 7, 1, 8), place="Sở"
        ),
        lambda: work.upload_answer(request, unit_officer, io.BytesIO(pdf_bytes("muộn")), "muon.pdf"),
    ]
    for change in refused:
        with pytest.raises(DomainError) as err:
            change()
        assert any(w in err.value.message for w in ("Điều 13", "Điều 14", "trước khi báo cáo", "đã đóng"))
    assert type(case).get_by_id(case.id).title != "Sửa sau khi đóng"
