"""The review queue through the web (R-7): two officers at once, bad input, filters, contests, secrets."""

import datetime

import pytest

from inspection import settings
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import Contest, ReviewItem
from inspection.notifications.models import Notification
from inspection.register import operations as reg
from inspection.register.models import ProgressUpdate, Task
from tests.factories import on

D = datetime.date
TODAY = D(2026, 12, 10)


@pytest.fixture
def entries(app, register_doc, users, units):
    on(D(2026, 11, 27))
    _doc, tasks = register_doc(
        tasks=[
            dict(summary="Tham mưu báo cáo hạ tầng thủy lợi", lead_unit=units["tl"], deadline=D(2026, 12, 15)),
            dict(summary="Kiểm kê rừng phòng hộ", lead_unit=units["kl"], deadline=D(2026, 12, 20)),
        ]
    )
    on(TODAY)
    reg.record_progress(users["tl_officer"], tasks[0], units["tl"], TODAY, "Đã khảo sát 3 hồ chứa")
    reg.record_progress(users["kl_officer"], tasks[1], units["kl"], TODAY, "Đã kiểm kê 2 tiểu khu")
    return tasks


class _Session:
    """One person's browser. Each request runs in an app context of its own: the tests' shared
    context would keep the last login's user in `g` and make every client act as that user."""

    def __init__(self, app, login, username):
        self.app, self.client = app, app.test_client()
        with app.app_context():
            login(self.client, username)

    def get(self, url, **kw):
        with self.app.app_context():
            return self.client.get(url, **kw)

    def post(self, url, **kw):
        with self.app.app_context():
            return self.client.post(url, **kw)


def _client(app, login, username):
    return _Session(app, login, username)


def test_R_7_two_officers_decide_the_same_item_the_second_gets_409_and_nothing_doubled(app, login, entries, users):
    first, second = _client(app, login, "theodoi"), _client(app, login, "chanhvp")
    assert "Đã khảo sát 3 hồ chứa" in first.get("/monitoring/review").get_data(as_text=True)
    second.get("/monitoring/review")  # both have the page open
    item = ReviewItem.get(ReviewItem.kind == rr.PROGRESS, ReviewItem.unit == users["tl_officer"].unit_id)
    assert first.post(f"/monitoring/review/{item.id}/flag", data={"reason": "Số hồ không khớp"}).status_code == 302
    answer = second.post(f"/monitoring/review/{item.id}/flag", data={"reason": "Sai ngày"})
    assert answer.status_code == 409
    assert "đã được" in answer.get_data(as_text=True)
    again = second.post("/monitoring/review/accept", data={"item_ids": [item.id]})
    assert again.status_code == 409 and "vừa được người khác xử lý" in again.get_data(as_text=True)
    row = ReviewItem.get_by_id(item.id)
    assert (row.state, row.reason, row.decided_by_id) == (rr.FLAGGED, "Số hồ không khớp", users["tracker"].id)
    assert ProgressUpdate.get_by_id(row.progress_id).flag_reason == "Số hồ không khớp"


def test_R_7_accept_several_at_once_and_bad_input_is_refused_in_vietnamese(client, login, entries):
    login(client, "theodoi")
    client.get("/monitoring/review")
    ids = [i.id for i in ReviewItem.select()]
    assert client.post("/monitoring/review/accept", data={}).status_code == 400
    assert "Chưa chọn mục nào" in client.post("/monitoring/review/accept", data={}).get_data(as_text=True)
    assert client.post("/monitoring/review/accept", data={"item_ids": ["abc"]}).status_code == 400
    assert client.post("/monitoring/review/accept", data={"item_ids": ["99999999999"]}).status_code == 400
    assert client.post("/monitoring/review/accept", data={"item_ids": ["999999"]}).status_code == 404
    too_many = client.post("/monitoring/review/accept", data={"item_ids": [str(i) for i in range(1, 502)]})
    assert too_many.status_code == 400 and "tối đa 500 mục" in too_many.get_data(as_text=True)
    answer = client.post("/monitoring/review/accept", data={"item_ids": ids})
    assert answer.status_code == 302
    assert {i.state for i in ReviewItem.select()} == {rr.ACCEPTED}
    empty = client.post(f"/monitoring/review/{ids[0]}/flag", data={"reason": ""})
    assert empty.status_code == 409  # decided already: the reason is not even asked


def test_R_7_flag_needs_a_reason_and_filters_never_500(client, login, entries, units):
    login(client, "chanhvp")
    client.get("/monitoring/review")
    item = ReviewItem.get(ReviewItem.unit == units["kl"].id)
    answer = client.post(f"/monitoring/review/{item.id}/flag", data={"reason": "  "})
    assert answer.status_code == 400 and "Chưa nêu lý do" in answer.get_data(as_text=True)
    assert ReviewItem.get_by_id(item.id).state == rr.PENDING
    only_kl = client.get(f"/monitoring/review?unit={units['kl'].id}&kind=progress").get_data(as_text=True)
    assert "Đã kiểm kê 2 tiểu khu" in only_kl and "Đã khảo sát 3 hồ chứa" not in only_kl
    later = client.get("/monitoring/review?from=11/12/2026").get_data(as_text=True)
    assert "Đã kiểm kê 2 tiểu khu" not in later
    for bad in ("from=31/02/2026", "unit=abc", "kind=xyz", "state=zzz", "unit=99999999999"):
        response = client.get(f"/monitoring/review?{bad}")
        assert response.status_code == 400, bad
        assert "filter-error" in response.get_data(as_text=True)
    assert client.get("/monitoring/review?page=99").status_code == 200
    assert client.get("/monitoring/review?page=-1").status_code == 200  # a page number people edit: the first


