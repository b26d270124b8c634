"""Demo inspections (runs after the register's demo): an approved and issued plan for 2026,
one case carried to its notice (its dossier is the dossier part's to close), one in progress
with minutes and requests, one ad hoc case in draft."""

import datetime
import io

from inspection import clock
from inspection.cases import issuing, rules, work
from inspection.cases import operations as ops
from inspection.cases.models import Finding, InspectionCase
from inspection.cases.queries import filtered_task_ids, signer
from inspection.documents import operations as docops

D = datetime.date
GROUNDS = (
    "Căn cứ Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do UBND tỉnh, "
    "Chủ tịch UBND tỉnh, Giám đốc Sở giao\nCăn cứ Kế hoạch kiểm tra việc thực hiện nhiệm vụ năm 2026"
)


def seed(ctx):
    """Create the demo plan and cases; put them in ctx['cases']."""
    users, units = ctx["users"], ctx["units"]
    plan, items = _plan(users, units)
    done = _notified_case(users, units, items[0])
    running = _running_case(users, units, items[1])
    draft = _draft_case(users, units)
    ctx["cases"] = {"plan": plan, "notified": done, "in_progress": running, "draft": draft}
    return ctx


def _plan(users, units):
    chief, director = users["chanhvanphong"], users["giamdoc"]
    plan = ops.create_plan(
        chief,
        year=2026,
        title="Kế hoạch kiểm tra việc thực hiện nhiệm vụ năm 2026",
        period_label="năm 2026",
        purpose="Đánh giá việc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở giao\n"
        "Chấn chỉnh việc cập nhật phần mềm và chế độ báo cáo",
        method="Đoàn kiểm tra làm việc trực tiếp tại đơn vị\nĐơn vị tự kiểm tra, báo cáo",
    )
    rows = [
        ("CCKL", D(2026, 6, 10), D(2026, 6, 18)),
        ("CCTL", D(2026, 11, 23), D(2026, 12, 4)),
        ("CCCN&TY", D(2026, 12, 7), D(2026, 12, 15)),
    ]
    items = [
        ops.add_plan_item(
            plan,
            chief,
            units[a],
            s,
            e,
            "Việc thực hiện nhiệm vụ được giao năm 2026",
            rules.FORM_TEAM,
            "Đoàn kiểm tra do Phó Giám đốc Sở làm Trưởng đoàn",
        )
        for a, s, e in rows
    ]
    ops.move_plan(plan, chief, "submit")
    ops.move_plan(plan, director, "approve")
    with clock.at(D(2026, 1, 15)):  # each document is issued on its own day
        issuing.issue_plan(plan, chief, signer("director"))
    return plan, items


def _scope(case, user, unit, statuses_overdue=True):
    from inspection.calendar.service import current_calendar
    from inspection.register.queries import Filters

    ids = []
    for f in (
        Filters(unit=unit.id, deadline_from=D(2026, 1, 1), deadline_to=D(2026, 5, 31), overdue=True),
        Filters(unit=unit.id, deadline_from=D(2026, 1, 1), deadline_to=D(2026, 5, 31), status="xong_qua_han"),
    ):
        ids += filtered_task_ids(user, f, ops.today(), current_calendar(), 3, limit=4)
    if not ids:  # keep the demo whole even if the register's random draw changes
        ids = filtered_task_ids(user, Filters(unit=unit.id), ops.today(), current_calendar(), 3, limit=3)
    ops.add_scope_tasks(case, user, ids)


def _team(case, users):
    chief = users["chanhvanphong"]
    ops.add_member(case, chief, rules.LEADER, member_user=users["phogiamdoc"])
    ops.add_member(case, chief, rules.MEMBER, member_user=users["theodoi"])
    ops.add_member(
        case, chief, rules.MEMBER, name="Nguyễn Thị Lan", title="Chuyên viên", agency="Sở Tài chính", gender="Bà"
    )
    ops.add_member(case, chief, rules.SECRETARY, member_user=users["baomat"])


def _pdf():
    from pypdf import PdfWriter

    w, out = PdfWriter(), io.BytesIO()
    w.add_blank_page(width=595, height=842)
    w.write(out)
    out.seek(0)
    return out


def _notified_case(users, units, item):
    chief, leader, director = users["chanhvanphong"], users["phogiamdoc"], users["giamdoc"]
    kl = units["CCKL"]
    case = ops.create_case(
        chief, plan_item=item, title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm", legal_grounds=GROUNDS
    )
    _scope(case, chief, kl)
    _team(case, users)
    with clock.at(D(2026, 6, 5)):
        issuing.issue_decision(case, director, signer("director"))
    case = InspectionCase.get_by_id(case.id)
    ops.start_inspection(case, leader)
    req = work.create_request(
        case,
        leader,
        "báo cáo, cung cấp hồ sơ phục vụ kiểm tra",
        D(2026, 6, 12),
        [kl.id],
        "Báo cáo tình hình, kết quả thực hiện các nhiệm vụ trong phạm vi kiểm tra\n"
        "Hồ sơ, văn bản chỉ đạo, đôn đốc của đơn vị",
    )
    with clock.at(D(2026, 6, 8)):
        issuing.issue_request(req, chief, signer("chief"))
    work.upload_answer(req, users["canbodonvi"], _pdf(), "Báo cáo Chi cục Kiểm lâm.pdf", "Báo cáo kèm hồ sơ")
    _minutes(case, leader, kl, D(2026, 6, 16), "Ông Lê Văn Sơn, Chi cục trưởng\nÔng A Tuấn, Chuyên viên")
    _findings(case, leader, kl)
    with clock.at(D(2026, 6, 18)):
        ops.end_inspection(case, leader)
    case = InspectionCase.get_by_id(case.id)
    with clock.at(D(2026, 6, 24)):
        issuing.issue_report(case, leader, signer("leader", case))
    with clock.at(D(2026, 6, 25)):  # the notice is due with the report, 25/06
        issuing.issue_notice(InspectionCase.get_by_id(case.id), director, signer("director"))
    return InspectionCase.get_by_id(case.id)


