"""R-23: the yearly report on how the regulation was carried out, against hand-computed figures
(tests/reports/scorecard_world.py, year 2026, cut-off 31/12/2026, today 15/01/2027)."""

import io

import pytest
from openpyxl import load_workbook

from inspection.reports import scorecard, scorecard_queries
from inspection.workdays import WorkCalendar
from tests.reports.scorecard_world import TODAY, december, year_2026  # noqa: F401 - the fixtures

CAL = WorkCalendar()

# Thủy lợi A-F (6) and Kiểm lâm G, H (2); the secret S never.
# Registration: every document received 23/11, due 25/11 (2 working days), registered 27/11: all late.
# Late result (R-6.3b as corrected in issue 11: the Province's tasks only, a progress update between
# the deadline and its limit counts as the entry): B, G entered after their limit; D (15/12) with
# nothing entered by its limit 17/12. Not late: C (progress 16/12, within its limit), E (30/12, limit
# in January), F (the Director's task, not judged), A and H (on time).
TASKS = {"total": 8, "late_registration": 8, "late_result": 3}
UPDATES = {"on_time": 3, "late": 3, "flagged": 4, "corrected": 1}  # TL 2/2 (4 flagged, 1 fixed), KL 1/1
REPORTS = {"on_time": 1, "late": 1, "missing": 34, "pending": 0}  # 3 units x 12 months; TL sent 2
URGINGS = {"made": 2, "answered": 1}  # C, D in 2026 (D answered); S secret, A's in 2025
INSPECTIONS = {"held": 3, "reported_on_time": 1, "reported_late": 1, "not_reported": 1}
RECOMMENDATIONS = {"total": 2, "done": 1, "open": 1}  # A done, C open; S secret; B's notified 2027


def test_R_23_every_figure_matches_the_hand_computed_one(year_2026):
    data = scorecard_queries.regulation(2026, TODAY, CAL)
    assert data["tasks"] == TASKS
    assert data["updates"] == UPDATES
    assert data["reports"] == REPORTS
    assert data["urgings"] == URGINGS
    assert data["inspections"] == INSPECTIONS
    assert data["recommendations"] == RECOMMENDATIONS
    f = data["figures"]
    assert (f["hoan_thanh_dung_han"], f["hoan_thanh_qua_han"], f["dang_thuc_hien_qua_han"]) == (1, 3, 4)


def test_R_23_page_shows_each_section_with_its_lines(year_2026, client, login):
    login(client, "giamdoc")
    response = client.get("/reports/regulation?year=2026")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.count('class="table table-sm table-bordered mb-3 regulation-section"') == 5
    assert "Báo cáo kết quả trong 5 ngày làm việc (khoản 2 Điều 16)" in body
    assert "31/12/2026" in body


def test_R_23_xlsx_reads_back_the_same_lines(year_2026, client, login):
    login(client, "chanhvp")
    response = client.get("/reports/regulation.xlsx?year=2026")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.data)).active
    lines = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    data = scorecard_queries.regulation(2026, TODAY, CAL)
    for _title, rows in scorecard.regulation_sections(data):
        for label, value in rows:
            assert lines[label] == value
    assert lines["Lượt đôn đốc"] == 2 and lines["Kiến nghị đã thực hiện xong"] == 1


@pytest.mark.parametrize(
    "query,message", [("year=2030", "Năm 2030 chưa đến"), ("year=1999", "Sổ theo dõi bắt đầu từ ngày")]
)
def test_R_23_a_refused_year_gets_its_message_and_nothing_else(year_2026, client, login, query, message):
    login(client, "chanhvp")
    response = client.get(f"/reports/regulation?{query}")
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in body and "regulation-section" not in body


def test_R_23_R_5_2_secret_tasks_are_not_counted(year_2026, client, login):
    login(client, "baomat")  # even with clearance the yearly report counts the ordinary register only
    body = client.get("/reports/regulation?year=2026").get_data(as_text=True)
    row = body.split("<td>Nhiệm vụ trong sổ theo dõi</td>", 1)[1].split("</tr>", 1)[0]
    assert row.rsplit(">", 2)[-2].startswith("8<")  # S would make 9
    urged = body.split("<td>Lượt đôn đốc</td>", 1)[1].split("</tr>", 1)[0]
    assert ">2<" in urged  # S's urging would make 3
