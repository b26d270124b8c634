"""The guide's browser walk still works (R-22): every picture the chapters show can be retaken.

The pictures go to a temporary folder; `make guide` runs the same walk into docs/guide/images.
"""

from inspection.guide.chapters import SHOTS
from inspection.guide.screenshots import take
from tests.e2e.conftest import DEMO_PASSWORD


def test_r22_the_walk_photographs_every_page_of_the_guide(browser, live_server, tmp_path):
    written = take(browser, live_server.url, tmp_path, DEMO_PASSWORD)
    assert [p.name for p in written] == [s.image for s in SHOTS]
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5_000


def test_r22_the_guide_link_opens_the_guide_from_the_login_page(page):
    page.goto("/login")
    with page.expect_navigation():
        page.click("#guide-link")
    assert page.url.endswith("/guide/")
    assert page.locator("#guide-body h1").inner_text() == "Giới thiệu chung"
