"""The pure rules of difficulties and disagreements (R-19.2, R-10.1c, R-8.4), without Flask or a database."""

import datetime
from types import SimpleNamespace

from inspection.difficulties import rules

D = datetime.date


def _task(**kw):
    fields = dict(lead_unit_id=1, deadline=D(2026, 12, 15), is_completed=False, returned_on=None)
    fields.update(kw)
    return SimpleNamespace(**fields)


def test_R_19_2_only_the_lead_unit_reports_a_difficulty():
    task = _task()
    assert rules.raise_refusal("difficulty", "extend", task, 1, set(), "Thiếu số liệu") is None
    assert rules.raise_refusal("difficulty", "extend", task, 2, {2}, "Thiếu số liệu") == (rules.MSG_NOT_LEAD, "kind")
    assert rules.raise_refusal("difficulty", "extend", task, 1, set(), "  ") == (rules.MSG_CAUSE, "cause")
    assert rules.raise_refusal("difficulty", "ruling", task, 1, set(), "x") == (rules.MSG_PROPOSAL, "proposal")
    assert rules.raise_refusal("other", "extend", task, 1, set(), "x") == (rules.MSG_KIND, "kind")


def test_R_10_1c_lead_or_cooperating_unit_raises_a_disagreement():
    task = _task()
    assert rules.raise_refusal("disagreement", "change_lead", task, 2, {2}, "Ai chủ trì") is None
    assert rules.raise_refusal("disagreement", "ruling", task, 3, {2}, "x") == (rules.MSG_NOT_INVOLVED, None)
    closed = _task(returned_on=D(2026, 12, 1))
    assert rules.raise_refusal("disagreement", "ruling", closed, 1, set(), "x") == (rules.MSG_CLOSED, None)


def test_R_8_proposal_values_must_move_the_task():
    task = _task()
    assert rules.proposal_refusal("extend", task, D(2026, 12, 15), None)[1] == "proposed_deadline"
    assert rules.proposal_refusal("extend", task, D(2027, 1, 15), None) is None
    assert rules.proposal_refusal("extend", _task(deadline=None), D(2027, 1, 15), None) is None
    assert rules.proposal_refusal("change_lead", task, None, 1)[1] == "proposed_unit"
    assert rules.proposal_refusal("change_lead", task, None, 2) is None
    assert rules.proposal_refusal("ask_province", task, None, None) is None


def test_R_8_4_a_decision_is_taken_once_and_an_extension_names_its_document():
    item = SimpleNamespace(state="pending", proposal="extend")
    assert rules.decision_refusal(item, "maybe", "", None, "")[1] == "decision"
    assert rules.decision_refusal(item, "approved", "", None, "")[1] == "decision_doc_number"
    assert rules.decision_refusal(item, "approved", "12/QĐ-SNNMT", D(2026, 12, 1), "") is None
    assert rules.decision_refusal(item, "rejected", "", None, " ")[1] == "reason"
    assert rules.decision_refusal(
        SimpleNamespace(state="decided", proposal="extend"), "approved", "1", D(2026, 12, 1), ""
    )[0] == (rules.MSG_DECIDED)
    assert rules.changes_task(SimpleNamespace(proposal="ask_province"), "approved") is False
    assert rules.changes_task(SimpleNamespace(proposal="drop"), "approved") is True
    assert rules.changes_task(SimpleNamespace(proposal="drop"), "rejected") is False
    assert rules.document_ref("12/QĐ-SNNMT", D(2026, 12, 1)) == "số 12/QĐ-SNNMT ngày 01/12/2026"
