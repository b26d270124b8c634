"""A case walked from the plan to the notice, on a real database with real documents.

Every issued document is reopened (python-docx, pypdf) and its words checked against the
case: numbers, dates, team, tasks.
"""

import datetime
import io

import pytest

from inspection.cases import issuing, rules, work
from inspection.cases import operations as ops
from inspection.cases.models import CaseTask, CaseTransition, Finding, InspectionCase, Recommendation, TeamMember
from inspection.errors import NotAllowed, ValidationFailed
from tests.factories import on
from tests.readback import docx_text, pdf_text

D = datetime.date
GROUNDS = "Căn cứ Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ\nCăn cứ Kế hoạch kiểm tra năm 2026"
DIRECTOR = {"signer_authority": "", "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Tấn Liêm"}
LEADER = {"signer_authority": "TM. ĐOÀN KIỂM TRA", "signer_title": "TRƯỞNG ĐOÀN", "signer_name": "Lê Thị Hạnh"}


def approved_plan(world):
    p = world["people"]
    plan = ops.create_plan(
        p["chief"],
        year=2026,
        title="Kế hoạch kiểm tra việc thực hiện nhiệm vụ năm 2026",
        period_label="năm 2026",
        purpose="Đánh giá việc thực hiện nhiệm vụ được giao",
    )
    item = ops.add_plan_item(
        plan,
        p["chief"],
        world["units"]["kl"],
        on(D(2026, 4, 20)),
        D(2026, 4, 28),
        "Nhiệm vụ bảo vệ rừng",
        rules.FORM_TEAM,
        "Văn phòng Sở và các phòng",
    )
    ops.move_plan(plan, p["chief"], "submit")
    ops.move_plan(plan, p["director"], "approve")
    return plan, item


def draft_case(world):
    p, _u = world["people"], world["units"]
    plan, item = approved_plan(world)
    case = ops.create_case(
        p["chief"], plan_item=item, title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm", legal_grounds=GROUNDS
    )
    ops.add_scope_tasks(case, p["chief"], [t.id for t in world["tasks"][:2]])
    ops.add_member(case, p["chief"], rules.LEADER, member_user=p["leader"])
    ops.add_member(case, p["chief"], rules.MEMBER, member_user=p["member"])
    ops.add_member(
        case, p["chief"], rules.MEMBER, name="Nguyễn Thị Lan", title="Chuyên viên", agency="Sở Tài chính", gender="Bà"
    )
    return case


def decided_case(world):
    case = draft_case(world)
    issuing.issue_decision(case, world["people"]["director"], DIRECTOR, on(D(2026, 4, 17)))
    return InspectionCase.get_by_id(case.id)


def test_plan_is_drafted_approved_and_issued_as_KH(world):
    plan, item = approved_plan(world)
    assert plan.state == rules.PLAN_APPROVED and plan.approved_by_id == world["people"]["director"].id
    doc = issuing.issue_plan(plan, world["people"]["chief"], DIRECTOR, on(D(2026, 3, 2)))
    text = pdf_text(doc.pdf_file)
    assert doc.number_text.endswith("/KH-SNN")
    assert "KẾ HOẠCH" in text and "Chi cục Kiểm lâm" in text and "20/04/2026 - 28/04/2026" in text
    assert "ngày 02 tháng 3 năm 2026" in docx_text(doc.docx_file)


def test_case_from_plan_item_prefills_units_window_and_report_due(world):
    case = draft_case(world)
    assert [cu.unit_id for cu in case.unit_links] == [world["units"]["kl"].id]
    assert (case.start_on, case.end_on) == (D(2026, 4, 20), D(2026, 4, 28))
    # 20/04 to 28/04: 27/04 is the observed Hùng Kings day off -> 6 working days
    assert case.working_days == 6
    assert case.report_due_on == D(2026, 5, 7)  # across 30/4 and 1/5


def test_R_13_decision_refused_listing_missing_parts_nothing_changed(world):
    p = world["people"]
    case = ops.create_case(
        p["chief"],
        title="Kiểm tra đột xuất Chi cục Thủy lợi",
        ground=rules.GROUND_BOARD,
        ground_reference="Ý kiến chỉ đạo của Giám đốc Sở ngày 10/4/2026",
        unit_ids=[world["units"]["tl"].id],
    )
    with pytest.raises(ValidationFailed) as exc:
        issuing.issue_decision(case, p["director"], DIRECTOR, on(D(2026, 4, 17)))
    msg = exc.value.message
    for part in ("a) Căn cứ pháp lý", "b) Phạm vi", "c) Nội dung", "d) Thời hạn", "đ) Thành phần Đoàn"):
        assert part in msg
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.state == rules.DRAFT and fresh.decision_doc_id is None
    assert not CaseTransition.select().where(CaseTransition.case == case).exists()
    from inspection.documents.models import OutgoingDocument

    assert OutgoingDocument.select().count() == 0


