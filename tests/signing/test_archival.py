"""Issue 16: the assembled dossier PDF is PDF/A-3b with the signed originals attached as-is;
`archive verify` re-checks the signatures of the archived PDFs."""

import io

import pikepdf
from pikepdf import pdfa as pikepdf_pdfa

from inspection.dossier import operations, packaging
from inspection.signing import verify
from tests.factories import pdf_bytes

from .test_verify_uploads import signed_from_outside


def _upload(dossier, user, data, name):
    meta = {"component": 8, "type_and_abstract": f"Tài liệu {name}"}
    return operations.add_upload(dossier, user, io.BytesIO(data), name, meta)


def _fonts(pdf):
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            yield from font.get("/DescendantFonts") or [font]


def test_dossier_pdf_passes_pikepdf_pdfa_3b_check_metadata_embedded_fonts_output_intent(
    app, chief, dossier, signing, test_pki, tmp_path
):
    original = signed_from_outside(test_pki)
    _upload(dossier, chief, original, "chi-thi-ky-so.pdf")
    _upload(dossier, chief, pdf_bytes("Báo cáo bổ sung"), "bao-cao.pdf")
    done, _items = packaging.build_pdf(dossier, str(tmp_path / "ho-so.pdf"))
    assert done.archival
    report = pikepdf_pdfa.validate_written(done.path, "3b")  # pikepdf's PDF/A allowlist validator
    assert report.passed, report.summary()
    with pikepdf.open(done.path) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        assert dossier.code in meta["dc:title"] and meta["dc:creator"] and meta["xmp:CreateDate"]
        for font in _fonts(pdf):  # every font program embedded
            descriptor = font.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 0
        attached = [spec.get_file().read_bytes() for spec in pdf.attachments.values()]
        assert attached == [original]  # the signed original as-is; the unsigned one is not attached
        assert len(pdf.Root.AF) == 1 and pdf.Root.AF[0].AFRelationship == "/Source"
    assert verify.verify_pdf(attached[0], signing).state == verify.VALID


def test_archive_verify_rechecks_signatures(app, chief, dossier, signing, test_pki):
    _upload(dossier, chief, signed_from_outside(test_pki), "chi-thi-ky-so.pdf")
    closed = operations.close(dossier, chief)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["archive", "verify"])
    assert ok.exit_code == 0 and "1 toàn vẹn, 0 có lỗi" in ok.output, ok.output
    signing["SIGNING_TRUST_ANCHORS"] = ""  # the CA is no longer trusted
    bad = runner.invoke(args=["archive", "verify"])
    assert bad.exit_code == 1, bad.output
    assert f"{closed.package_name}: có chữ ký số không còn hợp lệ" in bad.output
    assert "không thuộc tổ chức chứng thực được tin cậy" in bad.output
