"""form_action, the one check-act-answer idiom of form views (issue 9)."""

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired

from inspection import create_app
from inspection.errors import ValidationFailed
from inspection.views_util import form_action

PAGE = """{% for c, m in get_flashed_messages(with_categories=true) %}<p class="{{ c }}">{{ m }}</p>{% endfor %}
{{ form.shown() }}{% for e in form.shown.errors %}<span class="beside">{{ e }}</span>{% endfor %}
"""


class NoteForm(FlaskForm):
    shown = StringField()
    hidden = StringField()  # a field this page never shows (as a secret task hides its content)
    version = HiddenField(validators=[InputRequired("Thiếu phiên bản; tải lại trang.")])  # not shown either


def _route(app, exc):
    """An app of its own with one test route (the suite's shared app has served requests already)."""
    own = create_app(dict(app.config))

    def view():
        form = NoteForm(meta={"csrf": False})

        def run():
            raise exc

        return form_action(
            form,
            run,
            render=lambda status, conflict: (render_template_string(PAGE, form=form, conflict=conflict), status),
            done="/",
        )

    own.add_url_rule("/_form", "note_form", view, methods=["GET", "POST"])
    return own.test_client()


def test_refusal_beside_a_field_the_page_does_not_show_stands_once_at_the_top(app):
    client = _route(app, ValidationFailed("Không lưu nội dung mật khi nối mạng.", field="hidden"))
    r = client.post("/_form", data={"hidden": "mật", "version": "1"})
    assert r.status_code == 400
    assert r.text.count("Không lưu nội dung mật khi nối mạng.") == 1
    assert '<p class="danger">Không lưu nội dung mật khi nối mạng.</p>' in r.text
    # Shown now, so not again on the next page.
    assert "Không lưu nội dung mật" not in client.get("/_form").text


def test_invalid_input_in_a_field_the_page_does_not_show_is_not_lost(app):
    client = _route(app, AssertionError("run() must not be called on invalid input"))
    r = client.post("/_form", data={"shown": "ghi chú"})
    assert r.status_code == 400
    assert r.text.count("Thiếu phiên bản; tải lại trang.") == 1
    assert '<p class="danger">Thiếu phiên bản; tải lại trang.</p>' in r.text
