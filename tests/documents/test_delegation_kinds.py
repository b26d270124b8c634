"""Issue 14, R-13.1: a Deputy signs "KT. GIÁM ĐỐC" only the kinds the Director has delegated.

One setting (documents.deputy_kinds) kept by the Director on /documents/delegation; the signer
choices, the submission, the queue's signature and the urging letters all read it.
"""

import datetime

import pytest

from inspection import settings
from inspection.documents import kinds, operations, signers, submission
from inspection.documents.models import DRAFT, SUBMITTED, OutgoingDocument
from inspection.errors import NotAllowed, ValidationFailed
from tests.a11y.test_ids_and_labels import problems

DAY = datetime.date(2026, 3, 2)
NOTICE = "conclusion_notice"
# The table before the setting existed: who signs each kind (no delegation of decisions recorded).
BEFORE = {
    "inspection_plan": ("director", "deputy"),
    "inspection_decision": ("director",),
    "extension_decision": ("director",),
    "request_letter": ("director", "deputy", "office_chief"),
    "inspection_report": ("team_leader", "presider"),
    "invitation_letter": ("team_leader",),
    "conclusion_notice": ("director", "deputy", "office_chief"),
    "urging_letter": ("director", "deputy", "office_chief"),
    "periodic_report": ("director", "deputy"),
}


@pytest.fixture
def people(app, make_user):
    app.config["TODAY"] = DAY.isoformat()
    org = settings.get_many("org.")
    return {
        "chief": make_user(roles=["chief_of_office"], full_name=org["org.office_chief_name"]),
        "director": make_user(roles=["director"], full_name=org["org.director_name"]),
        "deputy": make_user(roles=["deputy_director"], full_name=org["org.deputy_names"][0]),
    }


def _deputy_block(deputy):
    return signers.signer_block(signers.DEPUTY, name=deputy.full_name)


def _withdraw(director, kind):
    return operations.set_deputy_kinds(director, [k for k in signers.DEPUTY_KINDS if k != kind])


def test_R_13_1_defaults_keep_the_present_table(people):
    assert signers.deputy_kinds() == signers.DEPUTY_KINDS
    assert {k: signers.allowed(k) for k in BEFORE} == BEFORE
    deputy = ({"deputy_director"}, people["deputy"].full_name, people["deputy"].id)
    for kind in signers.DEPUTY_KINDS:
        assert signers.signer_refusal(kind, signers.DEPUTY, deputy) is None
        assert signers.refusal(kind, _deputy_block(people["deputy"])) is None
    # the decisions stay with the named delegation (its own mechanism), not with this setting
    assert "inspection_decision" not in signers.DEPUTY_KINDS


def test_R_13_1_withdrawn_notice_is_refused_to_the_deputy_then_restored(people):
    chief, director, deputy = people["chief"], people["director"], people["deputy"]
    waiting = submission.submit(
        operations.create_draft(NOTICE, kinds.get(NOTICE).sample, chief), chief, _deputy_block(deputy), deputy
    )
    assert waiting.state == SUBMITTED
    _withdraw(director, NOTICE)
    assert signers.DEPUTY not in signers.allowed(NOTICE) and signers.DEPUTY in signers.allowed("request_letter")
    # he can no longer sign what waited for him: refused, nothing numbered
    with pytest.raises(NotAllowed) as err:
        submission.sign(waiting, deputy)
    assert "chưa ủy quyền" in err.value.message and kinds.get(NOTICE).name_vi in err.value.message
    assert OutgoingDocument.get_by_id(waiting.id).number is None
    # nor be chosen or submitted to
    draft = operations.create_draft(NOTICE, kinds.get(NOTICE).sample, chief)
    assert submission.candidates(draft, signers.DEPUTY) == []
    with pytest.raises(ValidationFailed) as err:
        submission.submit(draft, chief, _deputy_block(deputy), deputy)
    assert err.value.field == "signer" and "KT. GIÁM ĐỐC" in err.value.message
    assert OutgoingDocument.get_by_id(draft.id).state == DRAFT
    # restored: he signs it, KT.
    operations.set_deputy_kinds(director, signers.DEPUTY_KINDS)
    signed = submission.sign(waiting, deputy)
    assert signed.number is not None and signed.ctx["signer_authority"] == "KT. GIÁM ĐỐC"
    assert [d.id for d in submission.candidates(draft, signers.DEPUTY)] == [deputy.id]


