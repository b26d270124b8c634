"""Issue 14: the new-case form: searchable checkbox lists, only the chosen ground's fields, no
default to undo, and the scope and team chosen on the same page, all written or nothing (R-12, R-13, R-14)."""

from inspection.cases import rules
from inspection.cases.models import CaseTask, InspectionCase, TeamMember
from inspection.cases.operations import decision_facts


def _html(r):
    return r.get_data(as_text=True)


def _base(world, **extra):
    kl = world["units"]["kl"]
    data = {
        "title": "Kiểm tra đột xuất Chi cục Kiểm lâm",
        "ground": rules.GROUND_BOARD,
        "ground_reference": "Ý kiến chỉ đạo tại giao ban",
        "form": rules.FORM_TEAM,
        "unit_ids": [str(kl.id)],
        "legal_grounds": "Căn cứ Quy chế",
        "content_items": list(rules.CONTENT_ITEMS),
        "start_on": "20/04/2026",
        "end_on": "24/04/2026",
    }
    data.update(extra)
    return data


def test_R_12_new_case_form_has_checkbox_lists_and_no_chosen_ground(client, login, world):
    login(client, "cvp")
    page = _html(client.get("/cases/new"))
    assert "<select multiple" not in page and "Ctrl" not in page
    for name in ("unit_ids", "task_ids", "member_ids"):
        assert f'data-filter-list="{name}-items"' in page and f'for="{name}-filter"' in page
    assert 'type="checkbox" name="task_ids"' in page and "Xây dựng phương án phòng cháy" in page
    for name in ("ground", "form"):  # radio buttons, none chosen for the user to undo
        group = page.split(f'<fieldset class="mb-3" id="{name}">')[1].split("</fieldset>")[0]
        assert 'type="radio"' in group and "checked" not in group
    assert 'data-show-when="ground=yeu_cau_bgd"' in page and 'data-show-when="form=doan_kiem_tra"' in page


def test_R_12_2_only_the_chosen_grounds_field_is_kept(client, login, world):
    login(client, "cvp")
    r = client.post("/cases/new", data=_base(world, ground_note="Dấu hiệu chậm", plan_item="999"))
    assert r.status_code == 302
    case = InspectionCase.get()
    assert case.ground == rules.GROUND_BOARD and case.ground_note == "" and case.plan_item_id is None
    assert case.ground_reference == "Ý kiến chỉ đạo tại giao ban"


def test_R_12_a_ground_must_be_chosen(client, login, world):
    login(client, "cvp")
    data = _base(world)
    del data["ground"]
    r = client.post("/cases/new", data=data)
    assert r.status_code == 400 and _html(r).count("Phải chọn căn cứ tiến hành") == 1
    assert InspectionCase.select().count() == 0


def test_R_13_scope_and_team_in_the_same_form_make_a_complete_decision(client, login, world):
    p = world["people"]
    login(client, "cvp")
    tasks = [str(t.id) for t in world["tasks"][:2]]
    data = _base(world, task_ids=tasks, leader=str(p["leader"].id), member_ids=[str(p["deputy"].id)])
    r = client.post("/cases/new", data=data)
    assert r.status_code == 302
    case = InspectionCase.get()
    assert CaseTask.select().where(CaseTask.case == case).count() == 2
    team = {m.name: m.role for m in TeamMember.select().where(TeamMember.case == case)}
    assert team == {p["leader"].full_name: rules.LEADER, p["deputy"].full_name: rules.MEMBER}
    assert rules.decision_missing_parts(decision_facts(case)) == []


def test_R_14_a_refused_member_writes_nothing_and_is_said_beside_the_list(client, login, world):
    p = world["people"]
    login(client, "cvp")
    data = _base(world, task_ids=[str(world["tasks"][0].id)], leader=str(p["leader"].id))
    data["member_ids"] = [str(p["kl_head"].id)]  # heads the inspected unit: conflict of interest
    r = client.post("/cases/new", data=data)
    page = _html(r)
    assert r.status_code == 400 and page.count("xung đột lợi ích") == 1
    assert "xung đột lợi ích" in page.split('id="member_ids-box"')[1].split("</fieldset>")[0]
    assert InspectionCase.select().count() == 0 and TeamMember.select().count() == 0 and CaseTask.select().count() == 0


def test_R_13_2b_task_of_another_unit_needs_its_reason(client, login, world):
    login(client, "cvp")
    other = [str(world["tasks"][2].id)]  # led by Chi cục Thủy lợi, not inspected
    r = client.post("/cases/new", data=_base(world, task_ids=other))
    assert r.status_code == 400 and "phải ghi lý do" in _html(r)
    assert InspectionCase.select().count() == 0
    r = client.post("/cases/new", data=_base(world, task_ids=other, outside_reason="Liên quan trực tiếp"))
    assert r.status_code == 302 and CaseTask.get().outside_reason == "Liên quan trực tiếp"


def test_R_12_3_team_fields_are_ignored_when_no_team_is_set_up(client, login, world):
    login(client, "cvp")
    data = _base(world, form=rules.FORM_DEPUTY, leader=str(world["people"]["leader"].id), member_ids=["abc"])
    assert client.post("/cases/new", data=data).status_code == 302
    assert TeamMember.select().count() == 0


def test_bad_ids_get_a_message_not_a_500(client, login, world):
    login(client, "cvp")
    r = client.post("/cases/new", data=_base(world, leader="999999", task_ids=["x", "-3"]))
    assert r.status_code == 400 and "Trưởng đoàn" in _html(r)
    assert InspectionCase.select().count() == 0
