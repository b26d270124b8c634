"""The destruction of a decided review's dossiers (LT-HUY): the last, irreversible step.

Order, so that a failure anywhere before the commit leaves every dossier whole:
1. refuse unless every dossier may be destroyed (decision recorded, not permanent, retention
   over, no hold) — nothing is touched when one may not;
2. list what will go (package folder, stored files only this dossier uses) with their hashes,
   and render the destruction record (Biên bản hủy tài liệu);
3. move all of it into ARCHIVE_DIR/quarantine/review-<id>/ (renames inside one file system);
4. one transaction: destruction records, dossiers DESTROYED, review destroyed, history;
5. delete the quarantine. Any failure in 3-4 moves every file back and re-raises; a process
   killed in 3-4 leaves them in the quarantine, and the next attempt puts them back first.
"""

import hashlib
import json
import logging
import os
import shutil

from flask import current_app

from inspection import audit, clock, settings, uploads
from inspection.db import db
from inspection.disposition import disposal
from inspection.disposition import rules as ar
from inspection.disposition.models import D_DECIDED, D_DESTROYED, DestructionRecord
from inspection.documents import render_docx, render_pdf
from inspection.documents.rules import date_line
from inspection.dossier import archive
from inspection.dossier.models import DESTROYED, AssemblyJob, Dossier, DossierItem
from inspection.errors import ValidationFailed
from inspection.uploads import StoredFile

log = logging.getLogger(__name__)
DOSSIER_AUDIT = ["state", "destroyed_at"]
PACKAGE_PREFIX = "pkg-"  # a package in the quarantine: pkg-<its folder name>; a file: its sha256


def _dossier_files(dossier):
    """The StoredFile rows holding this dossier's content: its items and its assembled PDF/ZIP."""
    ids = {i.file_id for i in DossierItem.select(DossierItem.file).where(DossierItem.dossier == dossier) if i.file_id}
    for job in AssemblyJob.select(AssemblyJob.pdf, AssemblyJob.zip).where(AssemblyJob.dossier == dossier):
        ids |= {x for x in (job.pdf_id, job.zip_id) if x}
    return list(StoredFile.select().where(StoredFile.id.in_(list(ids)))) if ids else []


def _used_elsewhere(file_ids, dossier_ids):
    """The ids among `file_ids` that any other record refers to: an issued document in the
    register, a unit's answer, a directive's scan, another dossier's item... (every foreign
    key to StoredFile, found from the models, so a part added later is covered too)."""
    used = set()
    for fk, model in StoredFile._meta.backrefs.items():
        q = model.select(fk).where(fk.in_(file_ids))
        if model in (DossierItem, AssemblyJob):
            q = q.where(model.dossier.not_in(dossier_ids))
        used |= {row.__data__[fk.name] for row in q}
    return used


def _blobs(files, ours, used):
    """The blobs to delete: those whose every StoredFile row is one of `ours` and referred to by
    nothing else (a blob another record also uses is kept, and the destruction record says so)."""
    out, kept = {}, set()
    for f in files:
        rows = {r.id for r in StoredFile.select(StoredFile.id).where(StoredFile.sha256 == f.sha256)}
        if rows <= ours and not rows & used:
            out[f.sha256] = f
        else:
            kept.add(f.sha256)
    return out, kept


def _tree_hash(path):
    digest = hashlib.sha256()
    for here, _dirs, names in sorted(os.walk(path)):
        for name in sorted(names):
            with open(os.path.join(here, name), "rb") as fh:
                digest.update(name.encode() + hashlib.sha256(fh.read()).digest())
    return digest.hexdigest()


def plan(dossiers):
    """Return, per dossier, what will be destroyed: [(dossier, [(src, entry)], kept)]."""
    files = {d.id: _dossier_files(d) for d in dossiers}
    ours = {f.id for fs in files.values() for f in fs}
    used = _used_elsewhere(list(ours), [d.id for d in dossiers]) if ours else set()
    root = archive.packages_root(current_app.config["ARCHIVE_DIR"])
    out, seen = [], set()
    for d in dossiers:
        blobs, kept = _blobs(files[d.id], ours, used)
        moves = []
        for sha, f in sorted(blobs.items()):
            if sha not in seen and f.path.exists():
                seen.add(sha)
                moves.append((str(f.path), {"name": f.original_name or sha[:12], "sha256": sha, "size": f.size}))
        package = os.path.join(root, d.package_name) if d.package_name else None
        if package and os.path.isdir(package):
            entry = {"name": f"goi/{d.package_name}", "sha256": _tree_hash(package), "size": 0}
            moves.append((package, {**entry, "quarantine": PACKAGE_PREFIX + d.package_name}))
        out.append((d, moves, sorted(kept)))
    return out


