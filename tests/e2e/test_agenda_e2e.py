"""Lịch công tác in the browser: make a feed address on the page and read it back (R-20)."""

import re

from icalendar import Calendar


def test_r20_subscribe_to_the_own_calendar(page, login_as):
    login_as(page, "truongdonvi")
    page.goto("/agenda?days=90")
    assert page.locator("#agenda tr[data-kind='monthly']").count() >= 1
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo đường dẫn lịch").click()
    alert = page.locator(".alert-success").inner_text()
    url = re.search(r"https?://\S+\.ics", alert).group(0)
    answer = page.request.get(url)
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert Calendar.from_ical(answer.body()).walk("VEVENT")
    with page.expect_navigation():
        page.get_by_role("button", name="Thu hồi đường dẫn").click()
    assert page.request.get(url).status == 404
