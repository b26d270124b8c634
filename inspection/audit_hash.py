"""The audit log's hash primitives: each entry carries the hash of the one before it (R-7, R-21).

entry_hash = sha256(prev_hash + canonical JSON of the entry's columns except id), so a row
edited or deleted behind the append-only triggers' back breaks the chain from there on.
Writers take one lock before reading the last hash (SQLite: the BEGIN IMMEDIATE write lock
every transaction already holds; PostgreSQL: a transaction-scoped advisory lock), so two
concurrent writers cannot both chain onto the same entry and fork the chain.
`inspection.audit` writes with these; `inspection.audit_chain` verifies.
"""

import datetime
import hashlib
import json

from inspection.db import db, is_postgres

GENESIS = "0" * 64
# Any constant shared by every writer: the advisory lock that serialises audit writers.
PG_LOCK_KEY = 7_400_201
LAST_HASH_SQL = "SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1"


def canonical(fields) -> str:
    """The entry as hashed: every column but id and the hashes, in one fixed JSON form."""
    at = fields["at"]
    user = fields.get("user")
    values = {
        "at": at.isoformat(sep=" ", timespec="microseconds") if isinstance(at, datetime.datetime) else str(at),
        "user": getattr(user, "id", user),
        "username": fields.get("username") or "",
        "action": fields["action"],
        "table": fields["table"],
        "record_id": int(fields["record_id"]),
        "before": fields.get("before"),
        "after": fields.get("after"),
        "secret": bool(fields.get("secret")),
    }
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash, fields) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


def lock_and_last_hash() -> str:
    """Take the chain's write lock (held until commit) and return the last entry's hash."""
    if not db.in_transaction():
        raise RuntimeError("audit entries are chained inside a transaction only")
    if is_postgres():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PG_LOCK_KEY,))
    # Plain SQL: this runs for every entry written, and building the query costs more than running it.
    row = db.execute_sql(LAST_HASH_SQL).fetchone()
    return (row[0] if row else "") or GENESIS
