"""Demo records of the review queue (R-7): a few entries accepted, one flagged, two contests.

Run by `flask seed-demo` after the other parts. The first contest is made before the queue
collects, so it is review item 1 (the permission table opens /monitoring/review/1/resolve).
"""

from inspection.monitoring import review_ops
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import ReviewItem
from inspection.register.models import Task


def _lead_task(unit):
    return Task.select().where((Task.lead_unit == unit.id) & (Task.is_secret == False)).order_by(Task.id).first()  # noqa: E712


def seed(ctx):
    """Contests from Kiểm lâm and Thủy lợi, the queue collected, some entries decided."""
    users, units = ctx["users"], ctx["units"]
    kl_task, tl_task = _lead_task(units["CCKL"]), _lead_task(units["CCTL"])
    review_ops.raise_contest(
        users["canbodonvi"], kl_task, "deadline", "Văn bản giao nhiệm vụ ghi thời hạn cuối tháng, sổ ghi sớm hơn."
    )
    review_ops.collect()
    rejected = review_ops.raise_contest(
        users["canbodonvi2"], tl_task, "result", "Nhiệm vụ đã có báo cáo kết quả gửi Sở."
    )
    item = ReviewItem.get(ReviewItem.contest == rejected.id)
    review_ops.resolve_contest(
        users["chanhvanphong"], item, False, "Chưa nhận được văn bản báo cáo kết quả; đề nghị gửi kèm.", {}
    )
    _decide(users)
    return ctx


def _decide(users):
    """Flag one of Kiểm lâm's entries, leave the first eight pending to review, accept the rest."""
    entries = list(
        ReviewItem.select()
        .where((ReviewItem.kind != rr.CONTEST) & (ReviewItem.state == rr.PENDING))
        .order_by(ReviewItem.id)
    )
    kl = users["canbodonvi"].unit_id
    to_flag = next((i for i in entries if i.unit_id == kl and i.kind == rr.PROGRESS), None)
    if to_flag is not None:
        review_ops.flag(users["theodoi"], to_flag, "Tiến độ chưa nêu số liệu cụ thể (số hồ sơ đã xử lý).")
    rest = [i.id for i in entries if i is not to_flag]
    if rest[8:]:
        review_ops.accept_many(users["theodoi"], rest[8:])
