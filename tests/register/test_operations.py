"""Register operations: validation, history, extensions, returns, progress, locking."""

import datetime

import pytest

from inspection import audit, settings
from inspection.errors import Conflict, ValidationFailed
from inspection.register import operations, queries, rules
from inspection.register.models import DeadlineExtension, DirectiveDocument, ProgressUpdate, Task, TaskPeriod
from tests.register.conftest import CAL, TODAY

D = datetime.date


def test_R_5_1_register_document_with_two_tasks_and_history(register_doc, units, users):
    doc, tasks = register_doc(
        tasks=[
            dict(summary="Nhiệm vụ một", lead_unit=units["kl"], other_units=[units["tl"]], deadline=D(2026, 12, 10)),
            dict(summary="Nhiệm vụ hai", lead_unit=units["tl"], deadline=None, is_key=True),
        ]
    )
    assert [t.summary for t in doc.tasks.order_by(Task.id)] == ["Nhiệm vụ một", "Nhiệm vụ hai"]
    assert tasks[0].original_deadline == D(2026, 12, 10)
    assert [link.unit_id for link in tasks[0].unit_links] == [units["tl"].id]
    assert "ha tang thuy loi" in tasks[0].search_text
    assert audit.history_for(doc)[0].action == "create"
    assert audit.history_for(tasks[1])[0].action == "create"


def test_R_6_1b_registration_due_is_stored_and_late_registration_filtered(register_doc, users):
    # received Mon 16/11, registered Fri 27/11: due Tue 17/11 -> late
    _, late = register_doc(received_on=D(2026, 11, 16), issued_on=D(2026, 11, 13))
    # received Thu 26/11, complex, registered 27/11: due Mon 30/11 -> on time
    _, ok = register_doc(received_on=D(2026, 11, 26), is_complex=True)
    assert late[0].registration_due_on == D(2026, 11, 17)
    assert ok[0].registration_due_on == D(2026, 11, 30)
    ids = {t.id for t in Task.select().where(queries.late_registration_condition())}
    assert ids == {late[0].id}


@pytest.mark.parametrize(
    "overrides,message",
    [
        (dict(number_symbol=" "), "số, ký hiệu"),
        (dict(received_on=None), "ngày nhận"),
        (dict(issuer_kind="khac", issuer_name=""), "tên cơ quan ban hành"),
        (dict(issued_on=D(2026, 11, 25), received_on=D(2026, 11, 23)), "trước ngày ban hành"),
    ],
)
def test_bad_document_input_is_refused_and_nothing_saved(register_doc, overrides, message):
    with pytest.raises(ValidationFailed) as err:
        register_doc(**overrides)
    assert message in err.value.message.lower() or message in err.value.message
    assert DirectiveDocument.select().count() == 0 and Task.select().count() == 0


def test_bad_task_input_is_refused_and_nothing_saved(register_doc, units):
    cases = [
        (dict(summary="", lead_unit=units["kl"]), "tóm tắt"),
        (dict(summary="x", lead_unit=None), "đơn vị chủ trì không có"),
        (dict(summary="x", lead_unit=units["kl"], other_units=[None]), "đơn vị phối hợp không có"),
        (dict(summary="x", lead_unit=units["kl"], deadline=D(2026, 11, 1)), "không được trước ngày nhận"),
    ]
    for task, message in cases:
        with pytest.raises(ValidationFailed) as err:
            register_doc(tasks=[dict(summary="hợp lệ", lead_unit=units["tl"]), task])
        assert message in err.value.message.lower(), err.value.message
        assert err.value.message.startswith("Nhiệm vụ 2: ")
    assert DirectiveDocument.select().count() == 0 and Task.select().count() == 0


def test_duplicate_number_for_same_issuer_and_year_is_refused(register_doc):
    register_doc(number_symbol="125/UBND-NNTN")
    with pytest.raises(ValidationFailed) as err:
        register_doc(number_symbol="125/ubnd-nntn ")
    assert "đã có trong sổ" in err.value.message
    register_doc(number_symbol="125/UBND-NNTN", issued_on=D(2025, 3, 1))  # another year: fine
    register_doc(number_symbol="125/UBND-NNTN", issuer_kind="giam_doc")  # another issuer: fine
    assert DirectiveDocument.select().count() == 3


