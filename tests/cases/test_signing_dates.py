"""Who signs, on which day, and by when (issue 11): R-13.1, R-13d, R-16.2 on a real database.

Each refusal leaves everything as it was: no document, no number, no state move.
"""

import datetime

import pytest

from inspection.cases import issuing, rules
from inspection.cases import operations as ops
from inspection.cases.models import CaseTask, CaseTransition, InspectionCase
from inspection.documents import operations as docops
from inspection.documents.models import OutgoingDocument
from inspection.errors import ValidationFailed
from tests.cases.test_walk import (
    DIRECTOR,
    LEADER,
    _record_findings,
    decided_case,
    draft_case,
    ended_case,
    reported_case,
)
from tests.factories import on

D = datetime.date
CHIEF = {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG", "signer_name": "Phạm Minh Tuấn"}
DEPUTY = {"signer_authority": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC", "signer_name": "Trần Văn Hùng"}
OTHER_DEPUTY = {"signer_authority": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC", "signer_name": "Lê Thị Mai"}


def _nothing_issued(case):
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.state == rules.DRAFT and fresh.decision_doc_id is None and fresh.scope_frozen_at is None
    assert OutgoingDocument.select().where(OutgoingDocument.kind == "inspection_decision").count() == 0
    assert not CaseTask.select().where((CaseTask.case == case) & (CaseTask.status_code != "")).exists()


# --- only the Director decides, or a Deputy he delegated --------------------------------
@pytest.mark.parametrize("block", [LEADER, CHIEF], ids=["TRƯỞNG ĐOÀN", "TL. CHÁNH VĂN PHÒNG"])
def test_R_13_1_decision_signed_by_leader_or_office_chief_refused_nothing_changed(world, block):
    case = draft_case(world)
    with pytest.raises(ValidationFailed) as exc:
        issuing.issue_decision(case, world["people"]["director"], block, on(D(2026, 4, 17)))
    assert "khoản 1 Điều 13" in exc.value.message and exc.value.field == "signer"
    _nothing_issued(case)


def test_R_13_1_deputy_signs_the_decision_only_when_the_delegation_is_recorded(world):
    p = world["people"]
    case = draft_case(world)
    with pytest.raises(ValidationFailed, match="ủy quyền"):
        issuing.issue_decision(case, p["deputy"], DEPUTY, on(D(2026, 4, 17)))
    _nothing_issued(case)
    docops.set_delegation(p["director"], "Trần Văn Hùng", "Giấy ủy quyền số 12/GUQ-SNN ngày 10/4/2026")
    with pytest.raises(ValidationFailed, match="Trần Văn Hùng"):
        issuing.issue_decision(case, p["deputy"], OTHER_DEPUTY, on(D(2026, 4, 17)))
    _nothing_issued(case)
    issuing.issue_decision(case, p["deputy"], DEPUTY, on(D(2026, 4, 17)))
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.DECIDED and case.decision_doc.signer_title == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"


def test_R_13_1_delegation_needs_a_known_deputy_and_its_written_reference(world):
    p = world["people"]
    with pytest.raises(ValidationFailed, match="Phó Giám đốc"):
        docops.set_delegation(p["director"], "Người Lạ", "Giấy ủy quyền số 1")
    with pytest.raises(ValidationFailed, match="khoản 1 Điều 13"):
        docops.set_delegation(p["director"], "Trần Văn Hùng", "  ")
    from inspection.documents import signers

    assert signers.delegation() is None
    docops.set_delegation(p["director"], "Trần Văn Hùng", "Giấy ủy quyền số 12/GUQ-SNN")
    recorded = signers.delegation()
    assert recorded["deputy_name"] == "Trần Văn Hùng" and recorded["by"] == "Nguyễn Tấn Liêm" and recorded["at"]
    docops.set_delegation(p["director"], "", "")
    assert signers.delegation() is None


# --- issue dates are real ------------------------------------------------------------------------
@pytest.mark.parametrize("shift", [-1, 1], ids=["backdated", "postdated"])
def test_R_16_2_report_dated_other_than_the_day_of_issue_refused_nothing_changed(world, shift):
    p = world["people"]
    case = ended_case(world)
    _record_findings(case, world)
    ops.end_inspection(case, p["leader"], on(D(2026, 4, 28)))
    today = on(D(2026, 5, 12))  # late: the report was due on 07/05
    with pytest.raises(ValidationFailed) as exc:
        issuing.issue_report(
            InspectionCase.get_by_id(case.id), p["leader"], LEADER, today + datetime.timedelta(days=shift)
        )
    assert "khoản 2 Điều 16" in exc.value.message and "12/05/2026" in exc.value.message
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.state == rules.ENDED and fresh.report_doc_id is None
    assert not OutgoingDocument.select().where(OutgoingDocument.kind == "inspection_report").exists()


def test_R_16_2_notice_backdated_refused_and_its_tasks_are_received_on_the_day_of_issue(world):
    from inspection.register.models import Task

    p = world["people"]
    case = reported_case(world)
    with pytest.raises(ValidationFailed, match="khoản 2 Điều 16"):
        issuing.issue_notice(case, p["director"], DIRECTOR, D(2026, 5, 7))
    assert InspectionCase.get_by_id(case.id).state == rules.REPORTED and Task.select().count() == 3
    on(D(2026, 5, 10))  # a Sunday: the notice carries that date
    issuing.issue_notice(case, p["director"], DIRECTOR)
    case = InspectionCase.get_by_id(case.id)
    assert case.notice_doc.issued_on == D(2026, 5, 10) and case.notified_on == D(2026, 5, 10)
    new = list(Task.select().where(Task.registered_on == D(2026, 5, 10)))
    assert new and all(t.document.received_on == D(2026, 5, 10) for t in new)


def test_outgoing_numbers_and_dates_rise_together(world):
    p = world["people"]
    draft = docops.create_draft("urging_letter", _sample("urging_letter"), p["chief"])
    on(D(2026, 11, 29))
    first = docops.issue(draft, p["chief"])
    later = docops.create_draft("urging_letter", _sample("urging_letter"), p["chief"])
    on(D(2026, 11, 27))  # the clock set back: the next number may not carry an earlier date
    with pytest.raises(ValidationFailed) as exc:
        docops.issue(later, p["chief"])
    assert first.number_text in exc.value.message and "29/11/2026" in exc.value.message
    fresh = OutgoingDocument.get_by_id(later.id)
    assert fresh.state == "draft" and fresh.number is None
    on(D(2026, 11, 30))
    assert docops.issue(fresh, p["chief"]).number == first.number + 1


def _sample(kind):
    from inspection.documents import kinds

    return kinds.get(kind).sample


# --- the notice has the report's deadline ------------------------------------------------
def test_R_16_2_notice_due_with_the_report_and_late_notice_flagged(world):
    p = world["people"]
    case = reported_case(world)  # reported on 06/05, due 07/05
    assert rules.case_flags(rules.case_dates(case), D(2026, 5, 7)) == []
    assert rules.case_flags(rules.case_dates(case), D(2026, 5, 8)) == [rules.FLAG_NOTICE_LATE]
    issuing.issue_notice(case, p["director"], DIRECTOR, on(D(2026, 5, 25)))  # 12 working days late
    case = InspectionCase.get_by_id(case.id)
    assert rules.case_flags(rules.case_dates(case), D(2026, 6, 1)) == [rules.FLAG_NOTICE_LATE]
    last = CaseTransition.select().where(CaseTransition.case == case).order_by(CaseTransition.id.desc()).first()
    assert "Thông báo kết luận quá hạn" in last.note and "khoản 2 Điều 16" in last.note


def test_R_16_2_case_flags_report_and_notice_on_one_deadline():
    due = D(2026, 5, 7)
    ended = rules.CaseDates(rules.ENDED, D(2026, 4, 28), None, D(2026, 4, 28), due)
    assert rules.notice_due(D(2026, 4, 28), _cal()) == rules.report_due(D(2026, 4, 28), _cal()) == due
    assert rules.case_flags(ended, due) == []
    assert rules.case_flags(ended, D(2026, 5, 8)) == [rules.FLAG_REPORT_LATE, rules.FLAG_NOTICE_LATE]
    notified = rules.CaseDates(rules.NOTIFIED, D(2026, 4, 28), None, D(2026, 4, 28), due, due, D(2026, 5, 8))
    assert rules.case_flags(notified, D(2026, 12, 1)) == [rules.FLAG_NOTICE_LATE]


def _cal():
    from inspection.workdays import WorkCalendar

    return WorkCalendar()


# --- R-13d: the decided limit, the actual end, the extension ---------------------------------
def test_R_13d_ending_keeps_the_decided_limit_and_a_run_past_it_is_flagged(world):
    p = world["people"]
    case = ended_case(world)  # decided 20/04 – 28/04
    assert rules.case_flags(rules.case_dates(case), D(2026, 4, 29)) == [rules.FLAG_OVERRUN]
    ops.end_inspection(case, p["leader"], on(D(2026, 5, 4)))
    case = InspectionCase.get_by_id(case.id)
    assert (case.end_on, case.ended_on) == (D(2026, 4, 28), D(2026, 5, 4))
    assert case.report_due_on == rules.report_due(D(2026, 5, 4), ops.calendar())
    assert rules.FLAG_OVERRUN in rules.case_flags(rules.case_dates(case), D(2026, 5, 4))
    last = CaseTransition.select().where(CaseTransition.case == case).order_by(CaseTransition.id.desc()).first()
    assert "điểm d khoản 2 Điều 13" in last.note


def test_R_13d_actual_end_in_the_future_refused(world):
    case = ended_case(world)
    on(D(2026, 4, 22))
    with pytest.raises(ValidationFailed, match="sau ngày hôm nay"):
        ops.end_inspection(case, world["people"]["leader"], D(2026, 4, 23))
    assert InspectionCase.get_by_id(case.id).state == rules.IN_PROGRESS


def test_R_13d_extension_decision_moves_the_limit_and_clears_the_flag(world):
    from tests.readback import pdf_text

    p = world["people"]
    case = ended_case(world)
    on(D(2026, 4, 27))
    case = issuing.issue_extension(case, p["director"], DIRECTOR, D(2026, 5, 5), "Đơn vị cung cấp hồ sơ chậm")
    assert (case.end_on, case.extended_to) == (D(2026, 4, 28), D(2026, 5, 5))
    doc = case.extension_doc
    assert doc.number_text.endswith("/QĐ-SNN") and doc.issued_on == D(2026, 4, 27)
    text = pdf_text(doc.pdf_file)
    assert "Gia hạn thời hạn kiểm tra" in text and "28/04/2026" in text and "05/05/2026" in text
    assert rules.case_flags(rules.case_dates(case), D(2026, 5, 4)) == []
    ops.end_inspection(case, p["leader"], on(D(2026, 5, 5)))
    case = InspectionCase.get_by_id(case.id)
    assert rules.case_flags(rules.case_dates(case), D(2026, 5, 5)) == []


def test_R_13d_extension_refused_without_a_later_date_or_by_the_team_leader(world):
    p = world["people"]
    case = ended_case(world)
    on(D(2026, 4, 27))
    with pytest.raises(ValidationFailed, match="điểm d khoản 2 Điều 13"):
        issuing.issue_extension(case, p["director"], DIRECTOR, D(2026, 4, 28), "Lý do")
    with pytest.raises(ValidationFailed, match="điểm d khoản 2 Điều 13"):
        issuing.issue_extension(case, p["leader"], LEADER, D(2026, 5, 5), "Lý do")
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.extended_to is None and fresh.extension_doc_id is None
    assert not OutgoingDocument.select().where(OutgoingDocument.kind == "extension_decision").exists()


def test_R_13d_decided_case_not_yet_past_its_limit_is_not_flagged(world):
    case = decided_case(world)
    assert rules.case_flags(rules.case_dates(case), D(2026, 4, 28)) == []


# --- through the pages ---------------------------------------------------------------------------
def _html(r):
    return r.get_data(as_text=True)


def test_R_13_1_decision_form_offers_who_may_sign_and_refuses_others_beside_the_field(app, client, login, world):
    case = draft_case(world)
    on(D(2026, 4, 17))
    login(client, "gd")
    section = _html(client.get(f"/cases/{case.id}")).split('id="quyet-dinh"')[1].split("</section>")[0]
    assert 'value="director"' in section and 'value="leader"' not in section and 'value="chief"' not in section
    assert "readonly" in section and "17/04/2026" in section and "ngày ký ban hành" in section
    r = client.post(f"/cases/{case.id}/decision", data={"signer": "leader"})
    assert r.status_code == 400 and _html(r).count("khoản 1 Điều 13") == 1
    r = client.post(f"/cases/{case.id}/decision", data={"signer": "director", "issued_on": "16/04/2026"})
    assert r.status_code == 400 and "không được ghi lùi" in _html(r)
    _nothing_issued(case)
    assert client.get("/documents/delegation").status_code == 200
    r = client.post("/documents/delegation", data={"deputy": "Trần Văn Hùng", "reference": "Giấy ủy quyền số 12"})
    assert r.status_code == 302
    section = _html(client.get(f"/cases/{case.id}")).split('id="quyet-dinh"')[1].split("</section>")[0]
    assert 'value="deputy:0"' in section and 'value="deputy:1"' not in section
    assert client.post(f"/cases/{case.id}/decision", data={"signer": "deputy:0"}).status_code == 302
    # issue 14: "KT." means the delegated Deputy signs: the draft waits in his queue until he does
    assert InspectionCase.get_by_id(case.id).state == rules.DRAFT
    doc = OutgoingDocument.get(OutgoingDocument.kind == "inspection_decision")
    assert doc.state == "submitted" and doc.submitted_to.username == "pgd"
    client.post("/logout")
    login(client, "pgd")
    assert f'id="van-ban-{doc.id}"' in _html(client.get("/documents/queue"))
    assert client.post(f"/documents/{doc.id}/sign").status_code == 302
    assert InspectionCase.get_by_id(case.id).state == rules.DECIDED


def test_R_16_2_late_notice_flagged_on_the_case_list_the_case_and_home(app, client, login, world):
    case = reported_case(world)
    on(D(2026, 5, 25))
    login(client, "gd")
    for url in ("/cases/", f"/cases/{case.id}", "/"):
        assert rules.FLAG_NOTICE_LATE in _html(client.get(url)), url


def test_R_13d_extension_through_the_page_and_overrun_flagged_without_it(app, client, login, world):
    case = ended_case(world)
    on(D(2026, 4, 29))  # past the decided 28/04, no extension
    login(client, "gd")
    for url in ("/cases/", f"/cases/{case.id}", "/"):
        assert rules.FLAG_OVERRUN in _html(client.get(url)), url
    r = client.post(f"/cases/{case.id}/extension", data={"new_end_on": "28/04/2026", "reason": "x"})
    assert r.status_code == 400 and "điểm d khoản 2 Điều 13" in _html(r)
    r = client.post(
        f"/cases/{case.id}/extension",
        data={"new_end_on": "06/05/2026", "reason": "Đơn vị cung cấp hồ sơ chậm", "signer": "director"},
    )
    assert r.status_code == 302
    page = _html(client.get(f"/cases/{case.id}"))
    assert rules.FLAG_OVERRUN not in page and "Gia hạn đến 06/05/2026" in page
    case = InspectionCase.get_by_id(case.id)
    assert client.get(f"/cases/documents/{case.extension_doc_id}.pdf").status_code == 200
