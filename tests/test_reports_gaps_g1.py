"""Issue 13 gaps (R-7.2c, R-20.1, R-25): a late or missing monthly report counts against the unit in
the per-unit figures of the Office's review page, from the same count the scorecards use."""

import datetime

from inspection.reports import scorecard_queries
from inspection.unit_reports import queries as unit_reports
from inspection.unit_reports import rules
from inspection.unit_reports.models import UnitReport

D = datetime.date


def _sent(unit, month, first, state=rules.SUBMITTED):
    return UnitReport.create(
        unit=unit, year=2026, month=month, state=state, first_submitted_on=first, submitted_on=first, content="{}"
    )


def test_R_7_2c_review_page_counts_each_units_monthly_reports_on_time_late_missing(app, client, login, units, users):
    app.config["TODAY"] = "2026-12-25"  # the 12 reports of 2026 are all due (December's on Friday 18/12)
    _sent(units["tl"], 11, D(2026, 11, 18))  # on time (due Thursday 19/11)
    _sent(units["tl"], 10, D(2026, 10, 25))  # late (due Monday 19/10)
    _sent(units["kl"], 12, D(2026, 12, 18))  # on time
    login(client, "chanhvp")
    body = client.get("/monitoring/review?from=01/12/2026&to=31/12/2026").get_data(as_text=True)
    assert "Báo cáo tháng: đúng hạn" in body and "Báo cáo tháng: chưa gửi" in body

    def reports(unit):  # the last three cells of the unit's row: on time, late, missing
        row = body.split(f'id="stats-{units[unit].id}"', 1)[1].split("</tr>", 1)[0]
        return [c.split(">")[-1] for c in row.split("</td>")[5:8]]

    assert reports("tl") == ["1", "1", "10"]
    assert reports("kl") == ["1", "0", "11"]  # shown though the unit entered no update in the period
    assert reports("vp") == ["0", "0", "12"]


def test_R_25_the_review_page_and_the_scorecards_read_one_count(app, units, users, cal):
    _sent(units["tl"], 10, D(2026, 10, 25))
    tallies = unit_reports.year_tallies(2026, D(2026, 12, 25), cal)
    assert tallies[units["tl"].id] == {rules.ON_TIME: 0, rules.LATE: 1, rules.MISSING: 11, rules.PENDING: 0}
    rows = {r["unit"]: r for r in scorecard_queries.scorecard_rows(2026, D(2026, 12, 25), cal)}
    assert (rows["Chi cục Thủy lợi"]["reports_late"], rows["Chi cục Thủy lợi"]["reports_missing"]) == (1, 11)
