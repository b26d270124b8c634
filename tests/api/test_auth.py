"""Personal API tokens (issue 15): bearer only, hashed, revocable, expiring; no session, no CSRF."""

import datetime
import hashlib

from inspection import clock
from inspection.accounts import operations
from inspection.accounts.models import ApiToken, User

PROBLEM = "application/problem+json"


def test_a_call_without_a_token_is_refused_with_a_problem(demo, client):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == 401 and body["code"] == "missing_token"
    assert "Authorization: Bearer" in body["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_valid_token_answers_with_the_units(demo, api):
    response = api("theodoi").get("/api/v1/units")
    assert response.status_code == 200, response.get_json()
    names = [u["name"] for u in response.get_json()["items"]]
    assert "Chi cục Kiểm lâm" in " ".join(names)


def test_only_the_hash_is_stored_and_the_last_use_is_recorded(demo, client):
    user = User.get(User.username == "theodoi")
    row, plain = operations.create_token(user, "eOffice")
    stored = ApiToken.get_by_id(row.id)
    assert stored.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.last_used_at is None
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    assert ApiToken.get_by_id(row.id).last_used_at is not None


def test_malformed_revoked_and_expired_tokens_are_refused(demo, client):
    user = User.get(User.username == "theodoi")
    revoked_row, revoked = operations.create_token(user, "cũ")
    operations.revoke_token(user, revoked_row.id)
    expired_row, expired = operations.create_token(user, "hết hạn", clock.today())
    ApiToken.update(expires_on=clock.today() - datetime.timedelta(days=1)).where(
        ApiToken.id == expired_row.id
    ).execute()
    for header in (
        "Bearer",
        "Bearer tdk_sai",
        f"Bearer {revoked}",
        f"Bearer {expired}",
        "Basic abc",
        "Bearer " + "x" * 5000,
    ):
        response = client.get("/api/v1/units", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.mimetype == PROBLEM
        assert response.get_json()["code"] in ("invalid_token", "missing_token")


def test_the_tokens_of_a_deactivated_user_stop_at_once(demo, client, token_for):
    token = token_for("theodoi")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    User.update(active=False).where(User.username == "theodoi").execute()
    response = client.get("/api/v1/units", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["code"] == "invalid_token"


def test_the_session_cookie_is_not_accepted_by_the_api(demo, client, login):
    login(client, "theodoi")
    assert client.get("/register/tasks").status_code == 200  # the session works on pages
    response = client.get("/api/v1/tasks")
    assert response.status_code == 401  # but not on the API: no CSRF hole opens
    response = client.post("/api/v1/documents", json={"number_symbol": "1/QĐ"})
    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers  # the API never touches the session


def test_a_user_creates_sees_once_and_revokes_a_token_in_the_interface(demo, client, login):
    login(client, "canbodonvi")
    assert client.get("/account/tokens").status_code == 200
    response = client.post("/account/tokens", data={"name": "Tập lệnh báo cáo", "expires_on": ""})
    assert response.status_code == 302
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "Tập lệnh báo cáo" in page and "chỉ hiện một lần" in page
    plain = page.split("chỉ hiện một lần: ")[1].split("<")[0].strip()
    assert plain.startswith("tdk_")
    again = client.get("/account/tokens").get_data(as_text=True)
    assert plain not in again  # shown once
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    row = ApiToken.get(ApiToken.name == "Tập lệnh báo cáo")
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 302
    assert client.get("/api/v1/units", headers=headers).status_code == 401


def test_a_token_form_without_a_name_or_with_a_past_date_is_refused(demo, client, login):
    login(client, "canbodonvi")
    assert client.post("/account/tokens", data={"name": ""}).status_code == 400
    response = client.post("/account/tokens", data={"name": "x", "expires_on": "01/01/2020"})
    assert response.status_code == 400
    assert "Ngày hết hạn đã qua." in response.get_data(as_text=True)
    assert client.post("/account/tokens", data={"name": "x", "expires_on": "30/02/2026"}).status_code == 400


def test_one_cannot_revoke_another_users_token(demo, client, login):
    owner = User.get(User.username == "theodoi")
    row, _ = operations.create_token(owner, "của người khác")
    login(client, "canbodonvi")
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 404
    assert ApiToken.get_by_id(row.id).revoked_at is None
