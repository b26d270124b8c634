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


def paginate(query, number, per_page=50, total=None):
    """One page of `query`; `total` may be passed when it was counted already."""
    total = query.count() if total is None else total
    # A page past the last shows the last one: page numbers come from URLs people edit.
    number = min(max(1, number or 1), max(1, math.ceil(total / per_page)))
    items = list(query.paginate(number, per_page))
    return Page(items, number, per_page, total)
