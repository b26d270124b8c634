"""Batch import of past paper dossiers: a sheet and a ZIP of scans, all or nothing (issue 17;
Luật Lưu trữ 2024 - Law 33/2024/QH15; docs/archive.md "Hồ sơ giấy số hóa")."""

import io
import os
import tempfile
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from inspection.dossier import paper, paper_import
from inspection.dossier.models import Dossier
from inspection.errors import Conflict
from tests.factories import jpg_bytes, pdf_bytes

pytestmark = pytest.mark.db

HEADER = [label for _k, label in paper_import.COLUMNS]


@pytest.fixture
def archivist(app, make_user):
    return make_user(roles=("archivist",), username="luutru1")


def row(code, scans, line="KT-KH", end="30/06/2015"):
    return [code, f"Hồ sơ kiểm tra {code}", "02/03/2015", end, "Chi cục Kiểm lâm", 12, line, "K1", "H01", scans]


def sheet(rows):
    wb = Workbook()
    wb.active.append(HEADER)
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def scans_zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def files():
    return {"a.pdf": pdf_bytes("A"), "b.jpg": jpg_bytes(), "quet/c.pdf": pdf_bytes("C"), "hong.pdf": b"MZ not a scan"}


def post(client, sheet_bytes, zip_bytes):
    return client.post(
        "/archive/paper/import",
        data={"sheet": (io.BytesIO(sheet_bytes), "bang-ke.xlsx"), "scans": (io.BytesIO(zip_bytes), "quet.zip")},
        content_type="multipart/form-data",
    )


def test_issue_17_a_batch_with_one_bad_row_imports_nothing_then_fixed_imports_all(app, client, login, archivist):
    login(client, archivist.username)
    assert client.get("/archive/paper/import").status_code == 200
    template = client.get("/archive/paper/import/mau.xlsx")
    assert template.status_code == 200
    assert [c.value for c in next(load_workbook(io.BytesIO(template.data)).active.iter_rows(max_row=1))] == HEADER
    bad = sheet([row("KT-2014-001", "a.pdf"), row("KT-2014-002", "b.jpg; c.pdf"), row("KT-2014-003", "hong.pdf")])
    r = post(client, bad, scans_zip(files()))
    assert r.status_code == 400
    assert "Dòng 4" in r.text and "nội dung không phải bản quét PDF hoặc ảnh" in r.text
    assert "chưa nhập hồ sơ nào" in r.text
    assert Dossier.select().where(Dossier.digitised == True).count() == 0  # noqa: E712
    fixed = sheet([row("KT-2014-001", "a.pdf"), row("KT-2014-002", "b.jpg; c.pdf"), row("KT-2014-003", "a2.pdf")])
    r = post(client, fixed, scans_zip({**files(), "a2.pdf": pdf_bytes("A2")}))
    assert r.status_code == 302, r.text
    codes = [d.code for d in Dossier.select().where(Dossier.digitised == True).order_by(Dossier.code)]  # noqa: E712
    assert codes == ["KT-2014-001", "KT-2014-002", "KT-2014-003"]
    two = Dossier.get(Dossier.code == "KT-2014-002")
    assert len(list(two.items)) == 2 and two.package_name


def test_issue_17_missing_and_duplicate_codes_unknown_lines_and_missing_scans_are_row_errors(app, archivist, tmp_path):
    paper.register(archivist, paper.clean(dict(zip([k for k, _ in paper_import.COLUMNS], row("KT-2014-009", "")))),
                   [paper.check_scan(pdf_bytes(), "x.pdf")])  # fmt: skip
    rows = [
        row("", "a.pdf"),
        row("KT-2014-001", "a.pdf"),
        row("KT-2014-001", "b.jpg"),
        row("KT-2014-009", "quet/c.pdf"),
        row("KT-2014-005", "khong-co.pdf", line="XX"),
        row("KT-2014-006", "khong-co.pdf"),
        row("KT-2014-007", "a.pdf"),
    ]
    path = tmp_path / "s.xlsx"
    path.write_bytes(sheet(rows))
    checked, count = paper_import.run(archivist, str(path), io.BytesIO(scans_zip(files())))
    assert count == 0
    text = [str(e) for e in checked.errors]
    assert any(t.startswith("Dòng 2, cột A") and "Hãy nhập mã hồ sơ" in t for t in text)
    assert any(t.startswith("Dòng 4") and "trùng với dòng 3" in t for t in text)
    assert any(t.startswith("Dòng 5") and "đã có trong kho lưu trữ" in t for t in text)
    assert any(t.startswith("Dòng 6, cột G") and "bảng thời hạn bảo quản" in t for t in text)
    assert any(t.startswith("Dòng 7") and "Không có tệp khong-co.pdf" in t for t in text)
    assert any(t.startswith("Dòng 8") and "đã được dùng cho một hồ sơ khác" in t for t in text)
    assert Dossier.select().count() == 1


def test_issue_17_a_hostile_zip_is_refused(app, archivist, tmp_path):
    path = tmp_path / "s.xlsx"
    path.write_bytes(sheet([row("KT-2014-001", "bomb.pdf")]))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../etc/bomb.pdf", b"%PDF-" + b"\0" * (20 * 1024 * 1024))
    with pytest.raises(Exception, match="tỉ lệ nén bất thường"):
        paper_import.run(archivist, str(path), io.BytesIO(bomb.getvalue()))
    with pytest.raises(Exception, match="không phải tệp nén ZIP"):
        paper_import.run(archivist, str(path), io.BytesIO(b"not a zip"))
    assert not os.path.exists(tmp_path.parent / "etc")


def test_issue_17_a_batch_failing_in_its_transaction_leaves_no_dossier_and_no_package(app, archivist, tmp_path):
    """A code taken between the check and the commit: the first dossier's package, already
    written, is removed with the rolled-back transaction."""
    path = tmp_path / "s.xlsx"
    path.write_bytes(sheet([row("KT-2014-001", "a.pdf"), row("KT-2014-002", "b.jpg")]))
    with tempfile.TemporaryDirectory() as work:
        checked = paper_import.check(paper_import.read_rows(str(path)), io.BytesIO(scans_zip(files())), work)
        assert checked.ok
        paper.register(archivist, {**checked.rows[1][0]}, [paper.check_scan(pdf_bytes(), "x.pdf")])
        with pytest.raises(Conflict):
            paper_import.commit(archivist, checked)
    assert not Dossier.select().where(Dossier.code == "KT-2014-001").exists()
    packages = os.path.join(app.config["ARCHIVE_DIR"], "packages")
    assert sorted(n for n in os.listdir(packages) if not n.startswith(".")) == ["kt-2014-002"]
