"""The Office's review queue (R-7): accept, flag, correction back in the queue, contests, double decisions."""

import datetime
import threading

import pytest

from inspection import audit
from inspection.db import db
from inspection.errors import Conflict, NotFound, ValidationFailed
from inspection.monitoring import review_ops, review_queries
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import ReviewItem
from inspection.notifications.models import Notification
from inspection.register import operations as reg
from inspection.register.models import DeadlineExtension, ProgressUpdate, Task
from tests.factories import on

D = datetime.date
TODAY = D(2026, 12, 10)


@pytest.fixture
def task(app, register_doc, units):
    on(D(2026, 11, 27))
    _doc, made = register_doc()
    on(TODAY)
    return made[0]  # led by Chi cục Thủy lợi, deadline 15/12/2026


def _progress(users, task, units, text="Đã khảo sát 3 hồ chứa"):
    return reg.record_progress(users["tl_officer"], task, units["tl"], TODAY, text)


def _pending(kind=None):
    q = ReviewItem.select().where(ReviewItem.state == rr.PENDING)
    return list(q.where(ReviewItem.kind == kind) if kind else q)


def _notes(user):
    return list(Notification.select().where(Notification.recipient == user.id))


def test_R_7_progress_and_result_enter_the_queue_once_and_are_accepted_together(task, users, units):
    up = _progress(users, task, units)
    task = Task.get_by_id(task.id)  # the first update marked it started
    reg.complete_task(users["tl_officer"], task, TODAY, "Đã trình báo cáo", "12/BC-CCTL", TODAY, task.version)
    assert review_ops.collect(TODAY) == 2
    assert review_ops.collect(TODAY) == 0  # already queued: nothing doubled
    items = _pending()
    assert {(i.kind, i.unit_id) for i in items} == {(rr.PROGRESS, units["tl"].id), (rr.RESULT, units["tl"].id)}
    assert next(i for i in items if i.kind == rr.PROGRESS).progress_id == up.id
    assert review_ops.accept_many(users["tracker"], [i.id for i in items]) == 2
    assert not _pending()
    assert {i.decided_by_id for i in ReviewItem.select()} == {users["tracker"].id}
    assert {e.record_id for e in audit.history_for(items[0])} >= {items[0].id}


def test_R_7_1_flag_marks_the_register_update_notifies_and_the_correction_comes_back(task, users, units):
    """R-7.1 flag through the register's flag_update; R-7.2b the correction is a new pending entry."""
    up = _progress(users, task, units)
    review_ops.collect(TODAY)
    item = _pending(rr.PROGRESS)[0]
    review_ops.flag(users["tracker"], item, "Số hồ chứa không khớp báo cáo tháng")
    flagged = ProgressUpdate.get_by_id(up.id)
    assert flagged.flagged_inaccurate and flagged.flag_reason == "Số hồ chứa không khớp báo cáo tháng"
    assert ReviewItem.get_by_id(item.id).state == rr.FLAGGED
    assert any("chưa chính xác" in n.text for n in _notes(users["tl_officer"]))
    assert not _notes(users["kl_officer"])
    fix = reg.correct_update(users["tl_officer"], flagged, "Đã khảo sát 4 hồ chứa (sửa lại)")
    review_ops.collect(TODAY)
    back = _pending(rr.PROGRESS)
    assert [(i.progress_id, i.entry_key) for i in back] == [(fix.id, f"progress:{fix.id}")]


def test_R_7_2b_flagged_result_waits_for_the_unit_until_entered_again(task, users, units):
    reg.complete_task(users["tl_officer"], task, TODAY, "Đã trình", "12/BC-CCTL", TODAY, task.version)
    review_ops.collect(TODAY)
    item = _pending(rr.RESULT)[0]
    review_ops.flag(users["chief"], item, "Chưa có văn bản kết quả kèm theo")
    assert [i.id for i in review_queries.flagged_results_waiting(units["tl"].id)] == [item.id]
    task = Task.get_by_id(task.id)
    reg.complete_task(users["tl_officer"], task, TODAY, "Đã trình", "13/BC-CCTL", TODAY, task.version)
    review_ops.collect(TODAY)
    assert len(_pending(rr.RESULT)) == 1  # the new result is back in the queue
    assert not list(review_queries.flagged_results_waiting(units["tl"].id))


