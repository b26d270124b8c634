"""`flask remind`: create the reminders due today, then send the outbox (cron runs it daily)."""

import click

from inspection import clock
from inspection.db import db
from inspection.workdays import parse_day


def _day(value):
    if value is None:
        return clock.today()
    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(f"ngày không hợp lệ: {value!r} (định dạng YYYY-MM-DD)") from None


@click.command("remind")
@click.option("--date", "day", default=None, help="Chạy như vào ngày này (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--no-mail", is_flag=True, help="Chỉ tạo thông báo, chưa gửi thư điện tử.")
def remind_command(day, no_mail):
    """Gửi nhắc việc đến hạn hôm nay và gửi thư điện tử đang chờ (chạy lại trong ngày không gửi trùng)."""
    from flask import current_app

    from inspection.calendar.service import build_calendar
    from inspection.notifications import mail, operations

    today = _day(day)
    with db.connection_context():
        result = operations.run_reminders(today, build_calendar())
        click.echo(
            f"Ngày {today:%d/%m/%Y}: {result.task_messages} thông báo nhắc hạn nhiệm vụ, "
            f"{result.monthly_messages} thông báo nhắc cập nhật hằng tháng (khoản 1 Điều 20)."
        )
        if no_mail:
            return
        delivery = mail.deliver(current_app.config)
        click.echo(f"Thư điện tử: đã gửi {delivery.sent}, đang chờ {delivery.waiting}, lỗi {delivery.failed}.")
        if delivery.problem:
            click.echo(f"Cảnh báo: {delivery.problem}", err=True)
