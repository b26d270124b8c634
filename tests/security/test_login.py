"""Log-in under attack (issue 10, R-21): lock-out per name and client address, unknown names
counted like real ones, and a rate limit per address."""

from inspection import create_app
from inspection.accounts.models import LoginThrottle

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def _post(app, username, password, address, client=None):
    client = client or app.test_client()
    return client.post(
        "/login", data={"username": username, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_R_21_a_stranger_cannot_lock_the_owner_out_from_another_address(app, make_user):
    make_user(username="quantri2", roles=["admin"])
    for _ in range(3):  # LOGIN_MAX_FAILURES is 3 in tests
        _post(app, "quantri2", "doan-mo-1", "203.0.113.9")
    locked = _post(app, "quantri2", "Demo@2026", "203.0.113.9")
    assert "tạm khóa" in locked.get_data(as_text=True)  # the guesser's address stays locked out
    owner = _post(app, "quantri2", "Demo@2026", "10.1.2.3")
    assert owner.status_code == 302 and owner.headers["Location"] == "/"


def test_R_21_unknown_names_are_counted_in_the_database_not_in_the_guessers_cookie(app, make_user):
    make_user(username="thật")
    answers = []
    for name in ("khongco", "thật"):
        answers.append(
            [_post(app, name, "sai-1", "198.51.100.7").get_data(as_text=True) for _ in range(3)]
        )  # a fresh client each time: no session carries the count
    for unknown, known in zip(*answers):
        assert _message(unknown) == _message(known)
    assert "Còn 2 lần thử" in answers[0][0] and "tạm khóa" in answers[0][2]
    assert LoginThrottle.get(LoginThrottle.name_key == "khongco").locked_until is not None


def test_R_21_a_right_password_clears_the_counter_of_its_address(app, make_user):
    make_user(username="tam")
    _post(app, "tam", "sai-1", "192.0.2.1")
    assert _post(app, "tam", "Demo@2026", "192.0.2.1").status_code == 302
    assert not LoginThrottle.select().where(LoginThrottle.name_key == "tam").exists()


def test_R_21_login_posts_are_rate_limited_per_client_address(app, make_user):
    make_user(username="nam")
    keys = ("TESTING", "DATABASE_URL", "ARCHIVE_DIR", "SECRET_KEY", "PASSWORD_HASH", "WTF_CSRF_ENABLED")
    limited = create_app({**{k: app.config[k] for k in keys}, "LOGIN_RATE_LIMIT": "4 per minute"})
    client = limited.test_client()
    codes = [_post(limited, f"ten{i}", "sai-1", "203.0.113.50", client).status_code for i in range(5)]
    assert codes[:4] == [400, 400, 400, 400] and codes[4] == 429
    refused = _post(limited, "nam", "Demo@2026", "203.0.113.50", client)
    assert refused.status_code == 429 and "Quá nhiều lần thử" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    assert _post(limited, "nam", "Demo@2026", "203.0.113.51").status_code == 302  # another address
    assert limited.test_client().get("/login").status_code == 200  # reading the form is not counted


def _message(html):
    start = html.find(WRONG)
    return (
        html[start : html.find("<", start)] if start >= 0 else html[html.find("tạm khóa") - 40 : html.find("tạm khóa")]
    )
