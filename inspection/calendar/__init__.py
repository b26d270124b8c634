"""Working-day calendar administration: overrides page, `flask workdays` commands, policy."""

from inspection.accounts import roles
from inspection.accounts.policy import rule


@rule("calendar.manage")
def _manage(user, target):
    return user.has_role(roles.ADMIN)


def init_app(app):
    from inspection.calendar.cli import workdays_cli
    from inspection.calendar.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(workdays_cli)
