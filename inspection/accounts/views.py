"""Logging in and out, own password, and the administrator's users, units and profile."""

import datetime
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from peewee import JOIN

from inspection import audit, settings
from inspection.accounts import operations
from inspection.accounts.forms import ChangePasswordForm, LoginForm, OrgProfileForm, UnitForm, UserForm
from inspection.accounts.models import Unit, User
from inspection.accounts.policy import can, requires
from inspection.errors import DomainError
from inspection.pagination import paginate
from inspection.views_util import get_or_404

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
def login():
    form = LoginForm()
    if form.validate_on_submit():
        cfg = current_app.config
        try:
            user = operations.authenticate(
                form.username.data, form.password.data, cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCK_MINUTES"]
            )
        except DomainError as exc:
            flash(
                _unknown_account_message(form.username.data, cfg)
                if exc.message == operations.UNKNOWN_ACCOUNT
                else exc.message,
                "danger",
            )
        else:
            session.pop("login_failures", None)
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


def _unknown_account_message(username, cfg):
    """Count failures for unknown names in the session so they look like real accounts."""
    failures = session.get("login_failures", {})
    key = (username or "").strip().lower()[:64]
    failures[key] = failures.get(key, 0) + 1
    session["login_failures"] = failures
    left = cfg["LOGIN_MAX_FAILURES"] - failures[key]
    if left == 0:  # the moment a real account would lock: logged the same way
        operations.record_lockout(key, datetime.datetime.now() + datetime.timedelta(minutes=cfg["LOGIN_LOCK_MINUTES"]))
    if left <= 0:
        return (
            f"Tài khoản tạm khóa {cfg['LOGIN_LOCK_MINUTES']} phút do đăng nhập sai "
            f"{cfg['LOGIN_MAX_FAILURES']} lần liên tiếp."
        )
    return f"{operations.WRONG_LOGIN} Còn {left} lần thử trước khi tài khoản bị tạm khóa."


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
    if form.validate_on_submit():
        try:
            operations.set_password(current_user, current_user, form.new_password.data, form.current_password.data)
        except DomainError as exc:
            _attach(form, exc)
        else:
            flash("Đã đổi mật khẩu.", "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/change_password.html", form=form)


def _attach(form, exc):
    """Show a domain error beside its field, or at the top of the form."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = list(field.errors) + [exc.message]
    else:
        flash(exc.message, "danger")


def _unit_choices(blank):
    units = Unit.select().order_by(Unit.sort_order, Unit.name)
    return [(0, blank)] + [(u.id, u.name) for u in units]


@admin.route("/users")
@requires("admin.users")
def users():
    q = request.args.get("q", "").strip()
    query = User.select(User, Unit).join(Unit, JOIN.LEFT_OUTER)
    if q:
        query = query.where(User.username.contains(q) | User.full_name.contains(q))
    page = paginate(query.order_by(User.username), request.args.get("page", 1, type=int))
    return render_template("admin/users.html", page=page, q=q)


@admin.route("/users/new", methods=["GET", "POST"])
@admin.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("admin.users")
def user_form(user_id=None):
    user = get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    form.unit.choices = _unit_choices("— Chưa gán đơn vị —")
    if request.method == "GET" and user:
        form.unit.data = user.unit_id or 0
        form.roles.data = list(user.role_set)
    if form.validate_on_submit():
        fields = dict(
            full_name=form.full_name.data,
            title=form.title.data or "",
            gender=form.gender.data,
            email=form.email.data or "",
            unit=form.unit.data or None,
            clearance=form.clearance.data,
            active=form.active.data,
        )
        try:
            if user is None:
                user = operations.create_user(
                    current_user,
                    username=form.username.data,
                    password=form.password.data or "",
                    roles=form.roles.data,
                    **fields,
                )
            else:
                operations.update_user(current_user, user, roles=form.roles.data, **fields)
                if form.password.data:
                    operations.set_password(current_user, user, form.password.data)
        except DomainError as exc:
            _attach(form, exc)
        else:
            flash("Đã lưu tài khoản.", "success")
            return redirect(url_for("admin.user_form", user_id=user.id))
    history = audit.history_for(user, viewer=current_user) if user else []
    return render_template("admin/user_form.html", form=form, user=user, history=history)


@admin.route("/units")
@requires("admin.units")
def units():
    rows = list(Unit.select().order_by(Unit.sort_order, Unit.name))
    return render_template("admin/units.html", units=rows)


@admin.route("/units/new", methods=["GET", "POST"])
@admin.route("/units/<int:unit_id>", methods=["GET", "POST"])
@requires("admin.units")
def unit_form(unit_id=None):
    unit = get_or_404(Unit, unit_id) if unit_id else None
    form = UnitForm(obj=unit)
    form.parent.choices = _unit_choices("— Không có (đơn vị cấp Sở) —")
    if request.method == "GET" and unit:
        form.parent.data = unit.parent_id or 0
    if form.validate_on_submit():
        fields = dict(
            name=form.name.data,
            abbreviation=form.abbreviation.data or "",
            aliases=form.aliases.data or "",
            kind=form.kind.data,
            parent=Unit.get_or_none(Unit.id == form.parent.data) if form.parent.data else None,
            sort_order=form.sort_order.data or 0,
            active=form.active.data,
        )
        try:
            unit = operations.save_unit(current_user, unit, **fields)
        except DomainError as exc:
            _attach(form, exc)
        else:
            flash("Đã lưu đơn vị.", "success")
            return redirect(url_for("admin.unit_form", unit_id=unit.id))
    history = audit.history_for(unit, viewer=current_user) if unit else []
    return render_template("admin/unit_form.html", form=form, unit=unit, history=history)


_PROFILE_KEYS = ("parent_agency", "agency_name", "agency_abbr", "place_name", "director_name", "office_chief_name")


@admin.route("/org", methods=["GET", "POST"])
@requires("admin.settings")
def org_profile():
    values = settings.get_many("org.")
    form = OrgProfileForm()
    if request.method == "GET":
        for key in _PROFILE_KEYS:
            getattr(form, key).data = values[f"org.{key}"]
        form.deputy_names.data = "\n".join(values["org.deputy_names"])
        form.offline.data = settings.get("installation.offline")
    if form.validate_on_submit():
        for key in _PROFILE_KEYS:
            new = getattr(form, key).data.strip()
            if new != values[f"org.{key}"]:
                settings.set_value(f"org.{key}", new, current_user)
        deputies = [n.strip() for n in form.deputy_names.data.splitlines() if n.strip()]
        if deputies != values["org.deputy_names"]:
            settings.set_value("org.deputy_names", deputies, current_user)
        if form.offline.data != settings.get("installation.offline"):
            settings.set_value("installation.offline", form.offline.data, current_user)
        flash("Đã lưu thông tin cơ quan. Văn bản đã ban hành giữ nguyên thông tin lúc ban hành.", "success")
        return redirect(url_for("admin.org_profile"))
    return render_template("admin/org_profile.html", form=form)


@admin.route("/audit")
@requires("audit.view")
def audit_log():
    table = request.args.get("table", "").strip()
    query = audit.log_query(current_user, table)  # secret entries only with clearance
    page = paginate(query, request.args.get("page", 1, type=int))
    return render_template("admin/audit.html", page=page, table=table, can_verify=can(current_user, "audit.verify"))
