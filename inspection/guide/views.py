"""Hướng dẫn sử dụng: the guide's chapters, its pictures and its PDF; open to everyone, even before log-in."""

from flask import Blueprint, abort, render_template, send_file, url_for
from markupsafe import Markup

from inspection.guide import chapters, render
from inspection.views_util import send_bytes

bp = Blueprint("guide", __name__, url_prefix="/guide")


def _page(slug):
    text = chapters.source(slug)
    body = render.html(text, lambda name: url_for("guide.show_image", name=name), _chapter_url)
    return render_template(
        "guide/chapter.html", body=Markup(body), chapters=chapters.CHAPTERS, current=chapters.chapter(slug)
    )


def _chapter_url(slug):
    return url_for("guide.show_chapter", slug=slug)


@bp.route("/")
def index():
    return _page(chapters.CHAPTERS[0].slug)


@bp.route("/<slug>")
def show_chapter(slug):
    if not chapters.SLUG.fullmatch(slug) or chapters.chapter(slug) is None:
        abort(404)
    return _page(slug)


@bp.route("/images/<name>")
def show_image(name):
    path = chapters.image_path(name)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=3600)


@bp.route("/huong-dan-su-dung.pdf")
def download_pdf():
    return send_bytes(render.pdf(), "Hướng dẫn sử dụng.pdf", "application/pdf", inline=True)
