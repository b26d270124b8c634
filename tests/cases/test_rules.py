"""Pure rules of inspection cases (Chương IV), tested without Flask or a database."""

from datetime import date

import pytest

from inspection.cases import rules as r


# --- state machine ---------------------------------------------------------------
def test_states_follow_one_path_each_step_allowed():
    for a, b in zip(r.STATES, r.STATES[1:]):
        assert r.transition_error(a, b) is None
        assert r.next_state(a) == b
    assert r.next_state(r.CLOSED) is None


@pytest.mark.parametrize(
    "a,b", [(r.DRAFT, r.IN_PROGRESS), (r.DECIDED, r.REPORTED), (r.ENDED, r.NOTIFIED), (r.DRAFT, r.CLOSED)]
)
def test_skipped_state_refused_naming_the_missing_step(a, b):
    msg = r.transition_error(a, b)
    assert msg and "phải qua bước" in msg
    assert r.STATE_LABELS[r.next_state(a)] in msg


def test_backward_and_same_state_refused():
    assert "về" in r.transition_error(r.IN_PROGRESS, r.DRAFT)
    assert r.transition_error(r.ENDED, r.ENDED)
    assert r.transition_error("bogus", r.DRAFT)


# --- R-13 ---------------------------------------------------------------------
def _facts(**kw):
    base = dict(
        legal_grounds=["Quyết định số 12/QĐ-SNN"],
        unit_count=1,
        task_count=3,
        content_items=["to_chuc_thuc_hien"],
        start=date(2026, 4, 20),
        end=date(2026, 4, 28),
        has_leader=True,
        member_count=3,
    )
    base.update(kw)
    return r.DecisionFacts(**base)


def test_R_13_complete_decision_has_nothing_missing():
    assert r.decision_missing_parts(_facts()) == []


def test_R_13_each_missing_part_listed_in_vietnamese():
    missing = r.decision_missing_parts(
        _facts(legal_grounds=["  "], task_count=0, content_items=[], end=None, member_count=0, has_leader=False)
    )
    assert [m[:2] for m in missing] == ["a)", "b)", "c)", "d)", "đ)"]
    assert "chưa có nhiệm vụ nào trong phạm vi" in missing[1]
    msg = r.decision_refusal(missing)
    assert msg.startswith("Chưa thể ban hành quyết định kiểm tra") and "khoản 2 Điều 13" in msg


def test_R_13_team_without_leader_is_missing_part_d_bar():
    missing = r.decision_missing_parts(_facts(has_leader=False))
    assert missing == ["đ) Thành phần Đoàn kiểm tra (chưa có Trưởng đoàn)"]


def test_R_13_no_unit_is_missing_scope():
    assert r.decision_missing_parts(_facts(unit_count=0))[0].startswith("b)")


# --- window ---------------------------------------------------------------------
def test_end_before_start_refused():
    assert "không được trước ngày bắt đầu" in r.window_error(date(2026, 5, 2), date(2026, 5, 1))
    assert r.window_error(date(2026, 5, 1), date(2026, 5, 1)) is None
    assert r.window_error(None, date(2026, 5, 1)) is None


def test_length_in_working_days_skips_holidays(cal):
    # 27/4 (observed Hùng Kings), 30/4 and 1/5 are days off; 2–3/5 weekend.
    assert r.length_in_working_days(date(2026, 4, 27), date(2026, 5, 4), cal) == 3
    assert r.length_in_working_days(date(2026, 4, 20), date(2026, 4, 24), cal) == 5
    assert r.length_in_working_days(date(2026, 4, 24), date(2026, 4, 20), cal) == 0


# --- team ---------------------------------------------------------------------
def test_team_needs_exactly_one_leader():
    members = [r.Member("Nguyễn Văn A", r.MEMBER), r.Member("Trần Thị B", r.SECRETARY)]
    assert "phải có Trưởng đoàn" in r.team_errors(members, [5])[0]
    two = [r.Member("A", r.LEADER), r.Member("B", r.LEADER)]
    assert "chỉ có một Trưởng đoàn" in r.team_errors(two, [5])[0]
    ok = [r.Member("A", r.LEADER), r.Member("B", r.DEPUTY), r.Member("C", r.MEMBER)]
    assert r.team_errors(ok, [5]) == []


def test_conflict_of_interest_head_of_inspected_unit_refused():
    members = [r.Member("Lê Văn C", r.LEADER), r.Member("Phạm Văn D", r.MEMBER, heads_unit_id=5)]
    errs = r.team_errors(members, [5, 6], {5: "Chi cục Kiểm lâm"})
    assert len(errs) == 1
    assert "Phạm Văn D là Thủ trưởng Chi cục Kiểm lâm" in errs[0] and "xung đột lợi ích" in errs[0]
    # heading a unit that is not inspected is fine
    assert r.member_problem(r.Member("X", r.MEMBER, heads_unit_id=9), [5]) is None


