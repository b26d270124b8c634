"""Issue 13 loose end (R-19.1, R-20.1, R-19.2): the unit report page shows its overdue tasks 50 a
page with the total above them (2,970 made a 1.9 MB page); the printed report keeps them all; the
reasons kept on one page stay when another page is saved, and sending needs every page's."""

import datetime
import re

import pytest

from inspection.unit_reports import queries, rules
from inspection.unit_reports.models import UnitReport
from tests import factories

D = datetime.date
NOV = rules.Period(2026, 11)
EXTRA = 54  # with T1 of the world: 55 overdue tasks on 19/11/2026, two pages


@pytest.fixture
def many(app, world):
    by, kl = world["people"]["tracker"], world["units"]["kl"]
    tasks = [
        dict(summary=f"Nhiệm vụ quá hạn số {i:02d}", lead_unit=kl, deadline=D(2026, 10, 31))
        for i in range(1, EXTRA + 1)
    ]
    _, made = factories.register_document(
        by, kl, tasks, n=3, on=D(2026, 10, 1), issued_on=D(2026, 9, 25), received_on=D(2026, 9, 30)
    )
    return [world["tasks"]["t1"], *made]  # the list's order: deadline, then id


@pytest.fixture
def head(app, world, login):
    client = app.test_client()
    login(client, world["people"]["kl_head"].username)
    return client


def _url(world, suffix=""):
    return f"/reports/units/{world['units']['kl'].id}/{NOV.year}/{NOV.month}{suffix}"


def _rows(html):
    return re.findall(r'id="overdue-(\d+)"', html)


def test_R_20_1_the_report_page_shows_50_overdue_tasks_a_page_with_the_total(world, many, head):
    page = head.get(_url(world)).get_data(as_text=True)
    assert _rows(page) == [str(t.id) for t in many[:50]]
    assert page.count('name="reason_') == 50  # a reason field for the tasks shown only
    assert "Tổng số: <strong>55</strong> nhiệm vụ quá hạn" in page
    assert "?page=2" in page and "Trang 1/2" in page
    second = head.get(_url(world, "?page=2")).get_data(as_text=True)
    assert _rows(second) == [str(t.id) for t in many[50:]] and 'start="51"' in second
    assert _rows(head.get(_url(world, "?page=99")).get_data(as_text=True)) == _rows(second)  # past the last
    assert head.get(_url(world, "?page=abc")).status_code == 200
    # the printed report (the document the unit sends) keeps every overdue task, unpaginated
    printed = head.get(_url(world, "/print")).get_data(as_text=True)
    assert _rows(printed) == [str(t.id) for t in many]
    assert "Nhiệm vụ quá hạn số 54" in printed and "?page=2" not in printed


def test_R_19_2_the_missing_reasons_are_counted_with_the_first_page_holding_one():
    rows = [{"id": i, "reason": "Lý do" if i != 3 and i < 120 else " "} for i in range(130)]
    assert rules.reasons_missing(rows, 50) == (11, 1)  # task 3 on page 1, then 120..129 on page 3
    assert rules.reasons_missing(rows[4:120], 50) == (0, None)


def test_R_19_2_reasons_of_one_page_stay_when_another_is_saved_and_sending_needs_all(world, many, head):
    first = {f"reason_{t.id}": f"Lý do {t.id}" for t in many[:50]}
    assert head.post(_url(world), data={"head_remarks": "Dự thảo", **first}).status_code == 302
    # sending from page 2 without its reasons: refused, page 1's reasons kept, the page says where
    answer = head.post(_url(world, "?page=2"), data={"head_remarks": "Dự thảo", "send": "1"})
    assert answer.status_code == 400 and rules.MSG_REASON_MISSING in answer.get_data(as_text=True)
    assert "Còn 5 nhiệm vụ chưa nêu lý do (đầu tiên ở trang 2)" in answer.get_data(as_text=True)
    report = queries.report_for(world["units"]["kl"].id, NOV)
    assert report.state == rules.DRAFT and len(report.reason_map) == 50
    second = {f"reason_{t.id}": f"Lý do {t.id}" for t in many[50:]}
    answer = head.post(_url(world, "?page=2"), data={"head_remarks": "Đủ lý do", "send": "1", **second})
    assert answer.status_code == 302 and answer.location.endswith("?page=2")
    sent = UnitReport.get_by_id(report.id)
    assert sent.state == rules.SUBMITTED
    assert [row["reason"] for row in sent.frozen["overdue"]] == [f"Lý do {t.id}" for t in many]
