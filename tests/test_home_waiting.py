"""Issue 14: every role's home page says what waits for it.

The unit's home lists the requests to answer, notices received, recommendations to carry out
and flags to correct; the archivist's the dossiers closed and waiting for their package and the
last fixity check; the Director's the plans to approve and the reports received; no empty
"Hướng dẫn nhanh" heading on any home page.
"""

import datetime
import re

import pytest

from inspection.accounts.models import User
from inspection.cases import operations as cases_ops
from inspection.cases import rules as case_rules
from inspection.cases.models import InspectionPlan
from inspection.monitoring import queries as monitoring_queries
from inspection.register import operations

DEMO_ACCOUNTS = (
    "quantri",
    "giamdoc",
    "phogiamdoc",
    "chanhvanphong",
    "theodoi",
    "baomat",
    "truongdonvi",
    "canbodonvi",
    "canbodonvi2",
    "luutru",
)


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_issue_14_no_home_page_has_an_empty_quick_help(app, client, login, demo, username):
    login(client, username)
    html = client.get("/").get_data(as_text=True)
    if "Hướng dẫn nhanh" in html:
        section = html[html.index('id="help"') : html.index("</section>", html.index('id="help"'))]
        assert re.search(r"<li>\S", section), username


@pytest.mark.parametrize("username", ["canbodonvi", "truongdonvi", "canbodonvi2"])
def test_issue_14_a_unit_home_lists_what_waits_for_it(app, client, login, demo, username):
    user = User.get(User.username == username)
    with app.test_request_context():
        found = monitoring_queries.waiting_for(user.unit, operations.today())
    sections = [(t, items) for _, t, items in found if items]
    login(client, username)
    html = client.get("/").get_data(as_text=True)
    assert sections, "the demo gives every unit something to do"
    for title, items in sections:
        assert title in html
        assert items[0].text.split(" (")[0][:40].replace("&", "&amp;") in html.replace("&#34;", '"')


def test_issue_14_the_archivist_home_shows_waiting_dossiers_and_the_last_fixity_check(app, client, login, demo):
    login(client, "luutru")
    home = client.get("/").get_data(as_text=True)
    assert 'id="widget-archive"' in home and "Kho chưa được kiểm tra tính toàn vẹn lần nào." in home
    assert client.get("/archive/verify").status_code == 200
    home = client.get("/").get_data(as_text=True)
    assert re.search(r"Kiểm tra tính toàn vẹn gần nhất: \d{2}:\d{2} \d{2}/\d{2}/\d{4} – \d+ gói", home)


def test_issue_14_the_director_home_shows_plans_to_approve_and_reports_received(app, client, login, world):
    """R-12.1, R-16.2: a plan submitted and a report received are on the Director's home, not the Office's."""
    from tests.cases.test_walk import reported_case

    p = world["people"]
    plan = cases_ops.create_plan(
        p["chief"], year=2027, title="Kế hoạch kiểm tra chờ phê duyệt năm 2027", period_label="năm 2027", purpose="x"
    )
    cases_ops.add_plan_item(
        plan,
        p["chief"],
        world["units"]["tl"],
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 5),
        "Nhiệm vụ",
        "doan_kiem_tra",
        "VP",
    )
    cases_ops.move_plan(plan, p["chief"], "submit")
    case = reported_case(world)
    assert InspectionPlan.get_by_id(plan.id).state == case_rules.PLAN_SUBMITTED
    assert case.state == case_rules.REPORTED
    login(client, p["director"].username)
    home = client.get("/").get_data(as_text=True)
    widget = home[home.index('id="widget-leadership"') :]
    widget = widget[: widget.index("</div></div>")]
    assert plan.title in widget and f"/cases/plans/{plan.id}" in widget
    assert case.title in widget and f"/cases/{case.id}" in widget
    login(client, p["chief"].username)
    assert 'id="widget-leadership"' not in client.get("/").get_data(as_text=True)
