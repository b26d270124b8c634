"""R-19.1, R-20.1: a unit's monthly report kept as a draft, sent by its head, returned by the Office;
late and missing reports counted (R-7.2c, R-25); secret tasks never in it (R-5.2)."""

import datetime
import json

import pytest

from inspection.errors import Conflict, NotAllowed, ValidationFailed
from inspection.notifications.models import Notification
from inspection.register import operations as reg
from inspection.unit_reports import operations, queries, rules
from inspection.unit_reports.models import UnitReport, UnitReportEvent

D = datetime.date
NOV = rules.Period(2026, 11)


def _send(world, cal, today, who="kl_head", reasons=None, period=NOV):
    kl, t1 = world["units"]["kl"], world["tasks"]["t1"]
    reasons = {str(t1.id): "Chờ kết quả đo đạc của địa phương"} if reasons is None else reasons
    return operations.submit(world["people"][who], kl, period, "Đơn vị cơ bản hoàn thành", reasons, today, cal)


def test_R_20_1_the_report_is_prepared_from_the_register_and_frozen_when_sent(world, cal):
    report = _send(world, cal, D(2026, 11, 18))
    content = report.frozen
    assert report.state == rules.SUBMITTED and report.first_submitted_on == D(2026, 11, 18)
    assert content["as_of"] == "2026-11-18"
    assert content["figures"]["total"] == 3  # T1, T2, T3: the secret task is not counted
    assert content["figures"]["dang_thuc_hien_qua_han"] == 1
    assert content["figures"]["hoan_thanh_dung_han"] == 1
    assert [row["id"] for row in content["overdue"]] == [world["tasks"]["t1"].id]
    assert content["overdue"][0]["reason"] == "Chờ kết quả đo đạc của địa phương"
    assert "502/UBND-KT" not in report.content  # the secret task's document: no trace of it
    # a later change in the register does not change the sent report
    t1 = world["tasks"]["t1"]
    reg.complete_task(world["people"]["tracker"], t1, D(2026, 11, 20), "Xong", "", None, t1.version, on=D(2026, 11, 20))
    assert json.loads(UnitReport.get_by_id(report.id).content) == content


def test_R_19_2_every_overdue_task_needs_its_reason_and_a_refusal_writes_nothing(world, cal):
    with pytest.raises(ValidationFailed) as exc:
        _send(world, cal, D(2026, 11, 18), reasons={})
    assert exc.value.message == rules.MSG_REASON_MISSING
    assert UnitReport.select().count() == 0  # not even the draft: one transaction


def test_R_20_1_a_report_is_sent_once(world, cal):
    _send(world, cal, D(2026, 11, 18))
    with pytest.raises(Conflict) as exc:
        _send(world, cal, D(2026, 11, 19))
    assert "đã được gửi ngày 18/11/2026" in exc.value.message
    report = queries.report_for(world["units"]["kl"].id, NOV)
    assert report.submitted_on == D(2026, 11, 18) and UnitReportEvent.select().count() == 1
    with pytest.raises(Conflict):  # nor edited as a draft
        operations.save_draft(world["people"]["kl_officer"], world["units"]["kl"], NOV, "x", {}, D(2026, 11, 19), cal)


def test_R_7_2c_only_the_unit_head_sends_and_only_his_own_unit(world, cal):
    with pytest.raises(NotAllowed):
        _send(world, cal, D(2026, 11, 18), who="kl_officer")
    with pytest.raises(NotAllowed) as exc:
        _send(world, cal, D(2026, 11, 18), who="tl_head")
    assert "chính đơn vị mình" in exc.value.message
    with pytest.raises(NotAllowed):
        operations.save_draft(world["people"]["tl_officer"], world["units"]["kl"], NOV, "", {}, D(2026, 11, 18), cal)
    assert UnitReport.select().count() == 0


def test_R_20_1_the_officer_keeps_a_draft_the_head_sends_it(world, cal):
    kl, t1 = world["units"]["kl"], world["tasks"]["t1"]
    draft = operations.save_draft(
        world["people"]["kl_officer"], kl, NOV, "Dự thảo", {str(t1.id): "Thiếu nhân lực"}, D(2026, 11, 17), cal
    )
    assert draft.state == rules.DRAFT and draft.reason_map == {str(t1.id): "Thiếu nhân lực"}
    assert draft.content is None
    sent = operations.submit(world["people"]["kl_head"], kl, NOV, "Dự thảo", draft.reason_map, D(2026, 11, 18), cal)
    assert sent.id == draft.id and sent.frozen["overdue"][0]["reason"] == "Thiếu nhân lực"


