"""Reminders and notifications (issue 12): the inbox and its bell, e-mail, `flask remind`.

Other parts send a message with `operations.notify(recipients, kind, subject_ref, text, link)`;
docs/notifications.md describes the schedule, who is reminded and the outbox.
"""

from peewee import DatabaseError

from inspection.accounts import roles
from inspection.accounts.policy import rule


@rule("notifications.inbox")
def _inbox(user, target):
    """Everyone signed in has an inbox; a message is opened only by its recipient (queries)."""
    return True


@rule("notifications.schedule")
def _schedule(user, target):
    """The Office sets the reminder schedule."""
    return user.has_role(roles.CHIEF, roles.TRACKER)


def init_app(app):
    from inspection.notifications.cli import remind_command
    from inspection.notifications.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(remind_command)

    @app.context_processor
    def _bell():
        return {"notification_count": _unread}


def _unread():
    """The bell's count for the signed-in user; None (no number) if the database cannot say."""
    from flask import current_app
    from flask_login import current_user

    from inspection.notifications.queries import unread_count

    if not current_user.is_authenticated:
        return None
    try:
        return unread_count(current_user)
    except DatabaseError:
        current_app.logger.exception("notification count unavailable")
        return None
