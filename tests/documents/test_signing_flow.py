"""Submission for signature (trình ký, issue 14): submit, return with remarks, sign; each refusal."""

import datetime

import pytest

from inspection import settings
from inspection.documents import kinds, operations, rules, signers, submission
from inspection.documents.models import DRAFT, ISSUED, SUBMITTED, OutgoingDocument, SignatureRound
from inspection.errors import Conflict, NotAllowed, ValidationFailed
from inspection.notifications.models import Notification
from tests.readback import flat, pdf_text

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def people(app, make_user):
    app.config["TODAY"] = DAY.isoformat()
    org = settings.get_many("org.")
    return {
        "chief": make_user(roles=["chief_of_office"], full_name="Phạm Minh Tuấn"),
        "director": make_user(roles=["director"], full_name=org["org.director_name"]),
        "deputy": make_user(roles=["deputy_director"], full_name=(org["org.deputy_names"] or ["Trần Văn Hùng"])[0]),
        "tracker": make_user(roles=["tracking_officer"]),
    }


def director_block():
    return signers.signer_block(signers.DIRECTOR)


def _draft(kind, user):
    return operations.create_draft(kind, kinds.get(kind).sample, user)


def test_initials_and_archive_line_decree_30():
    assert rules.initials("Phạm Minh Tuấn") == "PMT"
    assert rules.initials("  đặng   thị  ánh ") == "ĐTÁ"
    assert rules.archive_line("VP", "PMT", 2) == "VT, VP, PMT (02b)"
    assert rules.archive_line("VP", "", 2) == "VT, VP"


def test_R_13_1_who_may_sign_each_block(app):  # signer_refusal reads the delegated kinds (a setting)
    decision = "inspection_decision"
    director = ({"director"}, "A", 1)
    deputy = ({"deputy_director"}, "Trần Văn Hùng", 2)
    assert signers.signer_refusal(decision, signers.DIRECTOR, director) is None
    assert "không có thẩm quyền" in signers.signer_refusal(decision, signers.DIRECTOR, deputy)
    # a Deputy signs a decision only when the Director delegated it to him, by name
    assert signers.signer_refusal(decision, signers.DEPUTY, deputy) is not None
    assert signers.signer_refusal(decision, signers.DEPUTY, deputy, {"deputy_name": "Trần Văn Hùng"}) is None
    assert signers.signer_refusal(decision, signers.DEPUTY, deputy, {"deputy_name": "Người khác"}) is not None
    assert signers.signer_refusal("request_letter", signers.DEPUTY, deputy) is None  # not a delegated kind
    # a team leader signs only for his own case
    assert signers.signer_refusal("inspection_report", signers.TEAM_LEADER, deputy, None, {2}) is None
    assert signers.signer_refusal("inspection_report", signers.TEAM_LEADER, deputy, None, {3}) is not None


def test_submit_return_resubmit_sign_keeps_every_round(people):
    chief, director = people["chief"], people["director"]
    doc = _draft("inspection_decision", chief)
    doc = submission.submit(doc, chief, director_block(), director)
    assert (doc.state, doc.submitted_to_id, doc.signer_key, doc.drafter_initials) == (
        SUBMITTED,
        director.id,
        "director",
        "PMT",
    )
    assert doc.ctx["archive_units"] == "VT, VP, PMT (01b)"
    assert Notification.get(Notification.recipient == director.id).link == "/documents/queue"

    with pytest.raises(ValidationFailed) as err:
        submission.return_for_changes(doc, director, "   ")
    assert err.value.field == "remarks" and _state(doc) == SUBMITTED

    doc = submission.return_for_changes(doc, director, "Bổ sung căn cứ pháp lý.", round_no=1)
    assert doc.state == DRAFT and doc.number is None
    note = Notification.get(Notification.recipient == chief.id)
    assert "Bổ sung căn cứ pháp lý" in note.text

    doc = submission.submit(doc, chief, director_block(), director)
    signed = submission.sign(doc, director, round_no=2)
    assert (signed.state, signed.number_text, signed.issued_on, signed.issued_by_id) == (
        ISSUED,
        "01/QĐ-SNN",
        DAY,
        director.id,
    )
    rounds = list(SignatureRound.select().where(SignatureRound.document == doc.id).order_by(SignatureRound.round_no))
    assert [(r.round_no, r.outcome, r.remarks) for r in rounds] == [
        (1, "returned", "Bổ sung căn cứ pháp lý."),
        (2, "signed", ""),
    ]
    assert "Lưu: VT, VP, PMT (01b)." in flat(pdf_text(signed.pdf_file.read_bytes()))


