"""Issue 14: the case's other documents go through trình ký — only their signer issues them.

The extension decision (R-13d), the request letter (R-14.3) and the invitation letter (R-14.2):
someone who does not sign it submits it; he cannot issue it directly from the document page
(refused, nothing numbered); what it changes on the case happens when the signer signs.
"""

import datetime

from inspection.cases import issuing, letters, rules, work
from inspection.cases import operations as ops
from inspection.cases.models import InformationRequest, InspectionCase, TeamMember
from inspection.documents import submission
from inspection.documents.models import OutgoingDocument
from tests.cases.test_team_invitations import OUTSIDER, PURPOSE
from tests.cases.test_walk import DIRECTOR, LEADER, decided_case, ended_case
from tests.factories import on

D = datetime.date
CHIEF = {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG", "signer_name": "Phạm Minh Tuấn"}


def _direct_issue_refused(app, login, user, doc):
    """The document page's "Ký ban hành" is refused to `user`: 403, no number taken."""
    client = app.test_client()
    login(client, user.username)
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert 'id="ky-ban-hanh"' not in page
    assert client.post(f"/documents/{doc.id}/issue", data={}).status_code == 403
    fresh = OutgoingDocument.get_by_id(doc.id)
    assert fresh.number is None and fresh.state == "submitted"


def test_R_13d_the_chief_submits_the_extension_and_the_limit_moves_when_the_director_signs(app, login, world):
    p = world["people"]
    case = ended_case(world)
    on(D(2026, 4, 27))
    client = app.test_client()
    login(client, p["chief"].username)
    assert "Trình ký quyết định gia hạn" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    doc = letters.submit_extension(case, p["chief"], DIRECTOR, D(2026, 5, 5), "Đơn vị cung cấp hồ sơ chậm")
    assert 'id="extension-waiting"' in client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert doc.state == "submitted" and doc.submitted_to_id == p["director"].id
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.extended_to is None and fresh.extension_doc_id is None  # not before the signature
    _direct_issue_refused(app, login, p["chief"], doc)
    signed = submission.sign(doc, p["director"])
    fresh = InspectionCase.get_by_id(case.id)
    assert (fresh.extended_to, fresh.extension_doc_id) == (D(2026, 5, 5), signed.id)
    assert signed.number_text.endswith("/QĐ-SNN")


def test_R_13d_the_director_signs_the_extension_at_once(world):
    p = world["people"]
    case = ended_case(world)
    on(D(2026, 4, 27))
    doc = letters.submit_extension(case, p["director"], DIRECTOR, D(2026, 5, 5), "Đơn vị cung cấp hồ sơ chậm")
    assert doc.state == "issued" and InspectionCase.get_by_id(case.id).extension_doc_id == doc.id


def test_R_14_3_the_leader_submits_the_request_and_the_units_see_it_when_the_chief_signs(app, login, world):
    p, u = world["people"], world["units"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    case = InspectionCase.get_by_id(case.id)
    req = work.create_request(case, p["leader"], "báo cáo", D(2026, 4, 22), [u["kl"].id], "Báo cáo kết quả")
    on(D(2026, 4, 20))
    doc = issuing.issue_request(req, p["leader"], CHIEF)
    assert doc.state == "submitted" and doc.submitted_to_id == p["chief"].id
    assert InformationRequest.get_by_id(req.id).doc_id is None
    _direct_issue_refused(app, login, p["leader"], doc)
    signed = submission.sign(doc, p["chief"])
    assert InformationRequest.get_by_id(req.id).doc_id == signed.id and signed.number


def test_R_14_2_an_invitation_submitted_to_the_leader_adds_the_member_when_he_signs(app, login, world):
    p = world["people"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    case = InspectionCase.get_by_id(case.id)
    on(D(2026, 4, 22))
    members = TeamMember.select().where(TeamMember.case == case).count()
    doc = letters.submit_invitation(case, p["chief"], LEADER, PURPOSE, rules.MEMBER, **OUTSIDER)
    assert doc.state == "submitted" and doc.submitted_to_id == p["leader"].id
    assert TeamMember.select().where(TeamMember.case == case).count() == members  # not before
    _direct_issue_refused(app, login, p["chief"], doc)
    signed = submission.sign(doc, p["leader"])
    m = TeamMember.get(TeamMember.invitation_doc == signed.id)
    assert m.name == OUTSIDER["name"] and m.invitation_purpose == PURPOSE and m.invited_by_id == p["leader"].id