def test_R_20_1_a_period_in_the_future_is_refused(world, cal):
    with pytest.raises(ValidationFailed) as exc:
        _send(world, cal, D(2026, 11, 25), period=rules.Period(2027, 1))
    assert "chưa bắt đầu" in exc.value.message
    assert UnitReport.select().count() == 0


def test_R_20_1_late_and_missing_unit_reports_counted(world, cal):
    """After the due date a report is still accepted and counted late; no report is missing."""
    _send(world, cal, D(2026, 11, 25))  # due 19/11
    status = {s.unit_id: s for s in queries.submission_status(NOV, D(2026, 11, 25), cal)}
    units = world["units"]
    assert status[units["kl"].id].timeliness == rules.LATE and status[units["kl"].id].counted_against
    assert status[units["tl"].id].timeliness == rules.MISSING and status[units["tl"].id].counted_against
    counts = queries.submission_counts(NOV, D(2026, 11, 25), cal)
    assert counts[rules.LATE] == 1 and counts[rules.ON_TIME] == 0
    assert counts[rules.MISSING] == len(status) - 1
    # before the due date nothing is missing yet: not yet due
    early = {s.unit_id: s.timeliness for s in queries.submission_status(NOV, D(2026, 11, 19), cal)}
    assert early[units["tl"].id] == rules.PENDING


def test_R_25_a_unit_s_record_over_the_year(world, cal):
    _send(world, cal, D(2026, 11, 18))
    record = dict(queries.unit_record(world["units"]["kl"].id, 2026, D(2026, 11, 25), cal))
    assert record[NOV] == rules.ON_TIME and record[rules.Period(2026, 10)] == rules.MISSING
    assert rules.Period(2026, 12) in record and record[rules.Period(2026, 12)] == rules.PENDING


def test_the_office_returns_with_remarks_kept_and_the_first_sending_still_counts(world, cal):
    kl, office = world["units"]["kl"], world["people"]["tracker"]
    _send(world, cal, D(2026, 11, 18))
    with pytest.raises(ValidationFailed) as exc:
        operations.return_report(office, kl, NOV, "  ")
    assert exc.value.field == "remarks"
    with pytest.raises(NotAllowed):
        operations.return_report(world["people"]["kl_officer"], kl, NOV, "Sửa")
    back = operations.return_report(office, kl, NOV, "Bổ sung tiến độ nhiệm vụ rà soát rừng")
    assert back.state == rules.DRAFT
    with pytest.raises(Conflict):  # a draft cannot be returned
        operations.return_report(office, kl, NOV, "Lần nữa")
    again = _send(world, cal, D(2026, 11, 23))
    assert again.first_submitted_on == D(2026, 11, 18) and again.submitted_on == D(2026, 11, 23)
    events = [(e.action, e.remarks) for e in again.events.order_by(UnitReportEvent.id)]
    assert events == [
        ("submitted", ""),
        ("returned", "Bổ sung tiến độ nhiệm vụ rà soát rừng"),
        ("submitted", ""),
    ]
    status = {s.unit_id: s for s in queries.submission_status(NOV, D(2026, 11, 25), cal)}[kl.id]
    assert status.timeliness == rules.ON_TIME and status.returns == 1


def test_sending_tells_the_office_and_returning_tells_the_unit(world, cal):
    people, kl = world["people"], world["units"]["kl"]
    _send(world, cal, D(2026, 11, 25))
    to_office = Notification.select().where(Notification.recipient == people["chief"].id)
    assert [n.text for n in to_office] == ["Chi cục Kiểm lâm đã gửi báo cáo tháng 11/2026 (gửi muộn)."]
    assert Notification.select().where(Notification.recipient == people["director"].id).count() == 0
    operations.return_report(people["chief"], kl, NOV, "Thiếu lý do cụ thể")
    to_unit = Notification.select().where(Notification.recipient == people["kl_officer"].id)
    assert [n.text for n in to_unit] == ["Văn phòng Sở trả lại báo cáo tháng 11/2026 để chỉnh sửa: Thiếu lý do cụ thể"]
    assert to_unit[0].link == "/reports/units/%d/2026/11" % kl.id