# --- R-16.2 ------------------------------------------------------------------------
def test_R_16_2_report_due_five_working_days_across_holiday(cal):
    # ends Tue 28/04/2026: 29/4 (1), 30/4 + 1/5 holidays, weekend, 4/5 (2) … 7/5 (5)
    assert r.report_due(date(2026, 4, 28), cal) == date(2026, 5, 7)


def test_R_16_2_report_due_plain_week(cal):
    assert r.report_due(date(2026, 6, 5), cal) == date(2026, 6, 12)
    assert r.report_due(None, cal) is None


def test_R_16_2_late_flag():
    due = date(2026, 5, 7)
    assert not r.report_late(due, date(2026, 5, 7), date(2026, 6, 1))
    assert r.report_late(due, date(2026, 5, 8), date(2026, 5, 8))
    assert r.report_late(due, None, date(2026, 5, 8))  # not yet reported, now late
    assert not r.report_late(due, None, date(2026, 5, 6))
    assert not r.report_late(None, None, date(2026, 5, 6))


def test_R_16_2_report_before_inspection_ended_refused():
    for s in (r.DRAFT, r.DECIDED, r.IN_PROGRESS):
        assert "chưa kết thúc" in r.report_error(s)
    assert r.report_error(r.ENDED) is None
    assert r.report_error(r.REPORTED)


# --- R-16.3 ------------------------------------------------------------------------
def test_R_16_3b_shortfall_needs_nature_degree_cause_responsibility():
    msg = r.finding_error(r.RESULT_NOT_DONE, "Chậm triển khai", "", "", "Chi cục", "số 3")
    assert "mức độ, nguyên nhân" in msg and "điểm b khoản 3 Điều 16" in msg
    assert r.finding_error(r.RESULT_WRONG, "a", "b", "c", "d") is None
    assert r.finding_error(r.RESULT_DONE, "", "", "", "") is None
    assert r.finding_error("xyz", "", "", "", "")


def test_R_16_3b_prefill_from_register_status():
    from inspection.register.rules import Status

    assert r.prefill_result(Status.HOAN_THANH_DUNG_HAN.value) == r.RESULT_DONE
    assert r.prefill_result(Status.HOAN_THANH_QUA_HAN.value) == r.RESULT_LATE
    assert r.prefill_result(Status.CHUA_THUC_HIEN_QUA_HAN.value) == r.RESULT_NOT_DONE
    assert r.prefill_result(Status.DANG_THUC_HIEN_QUA_HAN.value) == r.RESULT_NOT_DONE
    assert r.prefill_result(Status.DANG_THUC_HIEN_TRONG_HAN.value) == ""


def test_R_16_3c_recommendation_needs_unit_and_deadline():
    today = date(2026, 5, 8)
    assert r.recommendation_error(r.REC_URGE, "Đôn đốc", 3, date(2026, 6, 1), today) is None
    assert "đơn vị" in r.recommendation_error(r.REC_URGE, "Đôn đốc", None, date(2026, 6, 1), today)
    assert "thời hạn" in r.recommendation_error(r.REC_ADJUST, "x", 3, None, today)
    assert r.recommendation_error("other", "x", 3, date(2026, 6, 1), today)
    assert r.recommendation_error(r.REC_HANDLE, " ", 3, date(2026, 6, 1), today)
    assert r.recommendation_error(r.REC_HANDLE, "x", 3, date(2026, 5, 1), today)


# --- plans (R-12.1, R-15.1a) --------------------------------------------------------
def test_plan_workflow_draft_submit_approve():
    assert r.plan_move(r.PLAN_DRAFT, "submit") == (r.PLAN_SUBMITTED, None)
    assert r.plan_move(r.PLAN_SUBMITTED, "approve") == (r.PLAN_APPROVED, None)


def test_plan_returned_with_remarks_then_resubmitted():
    assert r.plan_move(r.PLAN_SUBMITTED, "return")[1]  # remarks required
    assert r.plan_move(r.PLAN_SUBMITTED, "return", "Bổ sung") == (r.PLAN_RETURNED, None)
    assert r.plan_move(r.PLAN_RETURNED, "submit") == (r.PLAN_SUBMITTED, None)
    assert r.plan_editable(r.PLAN_RETURNED) and not r.plan_editable(r.PLAN_SUBMITTED)


def test_plan_impossible_moves_refused():
    assert "không thể phê duyệt" in r.plan_move(r.PLAN_DRAFT, "approve")[1]
    assert r.plan_move(r.PLAN_APPROVED, "submit")[0] is None
    assert "chưa có cuộc kiểm tra" in r.plan_move(r.PLAN_DRAFT, "submit", item_count=0)[1]
    assert r.plan_move(r.PLAN_DRAFT, "fly")[1]


def test_planned_inspection_due_soon():
    today = date(2026, 3, 1)
    assert r.item_due_soon(date(2026, 3, 10), today, 14, started=False)
    assert not r.item_due_soon(date(2026, 4, 10), today, 14, started=False)
    assert not r.item_due_soon(date(2026, 3, 10), today, 14, started=True)
