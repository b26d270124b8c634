"""Facts the R-6.3b rule needs about many tasks at once, for the register's pages and for the
parts built on the register (monitoring figures, the review queue, inspection findings).

A module of its own so those parts can read it without importing the register's page queries
(which themselves link to the monitoring part's drill-down and urgings).
"""


def result_entry_facts(task_ids):
    """{task id: (update entry days, periods)} for R-6.3b over many tasks, in two queries."""
    from inspection.register.models import ProgressUpdate, TaskPeriod

    ids = list(task_ids)
    facts = {i: ([], []) for i in ids}
    if not ids:
        return facts
    for update in ProgressUpdate.select(ProgressUpdate.task, ProgressUpdate.created_at).where(
        ProgressUpdate.task.in_(ids)
    ):
        facts[update.task_id][0].append(update.created_at.date())
    for period in TaskPeriod.select().where(TaskPeriod.task.in_(ids)).order_by(TaskPeriod.deadline):
        facts[period.task_id][1].append(period)
    return facts
