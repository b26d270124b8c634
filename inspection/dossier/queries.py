"""Read-only queries of the dossier pages and the archive browser."""

import json

from peewee import JOIN

from inspection.accounts.policy import can
from inspection.dossier import rules
from inspection.dossier.models import CLOSED, OPEN, AssemblyJob, Dossier, DossierItem
from inspection.text import MAX_ID, fold, parse_id
from inspection.uploads import StoredFile


def page_data(dossier, user):
    """Return everything the dossier page shows, in a fixed number of queries."""
    from flask import request

    rows = list(
        DossierItem.select(DossierItem, StoredFile)
        .join(StoredFile, JOIN.LEFT_OUTER)
        .where(DossierItem.dossier == dossier)
        .order_by(DossierItem.component, DossierItem.position, DossierItem.id)
    )
    active = [r for r in rows if not r.removed]
    counts = {}
    for r in active:
        counts[r.component] = counts.get(r.component, 0) + 1
    job_id = request.args.get("job", type=parse_id)
    job = (
        AssemblyJob.get_or_none((AssemblyJob.id == job_id) & (AssemblyJob.dossier == dossier)) if job_id else None
    ) or latest_job(dossier)
    pages = json.loads(job.toc) if job and job.toc else {}
    components = [
        {
            "number": n,
            "name": name,
            "required": n in rules.required_components(dossier.case.form),
            "items": [r for r in active if r.component == n],
        }
        for n, name, _req in rules.COMPONENTS
    ]
    return {
        "dossier": dossier,
        "case": dossier.case,
        "components": components,
        "removed": [r for r in rows if r.removed],
        "counts": counts,
        "missing": rules.missing_components(counts, dossier.case.form),
        "job": job,
        "toc_pages": pages,
        "can_edit": not dossier.is_closed and can(user, "dossier.edit", dossier),
        "can_close": not dossier.is_closed and can(user, "dossier.close", dossier),
        "page_label": rules.page_range_label,
    }


def latest_job(dossier):
    return AssemblyJob.select().where(AssemblyJob.dossier == dossier).order_by(AssemblyJob.id.desc()).first()


def open_dossiers(user):
    """Return the dossiers being compiled that `user` may see."""
    rows = Dossier.select().where(Dossier.state == OPEN).order_by(Dossier.created_at.desc())
    return [d for d in rows if can(user, "dossier.view", d)]


def unit_choices():
    from inspection.accounts.models import Unit

    return [
        (str(u.id), u.name)
        for u in Unit.select(Unit.id, Unit.name).where(Unit.active == True).order_by(Unit.sort_order, Unit.name)
    ]  # noqa: E712


def search_archive(year=None, unit=None, code=None, words=None, limit=200):
    """Find closed dossiers (transferred and destroyed ones too) by year, unit, code and words."""
    q = Dossier.select().where(Dossier.state != OPEN)  # e2-transfer: still findable (issue 17)
    if year:
        q = q.where(Dossier.year == year)
    if code:
        q = q.where(Dossier.code.contains(code.strip()))
    for word in fold(words or "").split():
        q = q.where(Dossier.title_folded.contains(word))
    if unit and str(unit).isascii() and str(unit).isdigit() and int(unit) <= MAX_ID:
        from inspection.accounts.models import Unit
        from inspection.cases.models import CaseUnit

        in_case = Dossier.case.in_(CaseUnit.select(CaseUnit.case).where(CaseUnit.unit == int(unit)))
        named = Unit.get_or_none(Unit.id == int(unit))
        # issue 17: a paper dossier names its units in text only (folded into title_folded)
        on_paper = Dossier.digitised & Dossier.title_folded.contains(fold(named.name)) if named else None
        q = q.where(in_case | on_paper if named else in_case)
    return list(q.order_by(Dossier.year.desc(), Dossier.code).limit(limit))


def archived_package_names():
    """Return the package folder names the database says were written (and not destroyed since:
    e2-transfer, issue 17 — a destroyed dossier's package is gone by decision, not missing)."""
    from inspection.dossier.models import DESTROYED

    rows = Dossier.select(Dossier.package_name).where(
        Dossier.package_name.is_null(False) & (Dossier.state != DESTROYED)
    )
    return [d.package_name for d in rows]


# ---- the archive by year (issue 17) --------------------------------------------------------


def _end_year():
    """SQL of the year the work ended: the end date's year, else the dossier's year (rules.work_end_year)."""
    from peewee import fn

    return fn.COALESCE(Dossier.end_on.year, Dossier.year)


def due_in(year):
    """Closed dossiers whose retention ends in `year` (rules.retention_end_year, in SQL)."""
    from inspection.dossier.models import RetentionLine

    return (
        Dossier.select(Dossier, RetentionLine)
        .join(RetentionLine)
        .where(
            (Dossier.state == CLOSED)
            & RetentionLine.years.is_null(False)
            & ((_end_year() + RetentionLine.years) == year)
        )
    )


def permanent():
    """Dossiers in the archive kept permanently (Vĩnh viễn)."""
    from inspection.dossier.models import RetentionLine

    return (
        Dossier.select(Dossier, RetentionLine)
        .join(RetentionLine)
        .where((Dossier.state != OPEN) & RetentionLine.years.is_null())
    )


def by_year(year, show="due", words=None):
    """The query of the archive-by-year page: due in `year`, or the permanent ones; words filter."""
    q = permanent() if show == "permanent" else due_in(year)
    for word in fold(words or "").split():
        q = q.where(Dossier.title_folded.contains(word))
    return q.order_by(Dossier.code)
