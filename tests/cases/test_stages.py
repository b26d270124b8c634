"""Issue 14: the case page as steps: stage() and next_step() per state and form (R-12 to R-17)."""

from types import SimpleNamespace as Case

import pytest

from inspection.cases import rules as r


@pytest.mark.parametrize(
    "state, form, expected",
    [
        (r.DRAFT, r.FORM_TEAM, r.STAGE_DRAFT),
        (r.DECIDED, r.FORM_TEAM, r.STAGE_DECISION),
        (r.IN_PROGRESS, r.FORM_TEAM, r.STAGE_WORK),
        (r.ENDED, r.FORM_TEAM, r.STAGE_REPORT),
        (r.REPORTED, r.FORM_TEAM, r.STAGE_NOTICE),
        (r.NOTIFIED, r.FORM_TEAM, r.STAGE_DOSSIER),
        (r.CLOSED, r.FORM_TEAM, r.STAGE_CLOSED),
        # the Director concludes himself, the notice follows the end
        (r.ENDED, r.FORM_DIRECT, r.STAGE_NOTICE),
        # the internal report goes to the Director; no notice to one's own unit
        (r.REPORTED, r.FORM_INTERNAL, r.STAGE_DOSSIER),
    ],
)
def test_R_12_to_R_17_stage_of_each_state(state, form, expected):
    assert r.stage(Case(state=state, form=form), r.StepFacts()) == expected


def test_R_12_stages_of_each_form():
    assert r.stages(r.FORM_TEAM) == list(r.STAGE_LABELS)
    assert r.stages(r.FORM_DEPUTY) == [
        r.STAGE_DRAFT,
        r.STAGE_WORK,
        r.STAGE_REPORT,
        r.STAGE_NOTICE,
        r.STAGE_DOSSIER,
        r.STAGE_CLOSED,
    ]
    assert r.stages(r.FORM_DIRECT) == [r.STAGE_DRAFT, r.STAGE_WORK, r.STAGE_NOTICE, r.STAGE_DOSSIER, r.STAGE_CLOSED]
    assert r.stages(r.FORM_INTERNAL) == [r.STAGE_DRAFT, r.STAGE_WORK, r.STAGE_REPORT, r.STAGE_DOSSIER, r.STAGE_CLOSED]


def test_R_13_draft_next_step_is_the_decision_with_what_it_lacks():
    facts = r.decision_missing_parts(r.DecisionFacts(["Căn cứ"], 1, 0, ["x"], member_count=0))
    step = r.next_step(Case(state=r.DRAFT, form=r.FORM_TEAM), r.StepFacts(decision_missing=facts))
    assert step.action == "issue_decision"
    assert step.label == r.NEXT_LABELS["issue_decision"]
    assert any("chưa có nhiệm vụ nào" in m for m in step.missing)
    assert any("Thành phần Đoàn" in m for m in step.missing)


def test_R_12_3_draft_without_team_assigns_who_presides():
    step = r.next_step(Case(state=r.DRAFT, form=r.FORM_DEPUTY), r.StepFacts(decision_missing=[]))
    assert (step.action, step.missing) == ("assign_presider", [])


def test_R_14_decided_then_started_then_ended():
    assert r.next_step(Case(state=r.DECIDED, form=r.FORM_TEAM), r.StepFacts()).action == "start"
    step = r.next_step(Case(state=r.IN_PROGRESS, form=r.FORM_TEAM), r.StepFacts())
    assert (step.action, step.label, step.missing) == ("end", "Kết thúc kiểm tra", [])


def test_R_12_4_direct_end_needs_the_minutes():
    problem = r.direct_end_error(r.FORM_DIRECT, 0)
    step = r.next_step(Case(state=r.IN_PROGRESS, form=r.FORM_DIRECT), r.StepFacts(end_problem=problem))
    assert step.missing == [problem]


def test_R_16_report_lists_the_findings_still_missing():
    step = r.next_step(Case(state=r.ENDED, form=r.FORM_TEAM), r.StepFacts(report_problems=["Nhiệm vụ 1: chưa"]))
    assert (step.action, step.missing) == ("issue_report", ["Nhiệm vụ 1: chưa"])
    assert r.next_step(Case(state=r.ENDED, form=r.FORM_DIRECT), r.StepFacts()).action == "issue_notice"
    assert r.next_step(Case(state=r.REPORTED, form=r.FORM_TEAM), r.StepFacts()).action == "issue_notice"


def test_R_17_dossier_then_nothing():
    assert r.next_step(Case(state=r.NOTIFIED, form=r.FORM_TEAM), r.StepFacts()).action == "close_dossier"
    assert r.next_step(Case(state=r.REPORTED, form=r.FORM_INTERNAL), r.StepFacts()).action == "close_dossier"
    assert r.next_step(Case(state=r.CLOSED, form=r.FORM_TEAM), r.StepFacts()) is None
