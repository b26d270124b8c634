"""Dashboard figures as of a date (issue 15, R-8): the monitoring part's own counts."""

from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import DashboardOut, FiguresQuery
from inspection.calendar.service import current_calendar
from inspection.errors import NotFound
from inspection.monitoring import figures
from inspection.register import operations
from inspection.register.blueprint import due_soon_days


@bp.get("/figures")
@spec.validate(query=FiguresQuery, resp=responds({"HTTP_200": DashboardOut}), tags=["monitoring"])
def dashboard_figures(query: FiguresQuery):
    """Số liệu bảng theo dõi tính đến ngày as_of (R-8): cả Sở và theo đơn vị chủ trì, hoặc một đơn vị.

    Sổ mật không được tính (R-5.2).
    """
    as_of, calendar, days = query.as_of or operations.today(), current_calendar(), due_soon_days()
    if query.unit is None:
        ensure(current_user, "monitoring.dashboard")
        units = {u.id: u for u in Unit.select()}
        rows = figures.by_lead_unit(as_of, calendar, days)
        by_unit = [
            {"unit": {"id": uid, "name": units[uid].name}, "figures": f.as_dict()}
            for uid, f in sorted(rows.items(), key=lambda item: (units[item[0]].sort_order, units[item[0]].name))
            if uid in units
        ]
        total = figures.compute(as_of, calendar, days)
    else:
        unit = Unit.get_or_none(Unit.id == query.unit)
        if unit is None:
            raise NotFound("Không tìm thấy đơn vị.")
        ensure(current_user, "monitoring.unit.view", unit)
        by_unit, total = [], figures.compute(as_of, calendar, days, unit_id=unit.id)
    return DashboardOut.model_validate(
        {"as_of": as_of, "unit_id": query.unit, "figures": total.as_dict(), "by_lead_unit": by_unit}
    )
