"""Issue 14: the Chief of Office's new-case journey, counted in clicks.

From the home page, the Chief of Office creates an ad hoc case with 3 tasks and a 3-person team
and gets the decision issued; every click is counted (a mouse click, a checkbox or radio button
ticked, an option chosen, a submit; typing does not count), printed as "clicks: N" and held to at
most 15.

The issuing step is one function, `issue_decision`: the Chief of Office submits the decision
("trình ký", his click counts here) and the Director signs it from his queue; the Director's own
clicks (open his queue, sign) are his, counted separately and printed as "director clicks: N".
"""

import datetime
import re

import pytest

pytestmark = pytest.mark.e2e

MAX_CLICKS = 15
UNIT = "Trung tâm Khuyến nông"
LEADER = "Trần Văn Hùng – Phó Giám đốc Sở"
MEMBERS = ("Trần Văn Bình", "Nguyễn Thị Hoa")


class Clicks:
    """The page's clicks, each counted once."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, target):
        self.count += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def check(self, locator):
        self.count += 1
        locator.check()

    def choose(self, selector, label):
        self.count += 1
        self.page.select_option(selector, label=label)

    def submit(self, target):
        with self.page.expect_navigation():
            self.click(target)


@pytest.fixture
def story_day(live_server):
    """Serve the app on the day of the last issued document: the register numbers by date, and
    the case walk (tests/e2e/test_cases_e2e.py) issues on days of its own around this one."""
    from peewee import fn

    from inspection.documents.models import OutgoingDocument

    with live_server.app.app_context():
        last = OutgoingDocument.select(fn.MAX(OutgoingDocument.issued_on)).scalar() or datetime.date.today()
    live_server.app.config["TODAY"] = last.isoformat()
    yield last
    live_server.app.config["TODAY"] = None


def issue_decision(page, clicks, login_as, logout):
    """The Chief of Office submits the decision (trình ký, counted); the Director signs it from his
    queue (his own clicks, counted apart and printed); the case then shows the issued decision."""
    clicks.submit("#issue-decision")
    assert "Đã trình" in page.inner_text(".alert")
    case_url = page.url.split("?")[0].split("#")[0]
    doc_id = page.get_attribute("#decision-waiting a", "href").rstrip("/").split("/")[-1]
    logout(page)
    login_as(page, "giamdoc")
    director = Clicks(page)
    director.submit("#widget-sign-queue a[href$='/documents/queue']")
    director.submit(f"#van-ban-{doc_id} [data-sign]")
    print(f"director clicks: {director.count}")
    page.goto(case_url)
    assert page.inner_text("#case-state") == "Đã ban hành quyết định"


def test_new_case_to_issued_decision_in_at_most_15_clicks(page, live_server, login_as, logout, story_day):
    login_as(page, "chanhvanphong")
    page.goto("/")
    clicks = Clicks(page)
    clicks.submit("#widget-cases #new-case")

    page.fill("input[name=title]", f"Kiểm tra đột xuất việc thực hiện nhiệm vụ của {UNIT}")
    clicks.check(page.locator("input[name=ground][value=yeu_cau_bgd]"))
    page.fill("input[name=ground_reference]", "Ý kiến chỉ đạo của Giám đốc Sở tại giao ban")
    assert page.locator("input[name=ground_note]").is_hidden()  # another ground's field
    clicks.check(page.locator("input[name=form][value=doan_kiem_tra]"))
    start = story_day + datetime.timedelta(days=3)
    page.fill("input[name=start_on]", f"{start:%d/%m/%Y}")
    page.fill("input[name=end_on]", f"{start + datetime.timedelta(days=7):%d/%m/%Y}")

    page.fill("#unit_ids-filter", "khuyến")
    clicks.check(page.get_by_role("checkbox", name=UNIT, exact=True))
    tasks = page.locator("#task_ids-items [data-filter-item]:visible input")
    assert tasks.count() >= 3  # the list keeps to the chosen unit's tasks
    for i in range(3):
        clicks.check(tasks.nth(i))
    clicks.choose("select[name=leader]", LEADER)
    for name in MEMBERS:
        page.fill("#member_ids-filter", name)
        clicks.check(page.get_by_role("checkbox", name=re.compile(f"^{name} – ")))
    clicks.submit("#save-case")
    assert "Đã tạo dự thảo" in page.inner_text(".alert")
    assert page.locator("#scope-table tbody tr").count() == 3
    assert page.locator("#team-table tbody tr").count() == 3
    assert page.locator("#missing-parts").count() == 0

    issue_decision(page, clicks, login_as, logout)
    print(f"clicks: {clicks.count}")
    assert clicks.count <= MAX_CLICKS
