"""Urging through the web (R-9, R-10): the Office's page, one letter per unit, the task page, answers."""

import datetime

import pytest

from inspection.documents.models import OutgoingDocument
from inspection.monitoring.models import Urging
from tests.factories import on

D = datetime.date
URGE_DAY = D(2026, 12, 21)


@pytest.fixture
def tasks(app, register_doc, units):
    _doc, made = register_doc(
        tasks=[
            dict(summary="Tham mưu báo cáo hạ tầng thủy lợi", lead_unit=units["tl"], deadline=D(2026, 12, 15)),
            dict(summary="Rà soát các hồ chứa xung yếu", lead_unit=units["tl"], deadline=D(2026, 12, 22)),
            dict(summary="Kiểm kê rừng phòng hộ", lead_unit=units["kl"], deadline=D(2026, 12, 10)),
            dict(summary="Nhiệm vụ còn xa hạn", lead_unit=units["kl"], deadline=D(2027, 6, 30)),
        ]
    )
    on(URGE_DAY)
    return made


def test_R_10_page_suggests_overdue_and_due_soon_grouped_by_lead_unit(client, login, tasks, users, units):
    login(client, "chanhvp")
    body = client.get("/monitoring/urging").get_data(as_text=True)
    tl = body.split(f'id="urge-unit-{units["tl"].id}"', 1)[1].split("</section>", 1)[0]
    kl = body.split(f'id="urge-unit-{units["kl"].id}"', 1)[1].split("</section>", 1)[0]
    assert "Tham mưu báo cáo hạ tầng thủy lợi" in tl and "Rà soát các hồ chứa xung yếu" in tl
    assert "Kiểm kê rừng phòng hộ" in kl and "Kiểm kê rừng phòng hộ" not in tl
    assert "Nhiệm vụ còn xa hạn" not in body


def test_R_10_issue_letter_to_one_unit_then_task_page_and_answer(client, login, tasks, units):
    login(client, "chanhvp")
    ids = [tasks[0].id, tasks[1].id]
    url = f"/monitoring/urging/units/{units['tl'].id}/letter"
    response = client.post(url, data={"task_ids": ids, "signer": "office_chief"})
    assert response.status_code == 302
    doc = OutgoingDocument.get(OutgoingDocument.kind == "urging_letter")
    assert Urging.select().where(Urging.letter == doc.id).count() == 2
    page = client.get(f"/register/tasks/{tasks[0].id}").get_data(as_text=True)
    section = page.split('id="urgings"', 1)[1].split("</ul>", 1)[0]
    assert f"công văn số {doc.number_text}" in section and "Chi cục Thủy lợi" in section
    urging = Urging.get(Urging.task == tasks[0].id)
    client.get("/logout")
    login(client, "canbotl")
    waiting = client.get(f"/monitoring/units/{units['tl'].id}").get_data(as_text=True)
    received = waiting.split('id="waiting-urgings_received"', 1)[1].split("</section>", 1)[0]
    assert "Văn bản đôn đốc nhận được (2)" in received and f"/monitoring/urgings/{urging.id}/answer" in received
    assert client.post(f"/monitoring/urgings/{urging.id}/answer", data={"answer": " "}).status_code == 400
    answer = client.post(f"/monitoring/urgings/{urging.id}/answer", data={"answer": "Sẽ hoàn thành trước 31/12"})
    assert answer.status_code == 302
    assert Urging.get_by_id(urging.id).answer == "Sẽ hoàn thành trước 31/12"
    client.get("/logout")
    login(client, "canbokl")  # another unit may not answer for Thủy lợi
    assert client.post(f"/monitoring/urgings/{urging.id}/answer", data={"answer": "x"}).status_code == 403


def test_R_10_letter_with_another_units_task_is_refused_with_a_message(client, login, tasks, units):
    login(client, "chanhvp")
    url = f"/monitoring/urging/units/{units['tl'].id}/letter"
    response = client.post(url, data={"task_ids": [tasks[0].id, tasks[2].id], "signer": "office_chief"})
    assert response.status_code == 400
    assert "Mỗi công văn đôn đốc chỉ gửi một đơn vị chủ trì" in response.get_data(as_text=True)
    empty = client.post(url, data={"signer": "office_chief"})
    assert empty.status_code == 400 and "Chọn ít nhất một nhiệm vụ" in empty.get_data(as_text=True)
    assert not OutgoingDocument.select().exists() and not Urging.select().exists()


def test_R_9_record_urging_by_phone(client, login, tasks):
    login(client, "theodoi")
    url = f"/monitoring/tasks/{tasks[2].id}/urgings"
    assert client.get(url).status_code == 200
    bad = client.post(url, data={"channel": "letter", "urged_on": "21/12/2026"})
    assert bad.status_code == 400 and "Hình thức đôn đốc không hợp lệ" in bad.get_data(as_text=True)
    ok = client.post(url, data={"channel": "phone", "urged_on": "21/12/2026", "note": "Gọi Hạt trưởng"})
    assert ok.status_code == 302
    assert [(u.channel, u.urged_on) for u in Urging.select()] == [("phone", URGE_DAY)]