def test_R_13_1_only_known_kinds_are_delegated_and_nothing_is_half_written(people):
    with pytest.raises(ValidationFailed) as err:
        operations.set_deputy_kinds(people["director"], ["request_letter", "inspection_decision"])
    assert err.value.field == "kinds"
    assert signers.deputy_kinds() == signers.DEPUTY_KINDS
    assert operations.set_deputy_kinds(people["director"], []) == []
    assert signers.deputy_kinds() == () and signers.allowed("periodic_report") == ("director",)


def test_R_13_1_urging_letter_by_an_undelegated_deputy_is_refused(people, units, users):
    from inspection.monitoring import operations as monitoring
    from tests import factories

    _doc, tasks = factories.register_document(users["tracker"], units["kl"])
    _withdraw(people["director"], "urging_letter")
    with pytest.raises(ValidationFailed) as err:
        monitoring.urge_by_letter(users["tracker"], tasks, signer=signers.DEPUTY)
    assert err.value.field == "signer" and "chưa ủy quyền" in err.value.message
    assert OutgoingDocument.select().count() == 0


def test_R_13_1_the_director_ticks_the_kinds_on_the_delegation_page(people, client, login):
    chief, director, deputy = people["chief"], people["director"], people["deputy"]
    login(client, director.username)
    page = client.get("/documents/delegation").get_data(as_text=True)
    for kind in signers.DEPUTY_KINDS:
        assert f'value="{kind}"' in page and kinds.get(kind).name_vi in page
    assert page.count('name="kinds-kinds"') == len(signers.DEPUTY_KINDS) and page.count("checked") == 5
    assert problems(page) == []  # two forms on one page: no duplicate id, every box labelled
    keep = [k for k in signers.DEPUTY_KINDS if k != NOTICE]
    r = client.post("/documents/delegation", data={"kinds-shown": "1", "kinds-kinds": keep}, follow_redirects=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and html.count("Nghị định 30/2020/NĐ-CP; R-13.1") == 1
    assert signers.deputy_kinds() == tuple(keep)
    r = client.post("/documents/delegation", data={"kinds-shown": "1", "kinds-kinds": ["inspection_decision"]})
    assert r.status_code == 400 and "Chỉ chọn các loại văn bản" in r.get_data(as_text=True)
    assert signers.deputy_kinds() == tuple(keep)
    # the decision's delegation form still works beside it and leaves the kinds alone
    r = client.post("/documents/delegation", data={"deputy": deputy.full_name, "reference": "Giấy ủy quyền số 3"})
    assert r.status_code == 302 and signers.delegation()["deputy_name"] == deputy.full_name
    assert signers.deputy_kinds() == tuple(keep)
    # the draft page no longer offers the Deputy for a notice, and a forged submission is refused
    draft = operations.create_draft(NOTICE, kinds.get(NOTICE).sample, chief)
    client.get("/logout")
    login(client, chief.username)
    page = client.get(f"/documents/{draft.id}").get_data(as_text=True)
    assert 'value="deputy"' not in page.split('id="trinh-ky"')[1].split("</form>")[0]
    r = client.post(f"/documents/{draft.id}/submit", data={"signer": "deputy", "to_user": str(deputy.id)})
    assert r.status_code == 400 and OutgoingDocument.get_by_id(draft.id).state == DRAFT
    # only the Director changes the setting
    client.get("/logout")
    login(client, deputy.username)
    assert (
        client.post(
            "/documents/delegation", data={"kinds-shown": "1", "kinds-kinds": list(signers.DEPUTY_KINDS)}
        ).status_code
        == 403
    )
    assert signers.deputy_kinds() == tuple(keep)
