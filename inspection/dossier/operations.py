"""Every write to a dossier: filing, uploads, order, removal, closing, archiving (R-17).

Each write runs in db.atomic() and is audited. Files are stored (and PDFs assembled)
outside transactions. A closed dossier refuses every change (rules.ensure_open).
"""

import datetime

from inspection import audit, clock, queue, settings, uploads
from inspection.db import db
from inspection.dossier import rules
from inspection.dossier.models import CLOSED, AssemblyJob, Dossier, DossierItem
from inspection.errors import ValidationFailed
from inspection.signing import records as signature_records
from inspection.text import fold, nfc

# Background work, queued by name (dossier/tasks.py does it; the queue knows no part).
ASSEMBLE = "inspection.dossier.tasks.assemble"
ARCHIVE = "inspection.dossier.tasks.archive"

UPLOAD_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
ITEM_AUDIT = [
    "dossier",
    "component",
    "position",
    "source",
    "source_ref",
    "file",
    "number_symbol",
    "doc_date",
    "type_and_abstract",
    "author",
    "pages",
    "removed",
    "removed_reason",
]


def setting(key, default):
    """Read a dossier setting, falling back to its default."""
    try:
        return settings.get(key)
    except KeyError:
        return default


def max_upload_bytes():
    """Return the per-file upload limit in bytes (setting dossier.max_upload_mb)."""
    return int(setting("dossier.max_upload_mb", 50)) * uploads.MB


def retention_for(case):
    """Return the retention period for the case's kind, from the schedule (issue 17)."""
    from inspection.dossier import schedule

    return schedule.retention_of(case)[1]


def schedule_line(case):
    """The schedule line a new dossier of `case` is filed under (issue 17), or None."""
    from inspection.dossier import schedule

    return schedule.retention_of(case)[0]


def dossier_code(case):
    """Return the dossier code (hồ sơ số) of a case: KT-<year>-<case id>."""
    year = (case.start_on or case.created_at).year
    return f"KT-{year}-{case.id:03d}"


def _units_text(case):
    from inspection.accounts.models import Unit
    from inspection.cases.models import CaseUnit

    rows = (
        Unit.select(Unit.name)
        .join(CaseUnit, on=(CaseUnit.unit == Unit.id))
        .where(CaseUnit.case == case)
        .order_by(Unit.sort_order, Unit.name)
    )
    return "; ".join(u.name for u in rows)


def open_dossier(case, user=None):
    """Return the case's dossier, creating it (with code, title, retention) on first use."""
    existing = Dossier.get_or_none(Dossier.case == case)
    if existing:
        return existing
    rules.ensure_open(case)
    title = nfc(f"Hồ sơ kiểm tra: {case.title}")
    with db.atomic():
        dossier = Dossier.create(
            case=case,
            code=dossier_code(case),
            title=title[:500],
            year=(case.start_on or case.created_at).year,
            retention=retention_for(case),
            retention_line=schedule_line(case),
            start_on=case.start_on,
            end_on=case.end_on,
            units_text=_units_text(case),
        )
        dossier.title_folded = fold(f"{dossier.code} {dossier.title} {dossier.units_text}")
        dossier.save()
        audit.record(user, "create", dossier, None, audit.snapshot(dossier))
    return dossier


def ensure_open(dossier):
    """Refuse a change when the dossier (or its case) is closed."""
    if dossier.is_closed:
        raise rules.DossierClosed(rules.closed_message(dossier.state, dossier.transferred_to))
    rules.ensure_open(dossier.case)


def active_items(dossier):
    """Return the dossier's items that are not removed, in R-17 order."""
    return list(
        DossierItem.select()
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .order_by(DossierItem.component, DossierItem.position, DossierItem.id)
    )


def component_counts(dossier):
    """Return {component: number of active items}."""
    from peewee import fn

    q = (
        DossierItem.select(DossierItem.component, fn.COUNT(DossierItem.id).alias("n"))
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .group_by(DossierItem.component)
    )
    return {row.component: row.n for row in q}


def missing(dossier):
    """Return the required components (number, name) still empty (R-17)."""
    return rules.missing_components(component_counts(dossier), dossier.case.form)


def _next_position(dossier, component):
    from peewee import fn

    top = (
        DossierItem.select(fn.MAX(DossierItem.position))
        .where((DossierItem.dossier == dossier) & (DossierItem.component == component))
        .scalar()
    )
    return 0 if top is None else top + 1


