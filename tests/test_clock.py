"""One clock (inspection.clock): every part dates its records from the same reference date."""

import datetime

from inspection import clock
from inspection.documents import kinds, operations
from inspection.register import operations as register_ops

REFERENCE = datetime.date(2026, 4, 15)


def test_clock_follows_the_configured_reference_date(app):
    app.config["TODAY"] = REFERENCE.isoformat()
    assert clock.today() == REFERENCE
    assert clock.now().date() == REFERENCE  # a timestamp never falls on another day than its date
    assert register_ops.today() == REFERENCE
    app.config["TODAY"] = None
    assert clock.today() == datetime.date.today()


def test_document_issued_without_a_date_is_dated_by_the_reference_date(app, make_user):
    """The documents page issued on the real date while a case issued on TODAY (issue 9)."""
    app.config["TODAY"] = REFERENCE.isoformat()
    chief = make_user(roles=["chief_of_office"], clearance=True)
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    doc = operations.issue(doc, chief)
    assert doc.issued_on == REFERENCE
    assert doc.issued_at.date() == REFERENCE
    assert doc.created_at.date() == REFERENCE
