"""The forms of inspection without a team (R-12.3, R-12.4): the Director assigns a Deputy Director
to preside, or works directly with the unit head himself; the inspection then starts at once.
A unit head runs an internal inspection of his own unit the same way (R-15.2): his own plan
(content, time, scope), minutes, and a report to the Director; the Office sees it.

No decision setting up a team is issued for these forms (Điều 13 concerns the team); the
assignment is recorded in the case's history. Refusals change nothing.
"""

from inspection import audit
from inspection.accounts import roles
from inspection.cases import rules
from inspection.cases.operations import _fail_if, create_case, decision_facts, freeze_scope, move, now, today
from inspection.db import db


def assign_presider(case, director, presider):
    """Assign who presides (a Deputy Director, or the Director himself) and start the inspection."""
    _fail_if(case.state != rules.DRAFT and "Cuộc kiểm tra đã bắt đầu: không còn phân công người chủ trì.")
    held = [r for r in (roles.DEPUTY, roles.DIRECTOR, roles.UNIT_HEAD) if presider.has_role(r)]
    _fail_if(rules.presider_error(case.form, held, presider.full_name), "presider")
    _fail_if(
        case.form in (rules.FORM_DIRECT, rules.FORM_INTERNAL)
        and presider.id != director.id
        and "Người chủ trì tự bắt đầu cuộc kiểm tra (khoản 4 Điều 12, khoản 2 Điều 15).",
        "presider",
    )
    missing = rules.decision_missing_parts(decision_facts(case))
    _fail_if(missing and "Chưa thể bắt đầu kiểm tra vì còn thiếu: " + "; ".join(missing) + " (Điều 12, Điều 13).")
    note = {
        rules.FORM_DEPUTY: f"Giám đốc Sở phân công {presider.full_name} chủ trì kiểm tra (khoản 3 Điều 12)",
        rules.FORM_DIRECT: "Giám đốc Sở làm việc trực tiếp với Thủ trưởng đơn vị (khoản 4 Điều 12)",
        rules.FORM_INTERNAL: f"{presider.full_name} bắt đầu kiểm tra nội bộ đơn vị (khoản 2 Điều 15)",
    }[case.form]
    with db.atomic():
        freeze_scope(case, today())
        return move(case, director, rules.IN_PROGRESS, note=note, presider=presider, scope_frozen_at=now())


def create_internal_case(head, title, content_note, start_on, end_on, legal_grounds=""):
    """A unit head drafts the internal inspection of his own unit's tasks, presiding it (R-15.2)."""
    _fail_if(
        not (head.unit_id and head.has_role(roles.UNIT_HEAD))
        and "Chỉ Thủ trưởng đơn vị lập kế hoạch kiểm tra nội bộ đơn vị mình (khoản 2 Điều 15)."
    )
    _fail_if(not (content_note or "").strip() and "Phải ghi nội dung kế hoạch kiểm tra nội bộ.", "content_note")
    grounds = legal_grounds or "Căn cứ khoản 2 Điều 15 Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ"
    with db.atomic():
        case = create_case(
            head,
            unit_ids=[head.unit_id],
            title=title,
            ground=rules.GROUND_INTERNAL,
            form=rules.FORM_INTERNAL,
            legal_grounds=grounds,
            content_items=",".join(rules.CONTENT_ITEMS),
            content_note=content_note,
            start_on=start_on,
            end_on=end_on,
        )
        before = audit.snapshot(case)
        case.presider = head
        case.save()
        audit.record(head, "update", case, before, audit.snapshot(case))
    return case
