"""Home-page widget: the way to the dashboards, and for a unit how many things wait for it."""

from inspection.accounts.policy import can
from inspection.dashboard import widget
from inspection.monitoring import queries
from inspection.register import operations


@widget(order=15, template="monitoring/_widget.html")
def monitoring_link(user):
    """The Office and leadership get the Department's dashboard; a unit its own, with its waiting count."""
    if not can(user, "monitoring.view"):
        return None
    if can(user, "monitoring.dashboard"):
        return {"office": True}
    waiting = [(key, title, items) for key, title, items in queries.waiting_for(user.unit, operations.today()) if items]
    return {
        "office": False,
        "unit_id": user.unit_id,
        "waiting": sum(len(items) for _, _, items in waiting),
        "sections": waiting,  # issue 14: the unit's home lists what waits for it, not only a count
    }
