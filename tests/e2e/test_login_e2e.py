"""A real browser logs in as each demo role, sees that role's home page, and logs out."""

import pytest

from tests.e2e.conftest import submit_login

pytestmark = pytest.mark.e2e

TRACKER_HINT = "Vào sổ văn bản chỉ đạo chậm nhất 01 ngày làm việc"  # R-6.1b
UNIT_HINT = "Việc của đơn vị tôi"
LEADER_HINT = "Báo cáo kết quả kiểm tra phải trình Giám đốc"
ADMIN_HINT = "Quản trị người dùng, đơn vị"
ALL_HINTS = (TRACKER_HINT, UNIT_HINT, LEADER_HINT, ADMIN_HINT)

# username: (greeting, role label, unit, hints shown on the home page)
DEMO_ROLES = {
    "quantri": ("Ông Nguyễn Văn Quản", "Quản trị hệ thống", "Văn phòng Sở", {ADMIN_HINT}),
    "giamdoc": ("Ông Nguyễn Tấn Liêm", "Giám đốc Sở", "Ban Giám đốc Sở", {LEADER_HINT}),
    "phogiamdoc": ("Ông Trần Văn Hùng", "Phó Giám đốc Sở", "Ban Giám đốc Sở", {LEADER_HINT}),
    "chanhvanphong": ("Ông Phạm Minh Tuấn", "Chánh Văn phòng Sở", "Văn phòng Sở", {TRACKER_HINT}),
    "theodoi": ("Ông Trần Văn Bình", "Chuyên viên theo dõi, đôn đốc", "Văn phòng Sở", {TRACKER_HINT}),
    "baomat": ("Bà Nguyễn Thị Hoa", "Chuyên viên theo dõi, đôn đốc", "Văn phòng Sở", {TRACKER_HINT}),
    "truongdonvi": ("Ông Lê Văn Sơn", "Thủ trưởng đơn vị", "Chi cục Kiểm lâm", {UNIT_HINT}),
    "canbodonvi": ("Ông A Tuấn", "Cán bộ theo dõi của đơn vị", "Chi cục Kiểm lâm", {UNIT_HINT}),
    "canbodonvi2": ("Bà Y Liên", "Cán bộ theo dõi của đơn vị", "Chi cục Thủy lợi", {UNIT_HINT}),
}
# Only the holders of a clearance see the secret register in the menu.
SECRET_MENU = "Sổ mật"
CLEARED = {"giamdoc", "baomat"}


def _menu_labels(page):
    """Labels of the main menu and of its (collapsed) administration dropdown."""
    items = page.locator("#mainnav .nav-link, #mainnav .dropdown-item").all_text_contents()
    return [t.strip() for t in items]


@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_each_demo_role_logs_in_sees_its_home_page_and_logs_out(page, live_server, login_as, logout, username):
    greeting, role_label, unit, hints = DEMO_ROLES[username]
    login_as(page, username)

    assert page.url.rstrip("/") == live_server.url
    assert page.locator("#home-title").inner_text() == f"Xin chào, {greeting}"
    assert page.locator("#home-role").inner_text() == f"{role_label} – {unit}"
    help_text = page.locator("#help").inner_text()
    for hint in ALL_HINTS:
        assert (hint in help_text) == (hint in hints), f"{username}: hint {hint!r}"
    menu = _menu_labels(page)
    # Accounts are the administrator's alone.
    assert ("Người dùng" in menu) == (username == "quantri"), menu
    if "register.list_secret_tasks" in live_server.app.view_functions:
        assert (SECRET_MENU in menu) == (username in CLEARED), menu

    logout(page)
    assert "Bạn đã đăng xuất." in page.locator(".alert").inner_text()
    page.goto("/")
    assert page.url.split("?")[0].endswith("/login"), "the session must end with the logout"


def test_wrong_password_shows_vietnamese_message_and_keeps_username(page):
    submit_login(page, "theodoi", "sai-mat-khau")

    assert page.url.split("?")[0].endswith("/login")
    alert = page.locator(".alert-danger").inner_text()
    # No hint which of the two was wrong, and the count towards the lock-out.
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in alert
    assert "lần thử trước khi tài khoản bị tạm khóa" in alert
    assert page.locator("input[name=username]").input_value() == "theodoi"
    assert page.locator("input[name=password]").input_value() == ""
    assert page.locator("#home-title").count() == 0


def test_unknown_user_gets_the_same_message(page):
    submit_login(page, "khongtontai", "Demo@2026")

    assert page.url.split("?")[0].endswith("/login")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page.locator(".alert-danger").inner_text()


def test_anonymous_visitor_is_sent_to_login_then_back_to_the_page(page, login_as):
    page.goto("/account/password")
    assert page.url.split("?")[0].endswith("/login")
    assert page.locator("h1").inner_text() == "Đăng nhập"

    page.fill("input[name=username]", "theodoi")
    page.fill("input[name=password]", "Demo@2026")
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) [type=submit]").click()
    assert page.url.endswith("/account/password")