def _minutes(case, leader, unit, day, people):
    m = work.create_minutes(
        case,
        leader,
        unit.id,
        held_at=datetime.datetime.combine(day, datetime.time(8)),
        ended_at=datetime.datetime.combine(day, datetime.time(11, 30)),
        place=f"Trụ sở {unit.name}",
        unit_participants=people,
        content="Kiểm tra việc tổ chức thực hiện nhiệm vụ\nKiểm tra việc cập nhật phần mềm",
        results="Đơn vị đã phân công theo dõi từng nhiệm vụ; một số nhiệm vụ hoàn thành chậm",
        unit_opinions="Thống nhất với nội dung biên bản",
    )
    with clock.at(day):
        issuing.issue_minutes(m, leader, None)


def _findings(case, leader, unit):
    work.prefill_findings(case, leader)
    for f in Finding.select().where(Finding.case == case):
        result = f.result or rules.RESULT_DONE
        extra = (
            {}
            if result == rules.RESULT_DONE
            else dict(
                nature="Chậm thực hiện so với thời hạn được giao",
                degree="Chậm dưới 30 ngày",
                cause="Khối lượng công việc lớn; phối hợp với địa phương chưa chặt chẽ",
                responsibility=f"Thủ trưởng {unit.name}",
            )
        )
        work.save_finding(f, leader, result=result, **extra)
    work.save_evaluation(
        case,
        leader,
        unit.id,
        "Có phân công lãnh đạo, cán bộ theo dõi từng nhiệm vụ",
        "Phần lớn nhiệm vụ hoàn thành; còn nhiệm vụ chậm",
        "Cập nhật chưa kịp thời",
        "Thực hiện đủ báo cáo tháng",
    )
    work.add_recommendation(
        case,
        leader,
        rules.REC_URGE,
        "Hoàn thành các nhiệm vụ còn chậm, báo cáo kết quả về Sở",
        unit.id,
        D(2026, 9, 30),
        today=D(2026, 6, 18),
    )
    work.add_recommendation(
        case,
        leader,
        rules.REC_HANDLE,
        "Kiểm điểm trách nhiệm cá nhân chậm cập nhật phần mềm",
        unit.id,
        D(2026, 12, 31),
        today=D(2026, 6, 18),
    )
    work.save_report_texts(
        case,
        leader,
        strengths="Đơn vị quan tâm chỉ đạo, phân công cụ thể",
        weaknesses="Một số nhiệm vụ hoàn thành chậm so với thời hạn",
        causes="Khối lượng công việc lớn; trách nhiệm thuộc Thủ trưởng đơn vị",
        conclusion="Chi cục Kiểm lâm thực hiện cơ bản các nhiệm vụ được giao; còn nhiệm vụ chậm, cần khắc phục",
        report_back_by=D(2026, 12, 31),
    )


def _running_case(users, units, item):
    chief, leader, director = users["chanhvanphong"], users["phogiamdoc"], users["giamdoc"]
    tl = units["CCTL"]
    case = ops.create_case(
        chief, plan_item=item, title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Thủy lợi", legal_grounds=GROUNDS
    )
    _scope(case, chief, tl)
    _team(case, users)
    with clock.at(D(2026, 11, 16)):  # a Deputy signs on the Director's behalf only when delegated
        docops.set_delegation(director, signer("deputy:0")["signer_name"], "Giấy ủy quyền số 25/GUQ-SNN")
    with clock.at(D(2026, 11, 18)):
        issuing.issue_decision(case, director, signer("deputy:0"))
    case = InspectionCase.get_by_id(case.id)
    ops.start_inspection(case, leader)
    req = work.create_request(
        case,
        leader,
        "báo cáo, cung cấp hồ sơ phục vụ kiểm tra",
        D(2026, 11, 30),
        [tl.id],
        "Báo cáo tình hình thực hiện nhiệm vụ năm 2026",
    )
    with clock.at(D(2026, 11, 20)):
        issuing.issue_request(req, chief, signer("chief"))
    _minutes(case, leader, tl, D(2026, 11, 24), "Bà Y Liên, Chuyên viên")
    work.add_note(case, leader, "Đề nghị đơn vị bổ sung hồ sơ công trình hồ chứa trước ngày 30/11/2026.")
    return InspectionCase.get_by_id(case.id)


def _draft_case(users, units):
    chief = users["chanhvanphong"]
    unit = units["CCCN&TY"]
    case = ops.create_case(
        chief,
        title="Kiểm tra đột xuất việc thực hiện nhiệm vụ tại Chi cục Chăn nuôi và Thú y",
        ground=rules.GROUND_SIGNS,
        unit_ids=[unit.id],
        ground_note="Nhiều nhiệm vụ phòng, chống dịch bệnh quá hạn, chưa cập nhật kết quả",
        legal_grounds=GROUNDS.split("\n")[0],
        content_items=",".join(rules.CONTENT_ITEMS),
        start_on=D(2026, 12, 14),
        end_on=D(2026, 12, 18),
    )
    _scope(case, chief, unit)
    return case
