"""Settle entries of the review queue (R-7): the one conditional UPDATE of a decision and its history.

The queue's own decisions (review_ops) use it, and so does the register's one flag
(register.operations.flag_update): an update the Office flags from the task page or the API
is settled as flagged in the queue at once, not left pending for a second decision (R-7.1),
nor counted again in the per-unit figures (R-7.2c). It imports no operations module, so the
register may call it without a cycle.
"""

from inspection import audit, clock
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import ReviewItem


def set_state(ids, state, reason, user_id):
    """Move pending items to `state`; return how many moved (the others were decided already)."""
    return (
        ReviewItem.update(state=state, reason=reason, decided_by=user_id, decided_at=clock.now())
        .where(ReviewItem.id.in_(list(ids)) & (ReviewItem.state == rr.PENDING))
        .execute()
    )


def history(user, item, before_state, secret):
    """Record a decision in the item's history (who, from which state to which)."""
    audit.record(user, "review", item, {"state": before_state}, {"state": item.state, "kind": item.kind}, secret=secret)


def flag_progress(user, update, secret):
    """Settle as flagged the pending queue item of a progress update flagged elsewhere (R-7.1)."""
    pending = ReviewItem.select().where((ReviewItem.progress == update.id) & (ReviewItem.state == rr.PENDING))
    for item in list(pending):
        if set_state([item.id], rr.FLAGGED, update.flag_reason, user.id) == 1:
            item.state = rr.FLAGGED
            history(user, item, rr.PENDING, secret)
