"""A real browser: the bell shows the unread reminders, the inbox opens the task and the count drops."""

import pytest

pytestmark = pytest.mark.e2e


def test_bell_inbox_and_opening_a_reminder(page, live_server, login_as):
    login_as(page, "canbodonvi2")  # Chi cục Thủy lợi: the demo's week of reminders
    page.goto("/")
    before = int(page.locator("#notification-count").inner_text())
    assert before >= 2
    page.locator("#notification-bell").click()
    page.wait_for_url("**/notifications/")
    rows = page.locator("#notifications tbody tr")
    assert rows.count() == before
    overdue = rows.filter(has_text="đã quá hạn")
    overdue.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/register/tasks/*")
    assert int(page.locator("#notification-count").inner_text()) == before - 1
    page.goto("/notifications/")
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    assert page.get_by_text(f"Đã đánh dấu {before - 1} thông báo là đã đọc.").is_visible()
    assert page.locator("#notification-count").count() == 0
