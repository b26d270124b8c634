"""Issue 14: every role's home page says what waits for it.

The unit's home lists the requests to answer, notices received, recommendations to carry out
and flags to correct; the archivist's the dossiers closed and waiting for their package and the
last fixity check; the Director's the plans to approve and the reports received; no empty
"Hướng dẫn nhanh" heading on any home page.
"""

import re

import pytest

from inspection.accounts.models import User
from inspection.cases import rules as case_rules
from inspection.cases.models import InspectionCase, InspectionPlan
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


def test_issue_14_the_director_home_shows_plans_to_approve_and_reports_received(app, client, login, demo):
    login(client, "giamdoc")
    home = client.get("/").get_data(as_text=True)
    assert 'id="widget-leadership"' in home
    for plan in InspectionPlan.select().where(InspectionPlan.state == case_rules.PLAN_SUBMITTED):
        assert plan.title in home
    for case in InspectionCase.select().where(InspectionCase.state == case_rules.REPORTED):
        assert case.title in home
    login(client, "chanhvanphong")
    assert 'id="widget-leadership"' not in client.get("/").get_data(as_text=True)
