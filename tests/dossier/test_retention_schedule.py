"""The retention schedule and the archive by year (issue 17): periods come from lines the
administrator keeps, each with its legal reference (Luật Lưu trữ 2024 - Law 33/2024/QH15;
Thông tư 10/2022/TT-BNV: counted from the year the work ended; docs/archive.md)."""

import datetime

import pytest

from inspection.audit import AuditEntry
from inspection.dossier import operations, paper, rules, schedule
from inspection.dossier.models import Dossier, RetentionLine
from inspection.errors import ValidationFailed
from tests.factories import pdf_bytes

pytestmark = pytest.mark.db


@pytest.fixture
def admin(app, make_user):
    return make_user(roles=("admin",), username="quantri1")


@pytest.fixture
def archivist(app, make_user):
    return make_user(roles=("archivist",), username="luutru1")


def test_issue_17_retention_end_is_counted_from_the_year_the_work_ended():
    """Thông tư 10/2022/TT-BNV: 20 years from 2006 ends in 2026; permanent never ends."""
    assert rules.work_end_year(datetime.date(2006, 12, 31), 2005) == 2006
    assert rules.work_end_year(None, 2005) == 2005
    assert rules.retention_end_year(2006, 20) == 2026
    assert rules.retention_end_year(2006, None) is None
    assert rules.is_due_in(2006, 20, 2026) and not rules.is_due_in(2006, 20, 2025)
    assert not rules.is_due_in(2006, None, 2026)
    assert rules.period_label(None) == "Vĩnh viễn" and rules.period_label(10) == "10 năm"


def test_issue_17_a_retention_line_without_a_legal_reference_is_refused(app, admin, client, login):
    with pytest.raises(ValidationFailed, match="căn cứ pháp lý") as exc:
        schedule.create_line(admin, {"code": "X1", "title": "Hồ sơ khác", "years": 5, "legal_reference": " "})
    assert "Luật Lưu trữ 2024" in exc.value.message
    login(client, admin.username)
    r = client.post("/archive/retention", data={"code": "X1", "title": "Hồ sơ khác", "years": "5"})
    assert r.status_code == 400 and "phải ghi căn cứ pháp lý" in r.text
    assert not RetentionLine.select().where(RetentionLine.code == "X1").exists()
    r = client.post(
        "/archive/retention",
        data={"code": "X1", "title": "Hồ sơ khác", "permanent": "y", "legal_reference": "Thông tư 10/2022/TT-BNV"},
    )
    assert r.status_code == 302
    line = RetentionLine.get(RetentionLine.code == "X1")
    assert line.years is None and line.period_label == "Vĩnh viễn"
    assert (
        AuditEntry.select().where((AuditEntry.table == "retention_line") & (AuditEntry.record_id == line.id)).exists()
    )


def test_issue_17_defaults_per_case_kind_carry_their_reference_and_new_dossiers_take_them(app, chief, notified_case):
    lines = schedule.lines()
    assert {"KT-KH", "KT-BGD", "KT-DH", "KT-VV"} <= {line.code for line in lines}
    assert all(line.legal_reference.strip() for line in lines)
    dossier = operations.open_dossier(notified_case, chief)
    line = schedule.line_for_ground(notified_case.ground)
    assert dossier.retention_line_id == line.id and dossier.retention == line.period_label


def test_issue_17_editing_a_line_updates_its_dossiers_and_only_the_admin_edits(app, admin, archivist, client, login):
    values = paper.clean(
        {"code": "KT-2006-001", "title": "Hồ sơ kiểm tra năm 2006", "start_on": "01/03/2006", "end_on": "30/11/2006",
         "sheets": 30, "retention_line": "KT-KH"}
    )  # fmt: skip
    paper.register(archivist, values, [paper.check_scan(pdf_bytes(), "a.pdf")])
    line = RetentionLine.get(RetentionLine.code == "KT-KH")
    login(client, archivist.username)
    assert client.get("/archive/retention").status_code == 200
    assert client.get(f"/archive/retention/{line.id}").status_code == 403
    login(client, admin.username)
    r = client.post(
        f"/archive/retention/{line.id}",
        data={"code": "KT-KH", "title": line.title, "years": "10", "legal_reference": line.legal_reference,
              "active": "y", "case_ground": "ke_hoach"},
    )  # fmt: skip
    assert r.status_code == 302
    assert Dossier.get(Dossier.code == "KT-2006-001").retention == "10 năm"


