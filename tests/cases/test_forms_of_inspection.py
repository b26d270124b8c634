"""R-12.3, R-12.4: a Deputy Director presiding and the Director working directly with the unit
head are forms of their own: no team and no decision; each form has the steps it needs, and
the dossier's components follow the form."""

import datetime

import pytest

from inspection.cases import issuing, presiding, rules
from inspection.cases import operations as ops
from inspection.cases.models import CaseTransition, InspectionCase
from inspection.errors import ValidationFailed
from tests.cases.test_walk import DIRECTOR, GROUNDS
from tests.factories import on
from tests.readback import pdf_text

D = datetime.date


def test_R_12_3_R_12_4_each_form_has_its_steps():
    assert rules.form_steps(rules.FORM_TEAM) == rules.STATES
    assert rules.DECIDED not in rules.form_steps(rules.FORM_DEPUTY)
    assert rules.form_steps(rules.FORM_DIRECT) == [
        rules.DRAFT,
        rules.IN_PROGRESS,
        rules.ENDED,
        rules.NOTIFIED,
        rules.CLOSED,
    ]
    assert rules.transition_error(rules.DRAFT, rules.IN_PROGRESS, rules.FORM_DEPUTY) is None
    assert "phải qua bước" in rules.transition_error(rules.DRAFT, rules.IN_PROGRESS, rules.FORM_TEAM)
    assert rules.transition_error(rules.ENDED, rules.NOTIFIED, rules.FORM_DIRECT) is None
    assert "không có bước" in rules.transition_error(rules.ENDED, rules.REPORTED, rules.FORM_DIRECT)
    facts = rules.DecisionFacts(["Căn cứ"], 1, 1, ["x"], D(2026, 4, 20), D(2026, 4, 28), needs_team=False)
    assert rules.decision_missing_parts(facts) == []
    assert "khoản 3 Điều 12" in rules.presider_error(rules.FORM_DEPUTY, ["director"], "Nguyễn Tấn Liêm")
    assert rules.presider_error(rules.FORM_DEPUTY, ["deputy_director"]) is None
    assert "khoản 4 Điều 12" in rules.direct_end_error(rules.FORM_DIRECT, 0)


def test_R_17_dossier_components_follow_the_form():
    from inspection.dossier import rules as dossier_rules

    full = dict.fromkeys(range(1, 9), 1)
    without = {n: c for n, c in full.items() if n not in (1, 4, 7)}
    assert [n for n, _ in dossier_rules.missing_components(without, rules.FORM_TEAM)] == [1, 4, 7]
    assert [n for n, _ in dossier_rules.missing_components(without, rules.FORM_DEPUTY)] == [4, 7]
    assert dossier_rules.missing_components(without, rules.FORM_DIRECT) == []


def _case(world, form):
    p, u = world["people"], world["units"]
    case = ops.create_case(
        p["chief"],
        title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm",
        ground=rules.GROUND_BOARD,
        ground_reference="Ý kiến chỉ đạo của Giám đốc Sở ngày 10/4/2026",
        form=form,
        legal_grounds=GROUNDS,
        content_items=",".join(rules.CONTENT_ITEMS),
        start_on=D(2026, 4, 20),
        end_on=D(2026, 4, 24),
        unit_ids=[u["kl"].id],
    )
    ops.add_scope_tasks(case, p["chief"], [t.id for t in world["tasks"][:2]])
    return InspectionCase.get_by_id(case.id)


def test_R_12_3_deputy_presides_without_team_or_decision_and_reports(world):
    p = world["people"]
    case = _case(world, rules.FORM_DEPUTY)
    with pytest.raises(ValidationFailed, match="không thành lập Đoàn"):
        issuing.issue_decision(case, p["director"], DIRECTOR)
    with pytest.raises(ValidationFailed, match="không phải Phó Giám đốc"):
        presiding.assign_presider(case, p["director"], p["leader"])
    assert InspectionCase.get_by_id(case.id).state == rules.DRAFT
    presiding.assign_presider(case, p["director"], p["deputy"])
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.IN_PROGRESS and case.presider_id == p["deputy"].id and case.is_frozen
    assert case.decision_doc_id is None and not list(case.team)
    note = CaseTransition.get(CaseTransition.case == case).note
    assert "Trần Văn Hùng chủ trì kiểm tra (khoản 3 Điều 12)" in note
    ops.end_inspection(case, p["deputy"], on(D(2026, 4, 24)))
    assert "phải qua bước" not in " ".join(issuing.report_problems(InspectionCase.get_by_id(case.id)))


def test_R_12_4_director_works_directly_minutes_conclusions_then_notice(world, app):
    from inspection.cases import work

    p, u = world["people"], world["units"]
    case = _case(world, rules.FORM_DIRECT)
    with pytest.raises(ValidationFailed, match=r"Giám đốc Sở chủ trì \(khoản 4 Điều 12\)"):
        presiding.assign_presider(case, p["director"], p["deputy"])
    presiding.assign_presider(case, p["director"], p["director"])
    case = InspectionCase.get_by_id(case.id)
    with pytest.raises(ValidationFailed, match="biên bản buổi làm việc ghi kết luận"):
        ops.end_inspection(case, p["director"], on(D(2026, 4, 22)))
    assert InspectionCase.get_by_id(case.id).state == rules.IN_PROGRESS
    work.create_minutes(
        case,
        p["director"],
        u["kl"].id,
        held_at=datetime.datetime(2026, 4, 22, 8, 0),
        place="Trụ sở Chi cục Kiểm lâm",
        content="Nghe Chi cục trưởng báo cáo tình hình thực hiện nhiệm vụ",
        results="Giám đốc Sở kết luận: hoàn thành phương án phòng cháy trước 30/6/2026",
    )
    ops.end_inspection(case, p["director"], on(D(2026, 4, 22)))
    case = InspectionCase.get_by_id(case.id)
    assert "không có bước" in issuing.report_problems(case)[0]
    with pytest.raises(ValidationFailed):
        issuing.issue_report(case, p["director"], DIRECTOR, on(D(2026, 4, 23)))
    issuing.issue_notice(case, p["director"], DIRECTOR, on(D(2026, 4, 23)))
    case = InspectionCase.get_by_id(case.id)
    assert case.state == rules.NOTIFIED and case.report_doc_id is None
    assert "làm việc trực tiếp với Thủ trưởng Chi cục Kiểm lâm" in pdf_text(case.notice_doc.pdf_file)


def test_R_12_3_only_the_director_assigns_through_the_page(client, login, world):
    case = _case(world, rules.FORM_DEPUTY)
    login(client, "cvp")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'id="quyet-dinh"' not in page and "Phó Giám đốc Sở chủ trì kiểm tra" in page
    assert (
        client.post(f"/cases/{case.id}/presider", data={"presider": str(world["people"]["deputy"].id)}).status_code
        == 403
    )
    client.post("/logout")
    login(client, "gd")
    assert 'id="chu-tri"' in client.get(f"/cases/{case.id}").get_data(as_text=True)
    r = client.post(f"/cases/{case.id}/presider", data={"presider": str(world["people"]["deputy"].id)})
    assert r.status_code == 302 and InspectionCase.get_by_id(case.id).state == rules.IN_PROGRESS
