"""Difficulties and disagreements from report to decision (R-19.2, R-10.1c, R-8.4): real database,
real files, the register's own operations moving the task; refusals change nothing."""

import datetime
import io

import pytest
from docx import Document

from inspection import settings
from inspection.audit import AuditEntry
from inspection.difficulties import operations, rules
from inspection.difficulties.models import Difficulty
from inspection.errors import Conflict, ValidationFailed
from inspection.notifications.models import Notification
from inspection.notifications.rules import SECRET_TEXT
from inspection.register.models import DeadlineExtension, Task, TaskUnit
from inspection.uploads import StoredFile
from tests.factories import docx_bytes, on

D = datetime.date
NEW = "/monitoring/difficulties/tasks/{}/new"


@pytest.fixture
def task(register_doc, units):
    """Thủy lợi leads, Kiểm lâm cooperates; deadline 15/12/2026."""
    _doc, (made,) = register_doc(
        tasks=[
            dict(
                summary="Quy hoạch thủy lợi", lead_unit=units["tl"], other_units=[units["kl"]], deadline=D(2026, 12, 15)
            )
        ]
    )
    on(D(2026, 12, 2))  # today: the deciding documents below are dated 01/12 and 02/12
    return made


@pytest.fixture
def deputy(make_user, units):
    return make_user(roles=["deputy_director"], username="phogiamdoc", unit=units["vp"])


def _extend_item(users, task, units, **kw):
    data = dict(kind="difficulty", proposal="extend", cause="Chưa có số liệu của các huyện", text="Xin thêm 30 ngày")
    data.update(proposed_deadline=D(2027, 1, 15), **kw)
    return operations.raise_item(users["tl_officer"], task, units["tl"], data)


def _history(obj, action):
    return AuditEntry.select().where((AuditEntry.record_id == obj.id) & (AuditEntry.action == action)).count()


def test_R_19_2_lead_unit_reports_with_draft_letter_and_the_board_is_told(client, login, task, units, users):
    login(client, "canbotl")
    page = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert "Báo cáo khó khăn, vướng mắc" in page
    form = {
        "kind": "difficulty",
        "cause": "Các huyện chưa gửi số liệu hiện trạng công trình",
        "proposal": "extend",
        "proposed_deadline": "15/01/2027",
        "text": "Đề nghị gia hạn đến 15/01/2027",
        "draft": (io.BytesIO(docx_bytes("DUTHAO")), "Du thao cong van.docx"),
    }
    r = client.post(NEW.format(task.id), data=form, content_type="multipart/form-data")
    assert r.status_code == 302
    item = Difficulty.get()
    assert (item.raising_unit_id, item.state, item.proposed_deadline) == (units["tl"].id, "pending", D(2027, 1, 15))
    assert item.draft.kind == "docx" and item.draft.path.read_bytes().startswith(b"PK")
    got = client.get(f"/monitoring/difficulties/{item.id}/draft")
    assert got.status_code == 200 and "DUTHAO trang 1" in Document(io.BytesIO(got.data)).paragraphs[0].text
    # The Office and the Board are told, not the unit officers of another unit.
    told = {n.recipient_id for n in Notification.select()}
    assert {users["tracker"].id, users["chief"].id, users["director"].id} <= told
    assert users["kl_officer"].id not in told
    # It stands in the task's own history and in the unit's waiting section.
    assert _history(task, "difficulty") == 1
    assert "Kiến nghị khó khăn, vướng mắc" in client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    unit_page = client.get(f"/monitoring/units/{units['tl'].id}").get_data(as_text=True)
    assert 'id="waiting-difficulties"' in unit_page and "Quy hoạch thủy lợi" in unit_page


def test_R_8_4_director_approves_an_extension_recording_the_deciding_document(client, login, task, units, users):
    item = _extend_item(users, task, units)
    login(client, "giamdoc")
    queue = client.get("/monitoring/difficulties/").get_data(as_text=True)
    assert "Quy hoạch thủy lợi" in queue
    missing = client.post(f"/monitoring/difficulties/{item.id}/decide", data={"decision": "approved"})
    assert missing.status_code == 400 and rules.MSG_DOC in missing.get_data(as_text=True)
    assert Difficulty.get_by_id(item.id).state == "pending" and Task.get_by_id(task.id).deadline == D(2026, 12, 15)
    ok = client.post(
        f"/monitoring/difficulties/{item.id}/decide",
        data={"decision": "approved", "decision_doc_number": "125/SNNMT-VP", "decision_doc_date": "01/12/2026"},
    )
    assert ok.status_code == 302
    assert Task.get_by_id(task.id).deadline == D(2027, 1, 15)
    ext = DeadlineExtension.get(DeadlineExtension.task == task.id)
    assert ext.document_ref == "số 125/SNNMT-VP ngày 01/12/2026" and "Giám đốc Sở" in ext.granted_by
    decided = Difficulty.get_by_id(item.id)
    assert (decided.state, decided.decision, decided.decided_by_id) == ("decided", "approved", users["director"].id)
    assert _history(task, "difficulty_decided") == 1
    assert Notification.select().where(Notification.recipient == users["tl_officer"].id).count() == 1
    shown = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert "Quyết định xử lý kiến nghị" in shown and "125/SNNMT-VP" in shown


