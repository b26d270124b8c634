"""Demo data: last month's report issued, and a report on request still a draft (issue 13).

The secret report is not seeded: a secret document is drafted only on an installation
declared offline (R-5.2), which the demo is not.
"""

from inspection import clock
from inspection.calendar.service import build_calendar
from inspection.documents import operations as documents
from inspection.documents import signers

from . import operations, rules

TEXTS = {
    "assessment": (
        "Các đơn vị cơ bản cập nhật kịp thời tình hình thực hiện nhiệm vụ trên phần mềm; "
        "một số nhiệm vụ còn chậm do chờ ý kiến của các sở, ngành."
    ),
    "proposals": "Đề nghị các đơn vị chủ trì khẩn trương hoàn thành các nhiệm vụ quá hạn, báo cáo về Sở trước ngày 19 hằng tháng",
}


def seed(ctx):
    """Put the reports in ctx['reports']: [issued monthly report, draft report on request].

    Written on the day of the demo's last issued document, like the rest of the demo's story:
    a report dated the real day of seeding would number a document after every other and
    leave no earlier day on which the story (and its browser tests) can go on.
    """
    with clock.at(_story_day()):
        return _seed(ctx)


def _story_day():
    from peewee import fn

    from inspection.documents.models import OutgoingDocument

    last = (
        OutgoingDocument.select(fn.MAX(OutgoingDocument.issued_on))
        .where(OutgoingDocument.secret == False)  # noqa: E712
        .scalar()
    )
    return last or clock.today()


def _seed(ctx):
    chief = ctx["users"]["chanhvanphong"]
    calendar, today = build_calendar(), clock.today()
    start, end = rules.default_period(rules.MONTHLY, today)
    spec = dict(kind=rules.MONTHLY, start=start, end=end, secret=False, scope=rules.ALL, scope_ref="")
    monthly = operations.create(chief, spec, TEXTS, calendar)
    documents.issue(monthly.document, chief, signer=signers.signer_block(signers.DEPUTY))
    spec = dict(spec, kind=rules.REQUEST, start=today.replace(day=1), end=today)
    draft = operations.create(chief, spec, {}, calendar)
    ctx["reports"] = [monthly, draft]
    return ctx
