"""Command line of the dossier part: `flask --app app archive verify`."""

import click
from flask import current_app
from flask.cli import AppGroup

archive_cli = AppGroup("archive", help="Kho lưu trữ hồ sơ kiểm tra (gói BagIt).")


def init_app(app):
    app.cli.add_command(archive_cli)


@archive_cli.command("verify")
def verify_command():
    """Kiểm tra lại tính toàn vẹn mọi gói lưu trữ; mã thoát 1 nếu có gói bị mất, bị sửa, thiếu tệp."""
    from inspection.db import db
    from inspection.dossier import archive, operations, queries

    with db.connection_context():
        expected = queries.archived_package_names()
    from inspection.signing import verify

    report = archive.verify_all(
        current_app.config["ARCHIVE_DIR"],
        expected=expected,
        signatures=lambda data: verify.verify_pdf(data, current_app.config),  # issue 16
    )
    with db.connection_context():
        operations.record_fixity_check(report)
    for line in report.lines():
        click.echo(line)
    raise SystemExit(0 if report.ok else 1)