def test_R_8_4_a_decided_item_is_not_decided_again(client, login, task, units, users):
    item = _extend_item(users, task, units)
    operations.decide(users["director"], item, "approved", "125/SNNMT-VP", D(2026, 12, 1))
    login(client, "giamdoc")
    again = client.post(
        f"/monitoring/difficulties/{item.id}/decide",
        data={"decision": "rejected", "reason": "Đổi ý"},
    )
    assert again.status_code == 409 and rules.MSG_DECIDED in again.get_data(as_text=True)
    assert Difficulty.get_by_id(item.id).decision == "approved"
    assert DeadlineExtension.select().count() == 1


def test_R_8_4_two_deciders_at_once_the_second_is_refused_nothing_doubled(task, units, users, deputy):
    item = _extend_item(users, task, units)
    seen_by_director, seen_by_deputy = Difficulty.get_by_id(item.id), Difficulty.get_by_id(item.id)
    operations.decide(users["director"], seen_by_director, "approved", "125/SNNMT-VP", D(2026, 12, 1))
    with pytest.raises(Conflict) as refused:
        operations.decide(
            deputy, seen_by_deputy, "approved", "126/SNNMT-VP", D(2026, 12, 2), new_deadline=D(2027, 2, 1)
        )
    assert refused.value.message == rules.MSG_DECIDED
    assert DeadlineExtension.select().count() == 1
    assert Task.get_by_id(task.id).deadline == D(2027, 1, 15)
    assert Difficulty.get_by_id(item.id).decided_by_id == users["director"].id
    assert _history(task, "difficulty_decided") == 1


def test_a_refusal_by_the_register_undoes_the_decision(task, units, users):
    item = _extend_item(users, task, units)
    with pytest.raises(ValidationFailed):  # the register refuses a date before the current deadline
        operations.decide(users["director"], item, "approved", "1/SNNMT", D(2026, 12, 1), new_deadline=D(2026, 12, 1))
    assert Difficulty.get_by_id(item.id).state == "pending" and DeadlineExtension.select().count() == 0


def test_a_difficulty_on_another_units_task_is_refused(client, login, task, register_doc, units, users):
    login(client, "canbokl")  # Kiểm lâm only cooperates: a difficulty is the lead unit's
    offered = client.get(NEW.format(task.id)).get_data(as_text=True)
    assert 'value="disagreement"' in offered and 'value="difficulty"' not in offered
    r = client.post(NEW.format(task.id), data={"kind": "difficulty", "proposal": "drop", "cause": "Không đủ người"})
    assert r.status_code == 400 and rules.MSG_NOT_LEAD in r.get_data(as_text=True)
    client.get("/logout")
    _doc, (theirs,) = register_doc(  # a task Thủy lợi has nothing to do with
        tasks=[dict(summary="Việc riêng của Kiểm lâm", lead_unit=units["kl"], deadline=D(2026, 12, 20))]
    )
    login(client, "canbotl")
    assert client.get(NEW.format(theirs.id)).status_code == 403
    assert client.post(NEW.format(theirs.id), data={"kind": "difficulty", "cause": "x"}).status_code == 403
    assert Difficulty.select().count() == 0 and Notification.select().count() == 0


def test_bad_draft_is_refused_and_nothing_is_written(client, login, task):
    login(client, "canbotl")
    form = {
        "kind": "difficulty",
        "cause": "Thiếu kinh phí",
        "proposal": "ask_province",
        "draft": (io.BytesIO(b"MZ\x90\x00 not a letter"), "du-thao.pdf"),
    }
    r = client.post(NEW.format(task.id), data=form, content_type="multipart/form-data")
    assert r.status_code == 400 and "Nội dung tệp không phải loại được chấp nhận" in r.get_data(as_text=True)
    assert Difficulty.select().count() == 0 and StoredFile.select().count() == 0


