"""Legal holds (LT-HOLD, issue 17): a dossier under a hold — set by hand (an open complaint) or
automatic (an inspection of the same unit still going on) — cannot be destroyed; lifting it
is recorded, and the destruction then goes ahead."""

import datetime
import io

import pytest

from inspection.accounts.models import Unit
from inspection.cases import rules as case_rules
from inspection.cases.models import CaseUnit, InspectionCase
from inspection.disposition import destroy, disposal, holds
from inspection.disposition.models import D_DECIDED, D_DESTROYED, LegalHold
from inspection.dossier import operations
from inspection.dossier.models import CLOSED, Dossier
from inspection.errors import Conflict, ValidationFailed
from tests.factories import pdf_bytes

pytestmark = pytest.mark.db


def _expired_and_decided(dossier, chief):
    d = operations.close(dossier, chief, background=False)
    Dossier.update(retention="5 năm", end_on=datetime.date(2015, 6, 1), year=2015).where(Dossier.id == d.id).execute()
    review = disposal.create(chief, "Xét hủy", [str(d.id)], council="Hội đồng")
    review = disposal.record_decision(
        review, chief, "3/QĐ-SNN", datetime.date(2026, 1, 2), "Giám đốc Sở", "", io.BytesIO(pdf_bytes()), "qd.pdf"
    )
    return Dossier.get_by_id(d.id), review


def _unit(d):
    return Unit.get_by_id(holds.dossier_units(d)[0])


def test_LT_HOLD_manual_hold_on_the_dossier_blocks_destruction_until_lifted(app, dossier, chief):
    d, review = _expired_and_decided(dossier, chief)
    with pytest.raises(ValidationFailed, match="lý do"):
        holds.set_hold(chief, "  ", dossier=d)
    hold = holds.set_hold(chief, "Khiếu nại số 15/KN đang giải quyết", dossier=d)
    assert holds.hold_reasons(d) == ["phong tỏa hồ sơ: Khiếu nại số 15/KN đang giải quyết"]
    with pytest.raises(ValidationFailed, match="đang bị phong tỏa, không được hủy: phong tỏa hồ sơ: Khiếu nại"):
        destroy.destroy(review, chief)
    assert Dossier.get_by_id(d.id).state == CLOSED
    holds.lift_hold(hold, chief, "Khiếu nại đã giải quyết xong")
    with pytest.raises(Conflict):
        holds.lift_hold(hold, chief, "lần hai")
    lifted = LegalHold.get_by_id(hold.id)
    assert lifted.lifted_at and lifted.lift_reason == "Khiếu nại đã giải quyết xong"  # kept, with why
    assert holds.hold_reasons(d) == []
    assert destroy.destroy(review, chief).state == D_DESTROYED


def test_LT_HOLD_hold_on_the_unit_covers_its_dossiers(app, dossier, chief):
    d, review = _expired_and_decided(dossier, chief)
    holds.set_hold(chief, "Thanh tra tỉnh yêu cầu giữ hồ sơ", unit=_unit(d))
    assert "Thanh tra tỉnh" in holds.hold_reasons(d)[0]
    with pytest.raises(ValidationFailed, match="phong tỏa"):
        destroy.destroy(review, chief)
    with pytest.raises(ValidationFailed, match="một hồ sơ hoặc một đơn vị"):
        holds.set_hold(chief, "x")


def test_LT_HOLD_an_ongoing_inspection_of_the_same_unit_holds_the_dossier(app, dossier, chief):
    d, review = _expired_and_decided(dossier, chief)
    other = InspectionCase.get_by_id(d.case_id)
    data = {
        k: v
        for k, v in other.__data__.items()
        if k not in ("id", "plan_item", "decision_doc", "report_doc", "notice_doc")
    }
    data.update(title="Kiểm tra đột xuất Chi cục Kiểm lâm", state=case_rules.IN_PROGRESS)
    ongoing = InspectionCase.create(**data)
    CaseUnit.create(case=ongoing, unit=_unit(d))
    assert any("Kiểm tra đột xuất" in r for r in holds.hold_reasons(d))
    with pytest.raises(ValidationFailed, match="đang diễn ra"):
        destroy.destroy(review, chief)
    assert disposal.DisposalReview.get_by_id(review.id).state == D_DECIDED
    InspectionCase.update(state=case_rules.CLOSED).where(InspectionCase.id == ongoing.id).execute()
    assert holds.hold_reasons(d) == []
