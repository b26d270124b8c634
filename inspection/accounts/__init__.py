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
    from inspection.accounts.tokens import is_api_request

    if is_api_request():  # issue 15: the API never accepts the session cookie, only tokens
        return None
    return User.get_or_none((User.id == int(user_id)) & (User.active == True))  # noqa: E712


@login_manager.request_loader
def _load_token_user(request):
    from inspection.accounts.tokens import user_from_request

    return user_from_request(request)


def init_app(app):
    from inspection.accounts import sessions
    from inspection.accounts.token_views import tokens
    from inspection.accounts.tokens import forget_cached_user
    from inspection.accounts.views import admin, auth

    login_manager.init_app(app)
    app.before_request_funcs.setdefault(None, []).insert(0, forget_cached_user)  # issue 15, first hook
    sessions.init_app(app)
    app.register_blueprint(auth)
    app.register_blueprint(admin)
    app.register_blueprint(tokens)
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
