"""A tracking officer registers a document with two tasks, updates one, finds it without diacritics."""

import pytest

pytestmark = pytest.mark.e2e


def test_register_document_update_task_and_find_it(page, live_server, login_as):
    login_as(page, "theodoi")
    page.goto("/register/tasks")
    page.click("#new-document")
    page.fill("input[name=number_symbol]", "4321/UBND-NNTN")
    page.fill("input[name=issued_on]", "20/11/2026")
    page.fill("input[name=received_on]", "23/11/2026")
    page.fill("textarea[name=abstract]", "Về việc nâng cấp chợ đầu mối nông sản")
    page.fill("textarea[name='tasks-0-summary']", "Khảo sát hiện trạng hạ tầng chợ đầu mối")
    page.select_option("select[name='tasks-0-lead_unit']", label="Phòng Quản lý xây dựng công trình")
    page.fill("input[name='tasks-0-deadline']", "20/12/2026")
    page.fill("textarea[name='tasks-1-summary']", "Đề xuất nguồn vốn nâng cấp chợ đầu mối")
    page.select_option("select[name='tasks-1-lead_unit']", label="Phòng Kế hoạch - Tài chính")
    with page.expect_navigation():
        page.click("#save-document")
    assert "với 2 nhiệm vụ" in page.inner_text(".alert")
    assert "4321/UBND-NNTN" in page.inner_text("#document-title")

    with page.expect_navigation():
        page.click("text=Khảo sát hiện trạng hạ tầng chợ đầu mối")
    page.fill("#progress-form textarea[name=text]", "Đã khảo sát xong 3/5 chợ")
    with page.expect_navigation():
        page.click("#progress-form [type=submit]")
    assert "Đã khảo sát xong 3/5 chợ" in page.inner_text("#updates")
    assert page.inner_text("#task-status") == "Đang thực hiện trong hạn"

    page.goto("/register/tasks")
    page.fill("input[name=q]", "hien trang ha tang cho")
    with page.expect_navigation():
        page.click("#filter-submit")
    table = page.inner_text("#task-table")
    assert "Khảo sát hiện trạng hạ tầng chợ đầu mối" in table
    assert "Đề xuất nguồn vốn" not in table
    assert "q=hien+trang+ha+tang+cho" in page.url
