"""Pure register rules (R-5.1e, R-6.1b, R-6.2, R-6.3b), without Flask or a database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from inspection.register import rules
from inspection.register.rules import Status
from inspection.workdays import WorkCalendar

CAL = WorkCalendar()
TODAY = date(2026, 11, 27)  # a Friday


def task(**kw):
    base = dict(
        returned_on=None,
        is_completed=False,
        completed_on=None,
        deadline=None,
        original_deadline=None,
        started_on=None,
        result_entered_on=None,
        is_secret=False,
    )
    base.update(kw)
    return SimpleNamespace(**base)


D = date
# (task fields, expected status) — also used by the SQL agreement test.
STATUS_CASES = [
    (dict(deadline=D(2026, 12, 1)), Status.CHUA_THUC_HIEN_TRONG_HAN),
    (dict(deadline=TODAY), Status.CHUA_THUC_HIEN_TRONG_HAN),
    (dict(deadline=D(2026, 11, 26)), Status.CHUA_THUC_HIEN_QUA_HAN),
    (dict(deadline=D(2026, 12, 1), started_on=D(2026, 11, 20)), Status.DANG_THUC_HIEN_TRONG_HAN),
    (dict(deadline=D(2026, 11, 1), started_on=D(2026, 10, 20)), Status.DANG_THUC_HIEN_QUA_HAN),
    (dict(deadline=D(2026, 11, 1), is_completed=True, completed_on=D(2026, 11, 1)), Status.HOAN_THANH_DUNG_HAN),
    (dict(deadline=D(2026, 11, 1), is_completed=True, completed_on=D(2026, 11, 2)), Status.HOAN_THANH_QUA_HAN),
    (dict(deadline=None, is_completed=True, completed_on=D(2026, 11, 2)), Status.HOAN_THANH_DUNG_HAN),
    (dict(deadline=D(2026, 11, 1), is_completed=True, completed_on=None), Status.HOAN_THANH_KHONG_RO_NGAY),
    (dict(deadline=None), Status.KHONG_THOI_HAN),
    (dict(deadline=None, started_on=D(2026, 11, 2)), Status.KHONG_THOI_HAN),
    (dict(deadline=D(2026, 11, 1), returned_on=D(2026, 10, 5)), Status.DA_TRA_LAI),
    (
        dict(deadline=D(2026, 11, 1), is_completed=True, completed_on=D(2026, 11, 5), returned_on=D(2026, 10, 5)),
        Status.DA_TRA_LAI,
    ),
]


@pytest.mark.parametrize("fields,expected", STATUS_CASES)
def test_R_5_1e_status_is_computed_from_dates(fields, expected):
    assert rules.status(task(**fields), TODAY, CAL) is expected


def test_R_5_1e_status_labels_are_vietnamese():
    assert Status.HOAN_THANH_DUNG_HAN.label == "Đã hoàn thành đúng hạn"
    assert Status.DANG_THUC_HIEN_TRONG_HAN.label == "Đang thực hiện trong hạn"
    assert Status.KHONG_THOI_HAN.label == "Không có thời hạn"
    assert Status.DA_TRA_LAI.label == "Đã trả lại"
    assert all(st.label for st in Status)


def test_due_soon_counts_working_days_across_the_weekend():
    # Friday 27/11: 3 working days ahead are Mon 30/11, Tue 1/12, Wed 2/12.
    assert rules.due_soon(task(deadline=D(2026, 12, 2)), TODAY, CAL)
    assert not rules.due_soon(task(deadline=D(2026, 12, 3)), TODAY, CAL)
    assert rules.due_soon(task(deadline=D(2026, 12, 3)), TODAY, CAL, days=4)
    assert rules.due_soon(task(deadline=TODAY), TODAY, CAL)
    assert not rules.due_soon(task(deadline=D(2026, 11, 26)), TODAY, CAL)  # already overdue
    assert not rules.due_soon(task(deadline=D(2026, 12, 1), is_completed=True, completed_on=TODAY), TODAY, CAL)


def test_due_soon_skips_public_holidays():
    # 30/4 and 1/5/2026 are holidays: from Wed 29/4, one working day ahead is Mon 4/5.
    assert rules.due_soon(task(deadline=D(2026, 5, 4)), D(2026, 4, 29), CAL, days=1)
    assert not rules.due_soon(task(deadline=D(2026, 5, 5)), D(2026, 4, 29), CAL, days=1)


def test_R_6_1b_registration_due_one_working_day_or_two_when_complex():
    friday = D(2026, 11, 27)
    assert rules.registration_due(friday, False, CAL) == D(2026, 11, 30)
    assert rules.registration_due(friday, True, CAL) == D(2026, 12, 1)


# (registered_on, registration_due_on) -> late? (R-6.1b, judged from the stored limit)
REGISTRATION_CASES = [
    ((D(2026, 11, 30), D(2026, 11, 30)), False),
    ((D(2026, 12, 1), D(2026, 11, 30)), True),
    ((D(2026, 11, 27), D(2026, 11, 30)), False),
    ((None, D(2026, 11, 30)), False),  # unknown dates are not judged
    ((D(2026, 12, 1), None), False),
    ((None, None), False),
]


@pytest.mark.parametrize("dates,expected", REGISTRATION_CASES)
def test_R_6_1b_late_registration_is_judged_from_the_stored_limit(dates, expected):
    registered_on, due = dates
    task = SimpleNamespace(registered_on=registered_on, registration_due_on=due)
    assert rules.registration_late(task) is expected


P = "ubnd_tinh"  # R-6.3b judges the Province's tasks


def test_R_6_3b_result_entry_due_two_working_days_after_deadline():
    assert rules.result_entry_due(D(2026, 11, 27), CAL) == D(2026, 12, 1)


def test_R_6_3b_result_entry_late_for_ordinary_tasks_only():
    deadline = D(2026, 11, 13)  # Friday; due Tue 17/11
    assert not rules.result_entry_late(
        task(deadline=deadline, result_entered_on=D(2026, 11, 17)), TODAY, CAL, issuer_kind=P
    )
    assert rules.result_entry_late(
        task(deadline=deadline, result_entered_on=D(2026, 11, 18)), TODAY, CAL, issuer_kind=P
    )
    assert rules.result_entry_late(task(deadline=deadline), TODAY, CAL, issuer_kind=P)  # nothing entered, past due
    assert not rules.result_entry_late(task(deadline=D(2026, 11, 26)), TODAY, CAL, issuer_kind=P)  # still within 2 days
    assert not rules.result_entry_late(task(deadline=deadline, is_secret=True), TODAY, CAL, issuer_kind=P)
    assert not rules.result_entry_late(task(deadline=None), TODAY, CAL, issuer_kind=P)
    assert not rules.result_entry_late(task(deadline=deadline, returned_on=D(2026, 11, 1)), TODAY, CAL, issuer_kind=P)


def test_R_6_3b_result_entry_counts_working_days_not_holidays():
    # National Day 2026, 29/8-2/9 off (confirmed, docs/calendar.md): Fri 28/8 + 2 working days = Fri 4/9.
    assert rules.result_entry_due(D(2026, 8, 28), CAL) == D(2026, 9, 4)
    assert not rules.result_entry_late(
        task(deadline=D(2026, 8, 28), result_entered_on=D(2026, 9, 4)), TODAY, CAL, issuer_kind=P
    )


def test_R_6_3b_progress_update_entered_within_the_limit_counts():
    deadline = D(2026, 11, 13)  # Friday; due Tue 17/11, nothing completed
    late = dict(issuer_kind=P, updated_on=[D(2026, 11, 2), D(2026, 11, 18)])  # before D, after the limit
    assert rules.result_entry_late(task(deadline=deadline), TODAY, CAL, **late)
    for day in (D(2026, 11, 13), D(2026, 11, 17)):
        assert not rules.result_entry_late(task(deadline=deadline), TODAY, CAL, issuer_kind=P, updated_on=[day])


def test_R_6_3b_recurring_task_judged_for_every_period():
    def period(deadline, completed_on=None):
        return SimpleNamespace(deadline=deadline, completed_on=completed_on)

    # Monthly: the current deadline (October's result just entered in time) is fine,
    # but September's result came long after its limit (Thu 1/10 + 2 days = Mon 5/10).
    sep, oct_ = period(D(2026, 9, 30), D(2026, 10, 20)), period(D(2026, 10, 31), D(2026, 11, 3))
    t = task(deadline=D(2026, 11, 30), result_entered_on=D(2026, 11, 3))
    assert rules.result_entry_late(t, TODAY, CAL, issuer_kind=P, periods=[sep, oct_, period(D(2026, 11, 30))])
    assert not rules.result_entry_late(t, TODAY, CAL, issuer_kind=P, periods=[oct_, period(D(2026, 11, 30))])
    # A progress update in September's window is September's entry.
    fixed = dict(issuer_kind=P, updated_on=[D(2026, 10, 2)], periods=[sep, oct_])
    assert not rules.result_entry_late(t, TODAY, CAL, **fixed)


@pytest.mark.parametrize(
    ("issuer_kind", "judged"),
    [
        ("ubnd_tinh", True),
        ("chu_tich", True),
        ("pho_chu_tich", True),
        ("giam_doc", False),
        ("pho_giam_doc", False),
        ("vp_ubnd_tinh", True),  # signs "TL." by the Chairman's order
        ("khac", False),
    ],
)
def test_R_6_3b_two_day_limit_binds_tasks_from_the_province_only(issuer_kind, judged):
    overdue_without_entry = task(deadline=D(2026, 11, 13))
    assert rules.result_entry_late(overdue_without_entry, TODAY, CAL, issuer_kind=issuer_kind) is judged


def test_R_6_2_returned_tasks_leave_the_four_figures():
    counts = {
        Status.DA_TRA_LAI: 5,
        Status.HOAN_THANH_DUNG_HAN: 2,
        Status.CHUA_THUC_HIEN_QUA_HAN: 3,
        Status.DANG_THUC_HIEN_QUA_HAN: 1,
        Status.KHONG_THOI_HAN: 4,
        Status.HOAN_THANH_QUA_HAN: 7,
    }
    assert rules.four_figures(counts) == {
        "hoan_thanh_dung_han": 2,
        "hoan_thanh_qua_han": 7,
        "dang_thuc_hien_trong_han": 4,
        "dang_thuc_hien_qua_han": 4,
    }


def test_finished_within_original_or_only_extended_deadline():
    on_time = task(
        is_completed=True, completed_on=D(2026, 5, 1), original_deadline=D(2026, 5, 1), deadline=D(2026, 6, 1)
    )
    extended = task(
        is_completed=True, completed_on=D(2026, 5, 20), original_deadline=D(2026, 5, 1), deadline=D(2026, 6, 1)
    )
    late = task(is_completed=True, completed_on=D(2026, 6, 5), original_deadline=D(2026, 5, 1), deadline=D(2026, 6, 1))
    unknown = task(is_completed=True, completed_on=None, deadline=D(2026, 6, 1))
    assert rules.finished_within_original(on_time) is True
    assert rules.finished_within_original(extended) is False
    assert rules.finished_within_original(unknown) is None
    assert rules.extension_figures([on_time, extended, late, unknown, task()]) == {
        "trong_han_goc": 1,
        "trong_han_gia_han": 1,
        "qua_han": 1,
    }


def test_deadline_before_received_date_is_refused():
    assert "không được trước ngày nhận" in rules.validate_deadline(D(2026, 5, 2), D(2026, 5, 1))
    assert rules.validate_deadline(D(2026, 5, 2), D(2026, 5, 2)) is None
    assert rules.validate_deadline(None, D(2026, 5, 2)) is None


def test_period_deadlines_of_recurring_tasks():
    monthly = rules.period_deadlines("monthly", 20, D(2026, 10, 1), D(2026, 12, 31))
    assert monthly == [
        ("Tháng 10/2026", D(2026, 10, 20)),
        ("Tháng 11/2026", D(2026, 11, 20)),
        ("Tháng 12/2026", D(2026, 12, 20)),
    ]
    quarterly = rules.period_deadlines("quarterly", None, D(2026, 1, 1), D(2026, 12, 31))
    assert [d for _, d in quarterly] == [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]
    assert rules.period_deadlines("monthly", 31, D(2026, 2, 1), D(2026, 2, 28)) == [("Tháng 02/2026", D(2026, 2, 28))]
    half = rules.period_deadlines("half_yearly", 10, D(2026, 1, 1), D(2026, 12, 31))
    assert half == [("6 tháng đầu năm 2026", D(2026, 6, 10)), ("6 tháng cuối năm 2026", D(2026, 12, 10))]
    assert rules.period_deadlines("", None, D(2026, 1, 1), D(2026, 12, 31)) == []


def test_R_6_1b_a_changed_day_moves_only_limits_inside_its_window():
    """recompute_registration_due reads only received dates in [window start, day): no limit outside moves."""
    from inspection.workdays import OFF, WORK

    for day, kind in ((D(2026, 3, 11), OFF), (D(2026, 3, 14), WORK), (D(2026, 2, 20), WORK), (D(2026, 5, 4), OFF)):
        assert (kind == OFF) == CAL.is_working_day(day)  # the override changes the day
        changed = WorkCalendar(overrides={day: (kind, "Điều chỉnh")})
        start = rules.registration_window_start(day, CAL)
        assert start == rules.registration_window_start(day, changed)
        received = day - timedelta(days=40)
        while received < day + timedelta(days=5):
            for complex_ in (False, True):
                before = rules.registration_due(received, complex_, CAL)
                after = rules.registration_due(received, complex_, changed)
                if before != after:
                    assert start <= received < day <= before, (day, received, complex_)  # the SQL window
            received += timedelta(days=1)
