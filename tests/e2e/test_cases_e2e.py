"""An inspection walked in the browser: the Chief of Office prepares and issues the decision,
the team leader works, runs past the decided limit (flagged until the Director extends it) and
reports; the Director's notice comes late and is flagged; the inspected unit answers and reads
the notice.

The issue date of a document is the day it is issued (read-only in the forms), so the walk moves
the application's clock (config TODAY) from day to day, after the demo's last document (24/11).
"""

import re

import pytest

pytestmark = pytest.mark.e2e


def _pdf(tmp_path):
    from pypdf import PdfWriter

    path = tmp_path / "bao-cao-don-vi.pdf"
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        w.write(fh)
    return path


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


@pytest.fixture
def clock(live_server):
    """Set the served app's today; the real date comes back after the test."""

    def set_day(iso):
        live_server.app.config["TODAY"] = iso

    yield set_day
    live_server.app.config["TODAY"] = None


def test_case_walk_chief_leader_unit(page, live_server, login_as, logout, tmp_path, clock):
    # Chief of Office: an ad hoc case for Chi cục Thủy lợi at the Board's request
    clock("2026-11-27")
    login_as(page, "chanhvanphong")
    page.goto("/cases/new")
    page.fill("input[name=title]", "Kiểm tra đột xuất nhiệm vụ quá hạn của Chi cục Thủy lợi")
    page.check("input[name=ground][value=yeu_cau_bgd]")
    page.check("input[name=form][value=doan_kiem_tra]")
    page.fill("input[name=ground_reference]", "Ý kiến chỉ đạo của Giám đốc Sở tại giao ban ngày 20/11/2026")
    page.get_by_role("checkbox", name="Chi cục Thủy lợi", exact=True).check()
    page.fill("input[name=start_on]", "30/11/2026")
    page.fill("input[name=end_on]", "04/12/2026")
    _submit(page, "#save-case")
    assert "Đã tạo dự thảo" in page.inner_text(".alert")
    case_url = page.url
    assert "d) Thời hạn" not in page.inner_text("#missing-parts")
    assert "b) Phạm vi" in page.inner_text("#missing-parts")

    # scope: overdue tasks of the unit, chosen with the register's filters
    _submit(page, "#choose-scope")
    page.check("input[name=overdue]")
    _submit(page, "#scope-filters button")
    _submit(page, "#scope-add-all")
    assert "vào phạm vi kiểm tra" in page.inner_text(".alert")
    assert page.locator("#scope-table tbody tr").count() >= 1

    # team: the head of the inspected unit is refused elsewhere; here the Deputy leads
    page.click("#doan summary")
    page.select_option("#doan select[name=user]", label="Trần Văn Hùng – Phó Giám đốc Sở")
    page.select_option("#doan select[name=role]", "truong_doan")
    _submit(page, "#doan form [type=submit]")
    assert "Trưởng đoàn" in page.inner_text("#team-table")
    # only the Director (or a delegated Deputy) is offered; the date is today, read-only
    signers = page.locator("#quyet-dinh select[name=signer] option").evaluate_all("os => os.map(o => o.value)")
    assert "leader" not in signers and "chief" not in signers
    assert page.get_attribute("#quyet-dinh input[name=issued_on]", "readonly") is not None
    assert page.input_value("#quyet-dinh input[name=issued_on]") == "27/11/2026"
    page.select_option("#quyet-dinh select[name=signer]", "director")
    _submit(page, "#issue-decision")
    # issue 14: the Chief submits (trình ký); the Director signs it from his queue
    assert "Đã trình Nguyễn Tấn Liêm ký" in page.inner_text(".alert")
    doc_id = page.get_attribute("#decision-waiting a", "href").rstrip("/").split("/")[-1]
    logout(page)
    login_as(page, "giamdoc")
    page.goto("/documents/queue")
    _submit(page, f"#van-ban-{doc_id} [data-sign]")
    page.goto(case_url)
    assert page.inner_text("#case-state") == "Đã ban hành quyết định"
    number = re.search(r"Quyết định số (\S+/QĐ-SNN) ngày 27/11/2026", page.inner_text("#case-docs")).group(1)
    logout(page)

    # team leader: start, ask the unit for papers
    clock("2026-11-30")
    login_as(page, "phogiamdoc")
    page.goto(case_url)
    _submit(page, "#start")
    # during the inspection the leader invites a member; the inviting letter is issued
    page.click("#moi-tham-gia summary")
    page.fill("#moi-tham-gia input[name=name]", "Trần Thị Mai")
    page.select_option("#moi-tham-gia select[name=gender]", "Bà")
    page.fill("#moi-tham-gia input[name=title]", "Phó Trưởng phòng")
    page.fill("#moi-tham-gia input[name=agency]", "Sở Tài chính")
    page.fill("#moi-tham-gia textarea[name=purpose]", "Kiểm tra việc sử dụng kinh phí thủy lợi")
    page.select_option("#moi-tham-gia select[name=signer]", "leader")
    _submit(page, "#moi-tham-gia form [type=submit]")
    assert "ban hành giấy mời" in page.inner_text(".alert")
    assert "Trần Thị Mai" in page.inner_text("#team-table")
    assert "Giấy mời số" in page.inner_text("#team-table")
    page.click("#cong-van summary")
    page.fill("#cong-van input[name=due_on]", "02/12/2026")
    page.locator("#cong-van").get_by_role("checkbox", name="Chi cục Thủy lợi", exact=True).check()
    _submit(page, "#cong-van form:has(input[name=due_on]) [type=submit]")
    # issue 14: the leader, a Deputy, signs the công văn himself (KT.); TL. it would wait for the Chief
    page.select_option("#requests-table select[name=signer]", "deputy:0")  # Trần Văn Hùng
    _submit(page, "#requests-table form button")
    assert "SNN-VP" in page.inner_text("#requests-table")
    logout(page)

    # inspected unit: sees the letter (not the draft case), uploads its report
    login_as(page, "canbodonvi2")
    page.goto(case_url)
    assert page.url.endswith("/unit")
    assert page.locator("#findings-table, #doan, #scope-table").count() == 0  # no findings, team, draft
    page.set_input_files("#cong-van input[name=file]", str(_pdf(tmp_path)))
    _submit(page, "#cong-van form button")
    assert "Đã gửi tài liệu" in page.inner_text(".alert")
    logout(page)

    # R-13d: past the decided limit (04/12) without an extension: flagged, then the Director extends
    clock("2026-12-07")
    login_as(page, "giamdoc")
    page.goto("/")
    assert "chưa có quyết định gia hạn" in page.inner_text("#widget-cases")
    page.goto(case_url)
    assert "Quá thời hạn kiểm tra" in page.inner_text("#case-flags")
    page.fill("#gia-han input[name=new_end_on]", "09/12/2026")
    page.fill("#gia-han textarea[name=reason]", "Đơn vị cung cấp hồ sơ công trình chậm, cần đối chiếu thêm")
    _submit(page, "#issue-extension")
    assert "Gia hạn đến 09/12/2026" in page.inner_text("#case-window")
    assert "04/12/2026" in page.inner_text("#case-window")  # the decided limit is kept
    assert page.locator("#case-flags").count() == 0
    assert "Quyết định gia hạn số" in page.inner_text("#case-docs")
    logout(page)

    # team leader: end (today), findings, a recommendation, the report within 5 working days
    clock("2026-12-09")
    login_as(page, "phogiamdoc")
    page.goto(case_url)
    _submit(page, "#end")
    assert "Kết thúc thực tế ngày 09/12/2026" in page.inner_text("#case-window")
    assert "16/12/2026" in page.inner_text("#report-due")
    _submit(page, "#prefill")
    for i in range(page.locator(".finding-form").count()):
        form = page.locator(".finding-form").nth(i)
        if not form.locator("select[name=result]").input_value():
            form.locator("select[name=result]").select_option("chua_thuc_hien")
        for name, value in (
            ("nature", "Chậm triển khai"),
            ("degree", "Quá hạn"),
            ("cause", "Thiếu nhân lực"),
            ("responsibility", "Chi cục trưởng"),
        ):
            form.locator(f"input[name={name}]").fill(value)
        with page.expect_navigation():
            form.locator("button").click()
    # R-16.3a: the unit's evaluation on the three things, or the report is refused
    for name, value in (
        ("organisation", "Có phân công theo dõi từng nhiệm vụ"),
        ("results", "Còn nhiệm vụ quá hạn"),
        ("updating", "Cập nhật chưa kịp thời"),
        ("reporting", "Báo cáo tháng đầy đủ"),
    ):
        page.fill(f"#danh-gia textarea[name={name}]", value)
    _submit(page, "#danh-gia form button")
    assert "Đã lưu đánh giá đơn vị" in page.inner_text(".alert")
    page.click("#kien-nghi summary")
    page.fill("#kien-nghi textarea[name=content]", "Hoàn thành ngay các nhiệm vụ quá hạn, báo cáo về Sở")
    page.select_option("#kien-nghi select[name=unit]", label="Chi cục Thủy lợi")
    page.fill("#kien-nghi input[name=deadline]", "31/01/2027")
    _submit(page, "#kien-nghi form [type=submit]")
    clock("2026-12-11")
    page.reload()
    assert page.input_value("#buoc-tiep input[name=issued_on]") == "11/12/2026"
    _submit(page, "#issue-report")
    assert page.inner_text("#case-state") == "Đã báo cáo"
    logout(page)

    # the notice was due with the report (16/12); on 29/12 it is late, flagged everywhere
    clock("2026-12-29")
    login_as(page, "giamdoc")
    page.goto("/cases/")
    assert "Quá hạn thông báo kết luận" in page.inner_text("#cuoc-kiem-tra")
    page.goto(case_url)
    assert "Quá hạn thông báo kết luận" in page.inner_text("#case-flags")
    _submit(page, "#issue-notice")
    assert page.inner_text("#case-state") == "Đã thông báo kết luận"
    assert "Đã vào sổ theo dõi" in page.inner_text("#recs-table")
    assert "Quá hạn thông báo kết luận" in page.inner_text("#case-flags")
    assert "Thông báo kết luận quá hạn" in page.inner_text("#qua-trinh")
    logout(page)

    # inspected unit: reads the notice and its recommendation with the register status
    login_as(page, "canbodonvi2")
    page.goto(case_url + "/unit")
    text = page.inner_text("#thong-bao")
    assert "/TB-SNN" in text and "Hoàn thành ngay các nhiệm vụ quá hạn" in text
    # Issue 14: the decision was released to the inspected unit when the Director signed it, so
    # its number is in the unit's history of the case; the team's working papers are not shown.
    assert number in page.inner_text("main")
    assert page.locator("#findings-table, #doan, #scope-table").count() == 0
