"""Demo rows of the API (issue 15): personal tokens as an office would hold them, and a
result's document pushed by the document system.

The tokens' values are random and never shown: a demo user creates his own token to try the API.
"""

import io


def seed(ctx):
    from inspection.accounts import operations
    from inspection.accounts.models import User

    tracker = User.get_or_none(User.username == "theodoi")
    officer = User.get_or_none(User.username == "canbodonvi")
    if tracker is not None:
        operations.create_token(tracker, "Kết nối eOffice của Văn phòng Sở")
    if officer is not None:
        row, _ = operations.create_token(officer, "Tập lệnh báo cáo tuần (đã thôi dùng)")
        operations.revoke_token(officer, row.id)

    _result_file(tracker)  # g6-api


def _result_file(tracker):
    """The document system sends the PDF of a result already entered: the same completion, its file."""
    from pypdf import PdfWriter

    from inspection.register import operations
    from inspection.register.models import Task
    from inspection.uploads import store_bytes

    task = (
        Task.select()
        .where(
            (Task.is_completed == True)  # noqa: E712
            & (Task.is_secret == False)  # noqa: E712
            & (Task.recurrence == "")
            & (Task.result_doc_number != "")
        )
        .order_by(Task.id.desc())
        .first()
    )
    if tracker is None or task is None:
        return
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    operations.complete_task(
        tracker,
        task,
        task.completed_on,
        task.result_text,
        task.result_doc_number,
        task.result_doc_date,
        task.version,
        on=task.result_entered_on,
        attachment=lambda: store_bytes(out.getvalue(), f"Báo cáo {task.result_doc_number}.pdf", user=tracker),
    )
