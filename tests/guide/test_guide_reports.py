"""The guide's report chapters (R-22) name the real screens of the reporting regime.

Every label a chapter tells the reader to look for or press (R-19, R-20 unit reports; R-18,
R-20.2 the Department's reports; R-5.2 the secret report; R-23; R-25) must be on the page the
chapter describes, for the role it is written for: a renamed button fails here, not in the
hands of a unit head at the 19th.
"""

import html
import re

import pytest

from inspection.guide import chapters

MONTHLY_FORM = ["Lý do chậm, khó khăn, vướng mắc và kiến nghị", "Đánh giá, kiến nghị của đơn vị", "Lưu dự thảo"]
UNIT_STATES = ["Gửi đúng hạn", "Gửi muộn", "Chưa gửi, quá hạn", "Chưa gửi, chưa đến hạn"]


def _units_current_report(client, demo):
    """The unit's report of the month being prepared: the link on its home page card."""
    home = client.get("/").get_data(as_text=True)
    return re.search(r'id="widget-unit-report".*?href="([^"]+)"', home, re.S).group(1)


def _november_report(client, demo):
    period = demo["unit_reports"]["november"]
    return f"/reports/units/{demo['units']['CCKL'].id}/{period.year}/{period.month}"


def _draft_report(client, demo):
    return f"/reports/{demo['reports'][1].id}"


def _draft_document(client, demo):
    return f"/documents/{demo['reports'][1].document_id}"


# (chapter, demo account, page, labels the chapter names and the page shows)
SCREENS = [
    ("truong-don-vi", "truongdonvi", _units_current_report, [*MONTHLY_FORM, "Gửi báo cáo", "Bản in"]),
    ("truong-don-vi", "truongdonvi", "/reports/", ["Báo cáo của đơn vị"]),
    ("truong-don-vi", "truongdonvi", "/reports/units/", ["Mở báo cáo", *UNIT_STATES]),
    ("truong-don-vi", "truongdonvi", _november_report, ["Lịch sử", "Văn phòng Sở trả lại"]),
    ("can-bo-don-vi", "canbodonvi", _units_current_report, [*MONTHLY_FORM, "Thủ trưởng đơn vị gửi báo cáo"]),
    ("can-bo-don-vi", "canbodonvi", "/reports/units/", ["Mở báo cáo", *UNIT_STATES]),
    ("can-bo-don-vi", "canbodonvi2", "/reports/units/", ["đang có dự thảo"]),
    ("chanh-van-phong", "chanhvanphong", "/reports/units/?period=11/2026", ["Kỳ báo cáo (tháng/năm)", *UNIT_STATES]),
    (
        "chanh-van-phong",
        "chanhvanphong",
        _november_report,
        ["Ý kiến của Văn phòng Sở (nội dung cần chỉnh sửa)", "Trả lại để chỉnh sửa", "Lịch sử", "Bản in"],
    ),
    (
        "chanh-van-phong",
        "chanhvanphong",
        "/reports/",
        [
            "Lập báo cáo tháng",
            "Lập báo cáo 6 tháng",
            "Lập báo cáo năm",
            "Lập báo cáo theo yêu cầu",
            "Báo cáo thực hiện Quy chế",
            "Chấm điểm các đơn vị",
        ],
    ),
    (
        "chanh-van-phong",
        "chanhvanphong",
        "/reports/new?kind=half_year",
        [
            "Từ ngày",
            "Đến ngày (ngày chốt số liệu)",
            "Toàn Sở (theo đơn vị chủ trì)",
            "Một cơ quan, người giao",
            "Mã nhiệm vụ",
            "Lập dự thảo",
        ],
    ),
    (
        "chanh-van-phong",
        "chanhvanphong",
        _draft_report,
        [
            "Nội dung Văn phòng viết",
            "Đoạn mở đầu",
            "V. Đánh giá chung",
            "VI. Đề xuất, kiến nghị",
            "Lưu nội dung",
            "Tải Word",
            "Tải PDF",
            "Tải bảng Excel",
            "Tính lại số liệu (cùng ngày chốt)",
            "Trình ký, ban hành",
        ],
    ),
    (
        "chanh-van-phong",
        "chanhvanphong",
        _draft_document,
        ["Thẩm quyền ký", "Trình người ký", "Giám đốc Sở", "KT. Giám đốc – Phó Giám đốc Sở"],
    ),
    ("chanh-van-phong", "baomat", "/reports/", ["Báo cáo nhiệm vụ mật", "Lập báo cáo nhiệm vụ mật"]),
    ("chanh-van-phong", "chanhvanphong", "/reports/regulation", ["Năm", "Xuất Excel", "In"]),
    ("chanh-van-phong", "chanhvanphong", "/reports/scorecards", ["Điểm tổng hợp", "Xuất Excel", "In"]),
    (
        "chanh-van-phong",
        "chanhvanphong",
        "/agenda",
        ["Loại mốc", "Cập nhật, báo cáo hằng tháng", "Báo cáo 6 tháng, năm", "Tạo đường dẫn lịch"],
    ),
    ("lanh-dao-so", "giamdoc", "/documents/queue", ["Xem bản PDF dự thảo", "Ký ban hành", "Ý kiến khi trả lại"]),
    ("lanh-dao-so", "giamdoc", "/", ["Văn bản chờ ký", "Ủy quyền ký thay"]),
    ("lanh-dao-so", "giamdoc", "/reports/", ["Báo cáo nhiệm vụ mật", "Báo cáo của đơn vị", "Chấm điểm các đơn vị"]),
    ("can-bo-theo-doi", "theodoi", "/reports/", ["Lập báo cáo tháng", "Báo cáo thực hiện Quy chế"]),
]


@pytest.mark.parametrize(
    ("slug", "username", "page", "labels"), SCREENS, ids=[f"{s[0]}:{s[1]}:{i}" for i, s in enumerate(SCREENS)]
)
def test_r22_the_report_chapters_name_what_the_page_shows(app, demo, login, slug, username, page, labels):
    chapter = " ".join(chapters.source(slug).split())  # a label may wrap across the Markdown's lines
    client = app.test_client()
    login(client, username)
    url = page(client, demo) if callable(page) else page
    answer = client.get(url, follow_redirects=True)  # a unit's people land on their own unit's page
    assert answer.status_code == 200, url
    shown = " ".join(html.unescape(answer.get_data(as_text=True)).split())
    for label in labels:
        assert label in chapter, f"{slug}.md does not name “{label}”"
        assert label in shown, f"{url} as {username} does not show “{label}” ({slug}.md names it)"


def test_r5_2_the_guide_says_only_cleared_people_see_the_secret_report_and_so_does_the_page(app, demo, login):
    assert "quyền tiếp cận thông tin mật mới thấy mục **Báo cáo nhiệm vụ mật**" in chapters.source("chanh-van-phong")
    client = app.test_client()
    login(client, "chanhvanphong")  # no clearance in the demo
    assert "Báo cáo nhiệm vụ mật" not in client.get("/reports/").get_data(as_text=True)


def test_r19_the_guide_says_the_unit_officer_prepares_and_the_head_sends(app, demo, login):
    """R-7.2c: the officer's page has no send button, as can-bo-don-vi.md says."""
    assert "không có nút **Gửi báo cáo**" in chapters.source("can-bo-don-vi")
    client = app.test_client()
    login(client, "canbodonvi")
    page = client.get(_units_current_report(client, demo)).get_data(as_text=True)
    assert 'value="Lưu dự thảo"' in page and 'value="Gửi báo cáo"' not in page
