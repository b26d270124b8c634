"""Accounts: units, users, log-in, and the permission policy."""

import click
from flask_login import LoginManager

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
login_manager.login_message_category = "warning"


@login_manager.user_loader
def _load_user(user_id):
    from inspection.accounts.models import User

    return User.get_or_none((User.id == int(user_id)) & (User.active == True))  # noqa: E712


def init_app(app):
    from inspection.accounts import sessions
    from inspection.accounts.views import admin, auth

    login_manager.init_app(app)
    sessions.init_app(app)
    app.register_blueprint(auth)
    app.register_blueprint(admin)
    app.cli.add_command(create_user_command)


@click.command("create-user")
@click.option("--username", prompt="Tên đăng nhập")
@click.option("--full-name", prompt="Họ và tên")
@click.option("--password", prompt="Mật khẩu", hide_input=True, confirmation_prompt=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    default=["admin"],
    show_default=True,
    help="Vai trò (lặp lại để gán nhiều vai trò).",
)
def create_user_command(username, full_name, password, roles):
    """Tạo tài khoản (mặc định: quản trị viên đầu tiên)."""
    from inspection.accounts import operations
    from inspection.db import db
    from inspection.errors import DomainError

    with db.connection_context():
        try:
            user = operations.create_user(None, username=username, full_name=full_name, password=password, roles=roles)
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc
    click.echo(f"Đã tạo tài khoản {user.username}.")
