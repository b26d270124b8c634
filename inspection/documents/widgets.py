"""Home-page widget of the signers: "Văn bản chờ ký" (issue 14)."""

from inspection.accounts.policy import can
from inspection.dashboard import widget

from . import kinds, queries


@widget(order=11, template="documents/_queue_widget.html")
def documents_to_sign(user):
    """The drafts submitted to the Director, a Deputy or the Chief of Office for signature."""
    if not can(user, "documents.queue"):
        return None
    docs = list(queries.waiting_for(user).limit(10))
    return {"docs": docs, "count": queries.waiting_for(user).count(), "kinds": kinds}
