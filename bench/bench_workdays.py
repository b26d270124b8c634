"""Working-day calendar speed: what monitoring pays per task when it computes deadlines.

Prints: cold start (first year built from the holidays package), add_working_days and
count_working_days per call on a warm calendar, and a 10,000-task overdue sweep.
"""

import random
import time
from datetime import date, timedelta

from inspection.workdays import WorkCalendar


def per_call(fn, calls):
    start = time.perf_counter()
    for args in calls:
        fn(*args)
    return (time.perf_counter() - start) / len(calls) * 1e6


def main():
    start = time.perf_counter()
    cal = WorkCalendar()
    cal.is_working_day(date(2026, 2, 13))
    print(f"cold start (package + corrections, 1 year): {(time.perf_counter() - start) * 1000:.1f} ms")
    start = time.perf_counter()
    for year in range(2020, 2031):
        cal.days_off(year)
    print(f"build 11 more years: {(time.perf_counter() - start) * 1000:.1f} ms")

    rnd = random.Random(1)
    days = [date(2025, 1, 1) + timedelta(days=rnd.randrange(730)) for _ in range(20000)]
    adds = [(d, rnd.choice((1, 2, 5, 10, 30))) for d in days]
    counts = [(d, d + timedelta(days=rnd.randrange(400))) for d in days]
    print(f"add_working_days: {per_call(cal.add_working_days, adds):.2f} µs/call (n in 1..30)")
    print(f"count_working_days: {per_call(cal.count_working_days, counts):.2f} µs/call (spans up to 400 days)")
    print(f"is_working_day: {per_call(cal.is_working_day, [(d,) for d in days]):.2f} µs/call")

    today = date(2026, 11, 27)
    tasks = [(d, rnd.choice((1, 2, 5))) for d in days[:10000]]
    start = time.perf_counter()
    late = sum(cal.count_working_days(cal.add_working_days(d, n), today) > 0 for d, n in tasks)
    print(f"overdue sweep of 10,000 tasks: {(time.perf_counter() - start) * 1000:.1f} ms ({late} late)")


if __name__ == "__main__":
    main()
