"""The forms of inspection without a team (R-12.3, R-12.4): the Director assigns a Deputy Director
to preside, or works directly with the unit head himself; the inspection then starts at once.

No decision setting up a team is issued for these forms (Điều 13 concerns the team); the
assignment is recorded in the case's history. Refusals change nothing.
"""

from inspection.accounts import roles
from inspection.cases import rules
from inspection.cases.operations import _fail_if, decision_facts, freeze_scope, move, now, today
from inspection.db import db


def assign_presider(case, director, presider):
    """Assign who presides (a Deputy Director, or the Director himself) and start the inspection."""
    _fail_if(case.state != rules.DRAFT and "Cuộc kiểm tra đã bắt đầu: không còn phân công người chủ trì.")
    held = [r for r in (roles.DEPUTY, roles.DIRECTOR) if presider.has_role(r)]
    _fail_if(rules.presider_error(case.form, held, presider.full_name), "presider")
    _fail_if(
        case.form == rules.FORM_DIRECT
        and presider.id != director.id
        and "Hình thức làm việc trực tiếp do chính Giám đốc Sở chủ trì (khoản 4 Điều 12).",
        "presider",
    )
    missing = rules.decision_missing_parts(decision_facts(case))
    _fail_if(missing and "Chưa thể bắt đầu kiểm tra vì còn thiếu: " + "; ".join(missing) + " (Điều 12, Điều 13).")
    note = (
        f"Giám đốc Sở phân công {presider.full_name} chủ trì kiểm tra (khoản 3 Điều 12)"
        if case.form == rules.FORM_DEPUTY
        else "Giám đốc Sở làm việc trực tiếp với Thủ trưởng đơn vị (khoản 4 Điều 12)"
    )
    with db.atomic():
        freeze_scope(case, today())
        return move(case, director, rules.IN_PROGRESS, note=note, presider=presider, scope_frozen_at=now())
