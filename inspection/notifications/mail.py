"""Sending the outbox over SMTP: none lost, none doubled.

Each e-mail is claimed (pending -> sending) by one conditional UPDATE before it is sent, so two
runs at once never both send it; it becomes "sent" only after the server accepted it. A
server that is down, refuses the connection or drops it leaves the mail pending for the next
run. A claim older than CLAIM_MINUTES (a run killed between sending and recording) goes back
to pending: that one mail may then go twice, the only double SMTP allows; its Message-ID is
the same both times, so mail programs show it once. A recipient the server refuses for good
(5xx) is tried MAX_ATTEMPTS times, then marked failed with the server's answer.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from inspection.notifications import rules
from inspection.notifications.models import MAIL_FAILED, MAIL_PENDING, MAIL_SENDING, MAIL_SENT, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
CLAIM_MINUTES = 15
BATCH = 200
TIMEOUT_SECONDS = 20


@dataclass
class Delivery:
    """What a delivery run did, in figures of ordinary mail only: a secret task's e-mails are sent
    but never counted, so no log or page reveals that one exists (R-5.2)."""

    sent: int = 0
    waiting: int = 0
    failed: int = 0
    problem: str = ""  # Vietnamese, for the operator: why mail is waiting


def deliver(config) -> Delivery:
    """Send what waits in the outbox; when the server is off or down every mail keeps waiting."""
    _release_stale_claims()
    result = Delivery()
    host, port = config.get("MAIL_HOST", ""), int(config.get("MAIL_PORT") or 25)
    if not host:
        result.problem = "Chưa cấu hình máy chủ thư (MAIL_HOST): thư điện tử chờ trong hộp thư đi."
    else:
        try:
            smtp = _connect(config, host, port)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("mail server %s:%s unreachable: %s; outbox kept for the next run", host, port, exc)
            result.problem = (
                f"Không kết nối được máy chủ thư {host}:{port} ({_reason(exc)}); thư chờ gửi ở lần chạy sau."
            )
        else:
            with smtp:
                _send_all(smtp, config, result)
    ordinary = Notification.is_secret == False  # noqa: E712
    result.waiting = Notification.select().where((Notification.mail_state == MAIL_PENDING) & ordinary).count()
    return result


def _connect(config, host, port):
    if port == 465:
        smtp = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS)
    else:
        smtp = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
    if config.get("MAIL_USER"):
        smtp.login(config["MAIL_USER"], config.get("MAIL_PASSWORD", ""))
    return smtp


def _send_all(smtp, config, result):
    last_id = 0
    while True:
        ids = list(_pending_ids(last_id))
        if not ids:
            return
        for notification_id in ids:
            last_id = notification_id
            row = _claim(notification_id)
            if row is None:
                continue  # another run has it
            try:
                smtp.send_message(compose(row, config))
            except smtplib.SMTPResponseException as exc:
                _refused(row, exc, result)
                if not 500 <= exc.smtp_code < 600:
                    return  # the server is in trouble (4xx): the rest waits too
            except smtplib.SMTPRecipientsRefused as exc:
                _refused(row, exc, result, permanent=True)
            except (OSError, smtplib.SMTPException) as exc:
                _back_to_pending(row.id, exc)
                log.warning("mail server dropped the connection: %s; outbox kept for the next run", exc)
                result.problem = f"Máy chủ thư ngắt kết nối ({_reason(exc)}); thư còn lại chờ gửi ở lần chạy sau."
                return
            else:
                Notification.update(mail_state=MAIL_SENT, mail_sent_at=_now(), mail_error="").where(
                    Notification.id == row.id
                ).execute()
                result.sent += int(not row.is_secret)


def _pending_ids(after_id):
    query = (
        Notification.select(Notification.id)
        .where((Notification.mail_state == MAIL_PENDING) & (Notification.id > after_id))
        .order_by(Notification.id)
        .limit(BATCH)
    )
    return (nid for (nid,) in query.tuples())


def _claim(notification_id):
    """Take one mail for this run (pending -> sending); None when another run took it first."""
    taken = (
        Notification.update(
            mail_state=MAIL_SENDING, mail_claimed_at=_now(), mail_attempts=Notification.mail_attempts + 1
        )
        .where((Notification.id == notification_id) & (Notification.mail_state == MAIL_PENDING))
        .execute()
    )
    return Notification.get_by_id(notification_id) if taken else None


def _refused(row, exc, result, permanent=None):
    code = getattr(exc, "smtp_code", 550)
    permanent = (500 <= code < 600) if permanent is None else permanent
    if permanent and row.mail_attempts >= MAX_ATTEMPTS:
        Notification.update(mail_state=MAIL_FAILED, mail_error=_reason(exc)).where(Notification.id == row.id).execute()
        log.error("mail %s refused for good after %s attempts: %s", row.id, row.mail_attempts, _reason(exc))
        result.failed += int(not row.is_secret)
    else:
        _back_to_pending(row.id, exc)
        log.warning("mail %s refused (%s); will retry", row.id, _reason(exc))


def _back_to_pending(notification_id, exc):
    Notification.update(mail_state=MAIL_PENDING, mail_claimed_at=None, mail_error=_reason(exc)).where(
        (Notification.id == notification_id) & (Notification.mail_state == MAIL_SENDING)
    ).execute()


def _release_stale_claims():
    limit = _now() - datetime.timedelta(minutes=CLAIM_MINUTES)
    Notification.update(mail_state=MAIL_PENDING, mail_claimed_at=None).where(
        (Notification.mail_state == MAIL_SENDING) & (Notification.mail_claimed_at < limit)
    ).execute()


def compose(row, config) -> EmailMessage:
    """Build the plain-text e-mail of a notification (a secret one carries SECRET_TEXT only, R-5.2)."""
    message = EmailMessage()
    sender = config.get("MAIL_FROM") or config.get("MAIL_USER") or "no-reply@localhost"
    message["From"] = sender
    message["To"] = row.mail_to
    message["Subject"] = rules.mail_subject(row.kind, row.is_secret)
    message["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<notification-{row.id}@{domain}>"  # the same on a resend
    url = (config.get("PUBLIC_URL") or "").rstrip("/") + row.link if row.link else ""
    message.set_content(rules.mail_body(row.text, url, row.is_secret))
    return message


def _reason(exc) -> str:
    """The server's answer as text ("550 5.1.1 ..."), for the log and the failed mail's row."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        text = "; ".join(f"{code} {_text(answer)}" for code, answer in exc.recipients.values())
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{exc.smtp_code} {_text(exc.smtp_error)}"
    else:
        text = str(exc)
    return (text or type(exc).__name__)[:300]


def _text(answer):
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)


def _now():
    return datetime.datetime.now()  # bookkeeping follows the real moment (clock.py)
