"""R-10.2: the lead unit urges its cooperating units inside the system; they answer there."""

import datetime

import pytest

from inspection.monitoring.models import Urging
from inspection.notifications.models import Notification
from tests.factories import on

D = datetime.date


@pytest.fixture
def task(app, register_doc, units):
    lead, other = units["tl"], units["kl"]
    _doc, (made,) = register_doc(
        tasks=[dict(summary="Quy hoạch thủy lợi", lead_unit=lead, other_units=[other], deadline=D(2026, 12, 15))]
    )
    on(D(2026, 12, 21))
    return made


def test_R_10_2_lead_unit_urges_a_cooperating_unit_which_answers(client, login, task, units, users):
    url = f"/monitoring/tasks/{task.id}/cooperating-urgings"
    login(client, "canbotl")  # the lead unit
    assert client.get(url).status_code == 200
    wrong = client.post(url, data={"unit": units["vp"].id, "note": "x"})  # not cooperating on this task
    assert wrong.status_code == 400 and "Chỉ đôn đốc đơn vị phối hợp" in wrong.get_data(as_text=True)
    assert client.post(url, data={"unit": units["kl"].id, "note": "Gửi phần việc trước 24/12"}).status_code == 302
    urging = Urging.get()
    assert (urging.channel, urging.from_unit_id, urging.to_unit_id) == ("software", units["tl"].id, units["kl"].id)
    assert Notification.select().where(Notification.recipient == users["kl_officer"].id).count() == 1
    client.get("/logout")
    login(client, "canbokl")  # the cooperating unit: may not urge, answers
    assert client.get(url).status_code == 403
    reply = client.post(f"/monitoring/urgings/{urging.id}/answer", data={"answer": "Đã gửi số liệu"})
    assert reply.status_code == 302 and Urging.get_by_id(urging.id).answer == "Đã gửi số liệu"
