"""The one permission policy: `can(user, action, target)`, deny by default.

Each part registers the actions it defines with `@rule("part.action")`; an action that
nobody registered is denied. Views use `@requires(action)` or `ensure(...)`.
"""

from functools import wraps

from flask_login import current_user, login_required

from inspection.accounts import roles
from inspection.errors import NotAllowed

_RULES = {}

DENIED = "Bạn không có quyền thực hiện thao tác này."


def rule(action):
    """Register the function deciding `action` as (user, target) -> bool."""

    def register(fn):
        if action in _RULES:
            raise RuntimeError(f"policy rule {action!r} registered twice")
        _RULES[action] = fn
        return fn

    return register


def can(user, action, target=None) -> bool:
    """True when `user` may do `action` on `target`; unknown actions and anonymous users are denied."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    decide = _RULES.get(action)
    return bool(decide and decide(user, target))


def ensure(user, action, target=None, message=DENIED):
    """Raise NotAllowed unless `can(user, action, target)`."""
    if not can(user, action, target):
        raise NotAllowed(message)


def requires(action):
    """View decorator: log-in required, then `action` (without a target) must be allowed."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            ensure(current_user, action)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def registered_actions():
    return sorted(_RULES)


# --- foundation actions -------------------------------------------------------


@rule("home.view")
def _home(user, target):
    return True


@rule("account.change_password")
def _own_password(user, target):
    return True


@rule("admin.users")
def _admin_users(user, target):
    return user.has_role(roles.ADMIN)


@rule("admin.units")
def _admin_units(user, target):
    return user.has_role(roles.ADMIN)


@rule("admin.settings")
def _admin_settings(user, target):
    return user.has_role(roles.ADMIN)


@rule("audit.view")
def _audit_view(user, target):
    return user.has_role(roles.ADMIN, roles.DIRECTOR, roles.CHIEF)


@rule("account.tokens")
def _own_tokens(user, target):
    # Issue 15: every user may hold personal API tokens; they act with the user's own rights.
    return True


@rule("api.docs")
def _api_docs(user, target):
    return True
