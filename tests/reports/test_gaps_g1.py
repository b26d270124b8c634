"""Issue 13 gaps in the Department's reports (R-20.2, R-18/19, R-19.2): the 6-month and yearly
reports are on the Province's tasks only; the overdue list carries the unit's reason from its
monthly report and the proposal of the task's difficulty, in Word, PDF and Excel alike."""

import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from inspection.difficulties.models import Difficulty
from inspection.documents import render_docx, render_pdf
from inspection.reports import content, document, rules
from inspection.unit_reports.models import UnitReport
from inspection.workdays import WorkCalendar
from tests.monitoring.conftest import _doc, _task
from tests.readback import docx_text, pdf_text
from tests.reports.conftest import HALF_END, MONTH_END, YEAR_END

D = datetime.date
CAL = WorkCalendar()
KL = "Chi cục Kiểm lâm"


def _spec(kind, start, end, secret=False, scope=rules.ALL, scope_ref=""):
    return dict(kind=kind, start=start, end=end, secret=secret, scope=scope, scope_ref=scope_ref)


@pytest.fixture
def director_task(world):
    """T9: the Director's own task (not from the Province), open past its deadline 05/10/2026."""
    doc = _doc("15/SNNMT-VP", "giam_doc")
    return _task(doc, world["kl"], "T9 do Giám đốc Sở giao", deadline=D(2026, 10, 5))


def _kl_total(data):
    return next(r["total"] for r in data["stats"] if r["unit"] == KL)


