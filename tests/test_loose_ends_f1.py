"""Issue 12's loose ends: a period result sent twice (R-6.3b), a flag from the task page or the
API settling the review item (R-7.1, R-7.2c), a second urging letter while one waits (R-9,
R-10), and the urging form's signers (R-13.1 delegation)."""

import datetime

import pytest

from inspection import audit
from inspection.accounts import operations as accounts
from inspection.errors import ValidationFailed
from inspection.register.models import Task, TaskPeriod

D = datetime.date
TODAY = D(2026, 11, 27)


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY.isoformat()
    return app


def _bearer(user):
    return {"Authorization": f"Bearer {accounts.create_token(user, 'kiểm thử')[1]}"}


# --- 1. a period result POSTed twice records once (R-6.3b) ----------------------------------


@pytest.fixture
def monthly(register_doc, units):
    _doc, (task,) = register_doc(
        tasks=[dict(summary="Báo cáo tháng về phòng cháy rừng", lead_unit=units["kl"], recurrence="monthly")]
    )
    periods = list(TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline))
    return task, periods


def _period_history(task):
    return [e for e in audit.history_for(Task.get_by_id(task.id)) if e.action == "update"]


def test_R_6_3b_a_period_result_sent_twice_from_the_form_is_recorded_once(client, login, monthly, users):
    task, periods = monthly
    login(client, "theodoi")
    url = f"/register/periods/{periods[0].id}/complete"
    data = {"completed_on": "20/11/2026", "result_doc_number": "12/BC-CCKL", "version": "0"}
    assert client.post(url, data=data).status_code == 302
    after_first = Task.get_by_id(task.id)
    history = _period_history(task)
    again = client.post(url, data=data)  # a double click, or the browser sending the form again
    assert again.status_code == 409
    body = again.get_data(as_text=True)
    assert body.count("đã được ghi nhận (hoàn thành ngày 20/11/2026)") == 1 and "không ghi nhận lần thứ hai" in body
    assert _period_history(task) == history  # no second history row
    fresh = Task.get_by_id(task.id)
    assert (fresh.version, fresh.deadline, fresh.result_entered_on) == (
        after_first.version,
        after_first.deadline,
        after_first.result_entered_on,
    )
    done = TaskPeriod.get_by_id(periods[0].id)
    assert (done.completed_on, done.result_doc_number) == (D(2026, 11, 20), "12/BC-CCKL")


def test_R_6_3b_a_period_result_sent_twice_through_the_api_is_refused_with_409(client, monthly, users):
    task, periods = monthly
    headers = _bearer(users["tracker"])
    url = f"/api/v1/tasks/{task.id}/periods/{periods[0].id}/result"
    body = {"completed_on": "2026-11-20", "result_doc_number": "12/BC-CCKL"}
    assert client.post(url, json=body, headers=headers).status_code == 200
    history = _period_history(task)
    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 409
    assert "không ghi nhận lần thứ hai" in again.get_json()["detail"]
    changed = client.post(url, json={**body, "completed_on": "2026-11-21"}, headers=headers)
    assert changed.status_code == 409  # a period has one result; nothing is overwritten
    assert _period_history(task) == history
    assert TaskPeriod.get_by_id(periods[0].id).completed_on == D(2026, 11, 20)
    nxt = client.post(f"/api/v1/tasks/{task.id}/periods/{periods[1].id}/result", json=body, headers=headers)
    assert nxt.status_code == 200  # the next period is still open


# --- 2. a flag from the task page or the API settles the review item (R-7.1, R-7.2c) --------


@pytest.fixture
def queued(register_doc, users, units):
    """A unit's progress update, waiting in the Office's review queue."""
    from inspection.monitoring import review_ops
    from inspection.register import operations as reg

    _doc, (task,) = register_doc()  # led by Chi cục Thủy lợi
    update = reg.record_progress(users["tl_officer"], task, units["tl"], TODAY, "Đã khảo sát 3 hồ chứa")
    assert review_ops.collect(TODAY) == 1
    return task, update


def _item(update):
    from inspection.monitoring.models import ReviewItem

    return ReviewItem.get(ReviewItem.progress == update.id)


def _settled_once(users, units, update, reason):
    """The item is flagged by the one who flagged, counted once, and cannot be decided again."""
    from inspection.errors import Conflict
    from inspection.monitoring import review_ops, review_queries

    item = _item(update)
    assert (item.state, item.reason, item.decided_by_id) == ("flagged", reason, users["tracker"].id)
    assert [e.action for e in audit.history_for(item)] == ["review"]
    stats = review_queries.unit_update_stats(D(2026, 1, 1), TODAY)
    assert stats[units["tl"].id].flagged == 1
    with pytest.raises(Conflict):  # the queue no longer offers it for a second flag
        review_ops.flag(users["tracker"], item, "Lần thứ hai")


def test_R_7_1_a_flag_from_the_task_page_settles_the_pending_review_item(client, login, queued, users, units):
    task, update = queued
    login(client, "theodoi")
    reason = "Số liệu chưa khớp với báo cáo của đơn vị"
    assert client.post(f"/register/updates/{update.id}/flag", data={"reason": reason}).status_code == 302
    _settled_once(users, units, update, reason)
    pending = client.get("/monitoring/review").get_data(as_text=True)
    assert f"/monitoring/review/{_item(update).id}/flag" not in pending


