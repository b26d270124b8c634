"""Control characters (issue 10): cleaned where input arrives and again where text is exported.

Word pastes U+000B for a soft line break; one such character in an abstract made the Excel
export fail for everyone who could see the task.
"""

import io

from openpyxl import load_workbook

from inspection.db import db
from inspection.register.models import DirectiveDocument, Task
from inspection.text import clean_text


def test_clean_text_keeps_line_breaks_and_vietnamese_and_drops_controls():
    assert clean_text("Thủy lợi\x0bđợt 2\x00\x1f\x7f\x85") == "Thủy lợi\nđợt 2"
    assert clean_text("dòng 1\r\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"
    assert clean_text("Đúng") == "Đúng" and clean_text(None) is None and clean_text(5) == 5


def test_query_and_form_values_arrive_without_control_characters(app):
    with app.test_request_context("/register/tasks?q=th%0Bu%00y", method="POST", data={"abstract": "a\x0bb\x00c"}):
        from flask import request

        assert request.args["q"] == "th\nuy"
        assert request.form["abstract"] == "a\nbc"


def test_a_task_saved_with_a_pasted_control_character_is_stored_clean(demo, app, login):
    client = app.test_client()
    login(client, "theodoi")
    task = Task.get_by_id(1)
    answer = client.post(
        f"/register/tasks/{task.id}/progress",
        data={"on_date": "27/11/2026", "text": "Đã họp\x0bđợt 1\x00", "unit": str(task.lead_unit_id)},
    )
    assert answer.status_code in (302, 400)
    stored = [u.text for u in task.updates]
    assert all("\x0b" not in t and "\x00" not in t for t in stored)


def test_the_excel_exports_survive_rows_stored_before_input_was_cleaned(demo, app, login):
    doc = DirectiveDocument.select().where(DirectiveDocument.secret_level == "").first()
    with db.atomic():  # an old row, written before the edge cleaned input
        DirectiveDocument.update(abstract="Về việc\x0bthủy lợi\x00").where(DirectiveDocument.id == doc.id).execute()
    client = app.test_client()
    login(client, "theodoi")
    answer = client.get("/register/excel/export.xlsx")
    assert answer.status_code == 200
    cells = [c for row in load_workbook(io.BytesIO(answer.data)).active.iter_rows(values_only=True) for c in row]
    assert any(isinstance(c, str) and "Về việc\nthủy lợi" in c for c in cells)
    login(client, "chanhvanphong")
    assert client.get("/documents/register.xlsx").status_code == 200
