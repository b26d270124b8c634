"""Dossiers (R-17) and periodic reports (R-18, R-20.2, R-5.2) through the API (issue 15)."""

import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from inspection import settings
from inspection.accounts.models import User
from inspection.calendar.service import current_calendar
from inspection.dossier.models import Dossier
from inspection.reports import operations as report_ops
from inspection.reports import rules as report_rules
from inspection.reports.models import Report


def test_dossiers_are_listed_with_the_dossier_policy(demo, api):
    office = api("chanhvanphong").get("/api/v1/dossiers").get_json()
    assert {d["state"] for d in office["items"]} == {"open", "closed"}
    archivist = api("luutru").get("/api/v1/dossiers").get_json()["items"]
    assert archivist and all(d["state"] == "closed" for d in archivist)  # the archivist reads closed ones
    assert api("luutru").get("/api/v1/dossiers?state=closed").get_json()["total"] == len(archivist)
    opened = Dossier.get(Dossier.state == "open")
    assert api("luutru").get(f"/api/v1/dossiers/{opened.id}").status_code == 403
    for username in ("canbodonvi", "truongdonvi", "quantri"):
        assert api(username).get("/api/v1/dossiers").status_code == 403
    assert api("theodoi").get("/api/v1/dossiers/999999").status_code == 404
    assert api("theodoi").get("/api/v1/dossiers?state=lost").status_code == 400


def test_a_dossier_tells_its_completeness_per_component(demo, api):
    """R-17: each component, whether the case's form requires it, and what is still missing."""
    for dossier in list(Dossier.select()):
        body = api("theodoi").get(f"/api/v1/dossiers/{dossier.id}").get_json()
        assert [c["number"] for c in body["components"]] == list(range(1, 9))
        missing = [c["number"] for c in body["components"] if c["required"] and not c["count"]]
        assert body["missing"] == missing and body["complete"] == (not missing)
        assert all(c["count"] == len(c["items"]) for c in body["components"])
    closed = api("theodoi").get(f"/api/v1/dossiers/{Dossier.get(Dossier.state == 'closed').id}").get_json()
    assert closed["complete"]  # a dossier closes only complete


def test_a_past_paper_dossier_has_no_case_and_no_required_component(demo, api):
    """Issue 17: the demo's digitised paper dossiers are read like the others, with no case."""
    paper = Dossier.get(Dossier.digitised == True)  # noqa: E712
    listed = api("luutru").get("/api/v1/dossiers").get_json()["items"]
    row = next(d for d in listed if d["id"] == paper.id)
    assert row["case_id"] is None and row["digitised"] is True
    body = api("luutru").get(f"/api/v1/dossiers/{paper.id}").get_json()
    assert body["complete"] and body["missing"] == [] and not any(c["required"] for c in body["components"])


def test_the_assembled_pdf_and_zip_once_ready(demo, api):
    dossier = Dossier.get(Dossier.state == "closed")
    caller = api("chanhvanphong")
    assert caller.get(f"/api/v1/dossiers/{dossier.id}/files.pdf").status_code == 404  # not assembled yet
    assert caller.get(f"/api/v1/dossiers/{dossier.id}").get_json()["assembly"] is None
    job = caller.post(f"/api/v1/dossiers/{dossier.id}/assembly")
    assert job.status_code == 202, job.get_json()
    assembly = caller.get(f"/api/v1/dossiers/{dossier.id}").get_json()["assembly"]
    assert assembly["state"] == "done" and assembly["pdf_url"] and assembly["zip_url"]  # runs at once in tests
    pdf = caller.get(assembly["pdf_url"])
    assert pdf.status_code == 200 and len(PdfReader(io.BytesIO(pdf.get_data())).pages) == assembly["page_count"]
    package = caller.get(assembly["zip_url"])
    assert package.status_code == 200 and zipfile.ZipFile(io.BytesIO(package.get_data())).namelist()
    assert api("luutru").get(assembly["pdf_url"]).status_code == 200  # a closed dossier: the archivist reads it
    assert api("canbodonvi").get(assembly["pdf_url"]).status_code == 403
    assert caller.get(f"/api/v1/dossiers/{dossier.id}/files.exe").status_code == 404


def test_reports_are_listed_and_their_files_read_back(demo, api):
    office = api("chanhvanphong").get("/api/v1/reports").get_json()["items"]
    assert {r["issued"] for r in office} == {True, False}
    issued = next(r for r in office if r["issued"])
    assert issued["kind"] == "monthly" and issued["number"]
    unit = api("canbodonvi").get("/api/v1/reports").get_json()["items"]
    assert [r["id"] for r in unit] == [issued["id"]]  # units read issued reports only
    draft = next(r for r in office if not r["issued"])
    assert api("canbodonvi").get(f"/api/v1/reports/{draft['id']}").status_code == 403
    one = api("canbodonvi").get(f"/api/v1/reports/{issued['id']}").get_json()
    assert set(one["files"]) == {"docx", "pdf", "xlsx"} and one["title"]
    docx = api("canbodonvi").get(one["files"]["docx"])
    assert docx.status_code == 200 and "".join(p.text for p in Document(io.BytesIO(docx.get_data())).paragraphs)
    pdf = api("canbodonvi").get(one["files"]["pdf"])
    assert pdf.status_code == 200 and PdfReader(io.BytesIO(pdf.get_data())).pages
    xlsx = api("canbodonvi").get(one["files"]["xlsx"])
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.get_data())).worksheets
    assert api("quantri").get("/api/v1/reports").status_code == 403
    assert api("theodoi").get("/api/v1/reports?kind=weekly").status_code == 400


@pytest.fixture
def secret_report(demo):
    """A yearly secret report (R-5.2), drafted on an installation declared offline."""
    holder = User.get(User.username == "baomat")
    settings.set_value("installation.offline", True, holder)
    end = max(r.period_end for r in Report.select())  # the demo's issued report's cut-off
    start = end.replace(month=1, day=1)
    spec = dict(kind=report_rules.YEARLY, start=start, end=end, secret=True, scope=report_rules.ALL, scope_ref="")
    return report_ops.create(holder, spec, {}, current_calendar())


def test_a_secret_report_only_with_clearance_and_never_in_the_ordinary_list(demo, api, secret_report):
    """R-5.2: the secret report is listed apart, for clearance only; otherwise it does not exist."""
    for username in ("baomat", "giamdoc", "chanhvanphong", "theodoi", "canbodonvi"):
        caller = api(username)
        listed = caller.get("/api/v1/reports?per_page=100").get_json()["items"]
        assert secret_report.id not in {r["id"] for r in listed} and not any(r["secret"] for r in listed)
    assert [r["id"] for r in api("baomat").get("/api/v1/reports?secret=true").get_json()["items"]] == [secret_report.id]
    assert api("baomat").get(f"/api/v1/reports/{secret_report.id}").get_json()["secret"]
    for username in ("chanhvanphong", "theodoi", "canbodonvi"):
        caller = api(username)
        assert caller.get("/api/v1/reports?secret=true").status_code == 403
        for url in (f"/api/v1/reports/{secret_report.id}", f"/api/v1/reports/{secret_report.id}/report.xlsx"):
            assert caller.get(url).status_code == 404  # not even "forbidden"
