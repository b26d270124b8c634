"""The audit chain's page: the last verification, and a button to run one (R-7, R-21)."""

from flask import Blueprint, render_template, url_for
from flask_login import current_user

from inspection import audit_chain
from inspection.accounts import roles
from inspection.accounts.policy import requires, rule
from inspection.views_util import form_action

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


@rule("audit.verify")
def _verify(user, target):
    # The administrator keeps the system, the archivist answers for the records' integrity.
    return user.has_role(roles.ADMIN, roles.ARCHIVIST)


@bp.route("/verify", methods=["GET", "POST"])
@requires("audit.verify")
def verify_chain():
    return form_action(
        None,
        lambda: audit_chain.run_verification(current_user.username),
        render=lambda status, conflict: (
            render_template("admin/audit_verify.html", last=audit_chain.last_verification()),
            status,
        ),
        done=url_for("audit.verify_chain"),
        success="Đã kiểm tra lại chuỗi nhật ký.",
    )


def init_app(app):
    """The chain's command line (`flask --app app audit verify`) and verification page."""
    app.cli.add_command(audit_chain.audit_cli)
    app.register_blueprint(bp)
