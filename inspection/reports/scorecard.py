"""The units' yearly scorecards (R-25) and the report on the regulation itself (R-23): pure rules.

R-25 says a unit's results count in its yearly evaluation and emulation (thi đua) scoring but
gives no formula. The score below is the Department's proposal, to be set by the emulation
council: each part is a rate in percent, weighted; a part with nothing to judge (no task due,
no report due, nothing flagged) is left out and the others' weights are scaled up to 100.
The figures themselves come from the existing counts (scorecard_queries.py), never recounted.
"""

from __future__ import annotations

from datetime import date

from inspection.monitoring.rules import percent

# (part, label, weight): the Department's proposal (R-25 gives no formula).
WEIGHTS = (
    ("completion", "Tỷ lệ hoàn thành nhiệm vụ đúng hạn", 40),
    ("updates", "Tỷ lệ cập nhật kết quả đúng hạn (điểm b khoản 3 Điều 6)", 25),
    ("reports", "Tỷ lệ báo cáo tháng gửi đúng hạn (khoản 1 Điều 20)", 25),
    ("flags", "Tỷ lệ nội dung bị đánh dấu chưa chính xác đã được sửa (Điều 7)", 10),
)

# The scorecard's columns: key -> heading (the sort keys are these keys).
COLUMNS = {
    "unit": "Đơn vị",
    "tasks": "Số nhiệm vụ chủ trì",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "open_overdue": "Chưa hoàn thành, quá hạn",
    "completion": "Tỷ lệ hoàn thành đúng hạn (%)",
    "updates_on_time": "Cập nhật đúng hạn",
    "updates_late": "Cập nhật muộn",
    "reports_on_time": "Báo cáo tháng đúng hạn",
    "reports_late": "Báo cáo tháng muộn",
    "reports_missing": "Báo cáo tháng chưa gửi, quá hạn",
    "flags_corrected": "Nội dung bị đánh dấu đã sửa",
    "flagged": "Nội dung bị đánh dấu",
    "score": "Điểm tổng hợp",
}
DEFAULT_SORT = "-score"

MSG_BAD_YEAR = "Năm không hợp lệ: ghi năm bằng bốn chữ số, ví dụ 2026."
MSG_FUTURE_YEAR = "Năm {year} chưa đến (hôm nay là {today:%d/%m/%Y}): chưa có số liệu để chấm."
MSG_EMPTY = "Sổ theo dõi chưa có nhiệm vụ nào: chưa có số liệu để chấm."
MSG_BEFORE_FIRST = "Sổ theo dõi bắt đầu từ ngày {first:%d/%m/%Y}: không có số liệu năm {year}."
MSG_BAD_SORT = "Cột sắp xếp không hợp lệ: chọn một cột của bảng."


def parse_year(raw, today: date) -> int:
    """Return the year asked for (this year when none); ValueError with the message when unreadable."""
    if raw in (None, ""):
        return today.year
    text = str(raw).strip()
    if not (text.isdigit() and len(text) == 4):
        raise ValueError(MSG_BAD_YEAR)
    return int(text)


def year_refusal(year: int, today: date, first_day: date | None) -> str | None:
    """Refuse a year still to come or before the register's first task (R-23, R-25)."""
    if year > today.year:
        return MSG_FUTURE_YEAR.format(year=year, today=today)
    if first_day is None:
        return MSG_EMPTY
    if year < first_day.year:
        return MSG_BEFORE_FIRST.format(first=first_day, year=year)
    return None


def cut_off(year: int, today: date) -> date:
    """Return the day the year's figures are counted at: 31/12, or today during the year."""
    return min(date(year, 12, 31), today)


def rates(row: dict) -> dict:
    """Return each weighted part's rate in percent (None when there is nothing to judge)."""
    return {
        "completion": percent(row["done_on_time"], row["done_on_time"] + row["done_late"] + row["open_overdue"]),
        "updates": percent(row["updates_on_time"], row["updates_on_time"] + row["updates_late"]),
        "reports": percent(
            row["reports_on_time"], row["reports_on_time"] + row["reports_late"] + row["reports_missing"]
        ),
        "flags": percent(row["flags_corrected"], row["flagged"]),
    }


def score(parts: dict) -> float | None:
    """Return the weighted score out of 100 over the parts that have a rate (R-25, proposal)."""
    judged = [(weight, parts[key]) for key, _, weight in WEIGHTS if parts.get(key) is not None]
    total = sum(weight for weight, _ in judged)
    if not total:
        return None
    return round(sum(weight * value for weight, value in judged) / total, 1)


def scored(row: dict) -> dict:
    """Return the row with its rates and its score added."""
    parts = rates(row)
    return row | {"completion": parts["completion"], "parts": parts, "score": score(parts)}


