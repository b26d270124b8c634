"""Demo data (issue 17): a transfer batch in progress with the demo's closed permanent dossier,
and a legal hold on a unit (an open complaint)."""

import datetime

ARCHIVE_NAME = "Lưu trữ lịch sử tỉnh Quảng Ngãi"


def seed(ctx):
    """Create the demo transfer batch (draft) and one hold."""
    from inspection.accounts.models import Unit
    from inspection.disposition import holds, transfer
    from inspection.dossier.models import CLOSED, Dossier

    archivist = ctx.get("users", {}).get("luutru")
    ready = Dossier.select().where((Dossier.state == CLOSED) & Dossier.package_name.is_null(False)).order_by(Dossier.id)
    ids = [str(d.id) for d in ready if d.retention == "Vĩnh viễn"]
    if ids:
        ctx["transfer"] = transfer.create(
            archivist, ARCHIVE_NAME, ids, planned_on=datetime.date(2026, 12, 15), note="Đợt nộp lưu cuối năm"
        )
    unit = Unit.get_or_none(Unit.abbreviation == "CCTL")
    if unit is not None:
        holds.set_hold(
            archivist, "Khiếu nại của công dân về việc cấp phép khai thác nước đang được giải quyết", unit=unit
        )
    return ctx
