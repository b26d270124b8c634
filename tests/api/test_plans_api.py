"""Inspection plans and the state changes of plans and cases through the API (issue 15)."""

import datetime

from inspection.accounts.models import Unit, User
from inspection.cases import operations as case_ops
from inspection.cases.models import InspectionCase


def test_plans_are_listed_and_read_by_the_office_only(demo, api):
    page = api("giamdoc").get("/api/v1/plans").get_json()
    assert page["total"] >= 1 and page["items"][0]["state"] == "da_phe_duyet"
    plan = api("theodoi").get(f"/api/v1/plans/{page['items'][0]['id']}").get_json()
    assert plan["items"] and all(i["unit"]["name"] and i["window_start"] <= i["window_end"] for i in plan["items"])
    assert any(i["case_ids"] for i in plan["items"])  # the demo's case 1 came from the plan
    assert api("giamdoc").get(f"/api/v1/plans?year={plan['year'] + 1}").get_json()["items"] == []
    for username in ("canbodonvi", "truongdonvi", "quantri"):
        assert api(username).get("/api/v1/plans").status_code == 403
        assert api(username).get(f"/api/v1/plans/{plan['id']}").status_code == 403
    assert api("giamdoc").get("/api/v1/plans/999999").status_code == 404
    assert api("giamdoc").get("/api/v1/plans?per_page=101").status_code == 400


def test_a_plan_is_submitted_by_the_office_and_approved_by_the_director(demo, api):
    """R-15.1a: the Office drafts and submits, the Director approves or returns with remarks."""
    office = User.get(User.username == "theodoi")
    plan = case_ops.create_plan(office, year=2027, title="Kế hoạch kiểm tra năm 2027")
    url = f"/api/v1/plans/{plan.id}/transitions"
    empty = api("theodoi").post(url, json={"action": "submit"})
    assert empty.status_code == 400 and "chưa có cuộc kiểm tra" in empty.get_json()["detail"]
    unit = Unit.get(Unit.abbreviation == "CCKL")
    case_ops.add_plan_item(plan, office, unit, datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
    assert api("theodoi").post(url, json={"action": "submit"}).get_json()["state"] == "da_trinh"
    assert api("theodoi").post(url, json={"action": "approve"}).status_code == 403  # the Director's
    refused = api("giamdoc").post(url, json={"action": "return"})
    assert refused.status_code == 400 and "ý kiến" in refused.get_json()["detail"]
    approved = api("giamdoc").post(url, json={"action": "approve"})
    assert approved.status_code == 200 and approved.get_json()["state"] == "da_phe_duyet"
    assert api("giamdoc").post(url, json={"action": "close"}).status_code == 400


def test_a_case_ends_through_the_api_and_its_report_becomes_due(demo, api):
    """R-16.2: ending the inspection sets the report's due date (05 working days)."""
    running = InspectionCase.get(InspectionCase.state == "dang_kiem_tra")
    url = f"/api/v1/cases/{running.id}/transitions"
    assert api("truongdonvi").post(url, json={"action": "end"}).status_code == 403
    assert api("giamdoc").post(url, json={"action": "end"}).status_code == 403  # leads no team
    future = api("theodoi").post(url, json={"action": "end", "ended_on": "2099-01-01"})
    assert future.status_code == 400 and future.get_json()["errors"][0]["field"] == "ended_on"
    ended = api("theodoi").post(url, json={"action": "end"})
    assert ended.status_code == 200, ended.get_json()
    body = ended.get_json()
    assert body["state"] == "ket_thuc_kiem_tra" and body["report_due_on"]
    assert body["transitions"][-1]["to_state"] == "ket_thuc_kiem_tra"
    again = api("theodoi").post(url, json={"action": "start"})
    assert again.status_code == 400 and again.get_json()["code"] == "rule_violation"
    draft = InspectionCase.get(InspectionCase.state == "du_thao")
    skipped = api("theodoi").post(f"/api/v1/cases/{draft.id}/transitions", json={"action": "start"})
    assert skipped.status_code == 400  # a draft has no decision yet: no skipping (Điều 13)
    assert api("theodoi").post("/api/v1/cases/999999/transitions", json={"action": "start"}).status_code == 404
    assert api("theodoi").post(url, json={"action": "start", "bogus": 1}).status_code == 400


def test_a_case_read_has_its_recommendations_findings_and_history(demo, api):
    full = api("chanhvanphong").get("/api/v1/cases/1").get_json()
    assert full["recommendations"] and full["transitions"] and full["task_findings"] is not None
    assert all(r["kind_label"] and r["unit"]["name"] for r in full["recommendations"])
    unit = api("truongdonvi").get("/api/v1/cases/1").get_json()
    assert unit["task_findings"] is None and unit["transitions"] is None
    own = Unit.get(Unit.abbreviation == "CCKL").id
    assert all(r["unit"]["id"] == own for r in unit["recommendations"])
