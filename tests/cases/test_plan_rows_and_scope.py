"""Inspections from the plan (R-12.1): one case per plan row; the scope (R-13.2b): the inspected
units' tasks first, tasks of units not inspected only with a recorded reason."""

import pytest

from inspection.cases import operations as ops
from inspection.cases import rules
from inspection.cases.models import CaseTask, InspectionCase
from inspection.errors import ValidationFailed
from tests.cases.test_walk import GROUNDS, approved_plan


def test_R_12_1_rules_second_case_and_outside_tasks():
    assert rules.plan_item_taken_error(None) is None
    assert "khoản 1 Điều 12" in rules.plan_item_taken_error("Kiểm tra Chi cục Kiểm lâm")
    assert rules.outside_scope_error(0, "") is None
    assert "điểm b khoản 2 Điều 13" in rules.outside_scope_error(2, "  ")
    assert rules.outside_scope_error(2, "Nhiệm vụ phối hợp liên quan trực tiếp") is None


def _case(world, item):
    return ops.create_case(
        world["people"]["chief"], plan_item=item, title="Kiểm tra Chi cục Kiểm lâm", legal_grounds=GROUNDS
    )


def test_R_12_1_second_case_from_the_same_plan_row_refused_nothing_changed(world):
    _plan, item = approved_plan(world)
    first = _case(world, item)
    with pytest.raises(ValidationFailed, match="đã được lập.*khoản 1 Điều 12") as exc:
        _case(world, item)
    assert exc.value.field == "plan_item"
    assert [c.id for c in InspectionCase.select()] == [first.id]


def test_R_12_1_plan_page_offers_no_second_case_and_the_form_refuses(client, login, world):
    plan, item = approved_plan(world)
    login(client, "cvp")
    assert f"/cases/new?plan_item={item.id}" in client.get(f"/cases/plans/{plan.id}").get_data(as_text=True)
    case = _case(world, item)
    page = client.get(f"/cases/plans/{plan.id}").get_data(as_text=True)
    assert f"/cases/new?plan_item={item.id}" not in page and f"/cases/{case.id}" in page
    assert "Kế hoạch kiểm tra việc thực hiện nhiệm vụ năm 2026: Chi cục" not in client.get("/cases/new").get_data(
        as_text=True
    )
    data = {"title": "Lần hai", "ground": rules.GROUND_PLAN, "plan_item": str(item.id), "form": rules.FORM_TEAM}
    r = client.post("/cases/new", data=data)
    assert r.status_code == 400 and "khoản 1 Điều 12" in r.get_data(as_text=True)
    assert InspectionCase.select().count() == 1


def test_R_13_2b_task_of_a_unit_not_inspected_needs_a_reason(world):
    p = world["people"]
    _plan, item = approved_plan(world)
    case = _case(world, item)  # Chi cục Kiểm lâm; task 2 is led by Chi cục Thủy lợi
    kl_tasks, tl_task = world["tasks"][:2], world["tasks"][2]
    with pytest.raises(ValidationFailed, match="1 nhiệm vụ không thuộc đơn vị được kiểm tra") as exc:
        ops.add_scope_tasks(case, p["chief"], [t.id for t in world["tasks"]])
    assert exc.value.field == "outside_reason"
    assert not CaseTask.select().where(CaseTask.case == case).exists()
    assert ops.add_scope_tasks(case, p["chief"], [t.id for t in kl_tasks]) == 2
    ops.add_scope_tasks(case, p["chief"], [tl_task.id], "Nhiệm vụ phối hợp về phòng cháy rừng đầu nguồn")
    reasons = {ct.task_id: ct.outside_reason for ct in CaseTask.select().where(CaseTask.case == case)}
    assert reasons == {
        kl_tasks[0].id: "",
        kl_tasks[1].id: "",
        tl_task.id: "Nhiệm vụ phối hợp về phòng cháy rừng đầu nguồn",
    }


def test_R_13_2b_scope_page_offers_the_inspected_units_tasks_first(client, login, world):
    _plan, item = approved_plan(world)
    case = _case(world, item)
    login(client, "cvp")
    page = client.get(f"/cases/{case.id}/scope").get_data(as_text=True)
    assert "Xây dựng phương án phòng cháy" in page and "Kiểm tra công trình thủy lợi" not in page
    assert "Đơn vị được kiểm tra" in page
    r = client.post(f"/cases/{case.id}/scope?unit=", data={"all": "1"})
    assert r.status_code == 400 and "phải ghi lý do" in r.get_data(as_text=True)
    assert not CaseTask.select().where(CaseTask.case == case).exists()
    r = client.post(f"/cases/{case.id}/scope?unit=", data={"all": "1", "outside_reason": "Nhiệm vụ phối hợp"})
    assert r.status_code == 302 and CaseTask.select().where(CaseTask.case == case).count() == 3
