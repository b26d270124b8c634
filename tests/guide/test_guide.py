"""Hướng dẫn sử dụng (R-22): a chapter per role, every picture present, the pages and the PDF open."""

import io
import re

import pytest
from pypdf import PdfReader

from inspection.accounts import roles
from inspection.guide import chapters, render

IMAGE_REF = re.compile(r"!\[[^\]]*\]\(images/([^)]+)\)")


def _referenced():
    return {c.slug: IMAGE_REF.findall(chapters.source(c.slug)) for c in chapters.CHAPTERS}


def test_r22_every_role_has_its_chapter():
    assert set(chapters.ROLE_CHAPTER) == set(roles.ALL)
    for slug in {*chapters.ROLE_CHAPTER.values(), "gioi-thieu"}:
        chapter = chapters.chapter(slug)
        assert chapter is not None
        assert chapters.source(slug).startswith(f"# {chapter.title}\n")


def test_r22_every_picture_a_chapter_shows_exists_and_the_walk_takes_it():
    shot_names = {s.image for s in chapters.SHOTS}
    used = set()
    for slug, names in _referenced().items():
        for name in names:
            assert chapters.image_path(name) is not None, f"{slug}.md shows missing images/{name}"
            assert name in shot_names, f"images/{name} is not retaken by the browser walk"
            used.add(name)
    assert used == shot_names  # no picture taken for nothing


def test_raw_html_and_odd_links_in_the_markdown_stay_inert():
    text = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](../../etc/passwd) ![z](file:///etc/passwd)"
    out = render.html(text, lambda n: f"/guide/images/{n}", lambda s: f"/guide/{s}")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'href="javascript' not in out
    assert 'src="/guide' not in out and 'src="file' not in out and 'src="../' not in out


def test_the_pdf_fetcher_reads_no_file_outside_the_templates():
    fetcher = render._guide_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


@pytest.fixture
def anonymous(app):
    return app.test_client()


def test_r22_the_guide_opens_without_logging_in(anonymous):
    index = anonymous.get("/guide/")
    assert index.status_code == 200 and "Giới thiệu chung" in index.get_data(as_text=True)
    for chapter in chapters.CHAPTERS:
        page = anonymous.get(f"/guide/{chapter.slug}").get_data(as_text=True)
        assert f"<h1>{chapter.title}</h1>" in page
        for name in IMAGE_REF.findall(chapters.source(chapter.slug)):
            assert f'src="/guide/images/{name}"' in page
            image = anonymous.get(f"/guide/images/{name}")
            assert image.status_code == 200 and image.data.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url", ["/guide/khong-co", "/guide/images/..%2F..%2Fapp.py", "/guide/images/x.svg", "/guide/A"]
)
def test_unknown_chapters_and_pictures_are_404(anonymous, url):
    assert anonymous.get(url).status_code == 404


def test_r22_the_printable_pdf_holds_every_chapter_and_its_pictures(anonymous):
    answer = anonymous.get("/guide/huong-dan-su-dung.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for chapter in chapters.CHAPTERS:
        assert chapter.title in text
    pictures = {image.name for page in reader.pages for image in page.images}
    assert len(pictures) == sum(len(v) for v in _referenced().values())


def test_r22_the_guide_link_is_on_every_page(app, demo, login):
    client = app.test_client()
    assert 'id="guide-link"' in client.get("/login").get_data(as_text=True)
    login(client, "canbodonvi")
    for url in ("/", "/agenda", "/register/tasks", "/khong-ton-tai"):
        assert 'id="guide-link" href="/guide/"' in client.get(url).get_data(as_text=True)
