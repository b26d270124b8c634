"""Help beside the fields users get wrong (R-22): dates, units, deadlines in working days."""

import re

import pytest

HELP = [
    ("theodoi", "/register/documents/new", "Hạn vào sổ tính từ ngày này: 01 ngày làm việc"),  # R-6.1b
    ("theodoi", "/register/documents/new", "02 ngày làm việc sau thời hạn (điểm b khoản 3 Điều 6)"),  # R-6.3b
    ("theodoi", "/register/documents/new", "gửi phần việc của mình cho đơn vị chủ trì (Điều 10)"),
    ("theodoi", "/register/documents/new", "Giữ phím Ctrl để chọn nhiều đơn vị."),
    ("chanhvanphong", "/cases/new", "báo cáo kết quả chậm nhất 5 ngày làm việc sau ngày này (khoản 2 Điều 16)"),
]


@pytest.mark.parametrize("username,url,text", HELP)
def test_r22_help_beside_the_field(app, demo, login, username, url, text):
    client = app.test_client()
    login(client, username)
    page = client.get(url)
    assert page.status_code == 200
    assert re.search(r'class="form-text">[^<]*' + re.escape(text), page.get_data(as_text=True))
