"""`flask --app app tasks import FILE.xlsx [--dry-run]` and `tasks export FILE.xlsx`.

Exit codes of `tasks import`: 0 imported (or the dry run found no error), 1 some rows
cannot be read (the list goes to stderr, nothing is written), 2 the file is refused.
"""

from types import SimpleNamespace

import click
from flask.cli import AppGroup

from inspection import settings
from inspection.accounts.models import Unit, User
from inspection.calendar.service import current_calendar
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.register import excel_export, excel_import, import_ops, operations, queries
from inspection.register.models import DOC_TYPES, ISSUER_KINDS
from inspection.text import vn_date

tasks_cli = AppGroup("tasks", help="Nhập, xuất sổ theo dõi nhiệm vụ bằng tệp Excel (.xlsx).")
# The office-wide view of the ordinary register, for exports run from the command line.
OFFICE_VIEW = SimpleNamespace(is_office=True, unit_id=None, id=None, username="")


def _user(username):
    if not username:
        return None
    user = User.get_or_none(User.username == username)
    if user is None:
        raise click.UsageError(f"Không có người dùng «{username}».")
    return user


@tasks_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Chỉ đọc và kiểm tra, không ghi vào sổ.")
@click.option("--user", "username", help="Tên đăng nhập người nhập (ghi vào lịch sử thay đổi).")
@click.option("--sheet", help="Tên trang tính (mặc định: trang có dòng tiêu đề cột phù hợp nhất).")
def import_command(path, dry_run, username, sheet):
    """Nhập nhiệm vụ từ bảng tính theo dõi của Văn phòng (nhập cả hoặc không nhập gì)."""
    ctx = click.get_current_context()
    with db.connection_context():
        user = _user(username)
        try:
            header, _mapping, result = excel_import.read_sheet(path, import_ops.active_units(), sheet=sheet)
        except excel_import.WorkbookRefused as exc:
            click.echo(f"Lỗi: {exc}", err=True)
            ctx.exit(2)
        for notice in result.notices:
            click.echo(f"Lưu ý: {notice}")
        if result.errors:
            for error in result.errors:
                click.echo(str(error), err=True)
            click.echo(f"Không nhập dòng nào: {len(result.errors)} lỗi cần sửa trong bảng tính.", err=True)
            ctx.exit(1)
        plan = import_ops.plan_import(result.rows)
        click.echo(
            f"Đọc được {len(result.rows)} nhiệm vụ: {len(plan.new_rows)} nhiệm vụ mới, "
            f"{len(plan.existing_rows)} đã có trong sổ, {plan.new_documents} văn bản mới."
        )
        if dry_run:
            click.echo("Chạy thử: chưa ghi gì vào sổ.")
            return
        try:
            summary = import_ops.commit_import(
                user, result, as_of=header.as_of, calendar=current_calendar(), today=operations.today()
            )
        except ValidationFailed as exc:
            click.echo(f"Lỗi: {exc.message}", err=True)
            ctx.exit(1)
        click.echo(
            f"Đã nhập {summary.tasks_created} nhiệm vụ, {summary.documents_created} văn bản mới "
            f"({summary.tasks_existing} nhiệm vụ đã có, không nhập lại)."
        )


@tasks_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--user", "username", help="Xuất đúng phần sổ người này được xem (mặc định: toàn bộ sổ thường).")
@click.option("--status", default="", help="Lọc theo trạng thái (mã như trên địa chỉ trang danh sách).")
@click.option("--q", default="", help="Tìm theo số, trích yếu, nội dung (không cần dấu).")
def export_command(path, username, status, q):
    """Xuất sổ theo dõi nhiệm vụ (sổ thường, không bao giờ có nhiệm vụ mật) ra tệp Excel."""
    with db.connection_context():
        user = _user(username) or OFFICE_VIEW
        f = queries.Filters.from_args({"status": status, "q": q})
        n = write_export(path, user, f)
    click.echo(f"Đã xuất {n} nhiệm vụ ra {path}.")


def write_export(target, user, f):
    """Write the ordinary register as `user` sees it with filters `f`; return the row count."""
    today = operations.today()
    days = int(settings.get("register.due_soon_days"))
    query = queries.filtered_tasks(user, f, today, current_calendar(), days)
    agency = (settings.get("org.parent_agency"), settings.get("org.agency_name"))
    return excel_export.write_register(
        target, excel_export.section_queries(query), today=today, agency=agency, subtitle=describe_filters(f)
    )


def describe_filters(f) -> str:
    """One Vietnamese line saying how the export was filtered ('' when it holds everything)."""
    from inspection.register.rules import Status

    parts = []
    if f.q:
        parts.append(f"tìm «{f.q}»")
    if f.status:
        parts.append(f"trạng thái «{Status(f.status).label}»")
    for flag, label in (
        ("key", "nhiệm vụ trọng tâm"),
        ("overdue", "quá hạn"),
        ("due_soon", "sắp đến hạn"),
        ("late_reg", "vào sổ muộn"),
        ("mine", "việc của đơn vị tôi"),
    ):
        if getattr(f, flag):
            parts.append(label)
    if f.unit:
        unit = Unit.get_or_none(Unit.id == f.unit)
        parts.append(f"đơn vị chủ trì {unit.name if unit else f.unit}")
    if f.issuer:
        parts.append(f"cơ quan ban hành {ISSUER_KINDS.get(f.issuer, f.issuer)}")
    if f.doc_type:
        parts.append(f"loại văn bản {DOC_TYPES.get(f.doc_type, f.doc_type)}")
    for name, label in queries.DATE_FILTERS.items():
        if getattr(f, name):
            parts.append(f"{label.lower()} {vn_date(getattr(f, name))}")
    return f"(Lọc: {'; '.join(parts)})" if parts else ""


def init_app(app):
    app.cli.add_command(tasks_cli)
