"""R-25: the units' yearly scorecards against hand-computed figures (tests/reports/scorecard_world.py).

Scores (weights 40 / 25 / 25 / 10, a part with nothing to judge left out):
Thủy lợi: on-time completion 0/6 = 0,0; updates 2/4 = 50,0; reports 1/12 = 8,3; flags 1/4 = 25,0
  (the progress of 30/11 flagged, outside `december`'s month, is in the year)
  -> (0 + 25*50 + 25*8.3 + 10*25) / 100 = 17,1.
Kiểm lâm: completion 1/2 = 50,0; updates 1/2 = 50,0; reports 0/12 = 0,0; nothing flagged
  -> (40*50 + 25*50 + 0) / 90 = 36,1.
Văn phòng Sở: no task, no update; reports 0/12 -> 0,0.
"""

import datetime
import io

import pytest
from openpyxl import load_workbook

from inspection.reports import scorecard, scorecard_queries
from inspection.workdays import WorkCalendar
from tests.reports.scorecard_world import TODAY, december, year_2026  # noqa: F401 - the fixtures

D = datetime.date
CAL = WorkCalendar()

TL = {
    "unit": "Chi cục Thủy lợi",
    "tasks": 6,
    "done_on_time": 0,
    "done_late": 2,
    "open_overdue": 4,
    "completion": 0.0,
    "updates_on_time": 2,
    "updates_late": 2,
    "reports_on_time": 1,
    "reports_late": 1,
    "reports_missing": 10,
    "flags_corrected": 1,
    "flagged": 4,
    "score": 17.1,
}
KL = {
    "unit": "Chi cục Kiểm lâm",
    "tasks": 2,
    "done_on_time": 1,
    "done_late": 1,
    "open_overdue": 0,
    "completion": 50.0,
    "updates_on_time": 1,
    "updates_late": 1,
    "reports_on_time": 0,
    "reports_late": 0,
    "reports_missing": 12,
    "flags_corrected": 0,
    "flagged": 0,
    "score": 36.1,
}
VP = dict.fromkeys(TL, 0) | {"unit": "Văn phòng Sở", "completion": None, "reports_missing": 12, "score": 0.0}


def _plain(rows):
    return {r["unit"]: {k: r[k] for k in scorecard.COLUMNS} for r in rows}


def test_R_25_every_figure_matches_the_hand_computed_one(year_2026):
    rows = scorecard_queries.scorecard_rows(2026, TODAY, CAL)
    got = _plain(rows)
    assert got[TL["unit"]] == TL
    assert got[KL["unit"]] == KL
    assert got == {TL["unit"]: TL, KL["unit"]: KL, VP["unit"]: VP}


def test_R_25_the_score_leaves_out_a_part_with_nothing_to_judge():
    parts = {"completion": 50.0, "updates": 50.0, "reports": 0.0, "flags": None}
    assert scorecard.score(parts) == 36.1
    assert scorecard.score(dict.fromkeys(parts)) is None
    assert sum(weight for _, _, weight in scorecard.WEIGHTS) == 100


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("-score", ["Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Văn phòng Sở"]),
        ("score", ["Văn phòng Sở", "Chi cục Thủy lợi", "Chi cục Kiểm lâm"]),
        ("-tasks", ["Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Văn phòng Sở"]),
        ("completion", ["Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Văn phòng Sở"]),
        ("-completion", ["Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Văn phòng Sở"]),
        ("unit", ["Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Văn phòng Sở"]),
    ],
)
def test_R_25_sorted_by_any_column_units_without_a_value_last(raw, expected):
    rows = [TL, KL, VP]
    assert [r["unit"] for r in scorecard.sort_rows(rows, *scorecard.parse_sort(raw))] == expected


@pytest.mark.parametrize("raw", ["-", "bogus", "score;drop", "-unit-"])
def test_R_25_an_unknown_sort_column_is_refused(raw):
    with pytest.raises(ValueError, match="Cột sắp xếp không hợp lệ"):
        scorecard.parse_sort(raw)


def test_R_25_page_shows_the_rows_sorted_and_the_method(year_2026, client, login):
    login(client, "chanhvp")
    body = client.get("/reports/scorecards?year=2026&sort=-completion").get_data(as_text=True)
    table = body.split('id="scorecards-table"', 1)[1]
    assert table.index("Chi cục Kiểm lâm") < table.index("Chi cục Thủy lợi") < table.index("Văn phòng Sở")
    assert "17,1" in table and "36,1" in table
    assert "đề xuất của Sở" in body and "Hội đồng thi đua" in body and "40%" in body
    assert "31/12/2026" in body


@pytest.mark.parametrize(
    "query,message",
    [
        ("year=2028", "Năm 2028 chưa đến"),
        ("year=2025", "Sổ theo dõi bắt đầu từ ngày"),
        ("year=20x6", "Năm không hợp lệ"),
        ("year=2026&sort=nope", "Cột sắp xếp không hợp lệ"),
    ],
)
def test_R_25_a_refused_year_or_sort_gets_its_message_and_nothing_else(year_2026, client, login, query, message):
    login(client, "chanhvp")
    response = client.get(f"/reports/scorecards?{query}")
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in body and 'id="scorecards-table"' not in body
    assert client.get(f"/reports/scorecards.xlsx?{query}").status_code == 400


def test_R_25_an_empty_register_has_nothing_to_score(app, client, login, users):
    login(client, "chanhvp")
    response = client.get("/reports/scorecards")
    assert response.status_code == 400
    assert "chưa có nhiệm vụ nào" in response.get_data(as_text=True)


def test_R_25_xlsx_reads_back_in_the_pages_order_with_the_method(year_2026, client, login):
    login(client, "chanhvp")
    response = client.get("/reports/scorecards.xlsx?year=2026&sort=-score")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.data)).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert "năm 2026" in values[0][0]
    assert values[1] == ["STT", *scorecard.COLUMNS.values()]
    assert values[2] == [1, *KL.values()]
    assert values[3] == [2, *TL.values()]
    assert values[4][1] == "Văn phòng Sở" and values[4][6] is None
    assert any(r[0] and "Hội đồng thi đua" in r[0] for r in values[5:])


def test_R_25_R_5_2_secret_tasks_are_not_counted(year_2026):
    """S (Thủy lợi's secret task, open past 04/12) would make 7 tasks and 5 overdue."""
    tl = _plain(scorecard_queries.scorecard_rows(2026, TODAY, CAL))["Chi cục Thủy lợi"]
    assert (tl["tasks"], tl["open_overdue"]) == (6, 4)


def test_R_25_units_do_not_see_the_scorecards(year_2026, client, login):
    login(client, "canbotl")
    assert client.get("/reports/scorecards?year=2026").status_code == 403
    assert client.get("/reports/scorecards.xlsx?year=2026").status_code == 403


def test_R_25_R_23_the_reports_page_links_them_for_the_office_only(year_2026, app, client, login):
    login(client, "chanhvp")
    body = client.get("/reports/").get_data(as_text=True)
    assert 'id="scorecards-link"' in body and 'id="regulation-link"' in body
    unit = app.test_client()
    login(unit, "canbotl")
    body = unit.get("/reports/").get_data(as_text=True)
    assert 'id="scorecards-link"' not in body and 'id="regulation-link"' not in body
