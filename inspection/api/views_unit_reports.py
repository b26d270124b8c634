"""Units' monthly reports through the API, read-only (issue 15, R-19.1, R-20.1).

The unit_reports part's policy: the Office and leadership see every unit's sent reports, a
unit's head and officers their own unit's (drafts too); nobody another unit's.
"""

from flask_login import current_user
from peewee import fn

from inspection.accounts.models import Unit
from inspection.accounts.policy import ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas_inspections import UnitReportPage, UnitReportQuery
from inspection.errors import NotFound
from inspection.pagination import paginate
from inspection.unit_reports import rules
from inspection.unit_reports.models import UnitReport


@bp.get("/unit-reports")
@spec.validate(query=UnitReportQuery, resp=responds({"HTTP_200": UnitReportPage}), tags=["reports"])
def list_unit_reports(query: UnitReportQuery):
    """Báo cáo tháng của các đơn vị (Văn phòng Sở: các báo cáo đã gửi; đơn vị: của đơn vị mình)."""
    ensure(current_user, "unit_reports.view")
    r = UnitReport
    if current_user.is_office:
        cond = r.state == rules.SUBMITTED  # a draft is the unit's own work until it is sent
    else:
        cond = r.unit == current_user.unit_id
    if query.unit:
        unit = Unit.get_or_none(Unit.id == query.unit)
        if unit is None:
            raise NotFound("Không tìm thấy đơn vị.")
        ensure(current_user, "unit_reports.unit.view", unit)  # another unit's reports: forbidden
        cond &= r.unit == unit.id
    if query.year:
        cond &= r.year == query.year
    if query.month:
        cond &= r.month == query.month
    rows = r.select(r, Unit).join(Unit).where(cond).order_by(r.year.desc(), r.month.desc(), Unit.sort_order, Unit.name)
    total = r.select(fn.COUNT(r.id)).where(cond).scalar()
    result = paginate(rows, query.page, query.per_page, total=total)
    fields = ("id", "year", "month", "state", "first_submitted_on", "submitted_on", "head_remarks")
    items = [
        {
            **{f: getattr(x, f) for f in fields},
            "unit": {"id": x.unit.id, "name": x.unit.name},
            "state_label": rules.STATES.get(x.state, x.state),
        }
        for x in result.items
    ]
    return UnitReportPage.model_validate(
        {
            "items": items,
            "page": result.number,
            "per_page": query.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )
