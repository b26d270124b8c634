"""Downloads whose names carry Vietnamese letters (issue 10): RFC 6266/5987 file names, never a 500."""

from inspection.documents.models import OutgoingDocument


def test_an_issued_decision_numbered_QD_downloads_with_its_name(demo, app, login):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    doc = (
        OutgoingDocument.select()
        .where(OutgoingDocument.number.is_null(False) & OutgoingDocument.symbol.contains("QĐ"))
        .first()
    )
    assert doc is not None, "the demo issues decisions"
    client = app.test_client()
    login(client, "chanhvanphong")
    for fmt in ("pdf", "docx"):
        answer = client.get(f"/documents/{doc.id}/file.{fmt}")
        assert answer.status_code == 200, fmt
        disposition = answer.headers["Content-Disposition"]
        assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
        assert "Q%C4%90" in disposition  # "QĐ", percent-encoded UTF-8
        disposition.encode("latin-1")  # the header itself is plain ASCII


def test_the_outgoing_register_export_and_template_samples_download(demo, app, login):
    client = app.test_client()
    login(client, "chanhvanphong")
    assert client.get("/documents/register.xlsx").status_code == 200
    assert client.get("/documents/templates/inspection_decision/sample.pdf").status_code == 200