def _state(doc):
    return OutgoingDocument.get_by_id(doc.id).state


def test_signing_twice_is_refused_with_the_number_and_nothing_renumbered(people):
    chief, director = people["chief"], people["director"]
    doc = submission.submit(_draft("inspection_decision", chief), chief, director_block(), director)
    first = submission.sign(doc, director)
    with pytest.raises(Conflict) as err:
        submission.sign(doc, director)  # the second tab
    assert "01/QĐ-SNN" in err.value.message
    assert OutgoingDocument.get_by_id(doc.id).number == first.number == 1
    with pytest.raises(Conflict):
        submission.return_for_changes(doc, director, "Muộn rồi")


def test_only_the_designated_signer_signs_or_returns(people):
    chief, director, deputy = people["chief"], people["director"], people["deputy"]
    doc = submission.submit(_draft("inspection_decision", chief), chief, director_block(), director)
    for intruder in (chief, deputy):
        with pytest.raises(NotAllowed):
            submission.sign(doc, intruder)
        with pytest.raises(NotAllowed):
            submission.return_for_changes(doc, intruder, "Không đồng ý")
    assert _state(doc) == SUBMITTED and OutgoingDocument.get_by_id(doc.id).number is None


def test_R_13_1_submitting_to_someone_without_the_authority_is_refused(people):
    chief, deputy = people["chief"], people["deputy"]
    doc = _draft("inspection_decision", chief)
    with pytest.raises(ValidationFailed) as err:
        submission.submit(doc, chief, director_block(), deputy)
    assert err.value.field == "to_user" and "khoản 1 Điều 13" in err.value.message
    deputy_block = signers.signer_block(signers.DEPUTY, name=deputy.full_name)
    with pytest.raises(ValidationFailed) as err:  # not delegated: the block itself is refused
        submission.submit(doc, chief, deputy_block, deputy)
    assert err.value.field == "signer"
    operations.set_delegation(people["director"], deputy.full_name, "Quyết định số 12/QĐ-SNN ngày 02/01/2026")
    doc = submission.submit(doc, chief, deputy_block, deputy)
    assert submission.sign(doc, deputy).ctx["signer_authority"] == "KT. GIÁM ĐỐC"


def test_a_waiting_draft_cannot_be_edited_or_issued_by_another_path(people):
    chief, director = people["chief"], people["director"]
    doc = submission.submit(_draft("urging_letter", chief), chief, director_block(), director)
    with pytest.raises(Conflict) as err:
        operations.update_draft(doc, kinds.get("urging_letter").sample, chief)
    assert "chờ ký" in err.value.message
    with pytest.raises(Conflict):
        operations.issue(doc, chief)
    with pytest.raises(Conflict):
        submission.submit(doc, chief, director_block(), director)
    assert _state(doc) == SUBMITTED and OutgoingDocument.get_by_id(doc.id).number is None


def test_a_stale_page_deciding_an_old_round_is_refused(people):
    chief, director = people["chief"], people["director"]
    doc = submission.submit(_draft("urging_letter", chief), chief, director_block(), director)
    submission.return_for_changes(doc, director, "Sửa trích yếu", round_no=1)
    with pytest.raises(Conflict):  # the page of round 1, after the return
        submission.sign(doc, director, round_no=1)
    submission.submit(doc, chief, director_block(), director)
    with pytest.raises(Conflict) as err:
        submission.sign(doc, director, round_no=1)
    assert "lần 2" in err.value.message and OutgoingDocument.get_by_id(doc.id).number is None


