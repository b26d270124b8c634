"""The unit report pages (R-19.1, R-20.1): a unit's officer keeps the draft, its head sends it, the
Office sees who sent on time, late or not at all and returns one; bad input gets a message, not a 500."""

import datetime

import pytest

from inspection.unit_reports import queries, rules
from inspection.unit_reports.models import UnitReport

D = datetime.date
NOV = rules.Period(2026, 11)


@pytest.fixture
def as_user(app, world, login):
    def sign_in(key):
        client = app.test_client()
        login(client, world["people"][key].username)
        return client

    return sign_in


def _url(world, suffix="", unit="kl", period=NOV):
    return f"/reports/units/{world['units'][unit].id}/{period.year}/{period.month}{suffix}"


def _reason_field(world):
    return f"reason_{world['tasks']['t1'].id}"


def test_R_20_1_the_draft_page_shows_figures_and_overdue_tasks_without_secret_ones(world, as_user):
    page = as_user("kl_officer").get(_url(world)).get_data(as_text=True)
    assert "Rà soát diện tích rừng bị lấn chiếm" in page  # T1, overdue on 19/11
    assert "Xây dựng phương án phòng cháy" not in page  # T2 in time: not in the overdue list
    assert "502/UBND-KT" not in page  # the secret task's document
    assert "tính đến ngày 19/11/2026" in page and "hạn gửi 19/11/2026" in page
    assert 'name="send"' not in page  # an officer prepares; the head sends (R-7.2c)


def test_R_20_1_officer_saves_head_sends_office_sees_it_late(app, world, as_user):
    answer = as_user("kl_officer").post(
        _url(world), data={"head_remarks": "Dự thảo", _reason_field(world): "Chờ địa phương"}
    )
    assert answer.status_code == 302
    report = queries.report_for(world["units"]["kl"].id, NOV)
    assert report.state == rules.DRAFT and report.reason_map == {str(world["tasks"]["t1"].id): "Chờ địa phương"}
    head = as_user("kl_head")  # one signed-in client at a time: the last sign-in is the session's
    page = head.get(_url(world)).get_data(as_text=True)
    assert "Chờ địa phương" in page and 'name="send"' in page
    answer = head.post(
        _url(world), data={"head_remarks": "Đã rà soát", _reason_field(world): "Chờ địa phương", "send": "1"}
    )
    assert answer.status_code == 302
    assert "Đã gửi báo cáo tháng 11/2026" in head.get(answer.location).get_data(as_text=True)
    overview = as_user("tracker").get("/reports/units/?period=11/2026").get_data(as_text=True)
    assert "Gửi muộn: <strong>1</strong>" in overview  # sent 25/11, due 19/11
    assert "Chưa gửi, quá hạn: <strong>2</strong>" in overview  # Thủy lợi and the Office's own unit


def test_R_19_2_sending_without_a_reason_is_refused_and_nothing_is_written(world, as_user):
    answer = as_user("kl_head").post(_url(world), data={"head_remarks": "x", "send": "1"})
    assert answer.status_code == 400
    assert rules.MSG_REASON_MISSING in answer.get_data(as_text=True)
    assert UnitReport.select().count() == 0


def test_a_report_sent_twice_gets_409_and_stays_as_sent(world, as_user):
    head = as_user("kl_head")
    data = {"head_remarks": "Lần 1", _reason_field(world): "Lý do", "send": "1"}
    assert head.post(_url(world), data=data).status_code == 302
    answer = head.post(_url(world), data={**data, "head_remarks": "Lần 2"})
    assert answer.status_code == 409
    assert "không gửi lại lần nữa" in answer.get_data(as_text=True)
    assert queries.report_for(world["units"]["kl"].id, NOV).head_remarks == "Lần 1"


def test_another_unit_can_neither_see_nor_send(world, as_user):
    other = as_user("tl_head")
    assert other.get(_url(world)).status_code == 403
    answer = other.post(_url(world), data={_reason_field(world): "x", "send": "1"})
    assert answer.status_code == 403
    assert UnitReport.select().count() == 0


