"""Vietnamese working-day calendar of state agencies (pure: no Flask, no database).

Every "N working days" of the regulation (docs/rules.md "Working days"; R-6.1b, R-6.3b, R-16.2)
counts Monday to Friday, minus public holidays and the days off that replace them, plus
the Saturdays declared working days in exchange. The base is the `holidays` package
(`country_holidays('VN', language='vi')`); on top come the corrections shipped in
`data/vn_workday_corrections.json` (the package can be late about the Government's
yearly swaps), then the administrator's overrides (see `inspection.calendar`).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import holidays

OFF = "off"
WORK = "work"
KINDS = (OFF, WORK)
CORRECTIONS_FILE = Path(__file__).with_name("data") / "vn_workday_corrections.json"
# add_working_days() never walks further than this many calendar days (bad input guard).
_MAX_WALK_DAYS = 366 * 50


def parse_day(value) -> date:
    """Return `value` as a date (accepts date, datetime or 'YYYY-MM-DD')."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"not a date: {value!r}")


def _check_override(day: date, value) -> tuple[str, str]:
    """Validate one override value ('off'|'work', name[, document]) into (kind, name)."""
    kind, name = value[0], value[1]
    if kind not in KINDS:
        raise ValueError(f"{day}: kind must be one of {KINDS}, not {kind!r}")
    name = (name or "").strip()
    if not name:
        raise ValueError(f"{day}: an override needs a name")
    return kind, name


def load_corrections(path: Path = CORRECTIONS_FILE) -> dict[date, tuple[str, str, str]]:
    """Read a corrections file into {day: (kind, name, document_ref)}; raise on bad entries."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = {}
    for entry in data.get("corrections", []):
        day = parse_day(entry["date"])
        kind, name = _check_override(day, (entry["kind"], entry["name"]))
        document = (entry.get("document_ref") or "").strip()
        if not document:
            raise ValueError(f"{day}: a shipped correction must name its document")
        if day in out:
            raise ValueError(f"{day}: corrected twice")
        out[day] = (kind, name, document)
    return out


@lru_cache(maxsize=1)
def shipped_corrections() -> dict[date, tuple[str, str, str]]:
    """Return the corrections shipped with the application (read once)."""
    return load_corrections()


@lru_cache(maxsize=1)
def shipped_review(path: Path = CORRECTIONS_FILE) -> tuple[frozenset[int], dict[date, str]]:
    """The years checked against official announcements and the package days left unconfirmed."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    unconfirmed = {parse_day(e["date"]): e["note"] for e in data.get("unconfirmed", [])}
    return frozenset(data.get("years_checked", [])), unconfirmed


@lru_cache(maxsize=256)
def _package_year(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """Return the package's (weekday days off, working weekend days) of `year`, with names."""
    # Neighbouring years too: a swap may cross the year boundary (Dec 27, 2014 for Jan 2, 2015).
    cal = holidays.country_holidays("VN", language="vi", years=(year - 1, year, year + 1))
    off = {d: name for d, name in cal.items() if d.year == year and d.weekday() < 5}
    work = {}
    for d in cal.weekend_workdays:
        if d.year != year:
            continue
        replaced = [x for x, name in cal.items() if d.strftime("%d/%m/%Y") in name]
        work[d] = f"Làm việc bù cho ngày {replaced[0]:%d/%m/%Y}" if replaced else "Ngày làm việc bù"
    return off, work


@dataclass
class _Year:
    off: dict[date, str] = field(default_factory=dict)  # weekdays off
    work: dict[date, str] = field(default_factory=dict)  # weekend days worked
    off_sorted: list[date] = field(default_factory=list)
    work_sorted: list[date] = field(default_factory=list)


def _weekdays_through(day: date) -> int:
    """Count Monday-Friday days from 0001-01-01 (a Monday) through `day`."""
    n = day.toordinal()
    return n // 7 * 5 + min(n % 7, 5)


class WorkCalendar:
    """Working days: Mon-Fri minus days off, plus weekend days declared working."""

    def __init__(self, overrides=None, *, shipped: bool = True):
        merged = {d: v[:2] for d, v in shipped_corrections().items()} if shipped else {}
        for day, value in (overrides or {}).items():
            day = parse_day(day)
            merged[day] = _check_override(day, value)
        self.overrides = merged
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        built = self._years.get(year)
        if built is None:
            built = self._years[year] = self._build_year(year)
        return built

    def _build_year(self, year: int) -> _Year:
        package_off, package_work = _package_year(year)
        y = _Year(off=dict(package_off), work=dict(package_work))
        for day, (kind, name) in self.overrides.items():
            if day.year != year:
                continue
            weekday = day.weekday() < 5
            if kind == OFF:
                y.work.pop(day, None)
                if weekday:
                    y.off[day] = name
            else:
                y.off.pop(day, None)
                if not weekday:
                    y.work[day] = name
        y.off_sorted, y.work_sorted = sorted(y.off), sorted(y.work)
        return y

    def is_working_day(self, day) -> bool:
        """Tell whether `day` is a working day."""
        day = parse_day(day)
        y = self._year(day.year)
        return day not in y.off if day.weekday() < 5 else day in y.work

    def add_working_days(self, day, n: int) -> date:
        """Return the n-th working day after `day` (before it when n < 0; `day` when n == 0)."""
        current = parse_day(day)
        step = timedelta(days=1 if n > 0 else -1)
        remaining, walked = abs(n), 0
        while remaining:
            current += step
            walked += 1
            if walked > _MAX_WALK_DAYS:
                raise ValueError(f"no {n} working days within {_MAX_WALK_DAYS} days of {day}")
            if self.is_working_day(current):
                remaining -= 1
        return current

    def count_working_days(self, start, end) -> int:
        """Count working days in (start, end]; negative when end is before start."""
        a, b = parse_day(start), parse_day(end)
        if b < a:
            return -self.count_working_days(b, a)
        total = _weekdays_through(b) - _weekdays_through(a)
        for year in range(a.year, b.year + 1):
            y = self._year(year)
            total -= bisect_right(y.off_sorted, b) - bisect_right(y.off_sorted, a)
            total += bisect_right(y.work_sorted, b) - bisect_right(y.work_sorted, a)
        return total

    def days_off(self, year: int) -> list[tuple[date, str]]:
        """List the weekdays off of `year` with their Vietnamese names."""
        y = self._year(year)
        return [(d, y.off[d]) for d in y.off_sorted]

    def working_weekends(self, year: int) -> list[tuple[date, str]]:
        """List the Saturdays/Sundays of `year` declared working days, with names."""
        y = self._year(year)
        return [(d, y.work[d]) for d in y.work_sorted]

    def reason(self, day) -> str | None:
        """Name why `day` is off although a weekday, or worked although a weekend day."""
        day = parse_day(day)
        y = self._year(day.year)
        return y.off.get(day) if day.weekday() < 5 else y.work.get(day)

    def days_off_between(self, start, end) -> list[tuple[date, str]]:
        """List the weekdays off in [start, end] with names."""
        a, b = parse_day(start), parse_day(end)
        out = []
        for year in range(a.year, b.year + 1):
            y = self._year(year)
            lo, hi = bisect_left(y.off_sorted, a), bisect_right(y.off_sorted, b)
            out.extend((d, y.off[d]) for d in y.off_sorted[lo:hi])
        return out