def test_R_13_team_without_leader_refused(world):
    p = world["people"]
    case = draft_case(world)
    TeamMember.delete().where((TeamMember.case == case) & (TeamMember.role == rules.LEADER)).execute()
    with pytest.raises(ValidationFailed, match="chưa có Trưởng đoàn"):
        issuing.issue_decision(case, p["director"], DIRECTOR)
    assert InspectionCase.get_by_id(case.id).state == rules.DRAFT


def test_conflict_of_interest_head_of_inspected_unit_refused(world):
    p = world["people"]
    case = draft_case(world)
    before = TeamMember.select().where(TeamMember.case == case).count()
    with pytest.raises(ValidationFailed, match="xung đột lợi ích"):
        ops.add_member(case, p["chief"], rules.MEMBER, member_user=p["kl_head"])
    assert TeamMember.select().where(TeamMember.case == case).count() == before


def test_end_before_start_and_empty_scope_refused(world):
    p = world["people"]
    case = draft_case(world)
    with pytest.raises(ValidationFailed, match="không được trước ngày bắt đầu"):
        ops.update_case(case, p["chief"], start_on=D(2026, 4, 28), end_on=D(2026, 4, 20))
    assert InspectionCase.get_by_id(case.id).end_on == D(2026, 4, 28)
    with pytest.raises(ValidationFailed, match="Chưa chọn nhiệm vụ"):
        ops.add_scope_tasks(case, p["chief"], [])


def test_decision_issued_freezes_scope_and_holds_R_13_parts(world):
    case = decided_case(world)
    assert case.state == rules.DECIDED and case.is_frozen
    doc = case.decision_doc
    assert doc.number_text.endswith("/QĐ-SNN") and doc.issued_on == D(2026, 4, 17)
    for text in (pdf_text(doc.pdf_file), docx_text(doc.docx_file)):
        assert "QUYẾT ĐỊNH" in text
        assert "Căn cứ Quy chế theo dõi, đôn đốc, kiểm tra" in text  # a)
        assert "Xây dựng phương án phòng cháy, chữa cháy rừng mùa khô" in text  # b)
        assert "Rà soát hiện trạng rừng và đất lâm nghiệp" in text
        assert "Kiểm tra công trình thủy lợi" not in text
        assert "Khoản 1 Điều 11".lower() in text.lower()  # c)
        assert "06 ngày làm việc, từ ngày 20/04/2026 đến ngày 28/04/2026" in text  # d)
        assert "Bà Lê Thị Hạnh" in text and "Trưởng đoàn" in text  # đ)
        assert "Nguyễn Thị Lan" in text and "Sở Tài chính" in text
        assert "trước ngày 07/05/2026" in text
        assert "Nguyễn Tấn Liêm" in text
    frozen = CaseTask.get(CaseTask.case == case, CaseTask.task == world["tasks"][0].id)
    assert frozen.number_symbol == "125/QĐ-UBND" and frozen.lead_unit_name == "Chi cục Kiểm lâm"
    with pytest.raises(ValidationFailed, match="không còn sửa được"):
        ops.add_scope_tasks(case, world["people"]["chief"], [world["tasks"][2].id])


def test_skipped_state_refused(world):
    case = decided_case(world)
    with pytest.raises(ValidationFailed, match="phải qua bước"):
        ops.end_inspection(case, world["people"]["leader"], on(D(2026, 4, 28)))
    with pytest.raises(ValidationFailed, match="phải qua bước"):
        ops.move(case, world["people"]["chief"], rules.CLOSED)
    assert InspectionCase.get_by_id(case.id).state == rules.DECIDED


def _upload():
    from pypdf import PdfWriter

    w, out = PdfWriter(), io.BytesIO()
    w.add_blank_page(width=595, height=842)
    w.write(out)
    return io.BytesIO(out.getvalue())


