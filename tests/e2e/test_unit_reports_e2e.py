"""A unit's monthly report from draft to sent and returned (R-19.1, R-20.1), in the browser:
the officer prepares it from the home page widget, the unit head sends it, the Office sees it
sent on time and returns it with remarks, the officer finds it back in draft with the remarks."""

import pytest

pytestmark = pytest.mark.e2e

REASON = "Chờ ý kiến của UBND huyện về phương án; đơn vị đã có văn bản đề nghị."
REMARKS = "Đề nghị nêu thời gian dự kiến hoàn thành từng nhiệm vụ quá hạn."


def test_unit_report_draft_sent_returned(page, live_server, login_as, logout):
    login_as(page, "canbodonvi")
    assert "chưa gửi" in page.inner_text("#widget-unit-report")
    with page.expect_navigation():
        page.click("#widget-unit-report h2 a")
    report_url = page.url
    assert "Chi cục Kiểm lâm" in page.inner_text("#report-title")
    for box in page.locator("#draft-form textarea[name^='reason_']").all():
        box.fill(REASON)
    page.fill("#head_remarks", "Dự thảo do cán bộ theo dõi lập.")
    assert page.locator("#draft-form [name='send']").count() == 0  # the head sends (R-7.2c)
    with page.expect_navigation():
        page.click("#draft-form [name='save']")
    assert "Đã lưu dự thảo báo cáo." in page.inner_text("main")
    logout(page)

    login_as(page, "truongdonvi")
    page.goto(report_url)
    assert page.input_value("#head_remarks") == "Dự thảo do cán bộ theo dõi lập."
    page.fill("#head_remarks", "Đơn vị cơ bản hoàn thành nhiệm vụ trong tháng.")
    with page.expect_navigation():
        page.click("#draft-form [name='send']")
    assert "Đã gửi báo cáo tháng" in page.inner_text("main")
    assert "Đã gửi" in page.inner_text("#report-state")
    assert "Gửi đúng hạn" in page.inner_text("#report-timeliness")
    period = page.inner_text("#report-title").split()[3]  # "Báo cáo tháng MM/YYYY – …"
    logout(page)

    login_as(page, "theodoi")
    page.goto(f"/reports/units/?period={period}")
    row = page.locator("#overview-table tr", has_text="Chi cục Kiểm lâm")
    assert "Gửi đúng hạn" in row.inner_text()
    with page.expect_navigation():
        row.locator("text=Xem").click()
    assert REASON in page.inner_text("#report-overdue") or "Không có nhiệm vụ quá hạn" in page.inner_text(
        "#report-overdue"
    )
    page.fill("#remarks", REMARKS)
    with page.expect_navigation():
        page.click("#return-form button")
    assert "Đã trả lại báo cáo tháng" in page.inner_text("main")
    logout(page)

    login_as(page, "canbodonvi")
    page.goto(report_url)
    assert "Dự thảo" in page.inner_text("#report-state")
    history = page.inner_text("#report-history")
    assert "Văn phòng Sở trả lại để chỉnh sửa" in history and REMARKS in history
    assert page.locator("#draft-form").count() == 1
