"""What the administrator's pages show: users, units, the change log."""

from peewee import JOIN

from inspection import audit
from inspection import history as readable_history
from inspection.accounts.models import Unit, User
from inspection.pagination import paginate


def users_page(words, number):
    """One page of accounts, searched by user name or full name."""
    query = User.select(User, Unit).join(Unit, JOIN.LEFT_OUTER)
    if words:
        query = query.where(User.username.contains(words) | User.full_name.contains(words))
    return paginate(query.order_by(User.username), number)


def all_units():
    """Every unit in the order the lists show them."""
    return list(Unit.select().order_by(Unit.sort_order, Unit.name))


def unit_choices(blank):
    """(id, name) of every unit for a select, 0 meaning `blank`."""
    return [(0, blank)] + [(u.id, u.name) for u in all_units()]


def audit_page(viewer, table, number):
    """One page of the change log as `viewer` may read it (R-5.2), newest first, of one table or all."""
    return paginate(audit.log_query(viewer, table), number)


def history(row, viewer):
    """The change history of a user or unit being edited (none for a new one)."""
    return readable_history.for_record(row, viewer) if row else []


def tokens_of(user):
    """The user's API tokens, newest first (issue 15)."""
    from inspection.accounts.models import ApiToken

    return list(ApiToken.select().where(ApiToken.user == user.id).order_by(ApiToken.id.desc()))