# --- the cases hook: a decision submitted from the case page, signed from the queue (R-13.1) ---
def test_R_13_1_chief_submits_the_decision_director_returns_then_signs_and_the_case_moves(world, client, login):
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InspectionCase
    from tests.cases.test_walk import draft_case

    case = draft_case(world)
    login(client, "cvp")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Trình Giám đốc ký quyết định" in page and "Ký ban hành quyết định" not in page
    r = client.post(f"/cases/{case.id}/decision", data={"signer": "director"}, follow_redirects=True)
    assert "Đã trình Nguyễn Tấn Liêm ký quyết định" in r.get_data(as_text=True)
    doc = OutgoingDocument.get(OutgoingDocument.kind == "inspection_decision")
    assert (doc.state, doc.subject_id, InspectionCase.get_by_id(case.id).state) == (SUBMITTED, case.id, "du_thao")
    assert 'id="decision-waiting"' in client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert client.post(f"/cases/{case.id}/decision", data={"signer": "director"}).status_code == 409
    assert client.post(f"/documents/{doc.id}/sign").status_code == 403  # not his to sign

    client.post("/logout")
    login(client, "gd")
    home = client.get("/").get_data(as_text=True)
    assert 'id="widget-sign-queue"' in home and 'id="badge-documents-queue">1<' in home
    r = client.post(f"/documents/{doc.id}/return", data={"round": "1", "remarks": ""})
    assert r.status_code == 400 and r.get_data(as_text=True).count(submission.REMARKS_REQUIRED) == 1
    assert _state(doc) == SUBMITTED
    r = client.post(f"/documents/{doc.id}/return", data={"round": "1", "remarks": "Ghi rõ thời hạn kiểm tra."})
    assert r.status_code == 302 and _state(doc) == DRAFT

    client.post("/logout")
    login(client, "cvp")
    assert "Ghi rõ thời hạn kiểm tra." in client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert client.post(f"/cases/{case.id}/decision", data={"signer": "director"}).status_code == 302
    assert OutgoingDocument.select().count() == 1  # the returned draft is corrected, not doubled

    client.post("/logout")
    login(client, "gd")
    assert client.post(f"/documents/{doc.id}/sign", data={"round": "1"}).status_code == 409  # stale page
    r = client.post(f"/documents/{doc.id}/sign", data={"round": "2"})
    assert r.status_code == 302
    fresh = InspectionCase.get_by_id(case.id)
    assert fresh.state == case_rules.DECIDED and fresh.decision_doc_id == doc.id
    r = client.post(f"/documents/{doc.id}/sign", data={"round": "2"})  # the second tab
    assert r.status_code == 409 and "01/QĐ-SNN" in r.get_data(as_text=True)
    register = client.get("/documents/register").get_data(as_text=True)
    assert "01/QĐ-SNN" in register and "Nguyễn Tấn Liêm" in register


def test_R_13_1_the_director_signs_the_decision_at_once_from_the_case_page(world, client, login):
    from inspection.cases.models import InspectionCase
    from tests.cases.test_walk import draft_case

    case = draft_case(world)
    login(client, "gd")
    assert "Ký ban hành quyết định" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    r = client.post(f"/cases/{case.id}/decision", data={"signer": "director"}, follow_redirects=True)
    assert "Đã ban hành quyết định kiểm tra số 01/QĐ-SNN" in r.get_data(as_text=True)
    doc = InspectionCase.get_by_id(case.id).decision_doc
    assert doc.state == ISSUED and [r.outcome for r in doc.rounds] == ["signed"]


