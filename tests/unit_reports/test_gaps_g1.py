"""Issue 13 gaps in the unit's monthly report (R-19.1, R-19.2, R-20.1, R-5.2): the difficulties the
unit raised in the period are in it and frozen with it; a late sending says so."""

import datetime

import pytest

from inspection.difficulties import rules as drules
from inspection.difficulties.models import Difficulty
from inspection.unit_reports import operations, queries, rules

D = datetime.date
DT = datetime.datetime
NOV = rules.Period(2026, 11)  # covers 20/10/2026 - 19/11/2026


def _raise(world, task, unit, on, cause, **over):
    values = dict(
        task=world["tasks"][task],
        kind=drules.DIFFICULTY,
        raising_unit=world["units"][unit],
        raised_at=on,
        cause=cause,
        proposal=drules.EXTEND,
        proposed_deadline=D(2027, 3, 31),
    )
    values.update(over)
    return Difficulty.create(**values)


@pytest.fixture
def raised(world):
    _raise(world, "t1", "kl", DT(2026, 11, 5, 9, 30), "Địa phương chưa gửi số liệu đo đạc.")
    _raise(world, "t2", "kl", DT(2026, 10, 10, 8, 0), "Kỳ trước: không thuộc kỳ này.")
    _raise(world, "t1", "tl", DT(2026, 11, 6, 8, 0), "Ý kiến của Thủy lợi.", kind=drules.DISAGREEMENT)
    _raise(world, "s1", "kl", DT(2026, 11, 7, 8, 0), "Nội dung mật không được lộ.")
    return world


def _texts(content):
    return " ".join(d["text"] for d in content["difficulties"])


def test_R_19_2_difficulties_raised_in_the_period_are_in_the_prepared_report(raised, cal):
    kl, t1 = raised["units"]["kl"], raised["tasks"]["t1"]
    content = queries.prepared_content(kl.id, NOV, D(2026, 11, 18), cal, {})
    assert [d["task_id"] for d in content["difficulties"]] == [t1.id]
    line = content["difficulties"][0]
    assert line["raised_on"] == "2026-11-05" and line["cause"] == "Địa phương chưa gửi số liệu đo đạc."
    assert line["proposal"] == "Gia hạn thời hạn thực hiện đến ngày 31/03/2027"
    text = _texts(content)
    assert "Ngày 05/11/2026" in text and "Rà soát diện tích rừng bị lấn chiếm" in text
    assert "Kỳ trước" not in text  # raised before the period began (20/10)
    assert "Thủy lợi" not in text  # another unit's item
    assert "mật" not in text  # a secret task's item never in a unit report


def test_R_19_1_the_difficulties_are_frozen_into_the_sent_report_and_printed(raised, cal, app, login):
    kl, t1 = raised["units"]["kl"], raised["tasks"]["t1"]
    report = operations.submit(
        raised["people"]["kl_head"], kl, NOV, "", {str(t1.id): "Chờ số liệu"}, D(2026, 11, 18), cal
    )
    assert "Địa phương chưa gửi số liệu đo đạc." in _texts(report.frozen)
    Difficulty.update(cause="Sửa sau khi gửi").execute()  # a later change does not change the sent report
    app.config["TODAY"] = "2026-11-18"
    client = app.test_client()
    login(client, raised["people"]["kl_head"].username)
    page = client.get(f"/reports/units/{kl.id}/2026/11/print").get_data(as_text=True)
    assert "Địa phương chưa gửi số liệu đo đạc." in page and "Sửa sau khi gửi" not in page
    assert "Nội dung mật" not in page


def _send_page(world, app, login, today):
    t1 = world["tasks"]["t1"]
    app.config["TODAY"] = today
    client = app.test_client()
    login(client, world["people"]["kl_head"].username)
    url = f"/reports/units/{world['units']['kl'].id}/2026/11"
    answer = client.post(url, data={"head_remarks": "", f"reason_{t1.id}": "Chờ số liệu", "send": "1"})
    return client.get(answer.location).get_data(as_text=True)


def test_R_20_1_a_report_sent_after_the_19th_says_it_was_late(world, app, login):
    page = _send_page(world, app, login, "2026-11-25")
    assert "Đã gửi báo cáo tháng 11/2026 đến Văn phòng Sở (gửi muộn so với hạn ngày 19/11/2026, R-20.1)." in page


def test_R_20_1_the_late_remark_follows_the_due_date_not_the_sending_day(cal):
    # on the due day: no remark; the day after: late (rules.sent_message, R-20.1)
    assert rules.sent_message(NOV, D(2026, 11, 19), cal) == "Đã gửi báo cáo tháng 11/2026 đến Văn phòng Sở."
    assert "gửi muộn so với hạn ngày 19/11/2026" in rules.sent_message(NOV, D(2026, 11, 20), cal)
