"""Urging (R-9, R-10): one letter per lead unit listing exactly its tasks, other channels, answers."""

import datetime
import json

import pytest

from inspection import audit, settings
from inspection.errors import ValidationFailed
from inspection.monitoring import operations, rules
from inspection.monitoring.models import Urging
from inspection.notifications.models import Notification
from inspection.register import operations as reg
from inspection.workdays import WorkCalendar
from tests.factories import on
from tests.readback import docx_text, flat, pdf_body_text

D = datetime.date
CAL = WorkCalendar()
URGE_DAY = D(2026, 12, 21)  # a Monday, after the tasks' deadline of 15/12


@pytest.fixture
def tasks(register_doc, units):
    _doc, tl_tasks = register_doc(
        tasks=[
            dict(summary="Tham mưu báo cáo hạ tầng thủy lợi", lead_unit=units["tl"], deadline=D(2026, 12, 15)),
            dict(summary="Rà soát các hồ chứa xung yếu", lead_unit=units["tl"], deadline=D(2026, 12, 18)),
            dict(summary="Kiểm kê rừng phòng hộ", lead_unit=units["kl"], deadline=D(2026, 12, 10)),
        ]
    )
    return tl_tasks


def test_letter_lists_exactly_the_units_tasks_in_docx_and_pdf(app, tasks, users, units):
    """R-10: the letter to Thủy lợi names its two tasks and not Kiểm lâm's; both files read back."""
    on(URGE_DAY)
    doc = operations.urge_by_letter(users["chief"], tasks[:2], calendar=CAL)
    assert doc.issued_on == URGE_DAY and doc.number
    for text in (docx_text(doc.docx_file), flat(pdf_body_text(doc.pdf_file))):
        assert "Tham mưu báo cáo hạ tầng thủy lợi" in text
        assert "Rà soát các hồ chứa xung yếu" in text
        assert "Kiểm kê rừng phòng hộ" not in text
        assert "Chi cục Thủy lợi" in text
        assert "CHÁNH VĂN PHÒNG" in text
    rows = list(Urging.select().order_by(Urging.task))
    assert [(u.task_id, u.channel, u.letter_id, u.to_unit_id) for u in rows] == [
        (tasks[0].id, "letter", doc.id, units["tl"].id),
        (tasks[1].id, "letter", doc.id, units["tl"].id),
    ]
    staff = Notification.select().where(Notification.recipient == users["tl_officer"].id)
    assert {n.kind for n in staff} == {"urging"} and staff.count() == 2
    assert not Notification.select().where(Notification.recipient == users["kl_officer"].id).exists()


def test_letter_for_several_units_is_refused_and_nothing_written(app, tasks, users):
    """R-10: one letter per lead unit."""
    on(URGE_DAY)
    with pytest.raises(ValidationFailed) as exc:
        operations.urge_by_letter(users["chief"], tasks, calendar=CAL)
    assert exc.value.message == rules.MSG_SEVERAL_UNITS
    assert not Urging.select().exists()


def test_completed_or_returned_task_is_not_urged(app, tasks, users):
    """R-9: only open tasks are urged; a completed or returned task is refused with a message."""
    on(URGE_DAY)
    reg.return_task(users["tracker"], tasks[1], "Không thuộc chức năng của đơn vị")
    returned = type(tasks[1]).get_by_id(tasks[1].id)
    for call in (
        lambda: operations.urge_by_letter(users["chief"], [tasks[0], returned], calendar=CAL),
        lambda: operations.record_urging(users["tracker"], returned, "phone"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert exc.value.message == rules.MSG_NOT_OPEN
    assert not Urging.select().exists()


def test_signer_outside_the_allowed_list_is_refused(app, tasks, users):
    on(URGE_DAY)
    with pytest.raises(ValidationFailed) as exc:
        operations.urge_by_letter(users["chief"], tasks[:1], signer="team_leader", calendar=CAL)
    assert exc.value.field == "signer"
    assert not Urging.select().exists()


def test_other_channel_and_the_units_answer(app, tasks, users, units):
    """R-9: each urging keeps its channel and date; the unit's answer is written on it."""
    on(URGE_DAY)
    urging = operations.record_urging(users["tracker"], tasks[0], "phone", note="Gọi đồng chí Trưởng phòng")
    assert (urging.channel, urging.urged_on, urging.to_unit_id) == ("phone", URGE_DAY, units["tl"].id)
    entry = audit.history_for(tasks[0])[0]  # in the task's own history
    assert (entry.action, entry.action_label, json.loads(entry.after)["channel"]) == ("urge", "Đôn đốc", "phone")
    with pytest.raises(ValidationFailed):
        operations.record_urging(users["tracker"], tasks[0], "pigeon")
    with pytest.raises(ValidationFailed):
        operations.record_answer(users["tl_officer"], urging, "   ")
    operations.record_answer(users["tl_officer"], urging, "Đơn vị sẽ hoàn thành trước 25/12")
    fresh = Urging.get_by_id(urging.id)
    assert (fresh.answer, fresh.answered_on) == ("Đơn vị sẽ hoàn thành trước 25/12", URGE_DAY)


def test_secret_task_is_never_urged(app, register_doc, users, units):
    """R-5.2: a secret task is refused from the ordinary urging."""
    settings.set_value("installation.offline", True, users["secret_tracker"])
    _doc, (task,) = register_doc(user=users["secret_tracker"], secret_level="mat")
    on(URGE_DAY)
    with pytest.raises(ValidationFailed) as exc:
        operations.urge_by_letter(users["chief"], [task], calendar=CAL)
    assert exc.value.message == rules.MSG_SECRET
    assert not Urging.select().exists()


def test_suggested_rule_and_grouping(tasks):
    """R-10: open, overdue or due soon; grouped by lead unit."""
    today = D(2026, 12, 16)
    assert rules.urgeable(tasks[0], today, CAL, 3)  # overdue
    assert rules.urgeable(tasks[1], today, CAL, 3)  # due on 18/12, within 3 working days
    assert not rules.urgeable(tasks[1], D(2026, 12, 1), CAL, 3)
    groups = rules.group_by_lead_unit(tasks)
    assert groups == {tasks[0].lead_unit_id: tasks[:2], tasks[2].lead_unit_id: tasks[2:]}


def test_R_9_a_trackers_letter_is_submitted_and_the_urgings_recorded_when_the_chief_signs(app, tasks, users, login):
    """Issue 14: the tracking officer does not sign; his letter waits for the Chief of Office (TL.),
    who alone issues it; the urgings stand on the tasks only once it is signed (R-9)."""
    from inspection.documents import submission

    on(URGE_DAY)
    doc = operations.urge_by_letter(users["tracker"], tasks[:2], calendar=CAL)
    assert doc.state == "submitted" and doc.submitted_to_id == users["chief"].id and doc.number is None
    assert not Urging.select().exists()  # not before the signature
    client = app.test_client()
    login(client, users["tracker"].username)
    assert client.post(f"/documents/{doc.id}/issue", data={"signer": "office_chief"}).status_code == 403
    assert type(doc).get_by_id(doc.id).number is None  # refused, nothing numbered
    signed = submission.sign(doc, users["chief"])
    rows = list(Urging.select().order_by(Urging.task))
    assert [(u.task_id, u.letter_id, u.urged_by_id) for u in rows] == [
        (tasks[0].id, signed.id, users["tracker"].id),
        (tasks[1].id, signed.id, users["tracker"].id),
    ]
    assert Notification.select().where(Notification.recipient == users["tl_officer"].id).exists()
