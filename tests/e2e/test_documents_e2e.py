"""Browser: the Chief of Office previews a kind and downloads the Word and PDF files."""

from tests.readback import docx_text, pdf_pages


def test_preview_kind_and_download_both_files(page, login_as, tmp_path):
    login_as(page, "chanhvanphong")
    page.goto("/documents/templates")
    page.locator('#kinds a[href$="/inspection_decision"]').click()
    preview = page.frame_locator("#preview")
    assert "QUYẾT ĐỊNH" in preview.locator("body").inner_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview.locator("body").inner_text()
    with page.expect_download() as info:
        page.click("#sample-docx")
    path = tmp_path / "mau.docx"
    info.value.save_as(path)
    assert "QUYẾT ĐỊNH:" in docx_text(path)
    with page.expect_download() as info:
        page.click("#sample-pdf")
    path = tmp_path / "mau.pdf"
    info.value.save_as(path)
    assert "QUYẾT ĐỊNH" in pdf_pages(path)[0]


def test_register_lists_demo_documents(page, login_as):
    login_as(page, "theodoi")
    page.goto("/documents/register?year=2026")
    rows = page.locator("#register tbody tr")
    assert rows.count() >= 2
    assert "01/KH-SNN" in page.locator("#register").inner_text()
