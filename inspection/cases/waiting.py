"""What the cases part puts on a unit's list of things waiting for it (issue 14): the
recommendations of a notice of conclusions still to carry out (R-16.3c)."""

from inspection.cases.models import InspectionCase, Recommendation
from inspection.monitoring.queries import UNIT_LIST_LIMIT, Waiting, url_if, waiting_section
from inspection.register.models import Task


@waiting_section(25, "recommendations", "Kiến nghị sau kiểm tra cần thực hiện (điểm c khoản 3 Điều 16)")
def _recommendations(unit, today):
    query = (
        Recommendation.select(Recommendation, InspectionCase, Task)
        .join(InspectionCase)
        .switch(Recommendation)
        .join(Task)
        .where(
            (Recommendation.unit == unit.id)
            & InspectionCase.notice_doc.is_null(False)
            & (Task.is_completed == False)  # noqa: E712
            & (Task.is_secret == False)  # noqa: E712 - R-5.2
        )
        .order_by(Recommendation.deadline, Recommendation.id)
        .limit(UNIT_LIST_LIMIT)
    )
    return [
        Waiting(
            f"{r.content[:120]} ({r.case.title[:80]})",
            url_if("register.show_task", task_id=r.task_id),
            r.deadline,
            r.deadline < today,
        )
        for r in query
    ]
