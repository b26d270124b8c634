"""Command line of the dossier part: `flask --app app archive verify`."""
import click
from flask.cli import AppGroup

archive_cli = AppGroup('archive', help='Kho lưu trữ hồ sơ kiểm tra (gói BagIt).')


def init_app(app):
    app.cli.add_command(archive_cli)


@archive_cli.command('verify')
def verify_command():
    """Re-check the fixity of every archival package; exit 1 if any is missing, altered or incomplete."""
    from . import archive
    from flask import current_app

    report = archive.verify_all(current_app.config['ARCHIVE_DIR'])
    for line in report.lines():
        click.echo(line)
    raise SystemExit(0 if report.ok else 1)
