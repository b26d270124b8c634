"""Logging in and out, own password, and the administrator's users, units and profile."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from inspection import settings
from inspection.accounts import operations, queries
from inspection.accounts.forms import ChangePasswordForm, LoginForm, OrgProfileForm, UnitForm, UserForm
from inspection.accounts.models import Unit, User
from inspection.accounts.policy import can, requires
from inspection.text import parse_id
from inspection.views_util import form_action, get_or_404
from inspection.web_security import limiter, login_rate_limit, login_rate_limit_off

auth = Blueprint("auth", __name__)
admin = Blueprint("admin", __name__, url_prefix="/admin")


def _safe_next(target):
    """Only local paths: never redirect a login to another site."""
    if not target:
        return url_for("main.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("main.home")
    return target


@auth.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"], exempt_when=login_rate_limit_off)  # per address
def login():
    form = LoginForm()

    def run():
        cfg = current_app.config
        user = operations.authenticate(
            form.username.data,
            form.password.data,
            request.remote_addr,
            cfg["LOGIN_MAX_FAILURES"],
            cfg["LOGIN_LOCK_MINUTES"],
        )
        login_user(user)

    return form_action(
        form,
        run,
        render=lambda status, conflict: (render_template("accounts/login.html", form=form), status),
        done=lambda _: _safe_next(request.args.get("next")),
    )


@auth.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


@auth.route("/account/password", methods=["GET", "POST"])
@requires("account.change_password")
def change_password():
    form = ChangePasswordForm()
    return form_action(
        form,
        lambda: operations.set_password(current_user, current_user, form.new_password.data, form.current_password.data),
        render=lambda status, conflict: (render_template("accounts/change_password.html", form=form), status),
        done=url_for("main.home"),
        success="Đã đổi mật khẩu.",
    )


@admin.route("/users")
@requires("admin.users")
def list_users():
    q = request.args.get("q", "").strip()[:100]  # a search box, not a document: longer is no name
    page = queries.users_page(q, request.args.get("page", 1, type=parse_id))
    return render_template("admin/users.html", page=page, q=q)


@admin.route("/users/new", methods=["GET", "POST"], endpoint="create_user")
@admin.route("/users/<int:user_id>", methods=["GET", "POST"], endpoint="edit_user")
@requires("admin.users")
def user_form(user_id=None):
    user = get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    form.unit.choices = queries.unit_choices("— Chưa gán đơn vị —")
    if request.method == "GET" and user:
        form.unit.data = user.unit_id or 0
        form.roles.data = list(user.role_set)

    def run():
        fields = dict(
            full_name=form.full_name.data,
            title=form.title.data or "",
            gender=form.gender.data,
            email=form.email.data or "",
            unit=form.unit.data or None,
            clearance=form.clearance.data,
            active=form.active.data,
        )
        if user is None:
            return operations.create_user(
                current_user,
                username=form.username.data,
                password=form.password.data or "",
                roles=form.roles.data,
                **fields,
            )
        operations.update_user(current_user, user, roles=form.roles.data, **fields)
        if form.password.data:
            operations.set_password(current_user, user, form.password.data)
        return user

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("admin/user_form.html", form=form, user=user, history=queries.history(user, current_user)),
            status,
        ),
        done=lambda saved: url_for("admin.edit_user", user_id=saved.id),
        success="Đã lưu tài khoản.",
    )


@admin.route("/units")
@requires("admin.units")
def list_units():
    return render_template("admin/units.html", units=queries.all_units())


@admin.route("/units/new", methods=["GET", "POST"], endpoint="create_unit")
@admin.route("/units/<int:unit_id>", methods=["GET", "POST"], endpoint="edit_unit")
@requires("admin.units")
def unit_form(unit_id=None):
    unit = get_or_404(Unit, unit_id) if unit_id else None
    form = UnitForm(obj=unit)
    form.parent.choices = queries.unit_choices("— Không có (đơn vị cấp Sở) —")
    if request.method == "GET" and unit:
        form.parent.data = unit.parent_id or 0

    def run():
        return operations.save_unit(
            current_user,
            unit,
            name=form.name.data,
            abbreviation=form.abbreviation.data or "",
            aliases=form.aliases.data or "",
            kind=form.kind.data,
            parent=Unit.get_or_none(Unit.id == form.parent.data) if form.parent.data else None,
            sort_order=form.sort_order.data or 0,
            active=form.active.data,
        )

    return form_action(
        form,
        run,
        render=lambda status, conflict: (
            render_template("admin/unit_form.html", form=form, unit=unit, history=queries.history(unit, current_user)),
            status,
        ),
        done=lambda saved: url_for("admin.edit_unit", unit_id=saved.id),
        success="Đã lưu đơn vị.",
    )


_PROFILE_KEYS = ("parent_agency", "agency_name", "agency_abbr", "place_name", "director_name", "office_chief_name")


@admin.route("/org", methods=["GET", "POST"])
@requires("admin.settings")
def edit_org_profile():
    form = OrgProfileForm()
    if request.method == "GET":
        values = settings.get_many("org.")
        for key in _PROFILE_KEYS:
            getattr(form, key).data = values[f"org.{key}"]
        form.deputy_names.data = "\n".join(values["org.deputy_names"])
        form.offline.data = settings.get("installation.offline")

    def run():
        values = {f"org.{key}": getattr(form, key).data.strip() for key in _PROFILE_KEYS}
        values["org.deputy_names"] = [n.strip() for n in form.deputy_names.data.splitlines() if n.strip()]
        values["installation.offline"] = form.offline.data
        return operations.save_org_profile(current_user, values)

    return form_action(
        form,
        run,
        render=lambda status, conflict: (render_template("admin/org_profile.html", form=form), status),
        done=url_for("admin.edit_org_profile"),
        success="Đã lưu thông tin cơ quan. Văn bản đã ban hành giữ nguyên thông tin lúc ban hành.",
    )


@admin.route("/audit")
@requires("audit.view")
def list_audit_entries():
    table = request.args.get("table", "").strip()
    page = queries.audit_page(current_user, table, request.args.get("page", 1, type=parse_id))
    return render_template("admin/audit.html", page=page, table=table, can_verify=can(current_user, "audit.verify"))
