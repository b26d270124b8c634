"""`flask workdays ...`: add, count and list working days from the command line."""

import click
from peewee import DatabaseError

from inspection.calendar.rules import weekday_label
from inspection.db import db
from inspection.workdays import WorkCalendar, parse_day


def _calendar():
    """The application's calendar; without the overrides table, the shipped one (with a warning)."""
    from inspection.calendar.service import build_calendar

    try:
        with db.connection_context():
            return build_calendar()
    except DatabaseError:
        click.echo(
            "Cảnh báo: chưa đọc được điều chỉnh trong cơ sở dữ liệu (chạy `flask init-db`); dùng lịch kèm phần mềm.",
            err=True,
        )
        return WorkCalendar()


def _day(value):
    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(f"ngày không hợp lệ: {value!r} (định dạng YYYY-MM-DD)") from None


@click.group("workdays", help="Lịch ngày làm việc: cộng ngày làm việc, đếm, liệt kê ngày nghỉ.")
def workdays_cli():
    pass


@workdays_cli.command("add")
@click.argument("day")
@click.argument("n", type=int)
def add_command(day, n):
    """In ra ngày làm việc thứ N sau DAY (YYYY-MM-DD)."""
    click.echo(_calendar().add_working_days(_day(day), n).isoformat())


@workdays_cli.command("count")
@click.argument("start")
@click.argument("end")
def count_command(start, end):
    """Đếm số ngày làm việc trong khoảng (START, END]."""
    click.echo(_calendar().count_working_days(_day(start), _day(end)))


@workdays_cli.command("holidays")
@click.argument("year", type=click.IntRange(1995, 2100))
def holidays_command(year):
    """Liệt kê ngày nghỉ (trong tuần) và ngày làm việc bù của năm YEAR."""
    cal = _calendar()
    click.echo(f"Ngày nghỉ năm {year}:")
    for day, name in cal.days_off(year):
        click.echo(f"{day.isoformat()}  {weekday_label(day):<8}  {name}")
    weekends = cal.working_weekends(year)
    if weekends:
        click.echo(f"Ngày làm việc bù (thứ Bảy/Chủ nhật) năm {year}:")
        for day, name in weekends:
            click.echo(f"{day.isoformat()}  {weekday_label(day):<8}  {name}")
