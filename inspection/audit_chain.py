"""Verifying the audit log's hash chain (R-7, R-21); the hashing itself is `audit_hash`.

Each verification is kept (`audit_verification`) so the administrator and the archivist see
the last result; it also remembers the head it saw, so losing the newest entries shows too.
"""

import datetime
from dataclasses import dataclass

import click
from flask.cli import AppGroup
from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from inspection import audit_hash
from inspection.audit import AuditEntry
from inspection.db import BaseModel, db

GENESIS = audit_hash.GENESIS
entry_hash = audit_hash.entry_hash
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
