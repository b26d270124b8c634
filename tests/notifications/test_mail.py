"""E-mail through a real SMTP server (aiosmtpd): up, down and back — none lost, none doubled."""

import datetime
from datetime import date

from inspection.notifications import mail, operations, rules
from inspection.notifications.models import Notification
from tests.notifications.conftest import CAL


def _states():
    return sorted(n.mail_state for n in Notification.select())


def test_mail_goes_once_with_the_link_in_plain_vietnamese_text(app, people, make_task, smtp):
    task = make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    first = mail.deliver(app.config)
    second = mail.deliver(app.config)
    assert (first.sent, first.waiting, first.problem) == (5, 0, "")
    assert second.sent == 0 and len(smtp.inbox.messages) == 5
    rcpts, message = next(m for m in smtp.inbox.messages if m[0] == ["truong@kl.example"])
    body = message.get_content()
    assert message.get_content_type() == "text/plain"
    assert "sắp đến hạn ngày 12/11/2026" in body
    assert f"https://theodoi.snn.example/register/tasks/{task.id}" in body
    assert message["Subject"] == "[Nhắc việc] Sắp đến hạn"
    assert _states() == ["sent"] * 5


def test_server_down_then_back_loses_nothing_and_doubles_nothing(app, people, make_task, smtp):
    make_task(date(2026, 11, 12))
    smtp.stop()
    operations.run_reminders(date(2026, 11, 9), CAL)
    down = mail.deliver(app.config)
    assert down.sent == 0 and down.waiting == 5
    assert "Không kết nối được máy chủ thư" in down.problem and "lần chạy sau" in down.problem
    assert _states() == ["pending"] * 5
    # the same day again while still down: no new message, none lost
    assert operations.run_reminders(date(2026, 11, 9), CAL).task_messages == 0
    assert mail.deliver(app.config).waiting == 5
    smtp.start()
    back = mail.deliver(app.config)
    assert back.sent == 5 and back.waiting == 0 and back.problem == ""
    assert mail.deliver(app.config).sent == 0
    assert len(smtp.inbox.messages) == 5
    assert len({m["Message-ID"] for _, m in smtp.inbox.messages}) == 5


def test_no_mail_server_configured_keeps_the_outbox(app, people, make_task):
    make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    result = mail.deliver(app.config)
    assert result.sent == 0 and result.waiting == 5 and "MAIL_HOST" in result.problem


def test_secret_task_mail_says_only_the_fixed_sentence_R_5_2(app, people, make_task, smtp):
    task = make_task(date(2026, 11, 12), secret=True)
    operations.run_reminders(date(2026, 11, 9), CAL)
    delivery = mail.deliver(app.config)
    assert (delivery.sent, delivery.waiting) == (0, 0)  # sent, but no figure counts them
    assert sorted(r[0] for r, _ in smtp.inbox.messages) == ["baomat@vp.example", "mat@kl.example"]
    for _, message in smtp.inbox.messages:
        assert message.get_content() == rules.SECRET_TEXT + "\n"
        raw = message.as_string()
        for leak in (task.summary, task.document.number_symbol, f"/tasks/{task.id}", "Nhắc việc"):
            assert leak not in raw


def test_a_claimed_mail_is_not_sent_by_a_second_run(app, people, make_task, smtp):
    """A mail another run has claimed (state 'sending') is left to it."""
    make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    taken = Notification.select().order_by(Notification.id).first()
    assert mail._claim(taken.id) is not None
    assert mail._claim(taken.id) is None
    assert mail.deliver(app.config).sent == 4
    assert Notification.get_by_id(taken.id).mail_state == "sending"
    # a run killed after claiming: its claim expires and the mail goes on a later run
    stale = datetime.datetime.now() - datetime.timedelta(minutes=mail.CLAIM_MINUTES + 1)
    Notification.update(mail_claimed_at=stale).where(Notification.id == taken.id).execute()
    assert mail.deliver(app.config).sent == 1 and len(smtp.inbox.messages) == 5


def test_cli_remind_reports_in_vietnamese_when_the_server_refuses(app, people, make_task, smtp):
    make_task(date(2026, 11, 12))
    smtp.stop()
    runner = app.test_cli_runner()
    down = runner.invoke(args=["remind", "--date", "2026-11-09"])
    assert down.exit_code == 0, down.output
    assert "5 thông báo nhắc hạn" in down.output and "đang chờ 5" in down.output
    assert "Không kết nối được máy chủ thư" in down.output
    smtp.start()
    again = runner.invoke(args=["remind", "--date", "2026-11-09"])
    assert "0 thông báo nhắc hạn" in again.output and "đã gửi 5, đang chờ 0" in again.output
    assert len(smtp.inbox.messages) == 5


def test_cli_refuses_a_bad_date(app):
    result = app.test_cli_runner().invoke(args=["remind", "--date", "31/02/2026"])
    assert result.exit_code != 0 and "ngày không hợp lệ" in result.output


def test_a_recipient_refused_for_good_is_retried_then_failed_others_go_once(app, people, make_task, smtp):
    from inspection.accounts.models import User

    async def refuse_head(server, session, envelope, address, rcpt_options):
        if address == "truong@kl.example":
            return "550 5.1.1 Không có hộp thư này"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.inbox.handle_RCPT = refuse_head
    User.update(email="").where(User.id == people["officer"].id).execute()  # no address: in-app only
    make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    assert Notification.get(Notification.recipient == people["officer"].id).mail_state == "none"
    first = mail.deliver(app.config)
    assert (first.sent, first.waiting, first.failed) == (3, 1, 0)
    for _ in range(mail.MAX_ATTEMPTS - 1):
        last = mail.deliver(app.config)
    assert (last.sent, last.waiting, last.failed) == (0, 0, 1)
    refused = Notification.get(Notification.recipient == people["head"].id)
    assert refused.mail_state == "failed" and refused.mail_error == "550 5.1.1 Không có hộp thư này"
    assert len(smtp.inbox.messages) == 3


def test_the_command_prints_no_figure_of_secret_tasks_R_5_2(app, people, make_task, smtp):
    make_task(date(2026, 11, 12), secret=True)
    smtp.stop()
    down = app.test_cli_runner().invoke(args=["remind", "--date", "2026-11-09"])
    assert "0 thông báo nhắc hạn" in down.output and "đã gửi 0, đang chờ 0, lỗi 0" in down.output
    smtp.start()
    up = app.test_cli_runner().invoke(args=["remind", "--date", "2026-11-09"])
    assert "đã gửi 0, đang chờ 0, lỗi 0" in up.output
    assert len(smtp.inbox.messages) == 2  # the two cleared people got theirs