def test_R_20_2_yearly_and_six_month_reports_count_only_the_provinces_tasks(world, director_task, today):
    today(D(2026, 12, 5))
    yearly = content.gather(_spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert _kl_total(yearly) == 3 and yearly["totals"]["total"] == 6  # as without T9 (test_content.py)
    assert "T9 do Giám đốc Sở giao" not in [r["task"] for r in yearly["overdue"]]
    today(D(2027, 6, 5))
    half = content.gather(_spec(rules.HALF_YEAR, D(2027, 1, 1), HALF_END), CAL, 3)
    assert half["totals"]["total"] == 6 and half["totals"]["pending_overdue"] == 2
    assert [r["task"] for r in half["overdue"]] == ["T5", "T2"]
    unit = content.gather(
        _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END, scope=rules.UNIT, scope_ref=str(world["kl"].id)), CAL, 3
    )
    assert unit["totals"]["total"] == 3
    director = content.gather(
        _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END, scope=rules.ISSUER, scope_ref="giam_doc"), CAL, 3
    )
    assert director["totals"]["total"] == 0 and director["overdue"] == []
    # the monthly and on-request reports keep every issuer: T9 is counted and listed there
    monthly = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert _kl_total(monthly) == 5 and monthly["totals"]["pending_overdue"] == 2
    assert [r["task"] for r in monthly["overdue"]] == ["T6", "T9 do Giám đốc Sở giao"]
    asked = content.gather(_spec(rules.REQUEST, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert "T9 do Giám đốc Sở giao" in [r["task"] for r in asked["overdue"]]


def test_R_20_2_the_report_says_it_is_on_the_provinces_tasks(world, director_task, today):
    today(D(2026, 12, 5))
    yearly = content.gather(_spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert document.title(yearly, "") == ("Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao năm 2026")
    ctx = document.context(yearly, {}, "")
    assert "tổng số nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao đang theo dõi: 06 nhiệm vụ" in ctx["summary"][0]
    secret = dict(yearly, secret=True)
    assert document.title(secret, "").startswith("Tình hình thực hiện nhiệm vụ mật do UBND tỉnh")
    monthly = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert document.title(monthly, "") == "Tình hình thực hiện nhiệm vụ được giao tháng 10 năm 2026"


def _unit_report(unit, month, sent_on, reasons, state="submitted"):
    overdue = [{"id": task.id, "summary": task.summary, "reason": reason} for task, reason in reasons]
    frozen = {"as_of": sent_on.isoformat(), "figures": {}, "overdue": overdue, "difficulties": []}
    return UnitReport.create(
        unit=unit,
        year=2026,
        month=month,
        state=state,
        content=json.dumps(frozen, ensure_ascii=False),
        first_submitted_on=sent_on,
        submitted_on=sent_on,
    )


def _difficulty(task, unit, raised, **over):
    values = dict(
        task=task,
        kind="difficulty",
        raising_unit=unit,
        raised_at=raised,
        cause="Chưa có ý kiến thống nhất của các sở",
        proposal="extend",
        proposed_deadline=D(2026, 12, 31),
    )
    values.update(over)
    return Difficulty.create(**values)


@pytest.fixture
def reported(world):
    """T6 (Kiểm lâm, overdue on 31/10): the unit's reason in its October report, a difficulty raised."""
    t6, kl, tl = world["tasks"][6], world["kl"], world["tl"]
    _unit_report(kl, 9, D(2026, 9, 18), [(t6, "Lý do của báo cáo tháng 9")])
    _unit_report(kl, 10, D(2026, 10, 19), [(t6, "Chờ Sở Tài chính thẩm định kinh phí (báo cáo tháng 10)")])
    _unit_report(kl, 11, D(2026, 11, 18), [(t6, "Lý do gửi sau ngày chốt")])  # after the cut-off 31/10
    _unit_report(tl, 10, D(2026, 10, 19), [(t6, "Lý do của một đơn vị khác")])  # not the lead unit
    _difficulty(t6, kl, datetime.datetime(2026, 10, 2, 9, 0), proposal="drop", proposed_deadline=None)
    _difficulty(t6, kl, datetime.datetime(2026, 10, 21, 9, 0))  # the latest by the cut-off
    _difficulty(t6, kl, datetime.datetime(2026, 11, 3, 9, 0), proposal="ask_province")  # after the cut-off
    return world


REASON = "Chờ Sở Tài chính thẩm định kinh phí (báo cáo tháng 10)"
PROPOSAL = "Gia hạn thời hạn thực hiện đến ngày 31/12/2026"


def test_R_19_2_overdue_reason_from_the_units_last_sent_report_and_the_proposal_of_its_difficulty(reported):
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert [(r["task"], r["reason"], r["proposal"]) for r in data["overdue"]] == [("T6", REASON, PROPOSAL)]
    # October's report back to draft: the last one sent by the cut-off is September's
    UnitReport.update(state="draft").where(UnitReport.month == 10).execute()
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert data["overdue"][0]["reason"] == "Lý do của báo cáo tháng 9"
    UnitReport.delete().execute()  # no report sent: the last progress update (tests/reports/conftest.py)
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert data["overdue"][0]["reason"] == "Chờ ý kiến Sở Tài chính"


def test_R_18_a_decision_made_by_the_cut_off_is_written_beside_the_proposal(reported):
    item = Difficulty.get(Difficulty.raised_at == datetime.datetime(2026, 10, 21, 9, 0))
    Difficulty.update(state="decided", decision="rejected", decided_at=datetime.datetime(2026, 10, 28, 10, 0)).where(
        Difficulty.id == item.id
    ).execute()
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert data["overdue"][0]["proposal"] == PROPOSAL + " (Ban Giám đốc không đồng ý ngày 28/10/2026)"


def test_R_18_19_the_reason_and_the_proposal_read_back_in_word_pdf_and_excel(reported):
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    ctx = document.context(data, {}, "")
    for text in (docx_text(render_docx("periodic_report", ctx)), pdf_text(render_pdf("periodic_report", ctx))):
        assert "NGUYÊN NHÂN VÀ KIẾN NGHỊ" in text and "Kiến nghị" in text
        assert "Chờ Sở Tài chính thẩm định kinh phí" in text and "Gia hạn thời hạn thực hiện" in text
    wb = load_workbook(io.BytesIO(document.xlsx(data, "Báo cáo tháng 10 năm 2026")))
    rows = list(wb["Qua han"].iter_rows(min_row=2, values_only=True))
    assert rows[0][-1] == "Kiến nghị" and rows[1][-2:] == (REASON, PROPOSAL)
