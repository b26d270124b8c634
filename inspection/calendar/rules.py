"""Pure rules of the calendar administration (no Flask, no database)."""

import datetime

from inspection.errors import ValidationFailed
from inspection.workdays import KINDS, OFF, WORK, WorkCalendar, shipped_corrections, shipped_review

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
# Overrides outside these years are almost certainly typing mistakes.
FIRST_YEAR, LAST_YEAR = 2000, 2100
SOURCE_PACKAGE = "Lịch nghỉ lễ theo Bộ luật Lao động (gói holidays)"
SOURCE_SHIPPED = "Hiệu chỉnh kèm phần mềm"
SOURCE_ADMIN = "Quản trị viên"
# A day the package gives but no cited document confirmed (e.g. 24/11/2026).
SOURCE_UNCONFIRMED = "Theo gói holidays, chưa xác nhận bằng văn bản"


def weekday_label(day: datetime.date) -> str:
    """Return the Vietnamese weekday name of `day`."""
    return WEEKDAYS[day.weekday()]


def check_override(cal: WorkCalendar, day, kind, name, taken=False):
    """Refuse an override that is malformed, duplicated or that would change nothing."""
    if day is None:
        raise ValidationFailed("Chưa nhập ngày (định dạng dd/mm/yyyy).", field="day")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationFailed(f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}.", field="day")
    if kind not in KINDS:
        raise ValidationFailed("Loại điều chỉnh phải là ngày nghỉ thêm hoặc ngày làm việc thêm.", field="kind")
    if not (name or "").strip():
        raise ValidationFailed("Chưa nhập tên/lý do của ngày điều chỉnh.", field="name")
    when = f"{weekday_label(day)} {day:%d/%m/%Y}"
    if taken:
        raise ValidationFailed(f"{when} đã có điều chỉnh; xóa điều chỉnh cũ trước khi thêm mới.", field="day")
    working = cal.is_working_day(day)
    if kind == OFF and not working:
        raise ValidationFailed(f"{when} vốn đã là ngày nghỉ, không cần thêm.", field="day")
    if kind == WORK and working:
        raise ValidationFailed(f"{when} vốn đã là ngày làm việc, không cần thêm.", field="day")


def year_rows(cal: WorkCalendar, year: int, admin_days: dict) -> list[dict]:
    """Rows for the year's page: weekdays off and weekend days worked, with their source.

    `admin_days` maps a day to its database override (anything with `document_ref`).
    """
    shipped = shipped_corrections()
    unconfirmed = shipped_review()[1]
    rows = []
    for kind, days in ((OFF, cal.days_off(year)), (WORK, cal.working_weekends(year))):
        for day, name in days:
            row = {
                "day": day,
                "weekday": weekday_label(day),
                "name": name,
                "kind": kind,
                "source": SOURCE_PACKAGE,
                "document_ref": "",
                "override": None,
            }
            if day in admin_days:
                row.update(source=SOURCE_ADMIN, override=admin_days[day], document_ref=admin_days[day].document_ref)
            elif day in shipped:
                row.update(source=SOURCE_SHIPPED, document_ref=shipped[day][2])
            elif day in unconfirmed:
                row.update(source=SOURCE_UNCONFIRMED, note=unconfirmed[day])
            rows.append(row)
    rows.sort(key=lambda r: r["day"])
    return rows


def year_notice(year: int, years_checked=None) -> str | None:
    """The warning for a year no official announcement was checked for, else None.

    A later year is computed from the Labour Code alone (the package): swaps are announced by the
    Government late in the year before, so the page says so instead of presenting them as fact.
    """
    checked = shipped_review()[0] if years_checked is None else years_checked
    if year in checked or (checked and year < min(checked)):
        return None
    return f"Năm {year}: lịch theo Bộ luật Lao động, chưa có thông báo hoán đổi của Chính phủ."