def _record_context(review, planned, user):
    org = settings.get_many("org.")
    rows = [
        {
            "code": d.code,
            "title": d.title,
            "years": ar.years_text(d.start_on.year if d.start_on else d.year, ar.end_year(d.year, d.end_on)),
            "retention": d.retention,
            "files": str(len(moves)),
            "hashes": "; ".join(e["sha256"][:16] for _src, e in moves),
        }
        for d, moves, _kept in planned
    ]
    return {
        "parent_agency": org["org.parent_agency"],
        "agency": org["org.agency_name"],
        "decision_ref": review.decision_ref,
        "decision_signer": review.decision_signer,
        "council": "; ".join(line.strip() for line in review.council.splitlines() if line.strip()) or "…",
        "date_line": "Hôm nay, " + date_line("", clock.today()).lstrip(", "),
        "entries": rows,
        "method": "xóa các tệp điện tử và gói lưu trữ khỏi hệ thống lưu trữ; mã kiểm tra SHA-256 của từng tệp được ghi lại",
        "creator_name": getattr(user, "full_name", "") or "",
    }


def _quarantine(review):
    path = os.path.join(current_app.config["ARCHIVE_DIR"], "quarantine", f"review-{review.id}")
    os.makedirs(path, exist_ok=True)
    return path


def _move_all(planned, folder):
    """Move every file into the quarantine; return the moves made (to undo them)."""
    moved = []
    try:
        for _d, moves, _kept in planned:
            for src, entry in moves:
                dst = os.path.join(folder, entry.get("quarantine") or entry["sha256"])
                os.rename(src, dst)
                moved.append((src, dst))
    except BaseException:
        _move_back(moved)
        raise
    return moved


def restore_interrupted(folder):
    """Put back what an attempt killed between its moves and its commit left in the quarantine
    (the review is still 'decided', so nothing was destroyed): packages and files, by name."""
    root = archive.packages_root(current_app.config["ARCHIVE_DIR"])
    for name in sorted(os.listdir(folder)):
        if name.startswith(PACKAGE_PREFIX):
            target = os.path.join(root, name[len(PACKAGE_PREFIX) :])
        else:
            target = str(uploads.blob_path(name))
        if not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(os.path.join(folder, name), target)
            log.warning("restored %s from an interrupted destruction", target)


def _move_back(moved):
    for src, dst in reversed(moved):
        os.makedirs(os.path.dirname(src), exist_ok=True)
        os.rename(dst, src)


def destroy(review, user):
    """Destroy the content of a decided review's dossiers; keep their records forever (LT-HUY)."""
    if disposal.DisposalReview.get_by_id(review.id).state == disposal.D_DRAFT:
        raise ValidationFailed(ar.NO_DECISION_MESSAGE)
    review = disposal._fresh(review, D_DECIDED)
    refused = disposal.refusals(review)
    if refused:
        raise ValidationFailed(" ".join(dict.fromkeys(refused.values())))
    folder = _quarantine(review)
    restore_interrupted(folder)
    planned = plan(disposal.items(review))
    ctx = _record_context(review, planned, user)
    record_docx = uploads.store_bytes(render_docx("destruction_record", ctx), "bien-ban-huy-tai-lieu.docx", user)
    record_pdf = uploads.store_bytes(render_pdf("destruction_record", ctx), "bien-ban-huy-tai-lieu.pdf", user)
    moved = _move_all(planned, folder)
    try:
        _commit(review, planned, user, record_docx, record_pdf)
    except BaseException:
        _move_back(moved)
        raise
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.exists(folder):
        log.error("quarantine %s could not be deleted; delete it by hand", folder)
    return disposal._fresh(review, D_DESTROYED)


def _commit(review, planned, user, record_docx, record_pdf):
    with db.atomic():
        r = disposal._fresh(review, D_DECIDED)
        for d, moves, kept in planned:
            entries = [e for _src, e in moves] + [
                {"name": "(dùng chung, giữ lại)", "sha256": s, "size": 0} for s in kept
            ]
            rec = DestructionRecord.create(
                dossier=d,
                review=r,
                dossier_code=d.code,
                dossier_title=d.title,
                years=ar.years_text(d.start_on.year if d.start_on else d.year, ar.end_year(d.year, d.end_on)),
                retention=d.retention,
                decision_ref=r.decision_ref[:255],
                destroyed_by=user,
                hashes=json.dumps(entries, ensure_ascii=False),
                files_count=len(moves),
                bytes=sum(e["size"] for _s, e in moves),
                record_docx=record_docx,
                record_pdf=record_pdf,
            )
            audit.record(user, "create", rec, None, audit.snapshot(rec, only=disposal.RECORD_AUDIT))
            fresh = Dossier.get_by_id(d.id)
            before = audit.snapshot(fresh, only=DOSSIER_AUDIT)
            fresh.state, fresh.destroyed_at = DESTROYED, clock.now()
            fresh.save()
            audit.record(user, "update", fresh, before, audit.snapshot(fresh, only=DOSSIER_AUDIT))
        before = audit.snapshot(r, only=disposal.REVIEW_AUDIT)
        r.state = D_DESTROYED
        r.save()
        audit.record(user, "update", r, before, audit.snapshot(r, only=disposal.REVIEW_AUDIT))
