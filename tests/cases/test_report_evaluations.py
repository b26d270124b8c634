"""R-16.3a: the report evaluates, for every inspected unit, the organisation and results of its
tasks, its updating of the software and its reporting regime; without them it is not issued."""

import datetime

import pytest

from inspection.cases import issuing, rules, work
from inspection.cases import operations as ops
from inspection.cases.models import InspectionCase, UnitEvaluation
from inspection.errors import ValidationFailed
from tests.cases.test_walk import LEADER, _record_findings, ended_case
from tests.factories import on

D = datetime.date


def test_R_16_3a_gaps_name_each_unit_and_each_missing_part():
    names = {1: "Chi cục Kiểm lâm", 2: "Chi cục Thủy lợi"}
    full = {"organisation": "a", "results": "b", "updating": "c", "reporting": "d"}
    assert rules.evaluation_gaps(names, {1: full, 2: full}) == []
    gaps = rules.evaluation_gaps(names, {1: {**full, "updating": " "}})
    assert len(gaps) == 2
    assert "Chi cục Kiểm lâm" in gaps[0] and "cập nhật trên Phần mềm" in gaps[0] and "tổ chức" not in gaps[0]
    assert "Chi cục Thủy lợi" in gaps[1] and "chế độ thông tin, báo cáo" in gaps[1]
    assert all("điểm a khoản 3 Điều 16" in g for g in gaps)


def _ended_with_findings(world):
    p = world["people"]
    case = ended_case(world)
    _record_findings(case, world)
    UnitEvaluation.delete().where(UnitEvaluation.case == case).execute()
    ops.end_inspection(case, p["leader"], on(D(2026, 4, 28)))
    return InspectionCase.get_by_id(case.id)


def test_R_16_3a_report_without_evaluation_refused_nothing_changed(world):
    from inspection.documents.models import OutgoingDocument

    p, u = world["people"], world["units"]
    case = _ended_with_findings(world)
    docs = OutgoingDocument.select().count()
    with pytest.raises(ValidationFailed, match=r"Chi cục Kiểm lâm: chưa đánh giá .*điểm a khoản 3 Điều 16"):
        issuing.issue_report(case, p["leader"], LEADER, on(D(2026, 5, 6)))
    work.save_evaluation(case, p["leader"], u["kl"].id, "Có phân công", "Chậm", "", "Đủ")  # updating missing
    with pytest.raises(ValidationFailed, match="cập nhật trên Phần mềm"):
        issuing.issue_report(case, p["leader"], LEADER, on(D(2026, 5, 6)))
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.state == rules.ENDED and fresh.report_doc_id is None
    assert OutgoingDocument.select().count() == docs
    work.save_evaluation(case, p["leader"], u["kl"].id, "Có phân công", "Chậm", "Chưa kịp thời", "Đủ")
    issuing.issue_report(fresh, p["leader"], LEADER, on(D(2026, 5, 6)))
    assert InspectionCase.get_by_id(case.id).state == rules.REPORTED


def test_R_16_3a_case_page_lists_the_missing_evaluation(client, login, world):
    case = _ended_with_findings(world)
    login(client, "truongdoan")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Chi cục Kiểm lâm: chưa đánh giá" in page