def test_R_7_2b_unit_contests_its_task_the_office_rejects_and_the_unit_is_told(app, login, entries, users, units):
    unit = _client(app, login, "canbotl")
    url = f"/monitoring/tasks/{entries[0].id}/contest"
    assert unit.get(url).status_code == 200
    assert unit.post(url, data={"subject": "deadline", "reason": ""}).status_code == 400
    assert unit.post(url, data={"subject": "xyz", "reason": "Vì sao"}).status_code == 400
    assert unit.post(f"/monitoring/tasks/{entries[1].id}/contest", data={"subject": "deadline"}).status_code == 403
    assert unit.post(url, data={"subject": "deadline", "reason": "Hạn theo văn bản là 31/12"}).status_code == 302
    item = ReviewItem.get(ReviewItem.kind == rr.CONTEST)
    office = _client(app, login, "chanhvp")
    assert "Hạn theo văn bản là 31/12" in office.get("/monitoring/review").get_data(as_text=True)
    resolve = f"/monitoring/review/{item.id}/resolve"
    assert office.get(resolve).status_code == 200
    assert office.post(resolve, data={"decision": "rejected", "reason": ""}).status_code == 400
    bad_date = office.post(resolve, data={"decision": "upheld", "new_deadline": "01/12/2026"})
    assert bad_date.status_code == 400 and "Thời hạn mới phải sau" in bad_date.get_data(as_text=True)
    assert Task.get_by_id(entries[0].id).deadline == D(2026, 12, 15)
    assert office.post(resolve, data={"decision": "rejected", "reason": "Hạn đúng là 15/12"}).status_code == 302
    assert office.post(resolve, data={"decision": "upheld", "new_deadline": "31/12/2026"}).status_code == 409
    assert Task.get_by_id(entries[0].id).deadline == D(2026, 12, 15)
    told = Notification.select().where(Notification.recipient == users["tl_officer"].id)
    assert [n.text.split(" – ")[0] for n in told] == [
        "Văn phòng Sở không chấp nhận (Hạn đúng là 15/12) ý kiến của đơn vị về thời hạn"
    ]
    assert Contest.select().count() == 1


def test_R_5_2_secret_items_only_in_the_secret_queue_with_clearance(app, login, register_doc, users, units):
    settings.set_value("installation.offline", True)
    on(D(2026, 11, 27))
    _doc, (secret,) = register_doc(
        secret_level="mat",
        tasks=[dict(summary="Nhiệm vụ mật thử", lead_unit=units["tl"], deadline=D(2026, 12, 1))],
        user=users["secret_tracker"],
    )
    on(TODAY)
    reg.record_progress(users["tl_officer"], secret, units["tl"], TODAY, "Tiến độ của nhiệm vụ mật")
    plain = _client(app, login, "theodoi")
    body = plain.get("/monitoring/review?state=all").get_data(as_text=True)
    assert "Tiến độ của nhiệm vụ mật" not in body and "Nhiệm vụ mật thử" not in body
    assert plain.get("/monitoring/review?secret=1").status_code == 404
    item = ReviewItem.get(ReviewItem.task == secret.id)
    assert plain.post(f"/monitoring/review/{item.id}/flag", data={"reason": "x"}).status_code == 404
    assert plain.post("/monitoring/review/accept", data={"item_ids": [item.id]}).status_code == 404
    cleared = _client(app, login, "baomat")
    assert "Tiến độ của nhiệm vụ mật" in cleared.get("/monitoring/review?secret=1").get_data(as_text=True)
    assert "Tiến độ của nhiệm vụ mật" not in cleared.get("/monitoring/review").get_data(as_text=True)
    unit = _client(app, login, "canbotl")
    assert unit.get(f"/monitoring/tasks/{secret.id}/contest").status_code == 404


def test_R_7_2b_the_flagged_unit_sees_it_on_its_page_and_the_task_page_offers_a_contest(
    app, login, entries, users, units
):
    task = Task.get_by_id(entries[0].id)
    reg.complete_task(users["tl_officer"], task, TODAY, "Đã trình báo cáo", "12/BC-CCTL", TODAY, task.version)
    office = _client(app, login, "theodoi")
    office.get("/monitoring/review")
    result = ReviewItem.get(ReviewItem.kind == rr.RESULT)
    office.post(f"/monitoring/review/{result.id}/flag", data={"reason": "Thiếu văn bản kết quả"})
    unit = _client(app, login, "canbotl")
    page = unit.get(f"/monitoring/units/{units['tl'].id}").get_data(as_text=True)
    assert "Thiếu văn bản kết quả" in page.split('id="waiting-flagged_results"', 1)[1].split("</section>", 1)[0]
    assert 'id="contest-link"' in unit.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert 'id="contest-link"' not in office.get(f"/register/tasks/{task.id}").get_data(as_text=True)
