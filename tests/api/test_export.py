"""The Province's export (issue 15, R-5.1, R-20.1): its tasks as they stood on a date, JSON and CSV."""

import csv
import datetime
import io

from inspection.register.models import DirectiveDocument, Task

PROVINCE = ("ubnd_tinh", "chu_tich", "pho_chu_tich", "vp_ubnd_tinh")


def _province_tasks():
    return (
        Task.select()
        .join(DirectiveDocument)
        .where(DirectiveDocument.issuer_kind.in_(PROVINCE) & (Task.is_secret == False))  # noqa: E712
    )


def test_the_export_holds_the_provinces_tasks_with_their_status(demo, api):
    body = api("theodoi").get("/api/v1/exports/province?from=2025-01-01&to=2025-12-31&as_of=2026-11-30")
    body2 = api("theodoi").get("/api/v1/exports/province?from=2026-01-01&to=2026-12-31&as_of=2026-11-30")
    assert body.status_code == 200 and body2.status_code == 200, body2.get_json()
    items = body.get_json()["items"] + body2.get_json()["items"]
    expected = {t.id for t in _province_tasks() if t.document.received_on <= datetime.date(2026, 11, 30)}
    assert {i["task_id"] for i in items} == expected
    sample = items[0]
    assert {"number_symbol", "issuer", "summary", "lead_unit", "deadline", "status", "status_label"} <= set(sample)


def test_a_task_completed_after_the_date_was_still_open_on_it(demo, api):
    """R-5.1e as of a date: the completion had not happened yet."""
    task = _province_tasks().where(Task.is_completed == True, Task.completed_on.is_null(False)).first()  # noqa: E712
    received = task.document.received_on
    day_before = task.completed_on - datetime.timedelta(days=1)
    if day_before < received:
        day_before = received
    url = f"/api/v1/exports/province?from={received}&to={received}&as_of={day_before}"
    items = api("giamdoc").get(url).get_json()["items"]
    row = next(i for i in items if i["task_id"] == task.id)
    assert not row["status"].startswith("xong") and row["completed_on"] is None


def test_the_csv_opens_in_excel_and_refuses_formulas(demo, api):
    caller = api("theodoi")
    caller.post(
        "/api/v1/documents",
        json={
            "number_symbol": "=HYPERLINK(1)",
            "issuer_kind": "ubnd_tinh",
            "received_on": "2026-03-02",
            "tasks": [{"summary": "=1+1 công thức", "lead_unit_id": 7}],
        },
    )
    response = caller.get("/api/v1/exports/province.csv?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    mine = next(r for r in rows if "công thức" in r["summary"])
    assert mine["summary"] == "'=1+1 công thức" and mine["number_symbol"].startswith("'=")


def test_a_period_longer_than_a_year_or_reversed_is_refused(demo, api):
    caller = api("theodoi")
    long = caller.get("/api/v1/exports/province?from=2024-01-01&to=2026-12-31")
    assert long.status_code == 400 and long.get_json()["errors"][0]["field"] == "to"
    assert caller.get("/api/v1/exports/province?from=2026-05-01&to=2026-01-01").status_code == 400
    assert caller.get("/api/v1/exports/province?from=2026-02-30&to=2026-03-01").status_code == 400


def test_a_unit_exports_only_its_own_tasks(demo, api):
    items = api("canbodonvi").get("/api/v1/exports/province?from=2026-01-01&to=2026-12-31").get_json()["items"]
    forest = "Chi cục Kiểm lâm"
    own = [i for i in items if i["lead_unit"] == forest or forest in i["other_units"]]
    assert items and own == items
    assert api("quantri").get("/api/v1/exports/province?from=2026-01-01&to=2026-12-31").status_code == 403
