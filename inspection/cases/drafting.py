"""The new case in one write: the draft, its scope and its team together, or nothing (issue 14).

The new-case form carries the tasks and the team so that the Chief of Office reaches an issuable
decision from one page; each piece is still checked by the operation that owns it.
"""

from inspection.accounts.models import User
from inspection.cases import operations as ops
from inspection.cases import rules
from inspection.db import db
from inspection.errors import ValidationFailed


def team_choice(form, leader_id, member_ids):
    """Return the chosen leader and members as users; ignored unless the form sets up a team (R-12.3)."""
    if not rules.has_team(form):
        return {"leader": None, "members": []}
    ids = [i for i in dict.fromkeys(member_ids or []) if str(i) != str(leader_id or "")]
    people = {u.id: u for u in User.select().where(User.id.in_([*ids, _id(leader_id)]) & (User.active == True))}  # noqa: E712
    if leader_id and _id(leader_id) not in people:
        raise ValidationFailed("Cán bộ được chọn làm Trưởng đoàn không có trong danh sách.", field="leader")
    if any(i not in people for i in ids):
        raise ValidationFailed("Có thành viên được chọn không có trong danh sách cán bộ.", field="member_ids")
    return {"leader": people.get(_id(leader_id)), "members": [people[i] for i in ids]}


def _id(value):
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() else -1


def draft_case(user, *, unit_ids, plan_item, task_ids=(), outside_reason="", leader=None, members=(), **data):
    """Create a draft case with its scope (R-13.2b) and team (R-14.1); all of it or nothing."""
    with db.atomic():
        case = ops.create_case(user, unit_ids=unit_ids, plan_item=plan_item, **data)
        if task_ids:
            _beside("task_ids", ops.add_scope_tasks, case, user, task_ids, outside_reason)
        if leader is not None:
            _beside("leader", ops.add_member, case, user, rules.LEADER, member_user=leader)
        for person in members:
            _beside("member_ids", ops.add_member, case, user, rules.MEMBER, member_user=person)
    return case


def _beside(field, operation, *args, **kwargs):
    """Run one piece; its refusal is shown beside this form's field (the operation names its own)."""
    try:
        return operation(*args, **kwargs)
    except ValidationFailed as exc:
        own = exc.field if exc.field == "outside_reason" else field
        raise ValidationFailed(exc.message, field=own) from exc
