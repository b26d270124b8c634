"""Committing a sheet: all or nothing, no duplicates on a second import, history (issue 3, R-5.1, R-7)."""

import datetime

import pytest

from inspection.audit import AuditEntry
from inspection.errors import ValidationFailed
from inspection.register import excel_import as xi
from inspection.register import import_ops, operations, queries
from inspection.register.models import DirectiveDocument, Task, TaskPeriod, TaskUnit
from inspection.register.rules import Status
from inspection.workdays import WorkCalendar
from tests.register.excel_fixtures import FIXTURE, TODAY, sheet, without_bad_row

pytestmark = pytest.mark.db
CAL = WorkCalendar()
D = datetime.date


def _read(path):
    return xi.read_sheet(path, import_ops.active_units())


def _commit(user, path):
    header, _, result = _read(path)
    return import_ops.commit_import(user, result, as_of=header.as_of, calendar=CAL, today=TODAY)


def test_sheet_with_a_bad_row_commits_nothing(app, tracker):
    header, _, result = _read(FIXTURE)
    assert len(result.rows) == 60 and [e.row for e in result.errors] == [74, 74]
    with pytest.raises(ValidationFailed, match="còn 2 lỗi nên chưa nhập dòng nào"):
        import_ops.commit_import(tracker, result, as_of=header.as_of, calendar=CAL, today=TODAY)
    assert Task.select().count() == 0 and DirectiveDocument.select().count() == 0


def test_clean_sheet_commits_whole_and_second_import_creates_no_duplicate(app, tracker, tmp_path):
    path = sheet(tmp_path, without_bad_row)
    first = _commit(tracker, path)
    assert (first.tasks_created, first.documents_created, first.tasks_existing) == (60, 60, 0)
    second = _commit(tracker, path)
    assert (second.tasks_created, second.documents_created, second.tasks_existing) == (0, 0, 60)
    assert Task.select().count() == 60 and DirectiveDocument.select().count() == 60
    header, _, result = _read(path)
    plan = import_ops.plan_import(result.rows)
    assert (len(plan.new_rows), len(plan.existing_rows), plan.new_documents) == (0, 60, 0)


def test_R_5_1_imported_task_fields(app, tracker, dept_units, tmp_path):
    _commit(tracker, sheet(tmp_path, without_bad_row))
    doc = DirectiveDocument.get(DirectiveDocument.number_symbol == "4723/UBND-NNTN")
    assert (doc.issuer_kind, doc.doc_type, doc.issued_on, doc.received_on) == (
        "ubnd_tinh",
        "cong_van",
        D(2026, 7, 14),
        D(2026, 7, 14),
    )
    task = doc.tasks.get()
    assert task.lead_unit_id == dept_units["TCCB"].id
    links = {(l.unit_id, l.role) for l in TaskUnit.select().where(TaskUnit.task == task)}
    assert links == {(dept_units["TTNS"].id, "cooperate"), (dept_units["CCPTNT"].id, "cooperate")}
    assert (task.monitor_unit_id, task.monitor_officer_name) == (dept_units["VP"].id, "A Tuấn")
    assert task.deadline == task.original_deadline == D(2026, 8, 15)
    assert task.registered_on is None  # the sheet gives none: not judged on R-6.1b
    assert "chi tra dich vu moi truong rung" in task.search_text and not task.is_secret
    # "Văn phòng Sở - Trần Văn Bình" names a user: the officer is linked.
    bình = Task.select().join(DirectiveDocument).where(DirectiveDocument.number_symbol == "2766/SNN-VP").get()
    assert bình.monitor_officer_id == tracker.id


def test_R_5_1e_progress_becomes_dates_and_status(app, tracker, tmp_path):
    _commit(tracker, sheet(tmp_path, without_bad_row))
    by_number = {t.document.number_symbol: t for t in Task.select(Task, DirectiveDocument).join(DirectiveDocument)}
    today = D(2026, 11, 19)
    reported = by_number["3282/UBND-KTTH"]  # Đã báo cáo ... Văn bản số 2315/SNN-KHTC ngày 12/10/2026
    assert (reported.is_completed, reported.completed_on, reported.result_doc_number) == (
        True,
        D(2026, 10, 12),
        "2315/SNN-KHTC",
    )
    assert reported.result_doc_date == D(2026, 10, 12)
    from inspection.register.rules import status

    assert status(reported, today) == Status.HOAN_THANH_QUA_HAN  # deadline 10/07/2026
    done = by_number["2475/SNN-VP"]  # "Đã hoàn thành": date unknown
    assert (done.is_completed, done.completed_on) == (True, None)
    assert status(done, today) == Status.HOAN_THANH_KHONG_RO_NGAY
    going = by_number["4827/UBND-HTKT"]  # Đang thực hiện, deadline 11/06/2026
    assert going.started_on == D(2026, 11, 19)  # as of the sheet's "Cập nhật đến ngày"
    assert status(going, today) == Status.DANG_THUC_HIEN_QUA_HAN
    assert status(by_number["503/UBND-HTKT"], today) == Status.KHONG_THOI_HAN


