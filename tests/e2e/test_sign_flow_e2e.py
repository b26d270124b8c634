"""Trình ký walked in the browser (issue 14): the Chief of Office submits the demo's draft decision,
the Director finds it in his queue (home widget, menu count), returns it with remarks; the Chief
reads them, corrects the draft and submits again; the Director signs; the decision is numbered in
the outgoing register and the case moves on (R-13.1, Decree 30)."""

import re

import pytest

pytestmark = pytest.mark.e2e
TITLE = "Kiểm tra đột xuất việc thực hiện nhiệm vụ tại Chi cục Chăn nuôi và Thú y"


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def _prepare_team(live_server):
    """The demo's draft case has its scope; give it a leader so its decision can be submitted."""
    from inspection.accounts.models import User
    from inspection.cases import operations as ops
    from inspection.cases import rules
    from inspection.cases.models import InspectionCase

    with live_server.app.app_context():
        case = InspectionCase.get(InspectionCase.title == TITLE)
        chief = User.get(User.username == "chanhvanphong")
        ops.add_member(case, chief, rules.LEADER, member_user=User.get(User.username == "phogiamdoc"))
        return case.id


def test_decision_drafted_returned_corrected_signed_and_registered(
    page, live_server, login_as, logout, after_the_story
):
    case_url = f"/cases/{_prepare_team(live_server)}"

    # Chief of Office: the button submits, since the Director signs the decision
    login_as(page, "chanhvanphong")
    page.goto(case_url)
    assert page.inner_text("#issue-decision") == "Trình Giám đốc ký quyết định"
    page.select_option("#quyet-dinh select[name=signer]", "director")
    _submit(page, "#issue-decision")
    assert "Đã trình Nguyễn Tấn Liêm ký quyết định" in page.inner_text(".alert")
    assert "đang chờ Nguyễn Tấn Liêm ký" in page.inner_text("#decision-waiting")
    doc_id = page.get_attribute("#decision-waiting a", "href").rstrip("/").split("/")[-1]
    mine = f"#van-ban-{doc_id}"
    logout(page)

    # Director: his home and menu say what waits (the demo's letter and this decision); he
    # returns the decision, remarks required
    login_as(page, "giamdoc")
    waiting = int(page.inner_text("#badge-documents-queue"))
    assert waiting >= 1 and "Quyết định" in page.inner_text("#widget-sign-queue")
    page.goto("/documents/queue")
    preview = page.get_attribute(f"{mine} a[href$='preview.pdf']", "href")
    answer = page.request.get(preview)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    _submit(page, f"{mine} [data-return]")
    assert "Phải ghi ý kiến khi trả lại" in page.inner_text(mine)
    page.fill(f"{mine} textarea[name=remarks]", "Bổ sung thành viên Đoàn theo dõi nhiệm vụ của Văn phòng.")
    _submit(page, f"{mine} [data-return]")
    assert "Đã trả lại dự thảo" in page.inner_text(".alert")
    assert page.locator(mine).count() == 0
    left = page.locator("#badge-documents-queue")
    assert (left.inner_text() if left.count() else "0") == str(waiting - 1)
    logout(page)

    # Chief: reads the remarks on the case, corrects (adds the member), submits again
    login_as(page, "chanhvanphong")
    page.goto(case_url)
    assert "Bổ sung thành viên Đoàn" in page.inner_text("#decision-returned")
    page.click("#doan summary")
    page.select_option("#doan select[name=user]", label="Trần Văn Bình – Chuyên viên Văn phòng Sở")
    page.select_option("#doan select[name=role]", "thanh_vien")
    _submit(page, "#doan form [type=submit]")
    _submit(page, "#issue-decision")
    assert "Đã trình Nguyễn Tấn Liêm ký quyết định" in page.inner_text(".alert")
    logout(page)

    # Director: signs; the decision is numbered, dated today and the case moves on
    login_as(page, "giamdoc")
    page.goto("/documents/queue")
    _submit(page, f"{mine} [data-sign]")
    number = re.search(r"số (\d+/QĐ-SNN)", page.inner_text(".alert")).group(1)
    assert page.locator(mine).count() == 0
    page.goto(case_url)
    assert page.inner_text("#case-state") == "Đã ban hành quyết định"
    page.goto("/documents/register")
    row = page.locator("#register tbody tr", has_text=number)
    assert row.count() == 1 and "Nguyễn Tấn Liêm" in row.inner_text()
    row.locator("a").click()
    assert "Bổ sung thành viên Đoàn" in page.inner_text("#rounds")
    assert "Đã ký ban hành" in page.inner_text("#rounds")