def test_issue_17_the_archive_shows_the_dossiers_due_in_a_year_and_the_permanent_ones(app, archivist, client, login):
    def add(code, end, line):
        values = paper.clean(
            {"code": code, "title": f"Hồ sơ {code}", "start_on": f"01/01/{end}", "end_on": f"31/12/{end}",
             "sheets": 5, "retention_line": line}
        )  # fmt: skip
        paper.register(archivist, values, [paper.check_scan(pdf_bytes(code), "a.pdf")])

    add("KT-2006-001", 2006, "KT-KH")  # 20 years: due in 2026
    add("KT-2007-001", 2007, "KT-KH")  # due in 2027
    add("KT-2006-002", 2006, "KT-VV")  # permanent
    login(client, archivist.username)
    page = client.get("/archive/years?year=2026").text
    assert "KT-2006-001" in page and "KT-2007-001" not in page and "KT-2006-002" not in page
    page = client.get("/archive/years?year=2026&show=permanent").text
    assert "KT-2006-002" in page and "KT-2006-001" not in page
    assert client.get("/archive/years?year=abc&page=-3&show=x").status_code == 200


def test_issue_17_the_archivists_home_page_shows_what_is_due_this_year(app, archivist, client, login):
    from inspection import clock

    year = clock.today().year - 20
    values = paper.clean(
        {"code": f"KT-{year}-001", "title": "Hồ sơ cũ", "start_on": f"01/01/{year}", "end_on": f"31/12/{year}",
         "sheets": 5, "retention_line": "KT-KH"}
    )  # fmt: skip
    paper.register(archivist, values, [paper.check_scan(pdf_bytes(), "a.pdf")])
    login(client, archivist.username)
    home = client.get("/").text
    start = home.index('id="archive-due-year"')
    box = home[start : home.index("</p>", start)]
    assert f"trong năm {clock.today().year}" in box and "1 hồ sơ" in box and "/archive/years" in box


def test_issue_17_migration_0025_maps_old_dossiers_to_the_line_of_their_case_kind(app):
    """Old rows keep their text; those whose period is their kind's line get the line."""
    from playhouse.migrations import Runner

    from inspection.cases.models import InspectionCase
    from inspection.db import MIGRATIONS_DIR, db

    runner = Runner(db.obj, directory=str(MIGRATIONS_DIR))
    with db.connection_context():
        runner.down("0025_paper_dossiers")
        case_a = InspectionCase.create(title="Kiểm tra A", ground="ke_hoach")
        case_b = InspectionCase.create(title="Kiểm tra B", ground="ke_hoach")
        for case, code, retention in ((case_a, "KT-2020-001", "20 năm"), (case_b, "KT-2020-002", "5 năm")):
            db.execute_sql(
                "INSERT INTO dossier (case_id, code, title, year, retention, state, units_text, title_folded, "
                "page_count, created_at) VALUES (?, ?, 'Hồ sơ', 2020, ?, 'closed', '', '', 0, '2020-12-01 00:00:00')"
                .replace("?", db.obj.param),
                (case.id, code, retention),
            )  # fmt: skip
        runner.up()
    a, b = Dossier.get(Dossier.code == "KT-2020-001"), Dossier.get(Dossier.code == "KT-2020-002")
    assert a.retention_line.code == "KT-KH" and a.retention == "20 năm" and not a.digitised
    assert b.retention_line is None and b.retention == "5 năm"