def test_R_10_1c_cooperating_unit_disagrees_and_the_deputy_gives_the_lead_to_it(task, units, users, deputy):
    data = dict(kind="disagreement", proposal="change_lead", cause="Nội dung thuộc lĩnh vực lâm nghiệp", text="")
    item = operations.raise_item(users["kl_officer"], task, units["kl"], {**data, "proposed_unit": units["kl"]})
    with pytest.raises(ValidationFailed) as twice:  # one pending item of a kind per unit and task
        operations.raise_item(users["kl_officer"], task, units["kl"], {**data, "proposed_unit": units["kl"]})
    assert twice.value.message == rules.MSG_OPEN_ALREADY
    operations.decide(deputy, item, "approved", reason="Giao Chi cục Kiểm lâm chủ trì")
    moved = Task.get_by_id(task.id)
    assert moved.lead_unit_id == units["kl"].id and moved.deadline == D(2026, 12, 15)
    assert not TaskUnit.select().where((TaskUnit.task == task.id) & (TaskUnit.unit == units["kl"].id)).exists()


def test_R_8_drop_returns_the_task_and_asking_the_province_leaves_it(task, units, users):
    ask = dict(kind="difficulty", proposal="ask_province", cause="Vượt thẩm quyền của Sở", text="")
    asked = operations.raise_item(users["tl_officer"], task, units["tl"], ask)
    operations.decide(users["director"], asked, "approved")
    same = Task.get_by_id(task.id)
    assert same.returned_on is None and same.deadline == D(2026, 12, 15) and same.version == task.version
    second = operations.raise_item(users["tl_officer"], task, units["tl"], ask)
    with pytest.raises(ValidationFailed) as no_reason:
        operations.decide(users["director"], second, "rejected")
    assert no_reason.value.field == "reason" and Difficulty.get_by_id(second.id).state == "pending"
    operations.decide(users["director"], second, "rejected", reason="Sở tự giải quyết")
    drop = dict(kind="difficulty", proposal="drop", cause="Nhiệm vụ đã do Sở Tài chính thực hiện", text="")
    dropped = operations.raise_item(users["tl_officer"], Task.get_by_id(task.id), units["tl"], drop)
    operations.decide(users["director"], dropped, "approved", reason="Đồng ý trả lại nhiệm vụ")
    assert Task.get_by_id(task.id).returned_on is not None


def test_R_8_4_the_office_prepares_but_does_not_decide(client, login, task, units, users):
    item = _extend_item(users, task, units)
    login(client, "chanhvp")
    assert client.post(f"/monitoring/difficulties/{item.id}/decide", data={"decision": "approved"}).status_code == 403
    r = client.post(f"/monitoring/difficulties/{item.id}/opinion", data={"office_opinion": "Đề nghị đồng ý gia hạn"})
    assert r.status_code == 302
    fresh = Difficulty.get_by_id(item.id)
    assert (fresh.state, fresh.office_opinion) == ("pending", "Đề nghị đồng ý gia hạn")
    assert Task.get_by_id(task.id).deadline == D(2026, 12, 15)


def test_R_5_2_secret_items_stay_out_of_ordinary_queues_and_messages(
    client, login, register_doc, units, users, make_user
):
    settings.set_value("installation.offline", True)  # only offline may a secret item hold its cause
    _doc, (secret,) = register_doc(
        secret_level="mat",
        tasks=[dict(summary="Nhiệm vụ mật", lead_unit=units["tl"], deadline=D(2026, 12, 15))],
    )
    cleared = make_user(roles=["unit_officer"], username="canbotl_mat", unit=units["tl"], clearance=True)
    data = dict(kind="difficulty", proposal="ask_province", cause="Nguyên nhân mật", text="")
    operations.raise_item(cleared, secret, units["tl"], data)
    for n in Notification.select():
        assert n.text == SECRET_TEXT and "Nhiệm vụ mật" not in n.link
    assert users["tracker"].id not in {n.recipient_id for n in Notification.select()}  # no clearance, no message
    login(client, "theodoi")
    assert "Nguyên nhân mật" not in client.get("/monitoring/difficulties/?state=all").get_data(as_text=True)
    assert client.get("/monitoring/difficulties/?secret=1").status_code == 403
    client.get("/logout")
    login(client, "baomat")
    assert "Nhiệm vụ mật #" in client.get("/monitoring/difficulties/?secret=1").get_data(as_text=True)
    settings.set_value("installation.offline", False)
    with pytest.raises(ValidationFailed):  # online: a secret task's difficulty holds content, refused
        operations.raise_item(cleared, secret, units["tl"], {**data, "kind": "disagreement", "proposal": "ruling"})


