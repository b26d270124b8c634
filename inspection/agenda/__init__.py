"""Lịch công tác (issue 13, R-20): the coming statutory and data dates, and a personal iCalendar feed.

docs/agenda.md says which dates come from where and why secret tasks stay out of the feed.
"""

from inspection.accounts.policy import rule


@rule("agenda.view")
def _view(user, target):
    """Everyone signed in has a calendar of his own dates; what it holds follows his other rights."""
    return True


def init_app(app):
    from inspection.agenda.views import bp

    app.register_blueprint(bp)