def test_deadline_extension_is_a_recorded_decision(register_doc, users):
    _, (task,) = register_doc()
    operations.extend_deadline(
        users["chief"], task, D(2027, 1, 15), "Phó Chủ tịch UBND tỉnh", "Công văn 99/UBND-NNTN", task.version
    )
    task = Task.get_by_id(task.id)
    ext = DeadlineExtension.get(DeadlineExtension.task == task)
    assert (ext.old_deadline, ext.new_deadline, ext.granted_by) == (
        D(2026, 12, 15),
        D(2027, 1, 15),
        "Phó Chủ tịch UBND tỉnh",
    )
    assert task.deadline == D(2027, 1, 15) and task.original_deadline == D(2026, 12, 15)
    with pytest.raises(ValidationFailed):
        operations.extend_deadline(users["chief"], task, D(2027, 2, 1), "", "", task.version)


def test_deadlines_never_change_silently(register_doc, users, units):
    _, (task,) = register_doc()
    data = dict(summary=task.summary, lead_unit=units["tl"], deadline=D(2027, 3, 1))
    with pytest.raises(ValidationFailed) as err:
        operations.update_task(users["tracker"], task, data, task.version)
    assert "gia hạn" in err.value.message
    assert Task.get_by_id(task.id).deadline == D(2026, 12, 15)


def test_finished_within_extended_not_original_deadline(register_doc, users):
    _, (task,) = register_doc()
    operations.extend_deadline(users["chief"], task, D(2027, 1, 15), "Giám đốc Sở", "", task.version)
    task = Task.get_by_id(task.id)
    with pytest.raises(ValidationFailed):  # a completion in the future is refused
        operations.complete_task(users["tracker"], task, D(2027, 1, 10), "", "", None, task.version, on=TODAY)
    task.completed_on, task.is_completed = D(2027, 1, 10), True
    assert rules.finished_within_original(task) is False
    assert rules.extension_figures([task]) == {"trong_han_goc": 0, "trong_han_gia_han": 1, "qua_han": 0}


def test_R_6_2_returned_task_leaves_active_counts_but_stays_searchable(register_doc, users):
    _, (task,) = register_doc()
    with pytest.raises(ValidationFailed):
        operations.return_task(users["chief"], task, "  ", on=TODAY)
    operations.return_task(users["chief"], task, "Không thuộc chức năng của Sở", on=TODAY)
    task = Task.get_by_id(task.id)
    assert rules.status(task, TODAY, CAL) is rules.Status.DA_TRA_LAI
    counts = queries.status_counts(users["tracker"], TODAY)
    assert sum(rules.four_figures(counts).values()) == 0
    f = queries.Filters(q="ha tang")
    rows, total = queries.task_list(users["tracker"], f, TODAY, CAL, 3)
    assert total == 1 and rows[0].id == task.id


def test_R_6_3b_result_entry_date_is_recorded(register_doc, users):
    _, (task,) = register_doc(received_on=D(2026, 11, 2), issued_on=D(2026, 11, 1))
    task.deadline = D(2026, 11, 13)
    task.save()
    task = Task.get_by_id(task.id)
    operations.complete_task(
        users["tracker"], task, D(2026, 11, 12), "Đã báo cáo", "12/BC-SNN", D(2026, 11, 12), task.version, on=TODAY
    )
    task = Task.get_by_id(task.id)
    assert task.result_entered_on == TODAY
    assert rules.result_entry_late(task, TODAY, CAL, issuer_kind="ubnd_tinh")  # entered 27/11, due 17/11
    assert rules.status(task, TODAY, CAL) is rules.Status.HOAN_THANH_DUNG_HAN


@pytest.mark.parametrize(("issuer_kind", "late"), [("ubnd_tinh", False), ("giam_doc", False), ("chu_tich", True)])
def test_R_6_3b_task_page_counts_progress_updates_and_judges_province_tasks_only(
    register_doc, users, units, issuer_kind, late
):
    _, (task,) = register_doc(issuer_kind=issuer_kind, received_on=D(2026, 11, 2), issued_on=D(2026, 11, 1))
    Task.update(deadline=D(2026, 11, 13)).where(Task.id == task.id).execute()  # due Tue 17/11
    entered = datetime.datetime(2026, 11, 16, 9, 0) if issuer_kind == "ubnd_tinh" else None
    if entered:  # a progress update entered within the limit is the "cập nhật"
        ProgressUpdate.create(
            task=task, unit=units["kl"], on_date=D(2026, 11, 16), text="Đang tổng hợp", created_at=entered
        )
    page = queries.task_page(Task.get_by_id(task.id), TODAY, CAL, 3, users["tracker"])
    assert page["result_late"] is late


