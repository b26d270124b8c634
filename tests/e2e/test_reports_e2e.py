"""The Office's monthly report from draft to issued (R-18, R-20.1): the Chief of Office opens
Báo cáo, drafts last month's report, writes the assessment, issues it through Văn bản đi, and
finds it numbered and frozen; a unit officer then reads it."""

import pytest

pytestmark = pytest.mark.e2e


def test_monthly_report_from_draft_to_issued(page, live_server, login_as, logout, tmp_path, after_the_story):
    login_as(page, "chanhvanphong")
    with page.expect_navigation():
        page.click('#mainnav >> text="Báo cáo"')
    assert page.locator("#unit-reports-link").get_attribute("href") == "/reports/units/"
    with page.expect_navigation():
        page.click("#new-monthly")
    page.fill("#assessment", "Các đơn vị cơ bản hoàn thành nhiệm vụ đúng hạn.")
    page.fill("#proposals", "Đề nghị các đơn vị khẩn trương hoàn thành nhiệm vụ quá hạn")
    with page.expect_navigation():
        page.click("#report-submit")
    assert "Dự thảo" in page.inner_text("#report-state")
    assert page.locator("#stats-total").count() == 1
    assert page.eval_on_selector("#report-chart", "img => img.complete && img.naturalWidth > 0")
    report_url = page.url
    page.screenshot(path=str(tmp_path / "report-draft.png"), full_page=True)

    with page.expect_navigation():
        page.click("#regenerate")
    assert "không thay đổi" in page.inner_text("body")  # same cut-off, same figures

    with page.expect_navigation():
        page.click("#to-issue")
    # Issue 14: the Chief of Office does not sign the periodic report; he submits it (trình ký)
    # to the Director, who signs it from his queue.
    assert page.locator("#ky-ban-hanh").count() == 0
    page.select_option("#submit-signer", "director")
    with page.expect_navigation():
        page.click('#trinh-ky button:has-text("Trình ký")')
    assert "Đã trình" in page.inner_text("body")
    doc_id = page.url.rstrip("/").split("/")[-1]
    logout(page)
    login_as(page, "giamdoc")
    page.goto("/documents/queue")
    with page.expect_navigation():
        page.click(f"#van-ban-{doc_id} [data-sign]")
    assert "Đã ký ban hành văn bản số" in page.inner_text("body")
    logout(page)
    login_as(page, "chanhvanphong")

    page.goto(report_url)
    state = page.inner_text("#report-state")
    assert "Đã ban hành" in state and "/BC-SNN" in state
    assert page.locator("#regenerate").count() == 0 and page.locator("#texts-form").count() == 0
    with page.expect_download() as download:
        page.click("#dl-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")

    logout(page)
    login_as(page, "canbodonvi")
    page.goto(report_url)
    assert "Đã ban hành" in page.inner_text("#report-state")
