"""The user's personal API tokens (issue 15): create, list, revoke, at /account/tokens."""

from flask import Blueprint, render_template, url_for
from flask_login import current_user

from inspection.accounts import operations, queries
from inspection.accounts.forms import TokenForm
from inspection.accounts.policy import requires
from inspection.views_util import form_action

tokens = Blueprint("tokens", __name__, url_prefix="/account/tokens")


def _page(form, status):
    return render_template("accounts/tokens.html", form=form, tokens=queries.tokens_of(current_user)), status


@tokens.route("", methods=["GET", "POST"])
@requires("account.tokens")
def list_tokens():
    form = TokenForm()
    return form_action(
        form,
        lambda: operations.create_token(current_user, form.name.data, form.expires_on.data),
        render=lambda status, conflict: _page(form, status),
        done=url_for("tokens.list_tokens"),
        # Shown once: only its SHA-256 is stored. The flash travels in the signed session
        # cookie of this user's browser and is gone with the next page.
        success=lambda made: f"Đã tạo mã truy cập “{made[0].name}”. Hãy sao chép ngay, mã chỉ hiện một lần: {made[1]}",
    )


@tokens.route("/<int:token_id>/revoke", methods=["POST"])
@requires("account.tokens")
def revoke_token(token_id):
    return form_action(
        None,
        lambda: operations.revoke_token(current_user, token_id),
        render=lambda status, conflict: _page(TokenForm(formdata=None), status),
        done=url_for("tokens.list_tokens"),
        success=lambda row: f"Đã thu hồi mã truy cập “{row.name}”.",
    )
