"""Home-page widget: task counts by status, counted by the database (R-5.1e)."""

from inspection.accounts.policy import can
from inspection.dashboard import widget
from inspection.register import operations, queries, rules
from inspection.register.rules import Status


@widget(order=20, template="register/_widget.html")
def register_counts(user):
    """Counts of the user's visible ordinary tasks; secret ones only for cleared users, apart (R-5.2)."""
    if not can(user, "register.view"):
        return None
    today = operations.today()
    counts = queries.status_counts(user, today)
    secret = None
    if can(user, "register.secret.view"):
        secret_counts = queries.status_counts(user, today, secret=True)
        secret = sum(n for st, n in secret_counts.items() if st.is_open)
    return {
        "counts": [(st, counts.get(st, 0)) for st in Status],
        "figures": rules.four_figures(counts),
        "figure_labels": dict(rules.FIGURES),
        "total": sum(counts.values()),
        "secret_open": secret,
        "mine": not user.is_office,
    }
