"""Demo data: an issued inspection plan, an issued urging letter, one draft decision, and a
letter waiting in the Director's queue "Văn bản chờ ký" (issue 14)."""

import datetime

from inspection import clock

from . import kinds, operations, signers, submission


def seed(ctx):
    """Issue a couple of documents with the demo accounts; put them in ctx['documents']."""
    users = ctx.get("users", {})
    chief = users.get("chanhvanphong")
    docs = {}
    plan = operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief, subject=None)
    deputy = users.get("phogiamdoc") or chief  # g3-signers: signed for the Director by the Deputy
    with clock.at(datetime.date(2026, 1, 5)):  # a document is issued on its own day
        docs["plan"] = operations.issue(plan, deputy)
    letter = operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief)
    with clock.at(datetime.date(2026, 1, 12)):
        docs["urging"] = operations.issue(letter, chief)
    docs["draft_decision"] = operations.create_draft(
        "inspection_decision", kinds.get("inspection_decision").sample, chief
    )
    director = users.get("giamdoc")
    if director is not None:  # c1-sign: the Chief submitted an urging letter; the Director has to sign it
        letter = operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief)
        docs["waiting"] = submission.submit(letter, chief, signers.signer_block(signers.DIRECTOR), director)
    ctx["documents"] = docs
    return ctx