def test_R_7_a_decided_item_is_refused_to_a_second_officer_and_nothing_is_doubled(task, users, units):
    """Two officers opened the same item; the second decision finds it decided (conditional UPDATE)."""
    _progress(users, task, units)
    review_ops.collect(TODAY)
    first = _pending()[0]
    second = ReviewItem.get_by_id(first.id)  # the other officer's copy, loaded before the first decided
    review_ops.flag(users["tracker"], first, "Sai số liệu")
    notes = len(_notes(users["tl_officer"]))
    with pytest.raises(Conflict) as exc:
        review_ops.flag(users["chief"], second, "Sai ngày")
    assert "đã được" in exc.value.message and "xử lý trước" in exc.value.message
    with pytest.raises(Conflict):
        review_ops.accept_many(users["chief"], [second.id])
    row = ReviewItem.get_by_id(first.id)
    assert (row.state, row.reason, row.decided_by_id) == (rr.FLAGGED, "Sai số liệu", users["tracker"].id)
    assert ProgressUpdate.get_by_id(row.progress_id).flag_reason == "Sai số liệu"
    assert len(_notes(users["tl_officer"])) == notes


def test_R_7_accepting_several_is_refused_whole_when_one_was_decided(task, users, units):
    _progress(users, task, units)
    _progress(users, task, units, "Đã khảo sát thêm 2 hồ")
    review_ops.collect(TODAY)
    a, b = _pending()
    review_ops.accept_many(users["tracker"], [a.id])
    with pytest.raises(Conflict) as exc:
        review_ops.accept_many(users["chief"], [a.id, b.id])
    assert "1 mục" in exc.value.message
    assert ReviewItem.get_by_id(b.id).state == rr.PENDING


def test_R_7_flag_without_reason_or_on_a_contest_is_refused(task, users, units):
    _progress(users, task, units)
    review_ops.collect(TODAY)
    item = _pending()[0]
    with pytest.raises(ValidationFailed) as exc:
        review_ops.flag(users["tracker"], item, "  ")
    assert exc.value.field == "reason"
    assert ReviewItem.get_by_id(item.id).state == rr.PENDING


def test_R_7_2b_contest_of_deadline_upheld_extends_it_through_the_register(task, users, units):
    contest = review_ops.raise_contest(users["tl_officer"], task, "deadline", "Văn bản giao hạn 31/12, nhập nhầm 15/12")
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    assert (item.kind, item.state, item.unit_id) == (rr.CONTEST, rr.PENDING, units["tl"].id)
    with pytest.raises(ValidationFailed):  # one open contest of the same thing at a time
        review_ops.raise_contest(users["tl_officer"], task, "deadline", "Nhắc lại")
    review_ops.resolve_contest(users["chief"], item, True, "", {"new_deadline": D(2026, 12, 31)})
    assert Task.get_by_id(task.id).deadline == D(2026, 12, 31)
    ext = DeadlineExtension.get(DeadlineExtension.task == task.id)
    assert (ext.old_deadline, ext.new_deadline) == (D(2026, 12, 15), D(2026, 12, 31))
    assert ReviewItem.get_by_id(item.id).state == rr.UPHELD
    assert any("chấp nhận ý kiến" in n.text for n in _notes(users["tl_officer"]))


def test_R_7_2b_contest_of_lead_unit_upheld_changes_it_and_keeps_cooperating_units(task, users, units):
    contest = review_ops.raise_contest(users["tl_officer"], task, "lead_unit", "Thuộc chức năng của Chi cục Kiểm lâm")
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    review_ops.resolve_contest(users["tracker"], item, True, "", {"lead_unit": units["kl"]})
    assert Task.get_by_id(task.id).lead_unit_id == units["kl"].id


def test_R_7_2b_contest_rejected_needs_a_reason_changes_nothing_and_notifies(task, users, units):
    contest = review_ops.raise_contest(users["tl_officer"], task, "result", "Nhiệm vụ chưa hoàn thành")
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    with pytest.raises(ValidationFailed):
        review_ops.resolve_contest(users["chief"], item, False, " ", {})
    assert ReviewItem.get_by_id(item.id).state == rr.PENDING
    review_ops.resolve_contest(users["chief"], item, False, "Kết quả đúng theo báo cáo số 12", {})
    assert Task.get_by_id(task.id).version == task.version
    assert any("không chấp nhận (Kết quả đúng theo báo cáo số 12)" in n.text for n in _notes(users["tl_officer"]))
    with pytest.raises(Conflict):
        review_ops.resolve_contest(users["tracker"], ReviewItem.get_by_id(item.id), True, "", {})


