"""Pagination of peewee queries: one COUNT and one page of rows."""

import math
from dataclasses import dataclass


@dataclass
class Page:
    items: list
    number: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def _clamp(number, total, per_page):
    # A page past the last shows the last one: page numbers come from URLs people edit.
    return min(max(1, number or 1), max(1, math.ceil(total / per_page)))


def paginate(query, number, per_page=50, total=None):
    """One page of `query`; `total` may be passed when it was counted already."""
    total = query.count() if total is None else total
    number = _clamp(number, total, per_page)
    items = list(query.paginate(number, per_page))
    return Page(items, number, per_page, total)


def paginate_list(items, number, per_page=50):
    """One page of a list already in memory (a report's frozen content), clamped like `paginate`."""
    number = _clamp(number, len(items), per_page)
    start = (number - 1) * per_page
    return Page(list(items[start : start + per_page]), number, per_page, len(items))
