"""Every write of a disposal review (hủy tài liệu hết giá trị, LT-HUY) before the destruction:
the review list, the council's decision, cancelling. The destruction itself is destroy.py.
"""

import datetime

from inspection import audit, clock, uploads
from inspection.db import db
from inspection.disposition import holds
from inspection.disposition import rules as ar
from inspection.disposition.models import D_CANCELLED, D_DECIDED, D_DRAFT, DisposalItem, DisposalReview
from inspection.dossier.models import Dossier
from inspection.errors import Conflict, ValidationFailed
from inspection.text import nfc, parse_id

REVIEW_AUDIT = ["title", "state", "council", "decision_number", "decision_date", "decision_signer", "decision_file"]
RECORD_AUDIT = ["dossier", "review", "dossier_code", "decision_ref", "files_count", "bytes"]


def _ended(d):
    return ar.end_year(d.year, d.end_on)


def other_review(dossier_id, review_id=None):
    """Return the id of a live review already holding the dossier, or None."""
    q = (
        DisposalItem.select(DisposalItem.review)
        .join(DisposalReview)
        .where((DisposalItem.dossier == dossier_id) & DisposalReview.state.in_([D_DRAFT, D_DECIDED]))
    )
    if review_id:
        q = q.where(DisposalReview.id != review_id)
    row = q.first()
    return row.review_id if row else None


def create(user, title, dossier_ids, council="", year=None):
    """Open a review of dossiers whose retention is over (LT-HUY); permanent ones never enter."""
    title = nfc((title or "").strip())
    if not title:
        raise ValidationFailed("Hãy đặt tên đợt xét hủy tài liệu.", field="title")
    year = year or clock.today().year
    try:
        wanted = {parse_id(raw) for raw in dossier_ids or ()}
    except ValueError:
        raise ValidationFailed("Danh sách hồ sơ không hợp lệ.", field="dossiers") from None
    rows = (
        list(Dossier.select().where(Dossier.id.in_(list(wanted))).order_by(Dossier.year, Dossier.code))
        if wanted
        else []
    )
    if not rows or len(rows) != len(wanted):
        raise ValidationFailed("Hãy chọn ít nhất một hồ sơ hết thời hạn bảo quản.", field="dossiers")
    with db.atomic():
        for d in rows:
            refused = ar.review_refusal(d.code, d.state, d.retention, _ended(d), year)
            if not refused and other_review(d.id):
                refused = f"Hồ sơ {d.code} đã có trong đợt xét hủy số {other_review(d.id)}."
            if refused:
                raise ValidationFailed(refused, field="dossiers")
        r = DisposalReview.create(title=title[:255], council=nfc(council or "")[:4000], created_by=user)
        for pos, d in enumerate(rows):
            DisposalItem.create(review=r, dossier=d, position=pos)
        audit.record(
            user, "create", r, None, {**audit.snapshot(r, only=REVIEW_AUDIT), "dossiers": [d.code for d in rows]}
        )
    return r


def items(review):
    """The dossiers of a review, in its order."""
    return list(
        Dossier.select()
        .join(DisposalItem, on=(DisposalItem.dossier == Dossier.id))
        .where(DisposalItem.review == review)
        .order_by(DisposalItem.position, Dossier.id)
    )


def _fresh(review, *states):
    r = DisposalReview.get_by_id(review.id)
    if r.state not in states:
        raise Conflict(f'Đợt xét hủy đang ở bước "{r.state_label}": không thực hiện được thao tác này.')
    return r


def record_decision(review, user, number, decided_on, signer, council, stream, filename):
    """Record the council's decision: number, date, signer, members and the signed PDF (LT-HUY)."""
    number, signer = nfc((number or "").strip()), nfc((signer or "").strip())
    if not number:
        raise ValidationFailed("Hãy ghi số, ký hiệu quyết định hủy tài liệu.", field="decision_number")
    if not isinstance(decided_on, datetime.date) or decided_on > clock.today():
        raise ValidationFailed("Ngày quyết định không hợp lệ (không sau hôm nay).", field="decision_date")
    if not signer:
        raise ValidationFailed("Hãy ghi người ký quyết định (người đứng đầu cơ quan).", field="decision_signer")
    _fresh(review, D_DRAFT)
    if stream is None:
        raise ValidationFailed("Hãy tải lên bản quyết định hủy tài liệu đã ký (PDF).", field="decision_file")
    stored = uploads.store_stream(stream, filename, user=user, allowed=("pdf",))
    with db.atomic():
        r = _fresh(review, D_DRAFT)
        before = audit.snapshot(r, only=REVIEW_AUDIT)
        r.decision_number, r.decision_date, r.decision_signer = number[:100], decided_on, signer[:255]
        r.council = nfc(council or r.council)[:4000]
        r.decision_file, r.decided_by, r.decided_at, r.state = stored, user, clock.now(), D_DECIDED
        r.save()
        audit.record(user, "update", r, before, audit.snapshot(r, only=REVIEW_AUDIT))
    return r


def cancel(review, user, reason):
    """Cancel a review before anything is destroyed (its decision, if any, stays on record)."""
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationFailed("Hãy ghi lý do hủy bỏ đợt xét hủy.", field="reason")
    with db.atomic():
        r = _fresh(review, D_DRAFT, D_DECIDED)
        before = audit.snapshot(r, only=REVIEW_AUDIT)
        r.state, r.cancelled_by, r.cancelled_at, r.cancel_reason = D_CANCELLED, user, clock.now(), reason[:2000]
        r.save()
        audit.record(user, "update", r, before, audit.snapshot(r, only=REVIEW_AUDIT))
    return r


def refusals(review, year=None):
    """Return {dossier id: refusal} for the review's dossiers that may not be destroyed now."""
    year = year or clock.today().year
    decided = review.state == D_DECIDED and bool(review.decision_number) and review.decision_file_id is not None
    out = {}
    for d in items(review):
        refused = ar.destroy_refusal(d.code, d.state, d.retention, _ended(d), year, decided, holds.hold_reasons(d))
        if refused:
            out[d.id] = refused
    return out
