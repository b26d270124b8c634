"""Demo seed of the calendar: no overrides (the shipped corrections apply); hand the calendar on."""

from inspection.calendar.service import build_calendar


def seed(ctx):
    """Put the application calendar in ctx so later parts' demo deadlines use the same days."""
    ctx["calendar"] = build_calendar()
    return ctx
