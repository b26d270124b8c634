"""Legal holds (LT-HOLD): set by hand (an open complaint, a request of an authority) or
automatic (an inspection of the same unit still going on). A held dossier cannot be destroyed.
"""

from inspection import audit, clock
from inspection.cases import rules as case_rules
from inspection.cases.models import CaseUnit, InspectionCase
from inspection.db import db
from inspection.disposition.models import LegalHold
from inspection.errors import Conflict, ValidationFailed
from inspection.text import nfc

# A case in these states is not an ongoing inspection: a draft, or one whose dossier is closed.
NOT_ONGOING = (case_rules.DRAFT, case_rules.CLOSED)
HOLD_AUDIT = ["dossier", "unit", "reason", "lifted_at", "lift_reason"]


def dossier_units(dossier):
    """Return the ids of the units a dossier's case inspected."""
    if not dossier.case_id:
        return []
    return [r.unit_id for r in CaseUnit.select(CaseUnit.unit).where(CaseUnit.case == dossier.case_id)]


def hold_reasons(dossier):
    """Return the Vietnamese reasons why `dossier` is held now (empty when it is not)."""
    units = dossier_units(dossier)
    held = LegalHold.dossier == dossier.id
    if units:
        held |= LegalHold.unit.in_(units)
    manual = LegalHold.select().where(LegalHold.lifted_at.is_null() & held)
    reasons = [
        f"phong tỏa {'hồ sơ' if h.dossier_id else 'đơn vị ' + h.unit.name}: {h.reason}"
        for h in manual.order_by(LegalHold.id)
    ]
    ongoing = (
        InspectionCase.select(InspectionCase.id, InspectionCase.title)
        .join(CaseUnit, on=(CaseUnit.case == InspectionCase.id))
        .where(
            CaseUnit.unit.in_(units)
            & InspectionCase.state.not_in(NOT_ONGOING)
            & (InspectionCase.id != (dossier.case_id or 0))
        )
        .distinct()
        .order_by(InspectionCase.id)
        if units
        else []
    )
    reasons += [f'cuộc kiểm tra "{c.title}" đối với cùng đơn vị đang diễn ra' for c in ongoing]
    return reasons


def set_hold(user, reason, dossier=None, unit=None):
    """Put a dossier, or every dossier of a unit, under a legal hold (LT-HOLD)."""
    reason = nfc((reason or "").strip())
    if (dossier is None) == (unit is None):
        raise ValidationFailed("Hãy chọn một hồ sơ hoặc một đơn vị để phong tỏa.", field="dossier")
    if not reason:
        raise ValidationFailed(
            "Hãy ghi lý do phong tỏa (khiếu nại đang giải quyết, yêu cầu của cơ quan có thẩm quyền...).", field="reason"
        )
    with db.atomic():
        hold = LegalHold.create(dossier=dossier, unit=unit, reason=reason[:2000], set_by=user)
        audit.record(user, "create", hold, None, audit.snapshot(hold, only=HOLD_AUDIT))
    return hold


def lift_hold(hold, user, reason):
    """Lift a legal hold; it stays listed with who lifted it and why."""
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationFailed("Hãy ghi lý do gỡ phong tỏa.", field="reason")
    with db.atomic():
        fresh = LegalHold.get_by_id(hold.id)
        if fresh.lifted_at is not None:
            raise Conflict("Phong tỏa này đã được gỡ trước đó.")
        before = audit.snapshot(fresh, only=HOLD_AUDIT)
        fresh.lifted_at, fresh.lifted_by, fresh.lift_reason = clock.now(), user, reason[:2000]
        fresh.save()
        audit.record(user, "update", fresh, before, audit.snapshot(fresh, only=HOLD_AUDIT))
    return fresh


def all_holds():
    """Every hold, active first, newest first (a short list: its dossier and unit load lazily)."""
    rows = list(LegalHold.select().order_by(LegalHold.id.desc()))
    return sorted(rows, key=lambda h: h.lifted_at is not None)
