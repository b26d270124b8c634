"""Page data of urging (R-9, R-10): the suggested list, the urgings made, a task's urgings.

Kept apart from queries.py (the dashboards); it registers the unit dashboard's section of
urgings not yet answered through `queries.waiting_section`. Secret tasks never appear (R-5.2).
"""

from peewee import JOIN, fn

from inspection.accounts.models import Unit
from inspection.documents.models import OutgoingDocument
from inspection.monitoring import rules
from inspection.monitoring.models import Urging
from inspection.monitoring.queries import Waiting, url_if, waiting_section
from inspection.register.models import DirectiveDocument, Task
from inspection.register.rules import due_soon_limit

RECENT_LIMIT = 50


def suggested(today, calendar, due_soon_days):
    """Open ordinary tasks overdue or due soon, grouped by lead unit: [(unit, [task])] (R-10)."""
    limit = due_soon_limit(today, calendar, due_soon_days)
    query = (
        Task.select(Task, DirectiveDocument, Unit)
        .join(DirectiveDocument)
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(
            (Task.is_secret == False)  # noqa: E712 - R-5.2
            & (Task.is_completed == False)  # noqa: E712
            & Task.returned_on.is_null()
            & Task.deadline.is_null(False)
            & (Task.deadline <= limit)
        )
        .order_by(Unit.sort_order, Unit.name, Task.deadline, Task.id)
    )
    tasks = [t for t in query if rules.urgeable(t, today, calendar, due_soon_days)]
    units = {t.lead_unit_id: t.lead_unit for t in tasks}
    return [(units[uid], group) for uid, group in rules.group_by_lead_unit(tasks).items()]


def last_urged(task_ids) -> dict:
    """{task id: the date of its last urging}."""
    if not task_ids:
        return {}
    query = (
        Urging.select(Urging.task, fn.MAX(Urging.urged_on).alias("last"))
        .where(Urging.task.in_(task_ids))
        .group_by(Urging.task)
    )
    return {row.task_id: row.last for row in query}


def _rows():
    return (
        Urging.select(Urging, Task, Unit, OutgoingDocument)
        .join(Task)
        .switch(Urging)
        .join(Unit, on=(Urging.to_unit == Unit.id))
        .switch(Urging)
        .join(OutgoingDocument, join_type=JOIN.LEFT_OUTER, on=(Urging.letter == OutgoingDocument.id))
        .where(Task.is_secret == False)  # noqa: E712 - R-5.2
    )


def urging_page(today, calendar, due_soon_days):
    """The Office's urging page: the suggested list by unit and the latest urgings."""
    groups = suggested(today, calendar, due_soon_days)
    last = last_urged([t.id for _, tasks in groups for t in tasks])
    recent = list(_rows().order_by(Urging.urged_on.desc(), Urging.id.desc()).limit(RECENT_LIMIT))
    return dict(groups=groups, last=last, recent=recent, today=today, channels=rules.URGING_CHANNELS)


def task_urgings(task):
    """The urgings of one task, newest first (its page; none for a secret task, R-5.2)."""
    return list(_rows().where(Urging.task == task.id).order_by(Urging.urged_on.desc(), Urging.id.desc()))


@waiting_section(40, "urgings_received", "Văn bản đôn đốc nhận được")
def _received(unit, today):
    query = _rows().where((Urging.to_unit == unit.id) & Urging.answered_on.is_null()).order_by(Urging.urged_on)
    return [
        Waiting(
            f"{rules.URGING_CHANNELS.get(u.channel, u.channel)} ngày {u.urged_on:%d/%m/%Y}: {u.task.summary[:120]}",
            url_if("monitoring.answer_urging", urging_id=u.id),
        )
        for u in query
    ]


def cooperating_units(task):
    """The units taking part in a task besides its lead unit (R-10.2)."""
    from inspection.register.models import TaskUnit

    return list(
        Unit.select().join(TaskUnit, on=(TaskUnit.unit == Unit.id)).where(TaskUnit.task == task.id).order_by(Unit.name)
    )
