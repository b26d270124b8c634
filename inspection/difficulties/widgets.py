"""Home-page widget: how many items wait for a decision, for the Office and the Board (R-8.4).

Secret items are counted apart and only for people with clearance (R-5.2)."""

from inspection.accounts.policy import can
from inspection.dashboard import widget
from inspection.difficulties import queries


@widget(order=16, template="difficulties/_widget.html")
def pending_items(user):
    """The number of ordinary items waiting; the secret ones apart, for cleared users."""
    if not can(user, "difficulty.queue"):
        return None
    secret = queries.pending_count(secret=True) if user.clearance else None
    return {"pending": queries.pending_count(), "secret": secret, "decides": can(user, "difficulty.decide")}