def parse_sort(raw) -> tuple[str, bool]:
    """Return (column, descending) from "score" or "-score"; ValueError on an unknown column."""
    text = (raw or DEFAULT_SORT).strip()
    key = text.removeprefix("-")
    if key not in COLUMNS:
        raise ValueError(MSG_BAD_SORT)
    return key, text.startswith("-")


def sort_rows(rows: list[dict], key: str, descending: bool) -> list[dict]:
    """Sort the rows by one column; rows without a value (nothing to judge) always go last."""
    present = [r for r in rows if r[key] is not None]
    absent = [r for r in rows if r[key] is None]
    present.sort(key=lambda r: r[key], reverse=descending)  # stable: ties keep the units' order
    return present + absent


def regulation_sections(data: dict) -> list[tuple[str, list[tuple[str, object]]]]:
    """The R-23 report's tables: [(heading, [(line, value)])] from regulation()'s figures."""
    t, f, u, r = data["tasks"], data["figures"], data["updates"], data["reports"]
    urg, ins, rec = data["urgings"], data["inspections"], data["recommendations"]
    return [
        (
            "Đăng ký, theo dõi và cập nhật nhiệm vụ (Điều 6, Điều 8)",
            [
                ("Nhiệm vụ trong sổ theo dõi", t["total"]),
                ("Đăng ký muộn (điểm b khoản 1 Điều 6)", t["late_registration"]),
                ("Nhập kết quả muộn (điểm b khoản 3 Điều 6)", t["late_result"]),
                ("Hoàn thành đúng hạn", f["hoan_thanh_dung_han"]),
                ("Hoàn thành quá hạn", f["hoan_thanh_qua_han"]),
                ("Chưa hoàn thành, quá hạn", f["dang_thuc_hien_qua_han"]),
                ("Lượt cập nhật kết quả đến hạn trong năm: đúng hạn", u["on_time"]),
                ("Lượt cập nhật kết quả đến hạn trong năm: muộn", u["late"]),
            ],
        ),
        (
            "Kiểm tra độ chính xác của thông tin (Điều 7)",
            [("Nội dung bị đánh dấu chưa chính xác", u["flagged"]), ("Đã được đơn vị sửa", u["corrected"])],
        ),
        (
            "Báo cáo tháng của đơn vị (Điều 19, khoản 1 Điều 20)",
            [("Gửi đúng hạn", r["on_time"]), ("Gửi muộn", r["late"]), ("Chưa gửi, quá hạn", r["missing"])],
        ),
        (
            "Đôn đốc (Điều 9, Điều 10)",
            [
                ("Lượt đôn đốc", urg["made"]),
                ("Đã được đơn vị trả lời", urg["answered"]),
                ("Chưa trả lời", urg["made"] - urg["answered"]),
            ],
        ),
        (
            "Kiểm tra việc thực hiện nhiệm vụ (Điều 12 - Điều 16)",
            [
                ("Cuộc kiểm tra kết thúc trong năm", ins["held"]),
                ("Báo cáo kết quả trong 5 ngày làm việc (khoản 2 Điều 16)", ins["reported_on_time"]),
                ("Báo cáo kết quả quá 5 ngày làm việc", ins["reported_late"]),
                ("Chưa báo cáo kết quả", ins["not_reported"]),
                ("Kiến nghị sau kiểm tra (thông báo kết luận trong năm)", rec["total"]),
                ("Kiến nghị đã thực hiện xong", rec["done"]),
                ("Kiến nghị chưa thực hiện xong", rec["open"]),
            ],
        ),
    ]


def method_lines() -> list[str]:
    """The scoring method written under the scorecard and in its export (R-25)."""
    weights = "; ".join(f"{label}: {weight}%" for _, label, weight in WEIGHTS)
    return [
        "Cách tính điểm (đề xuất của Sở, do Hội đồng thi đua - khen thưởng quyết định; Điều 25 không quy định công thức):",
        f"Điểm tổng hợp (thang 100) là bình quân có trọng số của các tỷ lệ: {weights}.",
        "Tỷ lệ hoàn thành đúng hạn = hoàn thành đúng hạn / (hoàn thành đúng hạn + hoàn thành quá hạn"
        " + chưa hoàn thành quá hạn), theo số liệu sổ theo dõi tại ngày chốt.",
        "Tỷ lệ nào không có gì để tính (không có nhiệm vụ, báo cáo, nội dung bị đánh dấu đến hạn) thì bỏ qua,"
        " trọng số của các tỷ lệ còn lại được tính lại cho đủ 100. Nhiệm vụ mật không được tính (khoản 2 Điều 5).",
    ]
