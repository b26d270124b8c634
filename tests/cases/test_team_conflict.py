"""Conflict of interest in the team (Điều 13, Điều 14): the head of an inspected unit never;
anyone else working in an inspected unit only when the Director accepts it with a reason."""

import pytest

from inspection.cases import operations as ops
from inspection.cases import rules, team
from inspection.cases.models import CaseUnit, ConflictWaiver, TeamMember
from inspection.errors import ValidationFailed
from tests.cases.test_walk import draft_case


def test_R_14_conflict_rule_officer_of_inspected_unit_needs_the_directors_acceptance():
    officer = rules.Member("A Tuấn", rules.MEMBER, None, 7)
    assert "Giám đốc Sở chấp thuận" in rules.member_problem(officer, [7], {7: "Chi cục Kiểm lâm"})
    assert rules.member_problem(rules.Member("A Tuấn", rules.MEMBER, None, 7, waived=True), [7]) is None
    assert rules.member_problem(rules.Member("A Tuấn", rules.MEMBER, None, 8), [7]) is None
    head = rules.Member("Lê Văn Sơn", rules.MEMBER, 7, 7, waived=True)
    assert "Thủ trưởng" in rules.member_problem(head, [7])  # a head is never accepted
    assert "ghi rõ lý do" in rules.waiver_error(officer, [7], "  ")
    assert "Thủ trưởng" in rules.waiver_error(head, [7], "Am hiểu nội dung")
    assert rules.waiver_error(officer, [7], "Am hiểu chuyên môn lâm nghiệp") is None


def _team_count(case):
    return TeamMember.select().where(TeamMember.case == case).count()


def test_R_14_conflict_officer_of_inspected_unit_refused_nothing_changed(world):
    p = world["people"]
    case = draft_case(world)
    before = _team_count(case)
    with pytest.raises(ValidationFailed, match=r"công tác tại Chi cục Kiểm lâm.*Điều 13, Điều 14"):
        ops.add_member(case, p["chief"], rules.MEMBER, member_user=p["kl_officer"])
    assert _team_count(case) == before


def test_R_14_conflict_accepted_by_the_director_with_a_reason(world):
    p = world["people"]
    case = draft_case(world)
    with pytest.raises(ValidationFailed, match="ghi rõ lý do"):
        team.accept_conflict(case, p["director"], p["kl_officer"], " ")
    with pytest.raises(ValidationFailed, match="Thủ trưởng"):
        team.accept_conflict(case, p["director"], p["kl_head"], "Am hiểu nội dung")
    assert not ConflictWaiver.select().exists()
    team.accept_conflict(case, p["director"], p["kl_officer"], "Am hiểu chuyên môn lâm nghiệp")
    m = ops.add_member(case, p["chief"], rules.MEMBER, member_user=p["kl_officer"])
    assert m.user_id == p["kl_officer"].id
    ops.check_decision(case)  # the accepted member does not block the decision


def test_R_14_conflict_units_changed_under_a_member_refused(world):
    p, u = world["people"], world["units"]
    case = draft_case(world)  # Đỗ Văn Nam of Chi cục Thủy lợi is a member
    with pytest.raises(ValidationFailed, match="công tác tại Chi cục Thủy lợi"):
        ops.set_units(case, p["chief"], [u["kl"].id, u["tl"].id])
    assert [cu.unit_id for cu in CaseUnit.select().where(CaseUnit.case == case)] == [u["kl"].id]


def test_R_14_conflict_acceptance_is_the_directors_through_the_page(client, login, world):
    p = world["people"]
    case = draft_case(world)
    data = {"user": str(p["kl_officer"].id), "reason": "Am hiểu chuyên môn lâm nghiệp"}
    login(client, "cvp")
    assert client.post(f"/cases/{case.id}/team/waivers", data=data).status_code == 403
    client.post("/logout")
    login(client, "gd")
    r = client.post(f"/cases/{case.id}/team/waivers", data={"user": str(p["kl_officer"].id), "reason": ""})
    assert r.status_code == 400 and not ConflictWaiver.select().exists()
    assert client.post(f"/cases/{case.id}/team/waivers", data=data).status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Am hiểu chuyên môn lâm nghiệp" in page
