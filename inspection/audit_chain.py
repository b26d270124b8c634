"""The audit log's hash chain: each entry carries the hash of the one before it (R-7, R-21).

entry_hash = sha256(prev_hash + canonical JSON of the entry's columns except id), so a row
edited or deleted behind the append-only triggers' back breaks the chain from there on.
Writers take one lock before reading the last hash (SQLite: the BEGIN IMMEDIATE write lock
every transaction already holds; PostgreSQL: a transaction-scoped advisory lock), so two
concurrent writers cannot both chain onto the same entry and fork the chain.
Each verification is kept (`audit_verification`) so the administrator and the archivist see
the last result; it also remembers the head it saw, so losing the newest entries shows too.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

import click
from flask.cli import AppGroup
from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from inspection.db import BaseModel, db, is_postgres

GENESIS = "0" * 64
# Any constant shared by every writer: the advisory lock that serialises audit writers.
PG_LOCK_KEY = 7_400_201
LAST_HASH_SQL = "SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1"
audit_cli = AppGroup("audit", help="Nhật ký thay đổi: kiểm tra chuỗi mã băm.")


class AuditVerification(BaseModel):
    at = DateTimeField(default=datetime.datetime.now)
    username = CharField(max_length=64, default="")
    ok = BooleanField()
    count = IntegerField()
    broken_id = IntegerField(null=True)
    broken_at = DateTimeField(null=True)
    message = TextField()
    head_id = IntegerField(null=True)
    head_hash = CharField(max_length=64, default="")

    class Meta:
        table_name = "audit_verification"


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


@dataclass
class ChainReport:
    ok: bool
    count: int
    broken_id: int | None = None
    broken_at: datetime.datetime | None = None
    problem: str = ""
    head_id: int | None = None
    head_hash: str = ""

    def line(self) -> str:
        if self.ok:
            return f"Chuỗi nhật ký nguyên vẹn: {self.count} mục, không mục nào bị sửa hoặc xóa."
        at = self.broken_at.strftime("%d/%m/%Y %H:%M:%S") if self.broken_at else "?"
        return f"Chuỗi nhật ký bị phá vỡ tại mục số {self.broken_id} (ghi lúc {at}): {self.problem}"


_COLUMNS = ("id", "at", "user", "username", "action", "table", "record_id", "before", "after", "secret")


def verify(anchor=None) -> ChainReport:
    """Walk the chain in id order; name the first entry whose links or content do not hold."""
    from inspection.audit import AuditEntry

    cols = [getattr(AuditEntry, c) for c in _COLUMNS] + [AuditEntry.prev_hash, AuditEntry.entry_hash]
    prev, count, last_id = GENESIS, 0, None
    for row in AuditEntry.select(*cols).order_by(AuditEntry.id).tuples().iterator():
        fields = dict(zip(_COLUMNS, row[:-2], strict=True))
        stored_prev, stored_hash = row[-2], row[-1]
        problem = ""
        if stored_prev != prev:
            problem = "không nối với mục liền trước (có mục bị xóa, chèn thêm hoặc sửa mã băm)."
        elif entry_hash(prev, fields) != stored_hash:
            problem = "nội dung đã bị sửa sau khi ghi."
        if problem:
            return ChainReport(False, count, fields["id"], fields["at"], problem)
        prev, count, last_id = stored_hash, count + 1, fields["id"]
    if anchor and anchor.head_id and not _anchor_holds(anchor):
        return ChainReport(False, count, anchor.head_id, None, "mục cuối của lần kiểm tra trước đã bị xóa hoặc sửa.")
    return ChainReport(True, count, head_id=last_id, head_hash=prev)


def _anchor_holds(anchor) -> bool:
    from inspection.audit import AuditEntry

    found = AuditEntry.select(AuditEntry.entry_hash).where(AuditEntry.id == anchor.head_id).scalar()
    return found == anchor.head_hash


def last_verification():
    return AuditVerification.select().order_by(AuditVerification.id.desc()).first()


def run_verification(username) -> ChainReport:
    """Verify the chain (against the last good head) and keep the result."""
    previous = (
        AuditVerification.select()
        .where(AuditVerification.ok == True)
        .order_by(  # noqa: E712
            AuditVerification.id.desc()
        )
    )
    report = verify(anchor=previous.first())
    with db.atomic():
        AuditVerification.create(
            username=(username or "")[:64],
            ok=report.ok,
            count=report.count,
            broken_id=report.broken_id,
            broken_at=report.broken_at,
            message=report.line(),
            head_id=report.head_id,
            head_hash=report.head_hash,
        )
    return report


@audit_cli.command("verify")
def verify_command():
    """Kiểm tra chuỗi mã băm của nhật ký; mã thoát 1 và tên mục đầu tiên bị phá vỡ nếu có."""
    with db.connection_context():
        report = run_verification("(dòng lệnh)")
    click.echo(report.line())
    raise SystemExit(0 if report.ok else 1)


def init_app(app):
    from inspection import audit_views

    app.cli.add_command(audit_cli)
    app.register_blueprint(audit_views.bp)
