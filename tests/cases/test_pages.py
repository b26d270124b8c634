"""Check, act, answer on the case pages: a refusal shows the page again (400) with the user's
input and its message once; the case page asks a fixed number of queries; who may open the
list of inspections is a real rule."""

import datetime
import logging

from inspection.cases import operations as ops
from inspection.cases import rules, work
from inspection.cases.models import Finding, InspectionCase, TeamMember
from tests.factories import on

D = datetime.date


def _html(response):
    return response.get_data(as_text=True)


def _draft(world, unit="kl"):
    p = world["people"]
    return ops.create_case(
        p["chief"],
        title="Kiểm tra Chi cục Kiểm lâm",
        ground=rules.GROUND_BOARD,
        ground_reference="Chỉ đạo của Giám đốc",
        unit_ids=[world["units"][unit].id],
        start_on=D(2026, 4, 20),
        end_on=D(2026, 4, 28),
    )


def test_R_14_conflict_of_interest_message_stands_once_beside_the_field(app, client, login, world):
    case = _draft(world)
    login(client, "cvp")
    head = world["people"]["kl_head"]
    r = client.post(
        f"/cases/{case.id}/team", data={"user": str(head.id), "role": rules.MEMBER, "gender": "Ông", "title": "CCT"}
    )
    html = _html(r)
    assert r.status_code == 400
    assert html.count("xung đột lợi ích") == 1  # beside the field, not again at the top
    assert 'class="invalid-feedback d-block">' in html.split("xung đột lợi ích")[0][-400:]
    assert TeamMember.select().count() == 0


def test_R_13_decision_refused_shows_the_case_again_not_a_redirect(app, client, login, world):
    case = _draft(world)
    login(client, "gd")
    r = client.post(f"/cases/{case.id}/decision", data={"signer": "director"})
    html = _html(r)
    assert r.status_code == 400 and "Location" not in r.headers
    assert html.count("Chưa thể ban hành quyết định") + html.count("b) Phạm vi") >= 1
    assert InspectionCase.get_by_id(case.id).state == rules.DRAFT


def test_R_16_3b_finding_refusal_on_a_row_form_is_said_once(app, client, login, world):
    from tests.cases.test_walk import ended_case

    p = world["people"]
    case = ended_case(world)  # decided with its scope frozen, inspection started
    work.prefill_findings(InspectionCase.get_by_id(case.id), p["leader"])
    finding = Finding.get()
    login(client, "truongdoan")
    data = {"result": rules.RESULT_NOT_DONE, "nature": "Chậm", "degree": "Nhẹ", "cause": "", "responsibility": "X"}
    r = client.post(f"/cases/findings/{finding.id}", data=data)
    assert r.status_code == 400 and _html(r).count("nguyên nhân") >= 1
    assert _html(r).count("alert-danger") == 1  # the row form draws no errors: one message at the top
    assert Finding.get_by_id(finding.id).nature == ""


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _queries_of_case_page(client, case_id):
    logger = logging.getLogger("peewee")
    counter, level = _Counter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        assert client.get(f"/cases/{case_id}").status_code == 200
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    return counter.count


def test_case_page_asks_the_same_number_of_queries_whatever_its_rows(app, client, login, world):
    from tests.cases.test_walk import ended_case

    p, kl = world["people"], world["units"]["kl"].id
    case = ended_case(world)
    login(client, "truongdoan")
    _queries_of_case_page(client, case.id)  # warm caches (settings, calendar)
    few = _queries_of_case_page(client, case.id)
    work.prefill_findings(case, p["leader"])
    for n in range(3):
        work.add_note(case, p["chief"], f"Ghi chú {n}")
        work.create_request(case, p["leader"], f"hồ sơ lần {n}", D(2026, 4, 30), [kl])
        work.add_recommendation(case, p["leader"], rules.REC_URGE, f"Kiến nghị {n}", kl, D(2026, 6, 30))
    many = _queries_of_case_page(client, case.id)
    assert many == few


def test_list_of_inspections_is_for_who_may_meet_a_case(app, client, login, world, make_user):
    from inspection.accounts.policy import can

    p = world["people"]
    admin = make_user(roles=["admin"], username="qt")
    outsider = make_user(roles=["archivist"], username="lt")
    assert not can(admin, "cases.view") and not can(outsider, "cases.view")
    for who in ("chief", "director", "deputy", "leader", "member", "kl_head", "kl_officer"):
        assert can(p[who], "cases.view"), who
    case = _draft(world)
    ops.add_member(case, p["chief"], rules.MEMBER, member_user=outsider)  # named in a team: may open the list
    assert can(outsider, "cases.view") and can(outsider, "cases.view", case)
    assert not can(admin, "cases.view", case)
    login(client, "qt")
    assert client.get("/cases/").status_code == 403
    assert "/cases/" not in _html(client.get("/"))  # nor in the menu


def test_R_14_3_answer_without_file_shows_the_unit_page_again_with_one_message(app, client, login, world):
    from inspection.cases import issuing
    from inspection.cases.models import UnitAnswer
    from tests.cases.test_walk import ended_case

    p = world["people"]
    case = ended_case(world)
    req = work.create_request(case, p["leader"], "báo cáo, cung cấp hồ sơ", D(2026, 4, 22), [world["units"]["kl"].id])
    chief = {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG", "signer_name": "Phạm Minh Tuấn"}
    issuing.issue_request(req, p["chief"], chief, on(D(2026, 4, 20)))  # issue 14: its signer signs it
    login(client, "cbkl")
    r = client.post(f"/cases/requests/{req.id}/answers", data={"note": "Gửi sau"})
    html = _html(r)
    assert r.status_code == 400 and html.count("Chưa chọn tệp để tải lên.") == 1
    assert "Gửi sau" in html  # the user's note is kept
    assert UnitAnswer.select().count() == 0


def test_garbled_plan_item_is_no_server_error(app, client, login, world):
    login(client, "cvp")
    data = {"title": "Kiểm tra", "ground": rules.GROUND_BOARD, "ground_reference": "Chỉ đạo", "plan_item": "abc"}
    r = client.post("/cases/new", data={**data, "form": rules.FORM_TEAM, "unit_ids": [world["units"]["tl"].id]})
    assert r.status_code == 302  # an ad hoc case: the garbled plan row is no plan row
    assert InspectionCase.get().plan_item_id is None