def test_recurring_tasks_get_periods(app, tracker, tmp_path):
    _commit(tracker, sheet(tmp_path, without_bad_row))
    task = Task.select().join(DirectiveDocument).where(DirectiveDocument.number_symbol == "4293/UBND-KTTH").get()
    assert (task.recurrence, task.recurrence_day) == ("monthly", 20)
    periods = list(TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline))
    assert periods[0].deadline == D(2026, 7, 20) and task.deadline == D(2026, 7, 20)  # received 12/07/2026
    assert len(periods) == 12


def test_R_7_history_entry_for_each_created_record(app, tracker, tmp_path):
    _commit(tracker, sheet(tmp_path, without_bad_row))
    entries = AuditEntry.select().where((AuditEntry.action == "create") & (AuditEntry.username == "theodoi_xl"))
    assert entries.where(AuditEntry.table == "task").count() == 60
    assert entries.where(AuditEntry.table == "directive_document").count() == 60


def test_rows_of_one_document_share_it_and_existing_document_is_reused(app, tracker, tmp_path):
    def add_second_task(ws):
        for col, value in zip(
            "BCDEFGH",
            (
                "2766/SNN-VP",
                "19/06/2026",
                "Giám đốc Sở",
                "V/v phòng, chống dịch tả lợn châu Phi",
                "20/06/2026",
                "Báo cáo kết quả tiêm phòng",
                "TCCB",
            ),
        ):
            ws[f"{col}18"] = value
        without_bad_row(ws)

    _commit(tracker, sheet(tmp_path, without_bad_row, name="a.xlsx"))
    summary = _commit(tracker, sheet(tmp_path, add_second_task, name="b.xlsx"))
    assert (summary.tasks_created, summary.documents_created, summary.documents_reused) == (1, 0, 1)
    doc = DirectiveDocument.get(DirectiveDocument.number_symbol == "2766/SNN-VP")
    assert doc.tasks.count() == 2


def test_R_5_2_sheet_never_adds_to_a_secret_document(app, tracker, dept_units, tmp_path):
    # Secret numbers are a sequence apart: the sheet's ordinary 2766/SNN-VP is another document,
    # imported as such, and nothing tells the officer that a secret one carries the same number.
    secret_doc, _ = operations.register_document(
        tracker,
        dict(
            number_symbol="2766/SNN-VP",
            doc_type="cong_van",
            issuer_kind="giam_doc",
            issuer_name="Giám đốc Sở",
            signer="",
            issued_on=D(2026, 6, 19),
            received_on=D(2026, 6, 20),
            channel="giay",
            abstract="",
            secret_level="mat",
            is_complex=False,
        ),
        [dict(summary="", lead_unit=dept_units["TTr"])],
        CAL,
        on=TODAY,
    )
    _commit(tracker, sheet(tmp_path, without_bad_row))
    assert Task.select().where(Task.document == secret_doc).count() == 1
    assert Task.select().where(Task.is_secret == False).count() == 60  # noqa: E712


def test_unit_deactivated_after_preview_refuses_commit(app, tracker, dept_units, tmp_path):
    header, _, result = _read(sheet(tmp_path, without_bad_row))
    dept_units["CCKL"].active = False
    dept_units["CCKL"].save()
    with pytest.raises(ValidationFailed, match="Danh mục đơn vị vừa thay đổi"):
        import_ops.commit_import(tracker, result, as_of=header.as_of, calendar=CAL, today=TODAY)
    assert Task.select().count() == 0


def test_imported_tasks_show_in_register_queries(app, tracker, tmp_path):
    _commit(tracker, sheet(tmp_path, without_bad_row))
    counts = queries.status_counts(tracker, D(2026, 11, 19))
    assert sum(counts.values()) == 60
    f = queries.Filters(q="sam ngoc linh")
    assert queries.filtered_tasks(tracker, f, D(2026, 11, 19), CAL, 3).count() == 5


def _with_complex_column(mark_12, mark_10="", header="Văn bản phức tạp"):
    def edit(ws):
        ws["N7"] = header
        ws["N12"], ws["N10"] = mark_12, mark_10
        without_bad_row(ws)

    return edit


def test_R_6_1b_sheet_complex_mark_gives_two_working_days(app, tracker, tmp_path):
    header, mapping, result = _read(sheet(tmp_path, _with_complex_column("x")))
    assert mapping["is_complex"] == 13  # the mapping offers and proposes the column
    import_ops.commit_import(tracker, result, as_of=header.as_of, calendar=CAL, today=TODAY)
    complex_doc = DirectiveDocument.get(DirectiveDocument.number_symbol == "4723/UBND-NNTN")
    assert complex_doc.is_complex
    # Received Tuesday 14/07/2026: 2 working days when complex, 1 otherwise (R-6.1b).
    assert complex_doc.tasks.get().registration_due_on == D(2026, 7, 16)
    plain = DirectiveDocument.get(DirectiveDocument.number_symbol == "2766/SNN-VP")
    assert not plain.is_complex and plain.tasks.get().registration_due_on == D(2026, 6, 22)


def test_R_6_1b_unreadable_complex_mark_is_a_row_error(app, tracker, tmp_path):
    _, _, result = _read(sheet(tmp_path, _with_complex_column("có lẽ")))
    [error] = result.errors
    assert error.row == 12 and "Không hiểu dấu «có lẽ»" in error.message
