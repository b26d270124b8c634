"""Logging in, lock-out, passwords, CSRF and cookies (foundation, R-21)."""

import re

from inspection import create_app
from inspection.accounts.models import User


def test_login_with_right_password_goes_home(client, make_user, login):
    make_user(username="an", roles=["tracking_officer"])
    response = login(client, "an")
    assert response.headers["Location"] == "/"
    assert "Xin chào" in client.get("/").get_data(as_text=True)


def test_wrong_password_message_does_not_say_which_part_was_wrong(client, make_user):
    make_user(username="binh")
    known = client.post("/login", data={"username": "binh", "password": "sai-mat-khau1"}).get_data(as_text=True)
    unknown = client.post("/login", data={"username": "khongco", "password": "x1"}).get_data(as_text=True)
    expected = "Tên đăng nhập hoặc mật khẩu không đúng. Còn 2 lần thử trước khi tài khoản bị tạm khóa."
    assert expected in known and expected in unknown


def test_account_locks_after_repeated_failures_even_for_right_password(client, make_user):
    make_user(username="chi")
    for _ in range(3):  # LOGIN_MAX_FAILURES is 3 in tests
        client.post("/login", data={"username": "chi", "password": "sai-mat-khau1"})
    page = client.post("/login", data={"username": "chi", "password": "Demo@2026"}).get_data(as_text=True)
    assert "tạm khóa" in page
    assert User.get(User.username == "chi").locked_until is not None


def test_login_form_keeps_username_after_failure(client, make_user):
    make_user(username="dung")
    page = client.post("/login", data={"username": "dung", "password": "sai1"}).get_data(as_text=True)
    assert 'value="dung"' in page


def test_open_redirect_after_login_is_refused(client, make_user):
    make_user(username="em")
    response = client.post("/login?next=https://evil.example/", data={"username": "em", "password": "Demo@2026"})
    assert response.headers["Location"] == "/"


def test_logout_needs_post_and_ends_session(client, make_user, login):
    make_user(username="giang")
    login(client, "giang")
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_change_own_password(client, make_user, login):
    make_user(username="ha")
    login(client, "ha")
    page = client.post(
        "/account/password", data={"current_password": "sai", "new_password": "Moi@2026x", "confirm": "Moi@2026x"}
    ).get_data(as_text=True)
    assert "Mật khẩu hiện tại không đúng." in page
    page = client.post(
        "/account/password", data={"current_password": "Demo@2026", "new_password": "ngan", "confirm": "ngan"}
    ).get_data(as_text=True)
    assert "ít nhất 8 ký tự" in page
    response = client.post(
        "/account/password", data={"current_password": "Demo@2026", "new_password": "Moi@2026x", "confirm": "Moi@2026x"}
    )
    assert response.status_code == 302
    client.post("/logout")
    assert client.post("/login", data={"username": "ha", "password": "Moi@2026x"}).status_code == 302


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user(username="khoa")
    assert user.password_hash.startswith("$argon2")


def test_csrf_token_required_on_forms(tmp_path, app):
    strict = create_app(
        {"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "s", "ARCHIVE_DIR": str(tmp_path)}
    )
    client = strict.test_client()
    response = client.post("/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "thiếu mã bảo vệ CSRF" in response.get_data(as_text=True)
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'name="csrf_token" type="hidden" value="[^"]+"', page)


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    make_user(username="lan")
    response = client.post("/login", data={"username": "lan", "password": "Demo@2026"})
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_inactive_user_cannot_log_in(client, make_user):
    make_user(username="minh", active=False)
    page = client.post("/login", data={"username": "minh", "password": "Demo@2026"}).get_data(as_text=True)
    assert "không đúng" in page


def test_create_user_command_makes_first_administrator(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "--username", "admin1", "--full-name", "Quản trị", "--password", "Admin@2026"]
    )
    assert result.exit_code == 0, result.output
    assert User.get(User.username == "admin1").role_set == {"admin"}
    weak = runner.invoke(args=["create-user", "--username", "admin2", "--full-name", "Q", "--password", "123"])
    assert weak.exit_code != 0 and "ít nhất 8 ký tự" in weak.output


def test_refused_login_answers_400_with_the_form_and_the_message_once(client, make_user):
    # One idiom for refusals (issue 9): invalid input re-renders the form with 400.
    make_user(username="nga")
    r = client.post("/login", data={"username": "nga", "password": "sai-mat-khau1"})
    assert r.status_code == 400 and 'value="nga"' in r.get_data(as_text=True)
    assert r.get_data(as_text=True).count("Tên đăng nhập hoặc mật khẩu không đúng.") == 1
