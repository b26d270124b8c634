"""R-14.2: during the inspection the team leader may invite agencies, organisations or persons
into the team; the invitation is recorded with its inviting letter, a document of the case."""

import datetime

import pytest

from inspection.cases import letters, rules
from inspection.cases import operations as ops
from inspection.cases.models import InspectionCase, TeamMember
from inspection.documents.models import OutgoingDocument
from inspection.errors import ValidationFailed
from tests.cases.test_walk import LEADER, decided_case, draft_case
from tests.factories import on
from tests.readback import docx_text, pdf_text

D = datetime.date
PURPOSE = "Kiểm tra việc sử dụng kinh phí phòng cháy, chữa cháy rừng"
OUTSIDER = {"name": "Trần Thị Mai", "title": "Phó Trưởng phòng", "agency": "Sở Tài chính", "gender": "Bà"}


def test_R_14_2_invite_rule_only_during_the_inspection_with_a_purpose():
    assert "chưa có quyết định" in rules.invite_error(rules.DRAFT, rules.MEMBER, PURPOSE)
    assert "đã kết thúc" in rules.invite_error(rules.ENDED, rules.MEMBER, PURPOSE)
    assert "đã có Trưởng đoàn" in rules.invite_error(rules.IN_PROGRESS, rules.LEADER, PURPOSE)
    assert "khoản 2 Điều 14" in rules.invite_error(rules.IN_PROGRESS, rules.MEMBER, " ")
    assert rules.invite_error(rules.DECIDED, rules.MEMBER, PURPOSE) is None
    assert rules.invite_error(rules.IN_PROGRESS, rules.SECRETARY, PURPOSE) is None


def test_R_14_2_leader_invites_a_member_during_the_inspection_with_the_letter(world):
    from inspection.dossier import rules as dossier_rules

    p = world["people"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    case = InspectionCase.get_by_id(case.id)
    m = letters.invite_with_letter(
        case, p["leader"], LEADER, PURPOSE, rules.MEMBER, issued_on=on(D(2026, 4, 22)), **OUTSIDER
    )
    m = TeamMember.get_by_id(m.id)
    assert m.invited_on == D(2026, 4, 22) and m.invited_by_id == p["leader"].id and m.invitation_purpose == PURPOSE
    doc = m.invitation_doc
    assert doc.state == "issued" and doc.number_text.endswith("SNN-VP")
    for text in (pdf_text(doc.pdf_file), docx_text(doc.docx_file)):
        for words in ("Bà Trần Thị Mai, Phó Trưởng phòng, Sở Tài chính", "khoản 2 Điều 14", PURPOSE, "TRƯỞNG ĐOÀN"):
            assert words in text
        assert InspectionCase.get_by_id(case.id).decision_doc.number_text in text
    assert dossier_rules.component_for_kind("invitation_letter", 8) == 6  # papers of the inspection


@pytest.mark.parametrize("when", ["draft", "ended"])
def test_R_14_2_invitation_outside_the_inspection_refused_nothing_written(world, when):
    p = world["people"]
    if when == "draft":
        case = draft_case(world)
    else:
        case = decided_case(world)
        ops.start_inspection(case, p["leader"])
        ops.end_inspection(case, p["leader"], on(D(2026, 4, 28)))
        case = InspectionCase.get_by_id(case.id)
    members, docs = TeamMember.select().count(), OutgoingDocument.select().count()
    with pytest.raises(ValidationFailed, match="Điều 1[34]"):
        letters.invite_with_letter(case, p["leader"], LEADER, PURPOSE, rules.MEMBER, **OUTSIDER)
    assert (TeamMember.select().count(), OutgoingDocument.select().count()) == (members, docs)


def test_R_14_2_invited_member_of_an_inspected_unit_refused(world):
    p = world["people"]
    case = decided_case(world)
    docs = OutgoingDocument.select().count()
    with pytest.raises(ValidationFailed, match="xung đột lợi ích"):
        letters.invite_with_letter(case, p["leader"], LEADER, PURPOSE, rules.MEMBER, member_user=p["kl_officer"])
    with pytest.raises(ValidationFailed, match="lý do mời"):
        letters.invite_with_letter(case, p["leader"], LEADER, "", rules.MEMBER, **OUTSIDER)
    assert OutgoingDocument.select().count() == docs


def test_R_14_2_only_the_leader_invites_through_the_page(client, login, world):
    case = decided_case(world)
    on(D(2026, 4, 20))  # the letter is dated the day it is issued
    data = {"role": rules.MEMBER, "purpose": PURPOSE, "signer": "leader", "issued_on": "20/04/2026", **OUTSIDER}
    login(client, "cvp")
    assert client.post(f"/cases/{case.id}/team/invitations", data=data).status_code == 403
    client.post("/logout")
    login(client, "truongdoan")
    r = client.post(f"/cases/{case.id}/team/invitations", data={**data, "purpose": ""})
    assert r.status_code == 400
    r = client.post(f"/cases/{case.id}/team/invitations", data=data)
    assert r.status_code == 302
    m = TeamMember.get(TeamMember.name == "Trần Thị Mai")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "mời trong quá trình kiểm tra ngày 20/04/2026" in page and m.invitation_doc.number_text in page
    assert client.get(f"/cases/documents/{m.invitation_doc_id}.pdf").status_code == 200
