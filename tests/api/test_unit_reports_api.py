"""Units' monthly reports through the API, read-only (issue 15, R-19.1, R-20.1)."""

from inspection.accounts.models import Unit
from inspection.unit_reports.models import UnitReport


def test_the_office_reads_sent_reports_and_a_unit_its_own(demo, api):
    sent = list(UnitReport.select().where(UnitReport.state == "submitted"))
    assert sent
    office = api("theodoi").get("/api/v1/unit-reports?per_page=100").get_json()
    assert {r["id"] for r in office["items"]} == {r.id for r in sent}
    assert all(r["state"] == "submitted" and r["state_label"] == "Đã gửi" for r in office["items"])
    cckl = Unit.get(Unit.abbreviation == "CCKL")
    own = api("canbodonvi").get("/api/v1/unit-reports?per_page=100").get_json()["items"]
    expected = {r.id for r in UnitReport.select().where(UnitReport.unit == cckl.id)}
    assert {r["id"] for r in own} == expected and all(r["unit"]["id"] == cckl.id for r in own)
    other = Unit.get(Unit.abbreviation == "KHTC").id
    assert api("canbodonvi").get(f"/api/v1/unit-reports?unit={other}").status_code == 403
    assert api("theodoi").get(f"/api/v1/unit-reports?unit={other}").status_code == 200
    assert api("theodoi").get("/api/v1/unit-reports?unit=999999").status_code == 404
    assert api("theodoi").get("/api/v1/unit-reports?month=13").status_code == 400
    assert api("quantri").get("/api/v1/unit-reports").status_code == 403
