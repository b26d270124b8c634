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