def test_a_future_month_and_odd_addresses_get_a_message_not_a_500(world, as_user):
    head = as_user("kl_head")
    answer = head.post(_url(world, period=rules.Period(2027, 2)), data={"send": "1"})
    assert answer.status_code == 400 and "chưa bắt đầu" in answer.get_data(as_text=True)
    assert head.get(f"/reports/units/{world['units']['kl'].id}/2026/0").status_code == 404
    assert head.get(f"/reports/units/{world['units']['kl'].id}/99999/1").status_code == 404
    office = as_user("tracker")
    for raw in ("13/2026", "x", "01/2099", "²/2026"):
        answer = office.get("/reports/units/", query_string={"period": raw})
        assert answer.status_code == 400 and 'id="period-error"' in answer.get_data(as_text=True)
    long_text = "x" * (rules.REASON_MAX + 1)
    answer = head.post(_url(world), data={_reason_field(world): long_text})
    assert answer.status_code == 400 and UnitReport.select().count() == 0


def test_the_office_returns_with_remarks_the_unit_sees_them_in_the_history(world, as_user):
    as_user("kl_head").post(_url(world), data={_reason_field(world): "Lý do", "send": "1"})
    chief = as_user("chief")
    answer = chief.post(_url(world, "/return"), data={"remarks": ""})
    assert answer.status_code == 400 and rules.MSG_RETURN_REMARKS in answer.get_data(as_text=True)
    answer = chief.post(_url(world, "/return"), data={"remarks": "Bổ sung số liệu tháng"})
    assert answer.status_code == 302
    page = as_user("kl_officer").get(_url(world)).get_data(as_text=True)
    assert "Văn phòng Sở trả lại để chỉnh sửa" in page and "Bổ sung số liệu tháng" in page
    assert 'id="draft-form"' in page  # back to draft
    assert as_user("chief").post(_url(world, "/return"), data={"remarks": "Lần nữa"}).status_code == 409


def test_the_printable_page_shows_the_frozen_report(world, as_user):
    as_user("kl_head").post(
        _url(world), data={"head_remarks": "Đánh giá chung", _reason_field(world): "Lý do riêng", "send": "1"}
    )
    page = as_user("director").get(_url(world, "/print")).get_data(as_text=True)
    assert "Tình hình thực hiện nhiệm vụ tháng 11/2026" in page
    assert "Lý do riêng" in page and "Đánh giá chung" in page and "Dự thảo" not in page


def test_R_20_1_home_widget_tells_the_unit_its_due_date_and_what_is_missing(app, world, as_user):
    app.config["TODAY"] = "2026-11-25"
    page = as_user("kl_officer").get("/").get_data(as_text=True)
    assert "Báo cáo tháng: hạn 18/12/2026, chưa gửi" in page  # 19/12/2026 is a Saturday
    assert "Báo cáo tháng 11/2026 chưa gửi, đã quá hạn" in page
    assert 'id="widget-unit-report"' not in as_user("tracker").get("/").get_data(as_text=True)


def test_a_unit_s_page_lists_its_months(world, as_user):
    as_user("kl_head").post(_url(world), data={_reason_field(world): "Lý do", "send": "1"})
    page = as_user("kl_officer").get(f"/reports/units/{world['units']['kl'].id}").get_data(as_text=True)
    assert "Tháng 12/2026" in page and "Tháng 11/2026" in page and "Gửi muộn" in page
    assert as_user("kl_officer").get("/reports/units/").status_code == 302


def test_a_returned_report_shows_as_returned_on_the_page_and_the_widget(app, world, as_user):
    as_user("kl_head").post(
        _url(world, period=rules.Period(2026, 12)), data={_reason_field(world): "Lý do", "send": "1"}
    )
    as_user("chief").post(_url(world, "/return", period=rules.Period(2026, 12)), data={"remarks": "Sửa số liệu"})
    officer = as_user("kl_officer")
    page = officer.get(_url(world, period=rules.Period(2026, 12))).get_data(as_text=True)
    assert "Văn phòng Sở đã trả lại để chỉnh sửa" in page
    assert "Văn phòng Sở đã trả lại để chỉnh sửa" in officer.get("/").get_data(as_text=True)
