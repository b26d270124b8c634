"""The PDF renderer reuses its font configuration and parsed frame stylesheet between documents
and pauses the cyclic garbage collector while it works: neither may change a document."""

import gc
import threading
from concurrent.futures import ThreadPoolExecutor

from inspection.documents import kinds, render, render_pdf
from inspection.documents.render import FRAME_LINK, gc_paused, html_string


def test_page_template_links_the_frame_stylesheet_the_pdf_renderer_replaces():
    # If page.html linked the stylesheet differently, the PDF would load frame.css twice.
    html = html_string("urging_letter", kinds.get("urging_letter").sample)
    assert html.count(FRAME_LINK) == 1


def test_a_reused_renderer_gives_the_same_bytes_as_a_fresh_one():
    ctx = kinds.get("inspection_decision").sample
    first = render_pdf("inspection_decision", ctx)
    render_pdf("periodic_report", kinds.get("periodic_report").sample)
    with render._RENDERERS_LOCK:
        render._IDLE_RENDERERS.clear()  # the next render builds a new renderer
    assert render_pdf("inspection_decision", ctx) == first


def test_concurrent_renders_from_threads_match_sequential_renders():
    names = [k.name for k in kinds.all_kinds()]
    expected = {name: render_pdf(name, kinds.get(name).sample) for name in names}
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda n: (n, render_pdf(n, kinds.get(n).sample)), names * 2))
    assert all(pdf == expected[name] for name, pdf in results)
    assert gc.isenabled()


def test_gc_pause_lasts_until_the_last_overlapping_render_ends():
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_render():
        with gc_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_render)
    worker.start()
    inside.wait(5)
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other render is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_gc_pause_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_exception_inside_the_pause_restores_the_collector():
    try:
        with gc_paused():
            raise ValueError("layout failed")
    except ValueError:
        pass
    assert gc.isenabled()