def test_queue_filters_and_pages(client, login, register_doc, units, users):
    specs = [dict(summary=f"Nhiệm vụ số {i}", lead_unit=units["tl"], deadline=D(2026, 12, 15)) for i in range(30)]
    _doc, tasks = register_doc(tasks=specs)
    for i, t in enumerate(tasks):
        proposal = "extend" if i % 3 == 0 else "ask_province"
        data = dict(
            kind="difficulty", proposal=proposal, cause="Thiếu số liệu", text="", proposed_deadline=D(2027, 1, 31)
        )
        operations.raise_item(users["tl_officer"], t, units["tl"], data)
    login(client, "theodoi")
    first = client.get("/monitoring/difficulties/").get_data(as_text=True)
    assert first.count("/monitoring/difficulties/") >= 25 and "Trang 1/2 (30 bản ghi)" in first
    assert "Trang 2/2" in client.get("/monitoring/difficulties/?page=2").get_data(as_text=True)
    extend_only = client.get("/monitoring/difficulties/?proposal=extend").get_data(as_text=True)
    assert "10 bản ghi" in extend_only
    assert "Không có kiến nghị nào" in client.get("/monitoring/difficulties/?state=decided").get_data(as_text=True)
    assert client.get("/monitoring/difficulties/?unit=99999999999&page=x&kind=zz").status_code == 200


@pytest.mark.parametrize(
    "form",
    [
        {"kind": "x", "proposal": "extend", "cause": "Thiếu số liệu", "proposed_deadline": "15/01/2027"},
        {"kind": "difficulty", "proposal": "zz", "cause": "Thiếu số liệu"},
        {"kind": "difficulty", "proposal": "extend", "cause": "Thiếu số liệu", "proposed_deadline": "31/02/2027"},
        {"kind": "difficulty", "proposal": "extend", "cause": "Thiếu số liệu", "proposed_deadline": "01/12/2026"},
        {"kind": "difficulty", "proposal": "change_lead", "cause": "x", "proposed_unit": "99999999999"},
        {"kind": "difficulty", "proposal": "change_lead", "cause": "x", "proposed_unit": "abc"},
        {"kind": "difficulty", "proposal": "drop", "cause": "x" * 4001},
        {"kind": "disagreement", "proposal": "extend", "cause": "Ai chủ trì"},
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(client, login, task, form):
    login(client, "canbotl")
    r = client.post(NEW.format(task.id), data=form)
    assert r.status_code == 400 and 'class="invalid-feedback' in r.get_data(as_text=True)
    assert (
        Difficulty.select().count() == 0 and AuditEntry.select().where(AuditEntry.action == "difficulty").count() == 0
    )


def test_bad_decision_input_gets_a_message_and_changes_nothing(client, login, task, units, users):
    item = _extend_item(users, task, units)
    login(client, "giamdoc")
    url = f"/monitoring/difficulties/{item.id}/decide"
    for form in (
        {"decision": "approved", "decision_doc_number": "1/SNNMT", "decision_doc_date": "99/99/2026"},
        {
            "decision": "approved",
            "decision_doc_number": "1/SNNMT",
            "decision_doc_date": "01/12/2026",
            "new_deadline": "x",
        },
        {"decision": "rejected", "reason": ""},
        {"decision": "approved", "decision_doc_number": "1/SNNMT", "decision_doc_date": "01/01/2099"},
        {"decision": "approved", "decision_doc_number": "1" * 101, "decision_doc_date": "01/12/2026"},
    ):
        assert client.post(url, data=form).status_code == 400
    assert Difficulty.get_by_id(item.id).state == "pending" and DeadlineExtension.select().count() == 0


def test_R_8_4_two_deciders_in_two_threads_one_wins(app, task, units, users, deputy):
    """Two real connections decide the same item at the same moment: one decision, one extension."""
    import threading

    from inspection.db import db

    item = _extend_item(users, task, units)
    db.close()  # let each thread open its own connection to the same file
    start, outcomes = threading.Barrier(2), []

    def decide_as(person, number):
        with app.app_context(), db.connection_context():
            mine = Difficulty.get_by_id(item.id)
            start.wait()
            try:
                operations.decide(person, mine, "approved", number, D(2026, 12, 1))
                outcomes.append("decided")
            except Conflict as exc:
                outcomes.append(exc.message)

    threads = [
        threading.Thread(target=decide_as, args=(users["director"], "125/SNNMT-VP")),
        threading.Thread(target=decide_as, args=(deputy, "126/SNNMT-VP")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.connect(reuse_if_open=True)
    assert sorted(outcomes) == sorted(["decided", rules.MSG_DECIDED])
    assert DeadlineExtension.select().count() == 1 and _history(task, "difficulty_decided") == 1


def test_R_5_2_home_widget_counts_ordinary_items_and_secret_ones_apart(client, login, task, units, users):
    _extend_item(users, task, units)
    login(client, "giamdoc")
    home = client.get("/").get_data(as_text=True)
    assert (
        'id="difficulties-pending">1<' in home and "nhiệm vụ mật" not in home.split('id="widget-difficulties"')[1][:600]
    )
    client.get("/logout")
    login(client, "canbotl")  # a unit sees its items on its own page, not the Board's count
    assert 'id="widget-difficulties"' not in client.get("/").get_data(as_text=True)
