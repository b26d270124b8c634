"""R-8 dashboards through the web: figures as of a date, drill-down links, units, secrecy (R-5.2)."""

import re

import pytest

from inspection.register.models import ProgressUpdate
from tests.monitoring.conftest import BEFORE


@pytest.fixture
def people(make_user, fixed_register):
    return {
        "director": make_user(roles=["director"], username="gd", clearance=True),
        "tracker": make_user(roles=["tracking_officer"], username="td"),
        "kl": make_user(roles=["unit_officer"], username="cbkl", unit=fixed_register["kl"]),
        "tl_head": make_user(roles=["unit_head"], username="tdtl", unit=fixed_register["tl"]),
        "admin": make_user(roles=["admin"], username="qt"),
    }


def _cell(body, table, row, key):
    """The number in one linked cell of a dashboard table."""
    part = body.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    if row:
        part = part.split(f'id="{row}"', 1)[1].split("</tr>", 1)[0]
    match = re.search(rf'class="text-end fig-{key}"><a href="([^"]+)">(\d+)</a>', part)
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


def test_R_8_leadership_dashboard_as_of_a_date_and_its_drill_down(client, login, people, fixed_register):
    login(client, "gd")
    response = client.get("/monitoring/?as_of=15/10/2026")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "số liệu tính đến ngày 15/10/2026" in body
    kl = fixed_register["kl"].id
    link, n = _cell(body, "unit-table", f"unit-{kl}", "dang_thuc_hien_qua_han")
    assert n == 2
    assert "figure=dang_thuc_hien_qua_han" in link and "as_of=2026-10-15" in link and f"unit={kl}" in link
    listed = client.get(link).get_data(as_text=True)
    shown = {t.summary for t in fixed_register["tasks"].values() if f'/register/tasks/{t.id}"' in listed}
    assert shown == {"T2", "T6"}
    assert "tính đến ngày 15/10/2026" in listed
    _, late = _cell(body, "issuer-table", "issuer-ubnd_tinh", "late_result")
    assert late == 2
    today = client.get("/monitoring/").get_data(as_text=True)
    assert _cell(today, "unit-table", f"unit-{kl}", "dang_thuc_hien_qua_han")[1] == 0


def test_R_5_2_no_secret_task_in_the_dashboards(client, login, people, fixed_register):
    secret = fixed_register["tasks"][7]
    login(client, "gd")  # cleared: still no secret task in ordinary figures
    body = client.get(f"/monitoring/?as_of={BEFORE:%d/%m/%Y}").get_data(as_text=True)
    _, total = _cell(body, "overall-table", None, "dang_thuc_hien_qua_han")
    assert total == 2  # T2, T6; not the secret T7
    for unit in ("kl", "tl"):
        page = client.get(f"/monitoring/units/{fixed_register[unit].id}").get_data(as_text=True)
        assert f'/register/tasks/{secret.id}"' not in page


def test_R_8_charts_are_svg_pictures_without_script(client, login, people, fixed_register):
    import base64

    login(client, "td")
    body = client.get("/monitoring/").get_data(as_text=True)
    uris = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    assert len(uris) == 2
    for uri in uris:
        svg = base64.b64decode(uri).decode()
        assert svg.startswith("<svg") and "<script" not in svg.lower()
        assert "#198754" in svg and "#dc3545" in svg  # green done on time, red overdue
    assert "<script>" not in body


@pytest.mark.parametrize(
    "raw,message",
    [
        ("01/01/2099", "không được sau ngày hôm nay (27/11/2026)"),
        ("31/08/2026", "trước ngày vào sổ nhiệm vụ đầu tiên (01/09/2026)"),
        ("31/02/2026", "Ngày tính số liệu không hợp lệ (31/02/2026)"),
        ("x" * 300, "Ngày tính số liệu không hợp lệ"),
    ],
)
def test_R_8_bad_as_of_dates_get_a_clear_message(client, login, people, fixed_register, raw, message):
    login(client, "gd")
    response = client.get("/monitoring/", query_string={"as_of": raw})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body
    assert "số liệu tính đến ngày 27/11/2026" in body  # today's figures stay on the page


def test_R_8_units_see_only_their_own_dashboard(client, login, people, fixed_register):
    kl, tl = fixed_register["kl"].id, fixed_register["tl"].id
    login(client, "cbkl")
    assert client.get("/monitoring/").headers["Location"].endswith(f"/monitoring/units/{kl}")
    assert client.get(f"/monitoring/units/{tl}").status_code == 403
    page = client.get(f"/monitoring/units/{kl}").get_data(as_text=True)
    t2 = fixed_register["tasks"][2]
    assert f'/register/tasks/{t2.id}"' in page  # in time since its extension
    assert "figure=dang_thuc_hien_qua_han&amp;involving=" in page


def test_R_7_flagged_update_waits_for_the_unit_until_corrected(client, login, people, fixed_register):
    t2 = fixed_register["tasks"][2]
    kl = fixed_register["kl"]
    up = ProgressUpdate.create(
        task=t2, unit=kl, on_date=BEFORE, text="Đã xong", flagged_inaccurate=True, flag_reason="Chưa có văn bản"
    )
    login(client, "cbkl")
    page = client.get(f"/monitoring/units/{kl.id}").get_data(as_text=True)
    assert "Chưa có văn bản" in page
    ProgressUpdate.create(task=t2, unit=kl, on_date=BEFORE, text="Sửa lại", corrects=up)
    page = client.get(f"/monitoring/units/{kl.id}").get_data(as_text=True)
    assert "Chưa có văn bản" not in page


def test_R_8_waiting_sections_hook_adds_a_section(client, login, people, fixed_register):
    from inspection.monitoring import queries

    @queries.waiting_section(40, "test_urgings", "Văn bản đôn đốc nhận được")
    def _urgings(unit, today):
        return [queries.Waiting("Công văn đôn đốc số 1", None, today, False)]

    try:
        login(client, "tdtl")
        page = client.get(f"/monitoring/units/{fixed_register['tl'].id}").get_data(as_text=True)
        assert 'id="waiting-test_urgings"' in page and "Công văn đôn đốc số 1" in page
    finally:
        queries._SECTIONS[:] = [s for s in queries._SECTIONS if s[1] != "test_urgings"]


def test_R_8_menu_item_and_home_widget(client, login, people, fixed_register):
    login(client, "td")
    home = client.get("/").get_data(as_text=True)
    assert 'href="/monitoring/"' in home and 'id="widget-monitoring"' in home
    client.get("/logout")
    login(client, "qt")
    assert client.get("/monitoring/").status_code == 403
    assert 'href="/monitoring/"' not in client.get("/").get_data(as_text=True)