def test_requests_answers_and_minutes(world):
    p, u = world["people"], world["units"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    req = work.create_request(
        case,
        p["leader"],
        "báo cáo, cung cấp hồ sơ phục vụ kiểm tra",
        D(2026, 4, 22),
        [u["kl"].id],
        "Báo cáo kết quả thực hiện nhiệm vụ\nHồ sơ phương án PCCCR",
    )
    with pytest.raises(ValidationFailed, match="chưa được ban hành"):
        work.upload_answer(req, p["kl_officer"], _upload(), "bao-cao.pdf")
    doc = issuing.issue_request(  # issue 14: the Chief of Office signs it himself (TL., R-14.3)
        req,
        p["chief"],
        {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG", "signer_name": "Phạm Minh Tuấn"},
        on(D(2026, 4, 20)),
    )
    text = pdf_text(doc.pdf_file)
    assert "/SNN-VP" in doc.number_text and "Chi cục Kiểm lâm" in text and "22/04/2026" in text
    assert "Hồ sơ phương án PCCCR" in text
    # the unit itself uploads; someone outside the unit is refused, nothing stored
    from inspection.cases.models import UnitAnswer

    with pytest.raises(NotAllowed):
        work.upload_answer(req, p["tl_officer"], _upload(), "x.pdf")
    assert UnitAnswer.select().count() == 0
    ans = work.upload_answer(req, p["kl_officer"], _upload(), "Báo cáo CCKL.pdf")
    assert ans.unit_id == u["kl"].id and ans.file.kind == "pdf"
    m = work.create_minutes(
        case,
        p["leader"],
        u["kl"].id,
        held_at=datetime.datetime(2026, 4, 21, 8, 0),
        ended_at=datetime.datetime(2026, 4, 21, 11, 30),
        place="Trụ sở Chi cục Kiểm lâm",
        unit_participants="Ông Lê Văn Sơn, Chi cục trưởng\nÔng A Tuấn, Chuyên viên",
        content="Kiểm tra hồ sơ phòng cháy chữa cháy rừng",
        results="Phương án PCCCR được phê duyệt chậm 15 ngày",
        unit_opinions="Thống nhất với kết quả kiểm tra",
    )
    mdoc = issuing.issue_minutes(m, p["leader"], None, on(D(2026, 4, 21)))
    text = pdf_text(mdoc.pdf_file)
    assert mdoc.number_text.endswith("/BB-SNN")
    for words in (
        "08 giờ 00 phút, ngày 21/04/2026",
        "Trụ sở Chi cục Kiểm lâm",
        "Lê Văn Sơn",
        "Lê Thị Hạnh",
        "chậm 15 ngày",
        "11 giờ 30 phút",
        doc_ref_number(case),
    ):
        assert words in text


def doc_ref_number(case):
    return InspectionCase.get_by_id(case.id).decision_doc.number_text


def ended_case(world):
    p = world["people"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    return case


def test_report_before_inspection_ended_refused(world):
    p = world["people"]
    case = ended_case(world)
    with pytest.raises(ValidationFailed, match="chưa kết thúc"):
        issuing.issue_report(case, p["leader"], LEADER, on(D(2026, 4, 28)))
    assert InspectionCase.get_by_id(case.id).report_doc_id is None


def test_R_16_2_report_due_five_working_days_after_end_across_holiday(world):
    case = ended_case(world)
    ops.end_inspection(case, world["people"]["leader"], on(D(2026, 4, 28)))
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.ENDED and case.report_due_on == D(2026, 5, 7)


def test_R_16_3b_findings_prefilled_from_register(world):
    case = ended_case(world)
    world_app_today(world, "2026-04-22")
    assert work.prefill_findings(case, world["people"]["leader"]) == 2
    by_task = {f.case_task.task_id: f for f in Finding.select().where(Finding.case == case)}
    late_reg, done_late = by_task[world["tasks"][0].id], by_task[world["tasks"][1].id]
    assert late_reg.registration_late and late_reg.result == rules.RESULT_NOT_DONE  # R-6.1b, overdue
    assert late_reg.result_entry_late  # R-6.3b: nothing entered
    assert done_late.result == rules.RESULT_LATE and done_late.result_entry_late  # entered 10/04
    assert not done_late.registration_late


def world_app_today(world, iso):
    from flask import current_app

    current_app.config["TODAY"] = iso


def _record_findings(case, world):
    p = world["people"]
    work.prefill_findings(case, p["leader"])
    for f in Finding.select().where(Finding.case == case):
        work.save_finding(
            f,
            p["leader"],
            result=f.result or rules.RESULT_NOT_DONE,
            nature="Chậm triển khai",
            degree="Chậm 15 ngày so với thời hạn",
            cause="Thiếu kinh phí, phối hợp chưa chặt chẽ",
            responsibility="Chi cục trưởng Chi cục Kiểm lâm",
        )
    work.save_evaluation(
        case,
        p["leader"],
        world["units"]["kl"].id,
        "Có phân công theo dõi",
        "Hoàn thành chậm",
        "Cập nhật chưa kịp thời",
        "Báo cáo tháng đầy đủ",
    )


def test_R_16_3b_shortfall_without_cause_refused(world):
    case = ended_case(world)
    work.prefill_findings(case, world["people"]["leader"])
    f = Finding.select().where(Finding.case == case).first()
    with pytest.raises(ValidationFailed, match="nguyên nhân"):
        work.save_finding(
            f,
            world["people"]["leader"],
            result=rules.RESULT_NOT_DONE,
            nature="x",
            degree="y",
            cause="",
            responsibility="z",
        )
    assert Finding.get_by_id(f.id).nature == ""


def reported_case(world):
    p, u = world["people"], world["units"]
    case = ended_case(world)
    _record_findings(case, world)
    work.add_recommendation(
        case, p["leader"], rules.REC_URGE, "Hoàn thiện phương án phòng cháy, chữa cháy rừng", u["kl"].id, D(2026, 6, 30)
    )
    work.add_recommendation(
        case,
        p["leader"],
        rules.REC_HANDLE,
        "Kiểm điểm trách nhiệm cá nhân chậm cập nhật phần mềm",
        u["kl"].id,
        D(2026, 5, 31),
    )
    ops.end_inspection(case, p["leader"], on(D(2026, 4, 28)))
    case = InspectionCase.get_by_id(case.id)
    issuing.issue_report(case, p["leader"], LEADER, on(D(2026, 5, 6)))
    return InspectionCase.get_by_id(case.id)


def test_report_holds_R_16_3_and_is_on_time(world):
    case = reported_case(world)
    assert case.state == rules.REPORTED and case.reported_on == D(2026, 5, 6)
    assert not rules.report_late(case.report_due_on, case.reported_on, D(2026, 6, 1))
    doc = case.report_doc
    assert doc.number_text.endswith("/BC-SNN")
    text = pdf_text(doc.pdf_file)
    for words in (
        "BÁO CÁO",
        "Xây dựng phương án phòng cháy",
        "Chi cục Kiểm lâm - Tổ chức triển khai",
        "Thiếu kinh phí",
        "Chi cục trưởng Chi cục Kiểm lâm",
        "Hoàn thiện phương án phòng cháy",
        "30/06/2026",
        "TRƯỞNG ĐOÀN",
        "Lê Thị Hạnh",
        doc_ref_number(case),
    ):
        assert words in text


def test_late_report_flagged(world):
    p = world["people"]
    case = ended_case(world)
    _record_findings(case, world)
    ops.end_inspection(case, p["leader"], on(D(2026, 4, 28)))
    issuing.issue_report(InspectionCase.get_by_id(case.id), p["leader"], LEADER, on(D(2026, 5, 8)))
    case = InspectionCase.get_by_id(case.id)
    assert rules.report_late(case.report_due_on, case.reported_on, D(2026, 5, 8))
    last = CaseTransition.select().where(CaseTransition.case == case).order_by(CaseTransition.id.desc()).first()
    assert "quá hạn" in last.note


def test_notice_turns_recommendations_into_register_tasks(world):
    from inspection.register.models import DirectiveDocument, Task

    p = world["people"]
    case = reported_case(world)
    issuing.issue_notice(case, p["director"], DIRECTOR, on(D(2026, 5, 8)))
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.NOTIFIED and case.notice_doc.number_text.endswith("/TB-SNN")
    text = pdf_text(case.notice_doc.pdf_file)
    assert "THÔNG BÁO" in text and "Hoàn thiện phương án phòng cháy" in text and "30/06/2026" in text
    recs = list(Recommendation.select().where(Recommendation.case == case))
    assert all(r.task_id for r in recs)
    tb = DirectiveDocument.get(DirectiveDocument.number_symbol == case.notice_doc.number_text)
    assert tb.issuer_kind == "giam_doc" and tb.doc_type == "thong_bao_ket_luan"
    tasks = {t.summary: t for t in Task.select().where(Task.document == tb)}
    t = tasks["Hoàn thiện phương án phòng cháy, chữa cháy rừng"]
    assert t.lead_unit_id == world["units"]["kl"].id and t.deadline == D(2026, 6, 30)


def test_notice_before_report_refused(world):
    case = ended_case(world)
    with pytest.raises(ValidationFailed, match="phải qua bước"):
        issuing.issue_notice(case, world["people"]["director"], DIRECTOR)
