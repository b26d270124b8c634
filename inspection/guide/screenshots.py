"""The browser walk that photographs the interface for the guide (Playwright, Debian's Chromium).

Used by `make guide` (scripts/build_guide.py, into docs/guide/images) and by the browser test
tests/e2e/test_guide_screenshots.py (into a temporary folder), so the pictures the guide shows
are the ones the test proves can still be taken.
"""

from pathlib import Path

from inspection.guide.chapters import SHOTS

VIEWPORT = {"width": 1280, "height": 800}


def _context(browser, base_url, username, password):
    context = browser.new_context(base_url=base_url, locale="vi-VN", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    page = context.new_page()
    if username:
        page.goto("/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) [type=submit]").first.click()
        if page.url.split("?")[0].endswith("/login"):
            raise RuntimeError(f"log-in as {username} failed")
    return context, page


def take(browser, base_url, out_dir, password, shots=SHOTS) -> list[Path]:
    """Photograph every shot into `out_dir`; fail on a page that does not answer 200."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages, written = {}, []
    try:
        for shot in shots:
            if shot.username not in pages:
                pages[shot.username] = _context(browser, base_url, shot.username, password)
            page = pages[shot.username][1]
            response = page.goto(shot.path)
            if shot.follow and response is not None and response.status == 200:
                with page.expect_navigation() as navigation:
                    page.locator(shot.follow).first.click()
                response = navigation.value
            if response is None or response.status != 200:
                where = f"{shot.path} → {shot.follow}" if shot.follow else shot.path
                raise RuntimeError(f"{where} as {shot.username}: {response.status if response else 'no answer'}")
            target = out_dir / shot.image
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
    finally:
        for context, _page in pages.values():
            context.close()
    return written
