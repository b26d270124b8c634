"""The Director opens Đôn đốc, picks an "as of" date, follows a figure to its tasks (R-8);
a unit officer lands on his unit's page. Charts load as images under the CSP."""

import pytest

pytestmark = pytest.mark.e2e


def test_director_dashboard_as_of_and_drill_down(page, live_server, login_as, tmp_path):
    login_as(page, "giamdoc")
    with page.expect_navigation():
        page.click('#mainnav >> text="Đôn đốc"')
    assert "số liệu tính đến ngày" in page.inner_text("#monitoring-title")
    for chart in ("#chart-four", "#chart-trend"):  # rendered pictures, not broken images
        assert page.eval_on_selector(chart, "img => img.complete && img.naturalWidth > 0")
    page.screenshot(path=str(tmp_path / "monitoring.png"), full_page=True)

    page.fill("#as_of", "31/10/2026")
    with page.expect_navigation():
        page.click("#as-of-submit")
    assert "31/10/2026" in page.inner_text("#monitoring-title")
    overdue = page.locator("#overall-table .fig-dang_thuc_hien_qua_han a")
    count = int(overdue.inner_text())
    with page.expect_navigation():
        overdue.click()
    assert "tính đến ngày 31/10/2026" in page.inner_text("#figure-filter")
    assert page.locator("#task-table tbody tr").count() == min(count, 50) or count == 0

    page.goto("/monitoring/?as_of=01/01/2099")
    assert "không được sau ngày hôm nay" in page.inner_text("#as_of-error")


def test_unit_officer_lands_on_his_unit(page, live_server, login_as):
    login_as(page, "canbodonvi")
    with page.expect_navigation():
        page.click('#mainnav >> text="Đôn đốc"')
    assert "Chi cục Kiểm lâm" in page.inner_text("#unit-dashboard-title")
    assert page.locator("#waiting-requests").count() == 1


def test_urging_from_the_overdue_list_to_the_letter_and_the_units_answer(
    page, live_server, login_as, logout, tmp_path, after_the_story
):
    """Issue 12's walk (R-10): the Office urges a unit by letter from the suggested list; the unit
    finds it under "Văn bản đôn đốc nhận được" and answers; the Office reads the answer on the task."""
    from tests.readback import docx_text, pdf_text

    login_as(page, "chanhvanphong")
    with page.expect_navigation():
        page.click('#mainnav >> text="Đôn đốc"')
    with page.expect_navigation():
        page.click("#urging-link")
    section = page.locator('section[id^="urge-unit-"]', has_text="Chi cục Kiểm lâm").first
    boxes = section.locator('input[name="task_ids"]')
    assert boxes.count() >= 1, "the demo has overdue or due-soon tasks of Chi cục Kiểm lâm"
    for i in range(1, boxes.count()):  # urge one task: the first, most urgent
        boxes.nth(i).uncheck()
    task_href = section.locator("tbody tr").first.locator("a").first.get_attribute("href")
    with page.expect_navigation():
        section.locator("button[type=submit]").click()
    flash = page.inner_text(".alert-success")
    assert "Đã ban hành công văn đôn đốc số" in flash and "Chi cục Kiểm lâm" in flash
    number = flash.split("số ", 1)[1].split(" gửi", 1)[0]
    letter = page.locator("#urgings tbody tr").first.locator(f'a:text-is("{number}")')
    with page.expect_navigation():
        letter.click()
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        with page.expect_download() as info:
            page.click(f'a[href$="/file.{fmt}"]')
        path = tmp_path / f"don-doc.{fmt}"
        info.value.save_as(path)
        text = read(path)
        assert "Chi cục Kiểm lâm" in text and number.split("/")[0] in text, fmt
    logout(page)

    login_as(page, "canbodonvi")
    with page.expect_navigation():
        page.click('#mainnav >> text="Đôn đốc"')
    received = page.locator("#waiting-urgings_received a").first
    assert received.count() == 1
    with page.expect_navigation():
        received.click()
    page.fill("textarea[name=answer]", "Đơn vị đã hoàn thiện dự thảo, trình trước ngày 05/12.")
    with page.expect_navigation():
        page.click("form [type=submit] >> nth=-1")
    assert "Đã ghi nhận trả lời của đơn vị." in page.inner_text(".alert-success")
    logout(page)

    login_as(page, "chanhvanphong")
    page.goto(task_href)
    assert "Đơn vị đã hoàn thiện dự thảo, trình trước ngày 05/12." in page.inner_text("#urgings")
