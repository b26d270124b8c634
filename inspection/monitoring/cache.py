"""The dashboard figures, computed once per state of the register (R-8; issue 12, speed).

`figures()` returns what figures.py computes, kept in this process and keyed on the data
version (migration 0027: triggers count every write to the tables the figures read, inside
the writer's transaction) and on the database, so a write of any kind from any process makes
the entry stale from its commit on. An entry is kept only when the version read after the
computation is still the one read before it (no write committed in between). The leadership
dashboard on 100,000 tasks: ≈ 540 ms CPU computed, ≈ 31 ms once its figures are kept
(bench/bench_monitoring.py, shared machine). Callers must not change what they get back. MONITORING_CACHE =
False in the config turns it off.
"""

import threading
from collections import OrderedDict

from flask import current_app

from inspection.db import db

SIZE = 32  # entries kept per process: a few dates a day, each a few kilobytes
_LOCK = threading.Lock()
_ENTRIES = OrderedDict()


def data_version():
    """The count of writes to the figures' tables, or None when the database has none (yet)."""
    from inspection.monitoring.models import FiguresVersion

    return FiguresVersion.select(FiguresVersion.version).where(FiguresVersion.id == 1).scalar()


def figures(fn, *args, **kwargs):
    """Return fn(*args, **kwargs) (figures computed from the database and these arguments),
    computed once per data version; a working-day calendar counts by its days off and on."""
    if not current_app.config.get("MONITORING_CACHE", True):
        return fn(*args, **kwargs)
    before = data_version()
    if before is None:
        return fn(*args, **kwargs)
    named = tuple(sorted((k, _hashable(v)) for k, v in kwargs.items()))
    key = (db.obj.database, fn.__module__, fn.__qualname__, tuple(_hashable(a) for a in args), named, before)
    with _LOCK:
        if key in _ENTRIES:
            _ENTRIES.move_to_end(key)
            return _ENTRIES[key]
    value = fn(*args, **kwargs)
    if data_version() == before:
        with _LOCK:
            _ENTRIES[key] = value
            while len(_ENTRIES) > SIZE:
                _ENTRIES.popitem(last=False)
    return value


def _hashable(arg):
    overrides = getattr(arg, "overrides", None)  # a WorkCalendar: new each request, same days
    return ("calendar", tuple(sorted(overrides.items()))) if overrides is not None else arg


def clear():
    """Forget every entry (tests and benchmarks that time the computation itself)."""
    with _LOCK:
        _ENTRIES.clear()