def test_R_5_2_the_queue_and_its_count_never_show_a_secret_draft_without_clearance(people):
    chief, director = people["chief"], people["director"]
    settings.set_value("installation.offline", True, chief)
    chief.clearance = director.clearance = True
    chief.save()
    director.save()
    doc = operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief, secret=True)
    submission.submit(doc, chief, director_block(), director)
    note = Notification.get(Notification.recipient == director.id)
    assert note.is_secret and doc.abstract not in note.text
    from inspection.documents import queries

    assert queries.waiting_for(director).count() == 1
    director.clearance = False
    assert queries.waiting_for(director).count() == 0


def test_R_16_2_report_submitted_to_the_team_leader_is_signed_from_his_queue_and_the_case_reported(world):
    """The cases hook for the report: its signer is the case's own leader (TEAM_LEADER block)."""
    from inspection.cases import issuing
    from inspection.cases import operations as case_ops
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InspectionCase
    from inspection.documents import queries
    from tests.cases.test_walk import LEADER, _record_findings, ended_case
    from tests.factories import on

    p = world["people"]
    case = ended_case(world)
    _record_findings(case, world)
    case_ops.end_inspection(case, p["leader"], on(datetime.date(2026, 4, 28)))
    on(datetime.date(2026, 5, 6))
    case = InspectionCase.get_by_id(case.id)
    doc = issuing.submit_report(case, p["chief"], LEADER)  # the Chief is not the leader: submitted
    assert doc.state == SUBMITTED and doc.submitted_to_id == p["leader"].id
    assert [d.id for d in queries.waiting_for(p["leader"])] == [doc.id]
    with pytest.raises(NotAllowed):
        submission.sign(doc, p["director"])
    doc = submission.sign(doc, p["leader"])
    case = InspectionCase.get_by_id(case.id)
    assert case.state == case_rules.REPORTED and case.report_doc_id == doc.id
    assert case.reported_on == doc.issued_on == datetime.date(2026, 5, 6)


def test_R_16_2_notice_submitted_by_the_chief_and_signed_registers_the_recommendations(world):
    from inspection.cases import issuing
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InspectionCase, Recommendation
    from tests.cases.test_walk import DIRECTOR, reported_case
    from tests.factories import on

    p = world["people"]
    case = reported_case(world)
    on(datetime.date(2026, 5, 7))
    doc = issuing.submit_notice(case, p["chief"], DIRECTOR)
    assert doc.state == SUBMITTED and InspectionCase.get_by_id(case.id).state == case_rules.REPORTED
    assert not Recommendation.select().where(Recommendation.task.is_null(False)).exists()
    submission.sign(doc, p["director"])
    case = InspectionCase.get_by_id(case.id)
    assert case.state == case_rules.NOTIFIED and case.notice_doc_id == doc.id
    assert Recommendation.select().where(Recommendation.task.is_null(True)).count() == 0


def test_trinh_ky_form_on_the_draft_page_refuses_the_wrong_signer_beside_the_field(people, client, login):
    chief, director, deputy = people["chief"], people["director"], people["deputy"]
    doc = _draft("urging_letter", chief)
    login(client, chief.username)
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert 'id="trinh-ky"' in page and f'value="{director.id}"' in page
    r = client.post(f"/documents/{doc.id}/submit", data={"signer": "director", "to_user": str(deputy.id)})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and html.count("không phải là Giám đốc Sở") == 1 and _state(doc) == DRAFT
    r = client.post(f"/documents/{doc.id}/submit", data={"signer": "director", "to_user": "x"})
    assert r.status_code == 400 and "Phải chọn người ký" in r.get_data(as_text=True)
    r = client.post(f"/documents/{doc.id}/submit", data={"signer": "director", "to_user": str(director.id)})
    assert r.status_code == 302 and _state(doc) == SUBMITTED
    again = client.post(f"/documents/{doc.id}/submit", data={"signer": "director", "to_user": str(director.id)})
    assert again.status_code == 409 and SignatureRound.select().count() == 1
