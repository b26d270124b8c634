"""The Province's export as JSON and CSV (issue 15, R-20.1)."""

from flask import Response as FlaskResponse
from flask_login import current_user

from inspection.accounts.policy import ensure
from inspection.api import export
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import ExportOut, ExportQuery
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.register import operations


def _rows(query: ExportQuery):
    ensure(current_user, "register.view")
    if query.end < query.start:
        raise ValidationFailed("Ngày cuối kỳ phải sau ngày đầu kỳ.", field="to")
    if (query.end - query.start).days >= export.MAX_DAYS:
        raise ValidationFailed(f"Mỗi lần xuất tối đa {export.MAX_DAYS} ngày.", field="to")
    as_of = query.as_of or operations.today()
    return as_of, export.rows(current_user, query.start, query.end, as_of, current_calendar())


@bp.get("/exports/province")
@spec.validate(query=ExportQuery, resp=responds({"HTTP_200": ExportOut}), tags=["exports"])
def province_export(query: ExportQuery):
    """Nhiệm vụ do UBND tỉnh giao (R-5.1), trạng thái tính đến ngày as_of, nhận trong kỳ from–to."""
    as_of, items = _rows(query)
    return ExportOut.model_validate({"from": query.start, "to": query.end, "as_of": as_of, "items": items})


@bp.get("/exports/province.csv")
@spec.validate(query=ExportQuery, resp=responds({"HTTP_200": None}), tags=["exports"])
def province_export_csv(query: ExportQuery):
    """Như /exports/province, dạng CSV (UTF-8, mở được bằng Excel)."""
    _as_of, items = _rows(query)
    name = f"nhiem-vu-ubnd-tinh-{query.start.isoformat()}-{query.end.isoformat()}.csv"
    return FlaskResponse(
        export.to_csv(items),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