# ---- metadata of an item ------------------------------------------------------------


def clean_meta(data):
    """Check an item's metadata; return clean values or raise ValidationFailed (R-17)."""
    try:
        component = int(data.get("component") or 0)
    except (TypeError, ValueError):
        component = 0
    if component not in rules.COMPONENT_NUMBERS:
        raise ValidationFailed("Hãy chọn thành phần hồ sơ (1 đến 8, Điều 17).", field="component")
    abstract = nfc((data.get("type_and_abstract") or "").strip())
    if not abstract:
        raise ValidationFailed("Hãy nhập tên loại và trích yếu nội dung văn bản.", field="type_and_abstract")
    pages = data.get("pages")
    if pages in (None, ""):
        pages = None
    else:
        try:
            pages = int(pages)
        except (TypeError, ValueError):
            pages = -1
        if pages < 1 or pages > 100000:
            raise ValidationFailed("Số trang (tờ) phải là số nguyên dương.", field="pages")
    doc_date = data.get("doc_date") or None
    if isinstance(doc_date, str):
        try:
            doc_date = datetime.date.fromisoformat(doc_date)
        except ValueError:
            raise ValidationFailed("Ngày văn bản không hợp lệ.", field="doc_date") from None
    return {
        "component": component,
        "type_and_abstract": abstract[:2000],
        "number_symbol": nfc((data.get("number_symbol") or "").strip())[:100],
        "author": nfc((data.get("author") or "").strip())[:255],
        "doc_date": doc_date,
        "pages": pages,
    }


# ---- uploads ------------------------------------------------------------------------


def add_upload(dossier, user, stream, filename, data):
    """Add a person's upload to the dossier, checked by content; duplicates are refused.

    The file name is display metadata only; the bytes are stored by content hash.
    """
    ensure_open(dossier)
    meta = clean_meta(data)
    stored = uploads.store_stream(stream, filename, user=user, allowed=UPLOAD_KINDS, max_bytes=max_upload_bytes())
    try:
        with db.atomic():
            _refuse_duplicate(dossier, stored.sha256)
            item = DossierItem.create(
                dossier=dossier,
                source="upload",
                file=stored,
                sha256=stored.sha256,
                added_by=user,
                position=_next_position(dossier, meta["component"]),
                **meta,
            )
            audit.record(user, "create", item, None, audit.snapshot(item, only=ITEM_AUDIT))
    except ValidationFailed:
        stored.delete_instance()  # the blob is content-addressed and shared; only the row goes
        raise
    signature_records.check_stored(stored)  # issue 16: shown beside the file and in the TOC
    return item


def _refuse_duplicate(dossier, sha256):
    twin = (
        DossierItem.select()
        .where((DossierItem.dossier == dossier) & (DossierItem.sha256 == sha256) & (DossierItem.removed == False))  # noqa: E712
        .first()
    )
    if twin:
        raise ValidationFailed(
            f"Tệp này đã có trong hồ sơ (thành phần {twin.component}: "
            f'"{twin.type_and_abstract[:80]}"); không thêm bản trùng (Điều 29 Nghị định 30/2020/NĐ-CP).',
            field="file",
        )


def file_item(dossier, source, source_ref, stored, meta, user=None):
    """File one document the system holds (idempotent by source_ref); return the item or None."""
    if DossierItem.select().where((DossierItem.dossier == dossier) & (DossierItem.source_ref == source_ref)).exists():
        return None
    with db.atomic():
        item = DossierItem.create(
            dossier=dossier,
            source=source,
            source_ref=source_ref,
            file=stored,
            sha256=stored.sha256 if stored else "",
            position=_next_position(dossier, meta["component"]),
            added_by=user,
            **meta,
        )
        audit.record(user, "create", item, None, audit.snapshot(item, only=ITEM_AUDIT))
    return item


def edit_item(item, user, data):
    """Correct an item's metadata (number, date, abstract, author, pages)."""
    ensure_open(item.dossier)
    meta = clean_meta({**data, "component": data.get("component") or item.component})
    with db.atomic():
        before = audit.snapshot(item, only=ITEM_AUDIT)
        if meta["component"] != item.component:
            meta["position"] = _next_position(item.dossier, meta["component"])
        for key, value in meta.items():
            setattr(item, key, value)
        item.save()
        audit.record(user, "update", item, before, audit.snapshot(item, only=ITEM_AUDIT))
    return item


