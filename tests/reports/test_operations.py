"""R-18, R-20, R-5.2: drafting, regenerating and issuing a report; its Word, PDF and Excel read back."""

import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from inspection import settings
from inspection.documents import operations as documents
from inspection.documents import signers
from inspection.documents.models import OutgoingDocument
from inspection.errors import Conflict, NotAllowed, ValidationFailed
from inspection.monitoring.models import Urging
from inspection.register.models import ProgressUpdate, Task
from inspection.reports import document, operations, rules
from inspection.reports.models import Report
from inspection.workdays import WorkCalendar
from tests import factories
from tests.monitoring.conftest import _extend, _task
from tests.readback import docx_text, pdf_text
from tests.reports.conftest import MONTH_END, YEAR_END

D = datetime.date
CAL = WorkCalendar()
TEXTS = {"assessment": "Các đơn vị cơ bản hoàn thành nhiệm vụ.", "proposals": "Đề nghị gia hạn nhiệm vụ T6"}
SECRET_MARKS = ("5/UBND-MAT", "16/10/2026")  # the secret task's document, its urging (R-5.2)


MONTH_START = D(2026, 10, 1)


def _spec(kind=rules.MONTHLY, start=MONTH_START, end=MONTH_END, secret=False):
    return dict(kind=kind, start=start, end=end, secret=secret, scope=rules.ALL, scope_ref="")


def _issue(report, user):
    return documents.issue(report.document, user, signer=signers.signer_block(signers.DEPUTY))


def _xlsx_text(data):
    wb = load_workbook(io.BytesIO(data))
    return " ".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)


def test_R_20_regenerated_a_month_later_gives_identical_figures(world, today):
    today(D(2026, 11, 2))
    report = operations.create(world["chief"], _spec(), TEXTS, CAL)
    first = report.data
    # A month later: T5 completed, T2 extended again, a new task, an urging and an update after the cut-off.
    today(D(2026, 12, 2))
    t, kl = world["tasks"], world["kl"]
    Task.update(is_completed=True, completed_on=D(2026, 11, 28), result_entered_on=D(2026, 11, 28)).where(
        Task.id == t[5].id
    ).execute()
    _extend(t[2], D(2026, 11, 30), D(2027, 1, 31), D(2026, 12, 1))
    _task(t[1].document, kl, "T9", registered_on=D(2026, 11, 25), deadline=D(2026, 11, 26))
    Urging.create(task=t[2], channel="phone", urged_on=D(2026, 11, 3), to_unit=kl)
    ProgressUpdate.create(task=t[6], unit=kl, on_date=D(2026, 11, 10), text="Sau ngày chốt")
    changed = operations.regenerate(Report.get_by_id(report.id), world["chief"], CAL)
    assert changed is False
    assert Report.get_by_id(report.id).data == first
    assert first["totals"]["total"] == 6 and first["totals"]["pending_overdue"] == 1


