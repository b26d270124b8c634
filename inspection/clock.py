"""The one clock of the application: every business date and time asks it.

Demos and tests set a reference date (config TODAY, environment INSPECTION_TODAY); then
`today()` is that date everywhere, and `now()` is that date at the real time of day, so a
document issued from a case and one issued from the documents page carry the same date
and a timestamp never falls on another day than the date written beside it.

Only what must follow the real moment keeps datetime.now(): the audit trail, login
lockout and background job bookkeeping.
"""

import datetime
from contextlib import contextmanager


def today() -> datetime.date:
    """Return the reference date: the configured TODAY (demos, tests), else the real date."""
    configured = _configured()
    return datetime.date.fromisoformat(configured) if configured else datetime.date.today()


def now() -> datetime.datetime:
    """Return the current moment, moved onto the reference date when one is configured."""
    moment = datetime.datetime.now()
    configured = _configured()
    if not configured:
        return moment
    return datetime.datetime.combine(datetime.date.fromisoformat(configured), moment.time())


@contextmanager
def at(day: datetime.date):
    """Run a block with `day` as the reference date (demos replaying a past story; tests).

    A document's issue date is the day it is issued, so a demo that tells a story over months
    issues each document on its own day rather than passing a free date.
    """
    from flask import current_app

    before = current_app.config.get("TODAY")
    current_app.config["TODAY"] = day.isoformat()
    try:
        yield day
    finally:
        current_app.config["TODAY"] = before


def _configured():
    from flask import current_app, has_app_context

    return current_app.config.get("TODAY") if has_app_context() else None