def test_R_7_1_a_flag_through_the_api_settles_the_pending_review_item(client, queued, users, units):
    task, update = queued
    reason = "Tiến độ chưa nêu số liệu cụ thể"
    url = f"/api/v1/tasks/{task.id}/progress/{update.id}/flag"
    assert client.post(url, json={"reason": reason}, headers=_bearer(users["tracker"])).status_code == 200
    _settled_once(users, units, update, reason)
    review = client.get(f"/api/v1/tasks/{task.id}/review", headers=_bearer(users["tracker"])).get_json()
    assert [(i["progress_id"], i["state"]) for i in review["items"]] == [(update.id, "flagged")]


# --- 4. the urging form offers only the signers the rule admits (R-13.1, R-10) ---------------


@pytest.fixture
def overdue(register_doc, units):
    """Two overdue tasks of Chi cục Thủy lợi, suggested for an urging letter (R-10)."""
    _doc, made = register_doc(
        tasks=[
            dict(summary="Rà soát các hồ chứa xung yếu", lead_unit=units["tl"], deadline=D(2026, 11, 24)),
            dict(summary="Tham mưu báo cáo hạ tầng thủy lợi", lead_unit=units["tl"], deadline=D(2026, 11, 25)),
        ]
    )
    return made


def _signer_options(client, unit):
    page = client.get("/monitoring/urging").get_data(as_text=True)
    select = page.split(f'id="signer-{unit.id}"', 1)[1].split("</select>", 1)[0]
    return select


def test_R_13_1_the_urging_form_offers_a_deputy_only_while_the_letters_are_delegated(
    client, login, overdue, users, units
):
    from inspection.documents import operations as docops
    from inspection.documents import signers

    login(client, "chanhvp")
    granted = _signer_options(client, units["tl"])
    assert 'value="deputy"' in granted and 'value="director"' in granted and 'value="office_chief"' in granted
    docops.set_deputy_kinds(users["director"], [k for k in signers.DEPUTY_KINDS if k != "urging_letter"])
    withdrawn = _signer_options(client, units["tl"])
    assert 'value="deputy"' not in withdrawn and signers.LABELS["deputy"] not in withdrawn
    assert 'value="director"' in withdrawn and 'value="office_chief"' in withdrawn
    docops.set_deputy_kinds(users["director"], list(signers.DEPUTY_KINDS))
    assert 'value="deputy"' in _signer_options(client, units["tl"])


# --- 3. no second urging letter while one waits for signature (R-9, R-10) -------------------


def test_R_10_a_second_letter_for_the_same_tasks_is_refused_while_the_first_waits(client, login, overdue, users, units):
    from inspection.documents import submission
    from inspection.documents.models import OutgoingDocument
    from inspection.monitoring.models import Urging

    login(client, "theodoi")  # a tracking officer's letter is submitted to the Chief of Office
    url = f"/monitoring/urging/units/{units['tl'].id}/letter"
    first = client.post(url, data={"task_ids": [overdue[0].id], "signer": "office_chief"})
    assert first.status_code == 302
    letter = OutgoingDocument.get(OutgoingDocument.kind == "urging_letter")
    assert letter.state == "submitted"
    again = client.post(url, data={"task_ids": [t.id for t in overdue], "signer": "office_chief"})
    assert again.status_code == 400
    section = again.get_data(as_text=True).split(f'id="urge-unit-{units["tl"].id}"', 1)[1].split("</form>", 1)[0]
    assert f"đang chờ {users['chief'].full_name} ký" in section and "dự thảo chưa có số" in section
    assert "Chi cục Thủy lợi" in section and "lập ngày 27/11/2026" in section and "gồm 1 nhiệm vụ" in section
    assert again.get_data(as_text=True).count("dự thảo chưa có số") == 1  # once, beside the tasks
    assert OutgoingDocument.select().count() == 1  # nothing half-written
    submission.return_for_changes(letter, users["chief"], "Bổ sung thời hạn báo cáo")
    still = client.post(url, data={"task_ids": [overdue[0].id], "signer": "office_chief"})
    assert still.status_code == 400 and "còn là dự thảo" in still.get_data(as_text=True)
    other = client.post(url, data={"task_ids": [overdue[1].id], "signer": "office_chief"})
    assert other.status_code == 302  # a task the waiting letter does not cover
    assert OutgoingDocument.select().count() == 2 and not Urging.select().exists()


def test_R_10_once_the_letter_is_signed_a_new_one_may_follow(overdue, users, units):
    from inspection.documents import submission
    from inspection.monitoring import operations as urging

    first = urging.urge_by_letter(users["tracker"], overdue)
    assert first.state == "submitted"
    with pytest.raises(ValidationFailed) as refused:
        urging.urge_by_letter(users["chief"], overdue[1:])
    assert refused.value.field == "task_ids" and "đang chờ" in refused.value.message
    submission.sign(first, users["chief"])
    assert urging.urge_by_letter(users["chief"], overdue).state == "issued"
