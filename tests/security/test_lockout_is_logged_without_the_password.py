"""R-21: a lock-out is an event of the audit log — for known and unknown names alike, never the password."""

import json

from inspection import audit

WRONG = "Sai-MatKhau-ZQT9"


def _fail(client, username, times):
    for _ in range(times):
        client.post("/login", data={"username": username, "password": WRONG})


def _lockouts():
    return list(audit.AuditEntry.select().where(audit.AuditEntry.action == "lockout").order_by(audit.AuditEntry.id))


def test_R_21_a_known_account_locking_is_logged_once(app, client, make_user):
    user = make_user(roles=["tracking_officer"], username="nguoithu")
    _fail(client, "nguoithu", 3)  # LOGIN_MAX_FAILURES is 3 in tests
    (entry,) = _lockouts()
    assert (entry.table, entry.record_id, entry.username) == ("user", user.id, "nguoithu")
    assert json.loads(entry.after)["locked_until"]
    assert entry in audit.history_for(user)  # on the account's own page
    _fail(client, "nguoithu", 2)  # refused while locked: no new lock-out
    assert len(_lockouts()) == 1


def test_R_21_an_unknown_name_locking_is_logged_alike(app, client):
    _fail(client, "khongcoai", 4)
    (entry,) = _lockouts()
    assert (entry.table, entry.record_id, entry.username) == ("user", 0, "khongcoai")
    assert set(json.loads(entry.after)) == {"username", "locked_until"}


def test_R_21_no_password_reaches_the_log(app, client, make_user):
    make_user(roles=["admin"], username="quantrithu")
    _fail(client, "quantrithu", 3)
    _fail(client, "khongcoai", 3)
    assert len(_lockouts()) == 2
    for e in audit.AuditEntry.select():
        assert WRONG not in (e.before or "") + (e.after or "") + e.username
