"""Notifications fixtures: a unit with staff (e-mail addresses), tasks, a real SMTP server (aiosmtpd)."""

import datetime
import email
import email.policy
import itertools
import socket

import pytest

from inspection.workdays import WorkCalendar

CAL = WorkCalendar()
_numbers = itertools.count(1)


@pytest.fixture
def people(make_unit, make_user):
    lead, office, other = make_unit(name="Chi cục Kiểm lâm"), make_unit(name="Văn phòng Sở"), make_unit()
    return {
        "lead": lead,
        "office": office,
        "head": make_user(roles=["unit_head"], unit=lead, email="truong@kl.example"),
        "officer": make_user(roles=["unit_officer"], unit=lead, email="canbo@kl.example"),
        "cleared_officer": make_user(roles=["unit_officer"], unit=lead, email="mat@kl.example", clearance=True),
        "tracker": make_user(roles=["tracking_officer"], unit=office, email="theodoi@vp.example"),
        "cleared_tracker": make_user(
            roles=["tracking_officer"], unit=office, email="baomat@vp.example", clearance=True
        ),
        "outsider": make_user(roles=["unit_officer"], unit=other, email="khac@dv.example"),
    }


@pytest.fixture
def make_task(people):
    from inspection.register.models import DirectiveDocument, Task

    def factory(deadline, secret=False, **overrides):
        number = f"{next(_numbers)}/UBND-KTTH"
        doc = DirectiveDocument.create(
            number_symbol=number,
            issuer_kind="ubnd_tinh",
            issued_on=datetime.date(2025, 12, 1),
            received_on=datetime.date(2025, 12, 2),
            abstract="" if secret else "V/v phòng cháy, chữa cháy rừng",
            secret_level="mat" if secret else "",
        )
        fields = dict(
            document=doc,
            summary="Nội dung mật không được lộ" if secret else "Kiểm tra phòng cháy rừng mùa khô",
            lead_unit=people["lead"],
            monitor_unit=people["office"],
            deadline=deadline,
            is_secret=secret,
        )
        fields.update(overrides)
        return Task.create(**fields)

    return factory


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, parsed))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """A real SMTP server on localhost that the test can stop and start again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app):
    server = SmtpServer()
    server.start()
    app.config.update(MAIL_HOST="127.0.0.1", MAIL_PORT=server.port, MAIL_FROM="nhacviec@snn.example")
    app.config["PUBLIC_URL"] = "https://theodoi.snn.example"
    yield server
    server.stop()
