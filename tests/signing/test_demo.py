"""Issue 16: `seed-demo` makes demonstration certificates, so its issued documents are signed
and its archived dossier PDF is PDF/A-3b out of the box."""

from pathlib import Path

import pikepdf

from inspection.documents.models import OutgoingDocument
from inspection.signing import verify


def test_demo_documents_are_signed_with_demonstration_certificates_and_dossier_is_archival(demo, app):
    anchors = {"SIGNING_TRUST_ANCHORS": str(Path(demo["signing_demo_dir"]) / "ca.pem")}
    plan = OutgoingDocument.get_by_id(demo["documents"]["plan"].id)
    verdict = verify.verify_pdf(plan.pdf_file.path.read_bytes(), anchors)
    assert verdict.state == verify.VALID, verdict.text
    assert "DEMONSTRATION" in verdict.text and len(verdict.signers) == 2  # the Director, then the agency
    assert verify.verify_pdf(plan.pdf_file.path.read_bytes(), {}).state == verify.INVALID  # not trusted elsewhere
    closed = next(d for d in demo["dossiers"] if d.is_closed)
    pdf_path = Path(app.config["ARCHIVE_DIR"], "packages", closed.package_name, "data", "ho-so.pdf")
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"