def test_R_7_progress_flag_and_correction_keep_history(register_doc, users, units):
    _, (task,) = register_doc(
        tasks=[dict(summary="Báo cáo", lead_unit=units["kl"], other_units=[units["tl"]], deadline=D(2026, 12, 20))]
    )
    up = operations.record_progress(users["kl_officer"], task, units["kl"], D(2026, 11, 25), "Đã xong 50%")
    assert Task.get_by_id(task.id).started_on == D(2026, 11, 25)
    assert rules.status(Task.get_by_id(task.id), TODAY, CAL) is rules.Status.DANG_THUC_HIEN_TRONG_HAN
    operations.record_progress(users["tl_officer"], task, units["tl"], D(2026, 11, 26), "Phần phối hợp: đã gửi số liệu")
    with pytest.raises(ValidationFailed):
        operations.flag_update(users["tracker"], up, "")
    operations.flag_update(users["tracker"], up, "Số liệu không khớp eOffice")
    fix = operations.correct_update(users["kl_officer"], ProgressUpdate.get_by_id(up.id), "Đã xong 40%")
    assert fix.corrects_id == up.id
    assert ProgressUpdate.get_by_id(up.id).flagged_inaccurate
    assert ProgressUpdate.select().where(ProgressUpdate.task == task).count() == 3
    assert audit.history_for(ProgressUpdate.get_by_id(up.id))[0].action == "update"


def test_progress_needs_text_and_a_date_not_in_the_future(register_doc, users, units):
    _, (task,) = register_doc()
    with pytest.raises(ValidationFailed):
        operations.record_progress(users["tl_officer"], task, units["tl"], TODAY, "  ")
    with pytest.raises(ValidationFailed):
        operations.record_progress(users["tl_officer"], task, units["tl"], D(2099, 1, 1), "x")
    assert ProgressUpdate.select().count() == 0


def test_second_save_on_an_old_version_is_refused_with_both_versions(register_doc, users, units):
    _, (task,) = register_doc()
    first = Task.get_by_id(task.id)
    second = Task.get_by_id(task.id)
    data = dict(summary="Bản của người thứ nhất", lead_unit=units["tl"], deadline=first.deadline)
    operations.update_task(users["tracker"], first, data, first.version)
    with pytest.raises(Conflict) as err:
        operations.update_task(users["chief"], second, dict(data, summary="Bản của người thứ hai"), second.version)
    assert err.value.theirs.summary == "Bản của người thứ nhất"
    assert err.value.mine["summary"] == "Bản của người thứ hai"
    assert Task.get_by_id(task.id).summary == "Bản của người thứ nhất"


def test_recurring_task_tracks_each_period(register_doc, users, units):
    _, (task,) = register_doc(
        tasks=[dict(summary="Báo cáo tháng", lead_unit=units["kl"], recurrence="monthly", recurrence_day=20)]
    )
    periods = list(TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline))
    assert periods[0].deadline == D(2026, 12, 20) and len(periods) == 12
    task = Task.get_by_id(task.id)
    assert task.deadline == D(2026, 12, 20)
    operations.complete_period(users["tracker"], periods[0], D(2026, 11, 27), "Đã báo cáo", "1/BC", on=TODAY)
    assert Task.get_by_id(task.id).deadline == D(2027, 1, 20)


def test_due_soon_days_setting_is_used(app, register_doc, users, units):
    register_doc(tasks=[dict(summary="Sắp đến hạn", lead_unit=units["kl"], deadline=D(2026, 12, 3))])
    f = queries.Filters(due_soon=True)
    assert queries.task_list(users["tracker"], f, TODAY, CAL, settings.get("register.due_soon_days"))[1] == 0
    settings.set_value("register.due_soon_days", 4, users["chief"])
    assert queries.task_list(users["tracker"], f, TODAY, CAL, settings.get("register.due_soon_days"))[1] == 1
