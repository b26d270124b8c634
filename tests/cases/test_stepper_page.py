"""Issue 14: the case page as steps: the stepper, one primary button naming the next step with
what it lacks beside it, past stages read-only, the team form kept open (R-13, R-14, R-16)."""

import datetime

from inspection.cases import operations as ops
from inspection.cases import rules
from tests.cases.test_walk import approved_plan, draft_case
from tests.factories import on

D = datetime.date


def _html(r):
    return r.get_data(as_text=True)


def _box(page):
    return page.split('id="buoc-tiep"')[1].split("</section>")[0]


def test_R_13_draft_stage_names_the_decision_and_lists_what_is_missing(client, login, world):
    _plan, item = approved_plan(world)
    case = ops.create_case(world["people"]["chief"], plan_item=item, title="Kiểm tra", legal_grounds="Căn cứ X")
    login(client, "cvp")
    page = _html(client.get(f"/cases/{case.id}"))
    assert 'id="step-du-thao" aria-current="step"' in page
    assert page.count('aria-current="step"') == 1
    box = _box(page)
    assert "Bước tiếp theo: " + rules.NEXT_LABELS["issue_decision"] in box
    assert "chưa có nhiệm vụ nào trong phạm vi" in box and "đ) Thành phần Đoàn kiểm tra" in box
    assert 'id="issue-decision" disabled' in box  # the reason is the list above, not a tooltip
    # only the draft's parts: no findings, recommendations or requests yet
    assert 'id="ket-qua"' not in page and 'id="kien-nghi"' not in page and 'id="cong-van"' not in page


def test_R_14_add_member_keeps_the_team_form_open(client, login, world):
    _plan, item = approved_plan(world)
    case = ops.create_case(world["people"]["chief"], plan_item=item, title="Kiểm tra", legal_grounds="Căn cứ X")
    login(client, "cvp")
    leader = world["people"]["leader"]
    r = client.post(f"/cases/{case.id}/team", data={"user": str(leader.id), "role": rules.LEADER, "gender": "Ông"})
    assert r.status_code == 302 and "open=member" in r.location and r.location.endswith("#them-thanh-vien")
    page = _html(client.get(r.location))
    assert '<details id="them-thanh-vien" open>' in page
    assert leader.full_name in page.split('id="team-table"')[1].split("</table>")[0]


def test_R_16_decided_case_shows_start_and_the_draft_stage_read_only(app, client, login, world):
    from inspection.cases import issuing

    case = draft_case(world)
    on(D(2026, 4, 17))
    issuing.issue_decision(
        case, world["people"]["director"], {"signer_authority": "", "signer_title": "GIÁM ĐỐC", "signer_name": "X"}
    )
    login(client, "truongdoan")
    page = _html(client.get(f"/cases/{case.id}"))
    assert 'id="step-quyet-dinh" aria-current="step"' in page
    assert 'id="start"' in _box(page) and rules.NEXT_LABELS["start"] in _box(page)
    assert 'name="unit_ids" type="checkbox"' in page and "multiple" not in page  # no Ctrl-click lists
    assert f'href="/cases/{case.id}?stage=du-thao"' in page  # a done stage links to its page
    past = _html(client.get(f"/cases/{case.id}?stage=du-thao"))
    assert 'id="past-stage"' in past and 'id="buoc-tiep"' not in past and 'id="scope-table"' in past
    assert "<form" not in past.split('id="pham-vi"')[1].split("</section>")[0]  # read, not worked on
    # a stage not reached yet, or unknown, shows the current one
    for asked in ("bao-cao", "khong-co"):
        assert 'id="past-stage"' not in _html(client.get(f"/cases/{case.id}?stage={asked}"))
