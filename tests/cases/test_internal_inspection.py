"""R-15.2: a unit head runs an internal inspection of his own unit's tasks, with its own plan
(content, time, scope), minutes and a report to the Director; the Office sees it."""

import datetime

import pytest

from inspection.cases import issuing, presiding, queries, rules, work
from inspection.cases import operations as ops
from inspection.cases.models import CaseTask, InspectionCase
from inspection.errors import ValidationFailed
from tests.cases.test_walk import _record_findings
from tests.factories import on

D = datetime.date
PLAN = "Kiểm tra việc triển khai, cập nhật phần mềm và chế độ báo cáo của các phòng thuộc Chi cục"


def _internal(world):
    head = world["people"]["kl_head"]
    return presiding.create_internal_case(
        head, "Kiểm tra nội bộ Chi cục Kiểm lâm", PLAN, D(2026, 4, 20), D(2026, 4, 24)
    )


def test_R_15_2_rules_internal_steps_and_scope():
    assert rules.form_steps(rules.FORM_INTERNAL) == [
        rules.DRAFT,
        rules.IN_PROGRESS,
        rules.ENDED,
        rules.REPORTED,
        rules.CLOSED,
    ]
    assert "khoản 2 Điều 15" in rules.internal_scope_error(rules.FORM_INTERNAL, 1)
    assert rules.internal_scope_error(rules.FORM_TEAM, 1) is None
    assert "khoản 2 Điều 15" in rules.presider_error(rules.FORM_INTERNAL, ["unit_officer"])
    assert rules.FORM_INTERNAL not in rules.DEPARTMENT_FORMS


def test_R_15_2_only_a_unit_head_plans_an_internal_inspection_of_his_unit(world):
    with pytest.raises(ValidationFailed, match="khoản 2 Điều 15"):
        presiding.create_internal_case(world["people"]["kl_officer"], "Kiểm tra", PLAN, D(2026, 4, 20), D(2026, 4, 24))
    case = _internal(world)
    assert (case.form, case.ground, case.presider_id) == (
        rules.FORM_INTERNAL,
        rules.GROUND_INTERNAL,
        world["people"]["kl_head"].id,
    )
    assert [cu.unit_id for cu in case.unit_links] == [world["units"]["kl"].id]


def test_R_15_2_internal_walk_scope_minutes_report_to_the_director(world):
    p, u, tasks = world["people"], world["units"], world["tasks"]
    head = p["kl_head"]
    case = _internal(world)
    with pytest.raises(ValidationFailed, match="kiểm tra nội bộ chỉ gồm nhiệm vụ của đơn vị mình"):
        ops.add_scope_tasks(case, head, [tasks[2].id], "Lý do bất kỳ")  # Chi cục Thủy lợi's task
    assert not CaseTask.select().where(CaseTask.case == case).exists()
    ops.add_scope_tasks(case, head, [t.id for t in tasks[:2]])
    presiding.assign_presider(case, head, head)
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.IN_PROGRESS and case.decision_doc_id is None
    work.create_minutes(
        case,
        head,
        u["kl"].id,
        held_at=datetime.datetime(2026, 4, 21, 8, 0),
        place="Chi cục Kiểm lâm",
        content="Kiểm tra hồ sơ theo dõi nhiệm vụ của các phòng",
        results="Các phòng cập nhật chưa kịp thời",
    )
    _record_findings(case, world)
    ops.end_inspection(case, head, on(D(2026, 4, 24)))
    signer = queries.signer("leader", InspectionCase.get_by_id(case.id))  # the presiding unit head
    assert signer["signer_title"] == "CHI CỤC TRƯỞNG" and signer["signer_name"] == head.full_name
    issuing.issue_report(InspectionCase.get_by_id(case.id), head, signer, on(D(2026, 4, 27)))
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.REPORTED and case.report_doc_id
    assert rules.NOTIFIED not in case.steps  # no notice to his own unit


def test_R_15_2_pages_unit_head_creates_office_sees(client, login, world):
    login(client, "cctkl")
    assert "Lập kế hoạch kiểm tra nội bộ" in client.get("/cases/").get_data(as_text=True)
    r = client.post(
        "/cases/internal/new",
        data={
            "title": "Kiểm tra nội bộ Chi cục Kiểm lâm",
            "content_note": PLAN,
            "start_on": "20/04/2026",
            "end_on": "24/04/2026",
        },
    )
    assert r.status_code == 302
    case = InspectionCase.get(InspectionCase.form == rules.FORM_INTERNAL)
    assert client.get(f"/cases/{case.id}").status_code == 200
    assert client.get(f"/cases/{case.id}/scope").status_code == 200
    client.post("/logout")
    login(client, "cbkl")  # an officer of the unit: no internal plan of his own
    assert client.get("/cases/internal/new").status_code == 403
    client.post("/logout")
    login(client, "cvp")  # the Office sees it, and does not prepare it
    assert client.get(f"/cases/{case.id}").status_code == 200
    assert client.get(f"/cases/{case.id}/scope").status_code == 403
    assert client.get("/cases/internal/new").status_code == 403
