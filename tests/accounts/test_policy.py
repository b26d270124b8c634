"""The one permission policy: deny by default."""

from flask_login import AnonymousUserMixin

from inspection.accounts.policy import can, registered_actions


def test_unknown_action_is_denied(make_user):
    admin = make_user(roles=["admin"])
    assert not can(admin, "something.nobody.registered")


def test_anonymous_and_inactive_users_are_denied(make_user):
    assert not can(AnonymousUserMixin(), "home.view")
    assert not can(None, "home.view")
    assert not can(make_user(active=False), "home.view")


def test_admin_actions_need_the_admin_role(make_user):
    assert can(make_user(roles=["admin"]), "admin.users")
    for role in ("director", "deputy_director", "chief_of_office", "tracking_officer", "unit_head", "unit_officer"):
        assert not can(make_user(roles=[role]), "admin.users"), role


def test_foundation_actions_registered():
    assert {"home.view", "admin.users", "admin.units", "admin.settings", "audit.view"} <= set(registered_actions())
