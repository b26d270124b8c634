"""Issue 15's remaining API gaps: the list of issued documents and a result with its attachment."""

import datetime

from inspection.documents.models import ISSUED, OutgoingDocument

ISSUED_URL = "/api/v1/issued-documents"


def _issued(secret=False):
    return OutgoingDocument.select().where((OutgoingDocument.state == ISSUED) & (OutgoingDocument.secret == secret))


def _make_secret(doc_id):
    """Turn one demo document into a secret one (a secret register of its own, R-5.2)."""
    OutgoingDocument.update(secret=True).where(OutgoingDocument.id == doc_id).execute()
    return OutgoingDocument.get_by_id(doc_id)


def test_issued_documents_newest_first_with_their_files(demo, api):
    body = api("theodoi").get(ISSUED_URL).get_json()
    expected = list(_issued())
    assert expected and body["total"] == len(expected)
    dates = [item["issued_on"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)
    drafts = {d.id for d in OutgoingDocument.select().where(OutgoingDocument.state != ISSUED)}
    assert drafts and not drafts & {item["id"] for item in body["items"]}
    first = body["items"][0]
    doc = OutgoingDocument.get_by_id(first["id"])
    assert first["number"] == doc.number_text and first["kind"] == doc.kind and first["kind_label"]
    assert first["abstract"] == doc.abstract and first["signer_name"] == doc.signer_name
    assert first["links"]["pdf"] == f"/api/v1/issued-documents/{doc.id}/file.pdf"
    response = api("theodoi").get(first["links"]["pdf"])
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF-")


def test_issued_documents_filters(demo, api):
    caller = api("chanhvanphong")
    docs = list(_issued())
    kind = docs[0].kind
    by_kind = caller.get(f"{ISSUED_URL}?kind={kind}").get_json()["items"]
    assert {i["id"] for i in by_kind} == {d.id for d in docs if d.kind == kind}
    year = docs[0].year
    by_year = caller.get(f"{ISSUED_URL}?year={year}").get_json()["items"]
    assert {i["id"] for i in by_year} == {d.id for d in docs if d.year == year}
    assert caller.get(f"{ISSUED_URL}?year=2001").get_json() == {
        "items": [],
        "page": 1,
        "per_page": 50,
        "total": 0,
        "pages": 1,
    }
    day = sorted(d.issued_on for d in docs)[len(docs) // 2]
    since = caller.get(f"{ISSUED_URL}?since={day.isoformat()}&per_page=100").get_json()["items"]
    assert {i["id"] for i in since} == {d.id for d in docs if d.issued_on >= day}
    assert all(datetime.date.fromisoformat(i["issued_on"]) >= day for i in since)


def test_issued_documents_bad_filters_are_problems(demo, api):
    caller = api("theodoi")
    for query in ("kind=thu-tinh", "since=2026-02-30", "year=abc", "per_page=101", "per_page=0", "page=-1", "x=1"):
        response = caller.get(f"{ISSUED_URL}?{query}")
        assert response.status_code == 400, query
        assert response.mimetype == "application/problem+json" and response.get_json()["errors"]


def test_issued_documents_pagination_limit(demo, api):
    caller = api("theodoi")
    total = caller.get(ISSUED_URL).get_json()["total"]
    assert total >= 2
    one = caller.get(f"{ISSUED_URL}?per_page=1&page=2").get_json()
    assert len(one["items"]) == 1 and one["pages"] == total and one["page"] == 2
    assert caller.get(f"{ISSUED_URL}?per_page=100").status_code == 200  # the API's maximum page size


def test_a_secret_issued_document_only_with_clearance(demo, api):
    """R-5.2: never in an ordinary list, even for clearance; in the secret list for clearance only."""
    secret = _make_secret(_issued()[0].id)
    for username in ("theodoi", "baomat", "giamdoc", "quantri", "luutru"):
        caller = api(username)
        listed = caller.get(f"{ISSUED_URL}?per_page=100").get_json()["items"]
        assert listed and secret.id not in {i["id"] for i in listed}
    for username in ("baomat", "giamdoc"):
        items = api(username).get(f"{ISSUED_URL}?secret=true").get_json()["items"]
        assert [i["id"] for i in items] == [secret.id]
    for username in ("theodoi", "chanhvanphong", "quantri", "luutru"):
        response = api(username).get(f"{ISSUED_URL}?secret=true")
        assert response.status_code == 403 and secret.number_text not in response.get_data(as_text=True)
    for username in ("canbodonvi", "truongdonvi"):
        assert api(username).get(ISSUED_URL).status_code == 403


def test_the_list_is_in_the_description(demo, api):
    spec = api("theodoi").get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/issued-documents"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"year", "kind", "since", "secret", "page", "per_page"}
    assert "IssuedDocumentPage" in str(operation["responses"]["200"])
