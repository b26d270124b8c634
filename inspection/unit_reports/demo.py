"""Demo unit reports (R-20.1) as of the register's reference day (27/11/2026).

Chi cục Kiểm lâm sent October's report late and November's on time; the Office returned
November's once for a missing detail and the unit sent it again. Chi cục Thủy lợi has only a
draft of November's (no head in the demo): missing, counted against it (R-25).
"""

import datetime

from inspection.calendar.service import current_calendar
from inspection.register.demo import REFERENCE_DAY
from inspection.unit_reports import operations, queries, rules

REASON = "Đang chờ ý kiến thống nhất của các sở, ngành và UBND cấp huyện; đơn vị đã có văn bản đề nghị."


def _send(head, unit, period, day, calendar, remarks):
    content = queries.prepared_content(unit.id, period, day, calendar, {})
    reasons = {str(row["id"]): REASON for row in content["overdue"]}
    return operations.submit(head, unit, period, remarks, reasons, day, calendar)


def seed(ctx):
    """Create the demo reports of October and November 2026."""
    calendar = ctx.get("calendar") or current_calendar()
    users, units = ctx["users"], ctx["units"]
    head, kl, tl = users["truongdonvi"], units["CCKL"], units["CCTL"]
    november = rules.current_period(REFERENCE_DAY, calendar).previous()
    october = november.previous()
    late_day = rules.due_date(october, calendar) + datetime.timedelta(days=3)
    _send(head, kl, october, late_day, calendar, "Tháng 10 đơn vị tập trung kiểm tra phòng cháy rừng.")
    first = rules.due_date(november, calendar) - datetime.timedelta(days=1)
    _send(head, kl, november, first, calendar, "Các nhiệm vụ cơ bản đúng tiến độ.")
    operations.return_report(
        users["chanhvanphong"], kl, november, "Đề nghị nêu rõ thời gian dự kiến hoàn thành nhiệm vụ quá hạn."
    )
    _send(head, kl, november, first + datetime.timedelta(days=2), calendar, "Dự kiến hoàn thành trong tháng 12/2026.")
    operations.save_draft(users["canbodonvi2"], tl, november, "Dự thảo báo cáo tháng 11.", {}, REFERENCE_DAY, calendar)
    ctx["unit_reports"] = {"november": november, "october": october}
    return ctx
