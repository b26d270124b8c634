"""Inspections and issued documents through the API (issue 15), read-only, with the cases policy."""

import io

from pypdf import PdfReader


def test_the_office_reads_a_case_in_full(demo, api):
    case = api("chanhvanphong").get("/api/v1/cases/1").get_json()
    assert case["access"] == "full" and case["state"] == "da_dong_ho_so"
    assert case["team"] and case["scope"] and case["units"]
    from inspection.cases.models import InspectionCase

    notice = InspectionCase.get_by_id(1).notice_doc_id
    assert case["findings"]["conclusion"] is not None and case["documents"]["notice"] == notice
    listed = api("theodoi").get("/api/v1/cases").get_json()["items"]
    assert {1, 2, 3} <= {c["id"] for c in listed}


def test_an_inspected_unit_sees_the_summary_only_and_no_draft(demo, api):
    unit = api("truongdonvi")
    case = unit.get("/api/v1/cases/1").get_json()
    assert case["access"] == "unit" and case["team"] is None and case["scope"] is None and case["findings"] is None
    assert [c["id"] for c in unit.get("/api/v1/cases").get_json()["items"]] == [1]
    assert unit.get("/api/v1/cases/3").status_code == 403  # a draft is nobody's business outside the office
    assert api("canbodonvi2").get("/api/v1/cases/1").status_code == 403  # not his unit
    assert api("quantri").get("/api/v1/cases").status_code == 403
    assert unit.get("/api/v1/cases/999999").status_code == 404


def test_an_issued_document_and_its_stored_pdf(demo, api):
    caller = api("theodoi")
    doc = caller.get("/api/v1/issued-documents/1").get_json()
    assert doc["state"] == "issued" and doc["has_pdf"] and "/" in doc["number"]
    response = caller.get("/api/v1/issued-documents/1/file.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert PdfReader(io.BytesIO(response.get_data())).pages
    assert caller.get("/api/v1/issued-documents/3/file.pdf").status_code == 404  # a draft has no stored file
    assert caller.get("/api/v1/issued-documents/1/file.exe").status_code == 404
    assert api("canbodonvi").get("/api/v1/issued-documents/1").status_code == 403
