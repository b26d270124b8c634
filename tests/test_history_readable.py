"""Issue 14: "Lịch sử thay đổi" is read by people — names, Vietnamese labels and values.

The history of a task and of a case read by a unit officer contains no field code, id or
username; the Office reads the same entries with people's names, referenced records by their
names, dates as dd/mm/yyyy and moments in Vietnam's time zone.
"""

import datetime
import re

import pytest

from inspection import field_labels, history
from inspection.accounts.models import User
from inspection.audit import AuditEntry
from inspection.cases.models import CaseUnit
from inspection.db import BaseModel
from inspection.register.models import Task

# Tables the audit trail never records (the log itself, counters, queues, throttles).
NOT_AUDITED = {
    "audit_entry",
    "audit_verification",
    "login_throttle",
    "number_sequence",
    "notification",
    "assembly_job",
    "stored_file",
    "migratehistory",
    "figures_unit_version",  # write counters kept by triggers (migration 0029), never in a history
}
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # lead_unit, created_at, da_thong_bao, ...
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}")


def _models():
    import importlib
    import pkgutil

    import inspection

    for module in pkgutil.walk_packages(inspection.__path__, "inspection."):  # every model, not only those loaded
        if module.name not in ("inspection.worker",):
            importlib.import_module(module.name)
    stack, found = list(BaseModel.__subclasses__()), set()
    while stack:
        model = stack.pop()
        found.add(model)
        stack.extend(model.__subclasses__())
    return found


def test_every_audited_field_has_a_vietnamese_label_or_is_internal():
    unlabelled = sorted(
        f"{model._meta.table_name}.{name}"
        for model in _models()
        if model._meta.table_name not in NOT_AUDITED
        for name in model._meta.fields
        if name not in field_labels.LABELS and name not in history.INTERNAL
    )
    assert unlabelled == []


def _history_section(html):
    start = html.index('id="history"')
    return html[start : html.index("</section>", start)]


def _problems(section, usernames):
    found = [f"code {m}" for m in CODE.findall(section)]
    found += [f"username {u}" for u in usernames if re.search(rf"\b{re.escape(u)}\b", section)]
    found += [f"iso date {m}" for m in ISO_DATE.findall(section)]
    for label, values in re.findall(r"<strong>([^<]*)</strong>: ([^<]*)<", section):
        if not label.startswith("Số "):  # counts ("Số nhiệm vụ trong phạm vi: 0 → 5") are numbers, not ids
            found += [f"bare id {label}: {values}" for _ in re.findall(r"(?:^|→ )\d{1,4}\s*(?:→|$)", values)]
    return found


def _pages_of_unit(unit):
    tasks = [
        t
        for t in Task.select().where((Task.lead_unit == unit) & (Task.is_secret == False))  # noqa: E712
        if AuditEntry.select().where((AuditEntry.table == "task") & (AuditEntry.record_id == t.id)).count() > 1
    ][:5]
    cases = [cu.case for cu in CaseUnit.select().where(CaseUnit.unit == unit)]
    return [f"/register/tasks/{t.id}" for t in tasks] + [f"/cases/{c.id}/unit" for c in cases]


@pytest.mark.parametrize("username", ["canbodonvi", "truongdonvi"])
def test_issue_14_a_unit_reads_a_history_without_codes_ids_or_usernames(app, client, login, demo, username):
    """Issue 14: the inspected unit's own case page (/cases/<id>/unit) shows the case history too."""
    reader = User.get(User.username == username)
    usernames = [u.username for u in User.select()]
    login(client, username)
    urls = _pages_of_unit(reader.unit)
    assert any("/cases/" in u for u in urls) and any("/register/tasks/" in u for u in urls)
    read = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url  # every page of the unit's own tasks and cases opens
        section = _history_section(response.get_data(as_text=True))
        assert _problems(section, usernames) == [], url
        if "<tbody>" in section:
            read.add("case" if url.startswith("/cases/") else "task")
    assert read == {"case", "task"}  # a task's and a case's history were read, not empty pages


def test_issue_14_the_office_reads_names_labels_and_values(app, client, login, demo):
    task = (
        Task.select()
        .join(AuditEntry, on=(AuditEntry.record_id == Task.id) & (AuditEntry.table == "task"))
        .where(Task.is_completed == True)  # noqa: E712
        .first()
    )
    login(client, "chanhvanphong")
    section = _history_section(client.get(f"/register/tasks/{task.id}").get_data(as_text=True))
    usernames = [u.username for u in User.select()]
    assert _problems(section, usernames) == []
    assert task.lead_unit.name in section  # "Đơn vị chủ trì: Chi cục …", not its id
    assert any(f"{u.full_name} ({u.title})" in section for u in User.select())  # who, with the title
    assert history.REMOVED not in section
    assert "Đã hoàn thành</strong>: Không → Có" in section or "Đã hoàn thành</strong>: Có" in section
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", section)  # moments as dd/mm/yyyy hh:mm


def test_issue_14_moments_are_shown_in_vietnam_time():
    utc = datetime.datetime(2026, 11, 29, 17, 30, tzinfo=datetime.UTC)
    assert history.moment(utc) == "30/11/2026 00:30"


def test_issue_14_unit_readers_do_not_see_the_office_steps(app, demo):
    task = Task.select().where(Task.monitor_officer_name != "").first()
    entries = list(AuditEntry.select().where((AuditEntry.table == "task") & (AuditEntry.record_id == task.id)))
    office = User.get(User.username == "chanhvanphong")
    officer = User.get(User.username == "canbodonvi")
    labels = lambda rows: {c.label for r in rows for c in r.changes}  # noqa: E731
    assert field_labels.label("monitor_officer_name") in labels(history.readable(entries, office))
    assert field_labels.label("monitor_officer_name") not in labels(history.readable(entries, officer))


def test_issue_14_the_unit_reads_its_case_history_without_the_drafting_or_the_team_report_texts(
    app, client, login, demo
):
    """The inspected unit reads the decision and the steps after it on /cases/<id>/unit, not the
    Office's drafting (scope chosen before the decision, R-13) nor the team's report texts to the
    Director (R-16.3) — the Office reads both on the case page."""
    head = User.get(User.username == "truongdonvi")
    case = next(cu.case for cu in CaseUnit.select().where(CaseUnit.unit == head.unit) if cu.case.report_doc_id)
    login(client, "truongdonvi")
    unit = _history_section(client.get(f"/cases/{case.id}/unit").get_data(as_text=True))
    assert "Quyết định kiểm tra" in unit and "Trạng thái" in unit
    for office_step in ("Số nhiệm vụ trong phạm vi", "Nguyên nhân", "Tồn tại, hạn chế", case.causes):
        assert office_step not in unit
    login(client, "chanhvanphong")
    office = _history_section(client.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "Số nhiệm vụ trong phạm vi" in office and "Nguyên nhân" in office