def test_R_7_2b_upheld_change_the_register_refuses_rolls_the_decision_back(task, users, units):
    contest = review_ops.raise_contest(users["tl_officer"], task, "deadline", "Hạn đúng là 01/12")
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    with pytest.raises(ValidationFailed) as exc:
        review_ops.resolve_contest(users["chief"], item, True, "", {"new_deadline": D(2026, 12, 1)})
    assert exc.value.field == "new_deadline"
    assert ReviewItem.get_by_id(item.id).state == rr.PENDING
    assert not DeadlineExtension.select().exists()


def test_R_7_2b_contest_of_a_result_upheld_enters_the_corrected_result(task, users, units):
    reg.complete_task(users["tracker"], task, TODAY, "Đã trình", "", None, task.version)
    contest = review_ops.raise_contest(users["tl_officer"], Task.get_by_id(task.id), "result", "Ngày hoàn thành sai")
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    change = {"completed_on": D(2026, 12, 8), "result_text": "Đã trình", "result_doc_number": "9/TTr-CCTL"}
    review_ops.resolve_contest(users["chief"], item, True, "", change)
    done = Task.get_by_id(task.id)
    assert (done.completed_on, done.result_doc_number) == (D(2026, 12, 8), "9/TTr-CCTL")
    review_ops.collect(TODAY)
    # the result the Office entered itself does not come back to its own queue
    assert ReviewItem.get(ReviewItem.entry_key == rr.result_key(done)).state == rr.ACCEPTED


def test_R_5_2_secret_entries_never_in_the_ordinary_queue_or_counts(app, register_doc, users, units):
    settings_offline(app)
    on(D(2026, 11, 27))
    _doc, (secret,) = register_doc(
        secret_level="mat",
        abstract="",
        tasks=[dict(summary="Nhiệm vụ mật thử", lead_unit=units["tl"], deadline=D(2026, 12, 1))],
        user=users["secret_tracker"],
    )
    on(TODAY)
    up = reg.record_progress(users["tl_officer"], secret, units["tl"], TODAY, "Tiến độ mật")
    review_ops.collect(TODAY)
    ordinary = review_queries.queue(review_queries.Filters(state="all"))
    assert not list(ordinary)
    assert [i.progress_id for i in review_queries.queue(review_queries.Filters(), secret=True)] == [up.id]
    item = ReviewItem.get(ReviewItem.progress == up.id)
    with pytest.raises(NotFound):
        review_ops.accept_many(users["tracker"], [item.id])  # not in the ordinary register
    review_ops.flag(users["secret_tracker"], item, "Sai")
    stats = review_queries.unit_update_stats(D(2026, 1, 1), TODAY, today=TODAY)
    assert units["tl"].id not in stats
    assert all("mật" not in n.text or n.text.startswith("Có một nhiệm vụ mật") for n in _notes(users["tl_officer"]))


def settings_offline(app):
    """R-5.2: secret progress text may be stored only on an installation declared offline."""
    from inspection import settings

    settings.set_value("installation.offline", True)


def test_R_7_two_transactions_at_once_the_second_finds_the_item_decided(app, task, users, units):
    """Officer 2's transaction runs while officer 1's is still open: the conditional UPDATE refuses it."""
    _progress(users, task, units)
    review_ops.collect(TODAY)
    item = _pending()[0]
    first_updated, second_loaded, outcome = threading.Event(), threading.Event(), {}

    def second_officer():
        with app.app_context(), db.connection_context():
            first_updated.wait()
            mine = ReviewItem.get_by_id(item.id)  # officer 1 has not committed: still pending here
            second_loaded.set()
            try:
                review_ops.flag(users["chief"], mine, "Sai ngày")
                outcome["second"] = "saved"
            except Conflict as exc:
                outcome["second"] = exc.message

    worker = threading.Thread(target=second_officer)
    worker.start()
    with db.atomic():
        review_ops.flag(users["tracker"], item, "Sai số liệu")
        first_updated.set()
        second_loaded.wait()
    worker.join()
    assert "xử lý trước" in outcome["second"]
    row = ReviewItem.get_by_id(item.id)
    assert (row.state, row.reason, row.decided_by_id) == (rr.FLAGGED, "Sai số liệu", users["tracker"].id)
    assert ProgressUpdate.get_by_id(row.progress_id).flag_reason == "Sai số liệu"
    assert len([n for n in _notes(users["tl_officer"]) if "chưa chính xác" in n.text]) == 1
