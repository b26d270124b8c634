"""A unit's difficulty from report to decision (R-19.2, R-8.4): Chi cục Kiểm lâm reports it with
its draft letter, the Office writes its opinion, the Director approves the extension with the
deciding document, and the task's deadline and history show it."""

import datetime

import pytest
from docx import Document

from tests.factories import docx_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_task(live_server):
    """An open ordinary task Chi cục Kiểm lâm leads, with no item raised yet: (id, deadline)."""
    from inspection.accounts.models import Unit
    from inspection.db import db
    from inspection.difficulties.models import Difficulty
    from inspection.register.models import Task

    with live_server.app.app_context(), db.connection_context():
        kl = Unit.get(Unit.abbreviation == "CCKL")
        raised = Difficulty.select(Difficulty.task)
        task = (
            Task.select()
            .where(
                (Task.lead_unit == kl.id)
                & (Task.is_secret == False)  # noqa: E712
                & (Task.is_completed == False)  # noqa: E712
                & Task.returned_on.is_null()
                & Task.deadline.is_null(False)
                & (Task.recurrence == "")
                & Task.id.not_in(raised)
            )
            .order_by(Task.id)
            .first()
        )
        return task.id, task.deadline


def test_a_units_difficulty_from_report_to_decision(page, live_server, login_as, logout, open_task, tmp_path):
    task_id, deadline = open_task
    new_deadline = deadline + datetime.timedelta(days=45)
    draft = tmp_path / "du-thao-cong-van.docx"
    draft.write_bytes(docx_bytes("DUTHAO"))

    # The lead unit reports the difficulty, its cause, its proposal and its draft letter.
    login_as(page, "canbodonvi")
    page.goto(f"/register/tasks/{task_id}")
    with page.expect_navigation():
        page.click("#raise-difficulty")
    page.select_option("select[name=kind]", "difficulty")
    page.fill("textarea[name=cause]", "Chưa nhận đủ số liệu của các huyện do mưa lũ kéo dài")
    page.select_option("select[name=proposal]", "extend")
    page.fill("input[name=proposed_deadline]", f"{new_deadline:%d/%m/%Y}")
    page.fill("textarea[name=text]", "Đề nghị gia hạn thêm 45 ngày")
    page.set_input_files("input[name=draft]", str(draft))
    with page.expect_navigation():
        page.click("#raise-form [type=submit]")
    assert "Đã gửi kiến nghị" in page.inner_text(".alert-success")
    assert "Chờ Ban Giám đốc quyết định" in page.inner_text("#item-title")
    item_url = page.url
    with page.expect_download() as got:
        page.click("#item-draft")
    assert "DUTHAO trang 1" in Document(got.value.path()).paragraphs[0].text
    item_id = item_url.rsplit("/", 1)[1]
    page.goto("/monitoring/")  # a unit officer lands on his unit's page: the item waits there
    assert f"/monitoring/difficulties/{item_id}" in page.inner_html("#waiting-difficulties")
    logout(page)

    # The Office prepares: it sees the item in its queue and writes its opinion, without deciding.
    login_as(page, "chanhvanphong")
    with page.expect_navigation():
        page.click('#mainnav >> text="Kiến nghị, vướng mắc"')
    with page.expect_navigation():
        page.click(f"#difficulty-table a[href$='/difficulties/{item_id}']")
    page.fill("textarea[name=office_opinion]", "Đề nghị Giám đốc Sở đồng ý gia hạn")
    with page.expect_navigation():
        page.click("#opinion-card [type=submit]")
    assert "Đề nghị Giám đốc Sở đồng ý gia hạn" in page.inner_text("#item-opinion")
    assert page.locator("#decide-card").count() == 0
    logout(page)

    # The Director decides once; the extension records the deciding document.
    login_as(page, "giamdoc")
    page.goto(item_url)
    page.select_option("#decide-card select[name=decision]", "approved")
    page.fill("#decide-card input[name=decision_doc_number]", "215/SNNMT-VP")
    page.fill("#decide-card input[name=decision_doc_date]", f"{datetime.date.today():%d/%m/%Y}")
    with page.expect_navigation():
        page.click("#decide-card [type=submit]")
    assert "Đã ghi quyết định" in page.inner_text(".alert-success")
    assert "215/SNNMT-VP" in page.inner_text("#item-decision")
    assert page.locator("#decide-card").count() == 0
    page.goto(f"/register/tasks/{task_id}")
    assert "215/SNNMT-VP" in page.inner_text("#extensions")
    assert f"{new_deadline:%d/%m/%Y}" in page.inner_text("#extensions")
    history = page.inner_text("#history")
    assert "Kiến nghị khó khăn, vướng mắc" in history and "Quyết định xử lý kiến nghị" in history
    logout(page)

    # The unit learns the decision in its inbox.
    login_as(page, "canbodonvi")
    page.goto("/notifications/")
    assert "đồng ý kiến nghị của đơn vị" in page.inner_text("body")
