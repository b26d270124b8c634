"""Demo data: an issued inspection plan, an issued urging letter and one draft decision."""

import datetime

from inspection import clock

from . import kinds, operations


def seed(ctx):
    """Issue a couple of documents with the demo accounts; put them in ctx['documents']."""
    users = ctx.get("users", {})
    chief = users.get("chanhvanphong")
    docs = {}
    plan = operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief, subject=None)
    with clock.at(datetime.date(2026, 1, 5)):  # a document is issued on its own day
        docs["plan"] = operations.issue(plan, chief)
    letter = operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief)
    with clock.at(datetime.date(2026, 1, 12)):
        docs["urging"] = operations.issue(letter, chief)
    docs["draft_decision"] = operations.create_draft(
        "inspection_decision", kinds.get("inspection_decision").sample, chief
    )
    ctx["documents"] = docs
    return ctx
