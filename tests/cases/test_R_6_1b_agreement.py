"""R-6.1b one rule: the register's late-registration filter, the task page and an inspection's
findings agree, after the received date changes and after a calendar override (issue 9)."""

import datetime
import re

from inspection.calendar import operations as calendar_ops
from inspection.cases import operations as ops
from inspection.cases.models import Finding, InspectionCase
from inspection.register import operations as reg
from inspection.register.models import Task
from tests.cases.test_walk import ended_case
from tests.factories import on

D = datetime.date


def _filtered(client):
    page = client.get("/register/tasks?late_reg=1").get_data(as_text=True)
    return {int(n) for n in re.findall(r'href="/register/tasks/(\d+)"', page)}


def _on_task_page(client, task_id):
    return 'id="registration-late"' in client.get(f"/register/tasks/{task_id}").get_data(as_text=True)


def _agreed(client, case, tasks):
    """Return {task_id: late} after checking the three places give the same answer."""
    findings = {f.case_task.task_id: f.registration_late for f in Finding.select().where(Finding.case == case)}
    filtered = _filtered(client)
    out = {}
    for task in tasks:
        late = task.id in filtered
        assert _on_task_page(client, task.id) is late, task.summary
        assert findings[task.id] is late, task.summary
        out[task.id] = late
    return out


def test_R_6_1b_list_filter_task_page_and_findings_agree(world, client, login):
    people, doc = world["people"], world["doc"]
    first, second = world["tasks"][0], world["tasks"][1]  # registered 09/01 and 07/01; Kiểm lâm's
    case = ended_case(world)
    from inspection.cases import work

    work.prefill_findings(case, people["leader"])
    login(client, "cvp")
    # received Tue 06/01: limit Wed 07/01, so the task registered Fri 09/01 is late
    assert _agreed(client, case, [first, second]) == {first.id: True, second.id: False}

    data = {f: getattr(doc, f) for f in reg.DOC_FIELDS} | {"received_on": D(2026, 1, 7)}
    reg.update_document(people["chief"], doc, data, doc.version)
    assert Task.get_by_id(first.id).registration_due_on == D(2026, 1, 8)
    assert _agreed(client, case, [first, second]) == {first.id: True, second.id: False}

    override = calendar_ops.add_override(people["chief"], D(2026, 1, 8), "off", "Nghỉ bù theo thông báo của tỉnh")
    assert Task.get_by_id(first.id).registration_due_on == D(2026, 1, 9)  # the day off pushes the limit
    assert _agreed(client, case, [first, second]) == {first.id: False, second.id: False}

    calendar_ops.delete_override(people["chief"], override)
    assert _agreed(client, case, [first, second]) == {first.id: True, second.id: False}


def test_R_6_1b_complex_mark_moves_the_stored_limit(world):
    people, doc, first = world["people"], world["doc"], world["tasks"][0]
    data = {f: getattr(doc, f) for f in reg.DOC_FIELDS} | {"is_complex": True}
    reg.update_document(people["chief"], doc, data, doc.version)
    assert Task.get_by_id(first.id).registration_due_on == D(2026, 1, 8)  # 2 working days
    # a day off on the received date itself is outside the window: nothing moves
    calendar_ops.add_override(people["chief"], D(2026, 1, 6), "off", "Ngày nhận văn bản")
    assert Task.get_by_id(first.id).registration_due_on == D(2026, 1, 8)


def test_R_6_1b_a_save_from_an_open_form_keeps_the_recomputed_limit(world):
    people, doc = world["people"], world["doc"]
    stale = Task.get_by_id(world["tasks"][2].id)
    data = {f: getattr(doc, f) for f in reg.DOC_FIELDS} | {"received_on": D(2026, 1, 7)}
    reg.update_document(people["chief"], doc, data, doc.version)
    reg.return_task(people["chief"], stale, "Không thuộc thẩm quyền của Sở", on=D(2026, 1, 12))
    assert Task.get_by_id(stale.id).registration_due_on == D(2026, 1, 8)


def test_R_16_2_calendar_override_moves_the_stored_report_deadline(world):
    case = ended_case(world)
    ops.end_inspection(case, world["people"]["leader"], on(D(2026, 4, 28)))
    assert InspectionCase.get_by_id(case.id).report_due_on == D(2026, 5, 7)
    calendar_ops.add_override(world["people"]["chief"], D(2026, 5, 5), "off", "Nghỉ theo thông báo của tỉnh")
    case = InspectionCase.get_by_id(case.id)
    assert case.report_due_on == D(2026, 5, 8)
    calendar_ops.add_override(world["people"]["chief"], D(2026, 4, 25), "work", "Làm bù")  # Saturday inside
    assert InspectionCase.get_by_id(case.id).working_days == case.working_days + 1