def test_R_20_issued_report_is_frozen_and_reads_back_in_docx_pdf_xlsx(world, today):
    today(D(2026, 12, 5))
    report = operations.create(world["chief"], _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), TEXTS, CAL)
    doc = _issue(report, world["chief"])
    assert doc.state == "issued" and doc.number == 1 and not doc.secret
    stored_docx, stored_pdf = doc.docx_file.read_bytes(), doc.pdf_file.read_bytes()
    report = Report.get_by_id(report.id)
    with pytest.raises(Conflict, match="đã ban hành"):
        operations.regenerate(report, world["chief"], CAL)
    with pytest.raises(Conflict):
        operations.update_texts(report, world["chief"], {"assessment": "khác"}, CAL)
    doc = OutgoingDocument.get_by_id(doc.id)
    assert doc.docx_file.read_bytes() == stored_docx and doc.pdf_file.read_bytes() == stored_pdf
    for text in (docx_text(stored_docx), pdf_text(stored_pdf)):
        assert "NĂM 2026" in text
        assert "Chi cục Kiểm lâm 3 2 0 1 0 66,7 0,0" in text
        assert "Chi cục Thủy lợi 3 0 1 1 1 33,3 66,7" in text
        assert "Tổng cộng 6 2 1 2 1 50,0 33,3" in text
        assert "T5" in text and "24/11/2026" in text  # the overdue task
        assert "Các đơn vị cơ bản hoàn thành nhiệm vụ." in text and "Đề nghị gia hạn nhiệm vụ T6" in text
        assert "Thông báo kết luận số 07/TB-SNN" in text
    wb = load_workbook(io.BytesIO(document.xlsx(report.data, "Báo cáo năm 2026")))
    stats = list(wb["Thong ke"].iter_rows(min_row=3, values_only=True))
    assert stats == [
        (1, "Chi cục Kiểm lâm", 3, 2, 0, 1, 0, 66.7, 0.0),
        (2, "Chi cục Thủy lợi", 3, 0, 1, 1, 1, 33.3, 66.7),
        (None, "Tổng cộng", 6, 2, 1, 2, 1, 50.0, 33.3),
    ]
    assert [r[2] for r in wb["Qua han"].iter_rows(min_row=3, values_only=True)] == ["T5"]
    assert len(list(wb["Don doc"].iter_rows(min_row=3))) == 2


@pytest.mark.parametrize(
    "start,end,message",
    [
        (D(2026, 10, 31), D(2026, 10, 1), "trước ngày bắt đầu"),
        (D(2026, 11, 1), D(2026, 11, 30), "chưa đến"),
        (D(2026, 8, 1), D(2026, 8, 31), "trước ngày vào sổ nhiệm vụ đầu tiên"),
    ],
)
def test_R_20_bad_period_refused_nothing_written(world, today, start, end, message):
    today(D(2026, 11, 20))
    before = OutgoingDocument.select().count()
    with pytest.raises(ValidationFailed, match=message) as exc:
        operations.create(world["chief"], _spec(rules.REQUEST, start, end), TEXTS, CAL)
    assert exc.value.field == "period_end"
    assert Report.select().count() == 0 and OutgoingDocument.select().count() == before


def test_R_5_2_secret_report_refused_without_clearance_and_monthly(world):
    tracker = factories.user(roles=["tracking_officer"], username="khongmat")
    with pytest.raises(NotAllowed, match="thông tin mật"):
        operations.create(tracker, _spec(rules.HALF_YEAR, D(2026, 1, 1), YEAR_END, secret=True), TEXTS, CAL)
    with pytest.raises(ValidationFailed, match="không lập hằng tháng"):
        operations.create(world["chief"], _spec(secret=True), TEXTS, CAL)
    assert Report.select().count() == 0


def test_R_5_2_secret_tasks_absent_from_every_ordinary_report_present_in_the_secret_one(world, today):
    today(D(2026, 12, 5))
    chief = world["chief"]
    settings.set_value("installation.offline", True, chief)  # secret content only offline (R-5.2)
    ordinary = [
        operations.create(chief, _spec(), TEXTS, CAL),
        operations.create(chief, _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), TEXTS, CAL),
        operations.create(chief, _spec(rules.HALF_YEAR, D(2026, 1, 1), YEAR_END), TEXTS, CAL),
    ]
    secret = operations.create(chief, _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END, secret=True), TEXTS, CAL)
    for report in ordinary:
        doc = _issue(report, chief)
        texts = (
            docx_text(doc.docx_file.read_bytes()),
            pdf_text(doc.pdf_file.read_bytes()),
            _xlsx_text(document.xlsx(report.data, "x")),
            json.dumps(report.data, ensure_ascii=False),
        )
        for text in texts:
            assert not any(mark in text for mark in SECRET_MARKS)
    doc = _issue(secret, chief)
    assert doc.secret and doc.number == 1  # the secret sequence starts on its own
    text = docx_text(doc.docx_file.read_bytes())
    assert all(mark in text for mark in SECRET_MARKS) and "nhiệm vụ mật" in text
    assert "Chi cục Kiểm lâm 1 0 0 0 1 0,0 100,0" in text
