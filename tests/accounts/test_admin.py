"""The administrator manages users, units and the organisation profile; every change is in history."""

from inspection import audit, settings
from inspection.accounts.models import Unit, User


def _admin(make_user, client, login):
    make_user(username="qt", roles=["admin"])
    login(client, "qt")


def test_admin_creates_user_with_roles_and_clearance(client, make_user, login, make_unit):
    _admin(make_user, client, login)
    unit = make_unit(name="Chi cục Kiểm lâm")
    response = client.post(
        "/admin/users/new",
        data={
            "username": "NguoiMoi",
            "full_name": "Người Mới",
            "gender": "Bà",
            "unit": unit.id,
            "roles": ["tracking_officer"],
            "clearance": "y",
            "active": "y",
            "password": "Mat@khau1",
        },
    )
    assert response.status_code == 302
    user = User.get(User.username == "nguoimoi")
    assert user.role_set == {"tracking_officer"} and user.clearance and user.unit_id == unit.id
    assert audit.history_for(user)[0].action == "create"


def test_invalid_user_form_is_shown_again_with_input_and_error(client, make_user, login):
    _admin(make_user, client, login)
    make_user(username="trung")
    page = client.post(
        "/admin/users/new",
        data={"username": "trung", "full_name": "Trùng Tên", "gender": "Ông", "unit": 0, "password": "Mat@khau1"},
    ).get_data(as_text=True)
    assert "đã được dùng" in page and 'value="Trùng Tên"' in page


def test_unit_cannot_become_its_own_ancestor(client, make_user, login, make_unit):
    _admin(make_user, client, login)
    parent = make_unit(name="Cha")
    child = make_unit(name="Con", parent=parent)
    page = client.post(
        f"/admin/units/{parent.id}", data={"name": "Cha", "kind": "phong", "parent": child.id, "active": "y"}
    ).get_data(as_text=True)
    assert "không thể là chính đơn vị này" in page
    assert Unit.get_by_id(parent.id).parent_id is None


def test_unit_aliases_are_kept_and_matchable(make_unit):
    unit = make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL", aliases="Chi cục KL;  CC Kiểm lâm ")
    assert unit.alias_list == ["Chi cục KL", "CC Kiểm lâm"]
    assert "chi cuc kl" in unit.match_keys()


def test_org_profile_is_edited_in_the_interface_and_audited(client, make_user, login):
    _admin(make_user, client, login)
    data = {
        "parent_agency": "UBND TỈNH QUẢNG NGÃI",
        "agency_name": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "agency_abbr": "SNNMT",
        "place_name": "Quảng Ngãi",
        "director_name": "Nguyễn Văn A",
        "deputy_names": "Trần B\nLê C",
        "office_chief_name": "Phạm D",
    }
    assert client.post("/admin/org", data=data).status_code == 302
    assert settings.get("org.agency_abbr") == "SNNMT"
    assert settings.get("org.deputy_names") == ["Trần B", "Lê C"]
    assert "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in client.get("/admin/org").get_data(as_text=True)
    page = client.get("/admin/audit?table=setting").get_data(as_text=True)
    assert "SNNMT" in page


def test_history_shows_vietnamese_field_labels_and_hides_internal_columns(client, make_user, login):
    _admin(make_user, client, login)
    user = make_user(username="doiten", full_name="Tên Cũ")
    data = {
        "username": "doiten",
        "full_name": "Tên Mới",
        "gender": "Ông",
        "unit": user.unit_id,
        "roles": ["unit_officer"],
        "active": "y",
    }
    assert client.post(f"/admin/users/{user.id}", data=data).status_code == 302
    page = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "<strong>Họ và tên</strong>: Tên Cũ → Tên Mới" in page
    history = page[page.index('id="history"') :]
    assert "password_hash" not in history and "full_name" not in history
