"""Demo items (R-19.2, R-10.1c): Chi cục Kiểm lâm asks for more time (waiting for the Board),
Chi cục Thủy lợi disagrees about a task it cooperates on (ruled), and a difficulty the Director
sent on to the Province. None of them moves a task, so the demo's figures stay as they are."""

import datetime

from inspection.difficulties import operations, rules
from inspection.register.models import Task, TaskUnit


def _open_tasks(unit):
    return (
        Task.select()
        .where(
            (Task.lead_unit == unit.id)
            & (Task.is_secret == False)  # noqa: E712
            & (Task.is_completed == False)  # noqa: E712
            & Task.returned_on.is_null()
            & Task.deadline.is_null(False)
        )
        .order_by(Task.id)
    )


def _data(kind, proposal, cause, text="", **extra):
    return dict(kind=kind, proposal=proposal, cause=cause, text=text, **extra)


def seed(ctx):
    """Add three items; the first one (id 1) waits for a decision."""
    users, units = ctx["users"], ctx["units"]
    kl, tl = units["CCKL"], units["CCTL"]
    tasks = list(_open_tasks(kl).limit(20))
    shared = next(
        (t for t in tasks if TaskUnit.select().where((TaskUnit.task == t.id) & (TaskUnit.unit == tl.id)).exists()),
        None,
    )
    first, other = [t for t in tasks if t is not shared][:2]
    operations.raise_item(
        users["canbodonvi"],
        first,
        kl,
        _data(
            rules.DIFFICULTY,
            rules.EXTEND,
            "Chưa nhận đủ số liệu hiện trạng rừng của các huyện; mùa mưa bão làm chậm việc kiểm tra thực địa.",
            "Đề nghị gia hạn thêm 30 ngày để hoàn thiện báo cáo.",
            proposed_deadline=first.deadline + datetime.timedelta(days=30),
        ),
    )
    asked = operations.raise_item(
        users["truongdonvi"],
        other,
        kl,
        _data(
            rules.DIFFICULTY,
            rules.ASK_PROVINCE,
            "Nội dung nhiệm vụ vượt thẩm quyền của Sở, cần ý kiến của các sở, ngành liên quan.",
            "Đề nghị Sở báo cáo UBND tỉnh xin ý kiến chỉ đạo.",
        ),
    )
    operations.decide(users["giamdoc"], asked, rules.APPROVED, reason="Văn phòng Sở dự thảo văn bản báo cáo UBND tỉnh.")
    if shared is not None:
        ruling = operations.raise_item(
            users["canbodonvi2"],
            shared,
            tl,
            _data(
                rules.DISAGREEMENT,
                rules.RULING,
                "Chi cục Thủy lợi đề nghị chỉ phối hợp cung cấp số liệu công trình, không chủ trì phần khảo sát.",
            ),
        )
        operations.decide(
            users["phogiamdoc"], ruling, rules.REJECTED, reason="Giữ nguyên phân công; hai đơn vị phối hợp khảo sát."
        )
    return ctx
