"""The dashboard figures, computed once per state of the register (R-8; issue 12, speed).

`figures()` returns what figures.py computes, kept in this process and keyed on the data
version (migration 0027: triggers count every write to the tables the figures read, inside
the writer's transaction) and on the database, so a write of any kind from any process makes
the entry stale from its commit on. An entry is kept only when the version read after the
computation is still the one read before it (no write committed in between).

`per_unit()` and `for_unit()` key on a version per unit instead (migration 0029): a write to
a task makes stale only the figures of the units it concerns, so the leadership dashboard
after a write counts one or two units again, not the 100,000 tasks (bench/bench_monitoring.py:
≈ 540 ms CPU computed whole, ≈ 100–140 ms after one write, ≈ 35 ms kept). Callers must not
change what they get back. MONITORING_CACHE = False in the config turns keeping off.
"""

import threading
from collections import OrderedDict

from flask import current_app

from inspection.db import db

SIZE = 256  # entries kept per process: a few dates a day and each unit's page, a few kilobytes each
UNIT_SIZE = 2048  # per-unit entries: units x (figures, trend) x a few dates, each under a kilobyte
_LOCK = threading.Lock()
_ENTRIES = OrderedDict()
_UNIT_ENTRIES = OrderedDict()


def data_version():
    """The count of writes to the figures' tables, or None when the database has none (yet)."""
    from inspection.monitoring.models import FiguresVersion

    return FiguresVersion.select(FiguresVersion.version).where(FiguresVersion.id == 1).scalar()


def figures(fn, *args, **kwargs):
    """Return fn(*args, **kwargs) (figures computed from the database and these arguments),
    computed once per data version; a working-day calendar counts by its days off and on."""
    return _keep(data_version, fn, args, kwargs)


def for_unit(unit_id, fn, *args, **kwargs):
    """fn(*args, **kwargs) like figures(), for figures of what one unit leads or takes part in, kept for that unit's data version and
    the version of what concerns every unit (migration 0029): a write to another unit's task
    leaves them kept (a unit's dashboard)."""

    def version():
        rows = dict(unit_versions_of([0, unit_id]))
        return (rows[0], unit_id, rows[unit_id]) if len(rows) == 2 else None

    return _keep(version, fn, args, kwargs)


def _keep(version_of, fn, args, kwargs):
    if not current_app.config.get("MONITORING_CACHE", True):
        return fn(*args, **kwargs)
    before = version_of()
    if before is None:
        return fn(*args, **kwargs)
    named = tuple(sorted((k, _hashable(v)) for k, v in kwargs.items()))
    key = (db.obj.database, fn.__module__, fn.__qualname__, tuple(_hashable(a) for a in args), named, before)
    with _LOCK:
        if key in _ENTRIES:
            _ENTRIES.move_to_end(key)
            return _ENTRIES[key]
    value = fn(*args, **kwargs)
    if version_of() == before:
        with _LOCK:
            _ENTRIES[key] = value
            while len(_ENTRIES) > SIZE:
                _ENTRIES.popitem(last=False)
    return value


def unit_versions():
    """{unit id: version} (migration 0029; 0: what concerns every unit)."""
    return dict(unit_versions_of(None))


def unit_versions_of(unit_ids):
    """[(unit id, version)] of these units (None: all)."""
    from inspection.monitoring.models import FiguresUnitVersion as V

    q = V.select(V.unit_id, V.version)
    return list((q.where(V.unit_id.in_(unit_ids)) if unit_ids is not None else q).tuples())


def per_unit(fn, *args, **kwargs):
    """Return {unit id: value} of fn(unit_ids, *args, **kwargs) — figures of the tasks each unit
    leads, {unit id: value} for the units asked (None: every unit) — each unit's value kept for
    that unit's data version and the version of what concerns every unit (migration 0029).

    After a write only the units of the written task are counted again, in one call for all of
    them; when most units changed (an import) one call counts every unit. Units whose value is
    empty ({} or []) are left out of the answer, as a scan of every unit leaves them.
    """
    enabled = current_app.config.get("MONITORING_CACHE", True)
    versions = unit_versions() if enabled else None
    if not versions or 0 not in versions:
        return {u: v for u, v in fn(None, *args, **kwargs).items() if v}
    common = versions.pop(0)
    named = tuple(sorted((k, _hashable(v)) for k, v in kwargs.items()))
    base = (db.obj.database, fn.__module__, fn.__qualname__, tuple(_hashable(a) for a in args), named, common)
    have, stale = {}, []
    with _LOCK:
        for unit_id, version in versions.items():
            key = (*base, unit_id, version)
            if key in _UNIT_ENTRIES:
                _UNIT_ENTRIES.move_to_end(key)
                have[unit_id] = _UNIT_ENTRIES[key]
            else:
                stale.append(unit_id)
    if stale:
        fresh = fn(None if 2 * len(stale) > len(versions) else stale, *args, **kwargs)
        after = unit_versions() or {}
        with _LOCK:
            for unit_id in stale:
                have[unit_id] = value = fresh.get(unit_id)  # None: the unit leads no task then
                if after.get(0) == common and after.get(unit_id) == versions[unit_id]:
                    _UNIT_ENTRIES[(*base, unit_id, versions[unit_id])] = value
            while len(_UNIT_ENTRIES) > UNIT_SIZE:
                _UNIT_ENTRIES.popitem(last=False)
    return {u: v for u, v in have.items() if v}


def _hashable(arg):
    overrides = getattr(arg, "overrides", None)  # a WorkCalendar: new each request, same days
    return ("calendar", tuple(sorted(overrides.items()))) if overrides is not None else arg


def clear():
    """Forget every entry (tests and benchmarks that time the computation itself)."""
    with _LOCK:
        _ENTRIES.clear()
        _UNIT_ENTRIES.clear()