def remove_item(item, user, reason):
    """Take a duplicate or draft out of the dossier before closing (Decree 30 Art. 29)."""
    ensure_open(item.dossier)
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationFailed("Hãy ghi lý do loại tài liệu (bản trùng, bản nháp...).", field="reason")
    with db.atomic():
        before = audit.snapshot(item, only=ITEM_AUDIT)
        item.removed, item.removed_reason = True, reason[:255]
        item.removed_by, item.removed_at = user, clock.now()
        item.save()
        audit.record(user, "delete", item, before, audit.snapshot(item, only=ITEM_AUDIT))
    return item


def move_item(item, user, direction):
    """Move an item up (-1) or down (+1) within its component."""
    ensure_open(item.dossier)
    with db.atomic():
        siblings = [i for i in active_items(item.dossier) if i.component == item.component]
        ids = rules.move([i.id for i in siblings], item.id, direction)
        by_id = {i.id: i for i in siblings}
        for pos, item_id in enumerate(ids):
            row = by_id[item_id]
            if row.position != pos:
                DossierItem.update(position=pos).where(DossierItem.id == item_id).execute()
        audit.record(user, "update", item, {"position": item.position}, {"position": ids.index(item.id)})
    return ids


# ---- assembly jobs ------------------------------------------------------------------


def request_assembly(dossier, user):
    """Queue a background assembly of the dossier PDF and ZIP; return the job."""
    with db.atomic():
        job = AssemblyJob.create(dossier=dossier, created_by=user, total=len(active_items(dossier)) + 3)
        audit.record(user, "create", job, None, audit.snapshot(job, only=["dossier", "state"]))
    queue.enqueue(ASSEMBLE, job.id)  # runs at once under tests
    return AssemblyJob.get_by_id(job.id)


def latest_job(dossier):
    """Return the dossier's most recent assembly job, or None."""
    return AssemblyJob.select().where(AssemblyJob.dossier == dossier).order_by(AssemblyJob.id.desc()).first()


# ---- closing ------------------------------------------------------------------------


def close(dossier, user, background=True):
    """Close the dossier (Decree 30 Art. 29) when complete (R-17), then archive it.

    The package is written by the queue (background=True) or at once (demo, command line).
    """
    ensure_open(dossier)
    gaps = missing(dossier)
    if gaps:
        raise ValidationFailed(rules.missing_message(gaps))
    from inspection.cases import operations as case_ops
    from inspection.cases import rules as case_rules

    with db.atomic():
        before = audit.snapshot(dossier)
        case_ops.move(dossier.case, user, case_rules.CLOSED, note="Đóng hồ sơ kiểm tra (Điều 17)")
        dossier.state, dossier.closed_at, dossier.closed_by = CLOSED, clock.now(), user
        dossier.save()
        audit.record(user, "update", dossier, before, audit.snapshot(dossier))
    if background:
        queue.enqueue(ARCHIVE, dossier.id)
    else:
        archive_now(Dossier.get_by_id(dossier.id))
    return Dossier.get_by_id(dossier.id)


def archive_now(dossier):
    """Write the closed dossier's BagIt package once (outside any transaction) and record it."""
    from inspection.dossier import packaging

    if dossier.archived_at or not dossier.is_closed:
        return dossier
    path, done = packaging.write_package(dossier)
    import os

    return record_archived(dossier, os.path.basename(path), done.page_count)


def record_archived(dossier, package_name, page_count):
    """Record that the dossier's archival package was written (after the atomic rename)."""
    with db.atomic():
        before = audit.snapshot(dossier)
        Dossier.update(archived_at=clock.now(), package_name=package_name, page_count=page_count).where(
            Dossier.id == dossier.id
        ).execute()
        dossier = Dossier.get_by_id(dossier.id)
        audit.record(None, "update", dossier, before, audit.snapshot(dossier))
    return dossier


def store_package_zip(stream, filename, user=None):
    """Store a ZIP the system built, through the one storing function (content hash, atomic)."""
    return uploads.store_stream(stream, filename, user=user, allowed=("zip",), max_bytes=PACKAGE_MAX_BYTES)


# A built ZIP holds every original of a dossier: bounded only by the disk.
PACKAGE_MAX_BYTES = 2**40


def record_fixity_check(report, user=None):
    """Keep when the archive was last checked and what was found (the archivist's home page shows it)."""
    result = {"at": clock.now().isoformat(timespec="minutes"), "checked": len(report.checks), "bad": len(report.bad)}
    settings.set_value("archive.last_check", result, user)
    return result
