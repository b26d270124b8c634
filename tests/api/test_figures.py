"""Dashboard figures through the API (issue 15, R-8): the monitoring part's counts, its policy."""

import datetime

from inspection.accounts.models import Unit
from inspection.calendar.service import current_calendar
from inspection.monitoring import figures


def test_the_department_figures_are_the_dashboards(demo, api):
    body = api("giamdoc").get("/api/v1/figures?as_of=2026-10-31")
    assert body.status_code == 200, body.get_json()
    answer = body.get_json()
    expected = figures.compute(datetime.date(2026, 10, 31), current_calendar(), 3).as_dict()
    assert answer["figures"]["total"] == expected["total"] and answer["figures"]["total"] > 0
    assert sum(row["figures"]["total"] for row in answer["by_lead_unit"]) == answer["figures"]["total"]


def test_a_unit_sees_only_its_own_figures(demo, api):
    own, other = Unit.get(Unit.abbreviation == "CCKL").id, Unit.get(Unit.abbreviation == "CCTL").id
    caller = api("canbodonvi")
    assert caller.get(f"/api/v1/figures?unit={own}").status_code == 200
    assert caller.get(f"/api/v1/figures?unit={other}").status_code == 403
    assert caller.get("/api/v1/figures").status_code == 403
    assert caller.get("/api/v1/figures?unit=99999").status_code == 404


def test_far_off_dates_are_refused_not_computed(demo, api):
    caller = api("giamdoc")
    for url in (
        "/api/v1/figures?as_of=9999-12-31",
        "/api/v1/workdays/add?from=9999-12-31&n=1000",
        "/api/v1/exports/province?from=9999-01-01&to=9999-12-31",
    ):
        response = caller.get(url)
        assert response.status_code == 400 and response.get_json()["code"] == "invalid_request", url
