"""Every write about difficulties and disagreements (R-8, R-19.2, R-10.1c), each in one transaction.

A unit raises an item; the Office writes its opinion; the Director or a Deputy decides once.
The decision claims the item with a conditional UPDATE (state still pending), so of two people
deciding at the same moment the second is refused and nothing is applied twice; an approval
then moves the task through the register's own operations (extension with the deciding
document, a new lead unit, the task returned) inside the same transaction, so a refusal there
undoes the decision too.
"""

from inspection import audit, clock
from inspection.accounts import roles
from inspection.accounts.models import Unit, User
from inspection.db import db
from inspection.difficulties import rules
from inspection.difficulties.models import Difficulty
from inspection.errors import Conflict, ValidationFailed
from inspection.register import operations as reg
from inspection.register.models import Task, TaskUnit

OPINION_MAX = 4000


def cooperating_ids(task):
    """Ids of the units taking part in `task` besides its lead unit."""
    return {link.unit_id for link in TaskUnit.select(TaskUnit.unit).where(TaskUnit.task == task.id)}


def _refuse(found):
    if found:
        message, field = found
        raise ValidationFailed(message, field=field)


def _check_raise(task, unit, data):
    if task.is_secret and not reg.content_allowed():  # a cause and a letter are content
        raise ValidationFailed(reg.SECRET_REFUSED, field="cause")
    _refuse(rules.raise_refusal(data["kind"], data["proposal"], task, unit.id, cooperating_ids(task), data["cause"]))
    proposed_unit = data.get("proposed_unit")
    if proposed_unit is not None and not proposed_unit.active:
        proposed_unit = None
    _refuse(
        rules.proposal_refusal(
            data["proposal"], task, data.get("proposed_deadline"), getattr(proposed_unit, "id", None)
        )
    )
    pending = Difficulty.select().where(
        (Difficulty.task == task.id)
        & (Difficulty.raising_unit == unit.id)
        & (Difficulty.kind == data["kind"])
        & (Difficulty.state == rules.PENDING)
    )
    if pending.exists():
        raise ValidationFailed(rules.MSG_OPEN_ALREADY, field="kind")
    return proposed_unit


def raise_item(user, task, unit, data, draft=None):
    """Record a unit's difficulty or disagreement on `task` with its proposal and draft letter (R-19.2, R-10.1c).

    `data`: kind, proposal, cause, text, proposed_deadline, proposed_unit (a Unit). `draft` is
    a callable storing the attached file (uploads.store_stream), run inside the transaction.
    """
    proposed_unit = _check_raise(task, unit, data)
    with db.atomic():
        item = Difficulty.create(
            task=task.id,
            kind=data["kind"],
            raising_unit=unit.id,
            raised_by=user.id,
            cause=data["cause"].strip(),
            proposal=data["proposal"],
            proposed_deadline=data.get("proposed_deadline") if data["proposal"] == rules.EXTEND else None,
            proposed_unit=proposed_unit.id if proposed_unit and data["proposal"] == rules.CHANGE_LEAD else None,
            text=(data.get("text") or "").strip(),
            draft=_stored(draft),
        )
        audit.record(user, "create", item, None, audit.snapshot(item), secret=task.is_secret)
        what = {"kind": rules.KINDS[item.kind], "proposal": rules.PROPOSALS[item.proposal], "raising_unit": unit.name}
        audit.record(user, "difficulty", task, None, what, secret=task.is_secret)
    _notify_board(task, unit, item)
    return item


def _stored(draft):
    """Store the attached draft (checked by content, size and type); its refusal stands beside the field."""
    if not callable(draft):
        return draft
    try:
        return draft()
    except ValidationFailed as exc:
        raise ValidationFailed(exc.message, field="draft") from exc


def record_opinion(user, item, opinion):
    """The Office's opinion on a pending item, for the Board (R-8.4: the Office prepares)."""
    opinion = (opinion or "").strip()
    if item.state != rules.PENDING:
        raise Conflict(rules.MSG_DECIDED)
    if not opinion:
        raise ValidationFailed("Nhập ý kiến tham mưu của Văn phòng Sở.", field="office_opinion")
    if len(opinion) > OPINION_MAX:
        raise ValidationFailed(f"Ý kiến tham mưu dài quá {OPINION_MAX} ký tự.", field="office_opinion")
    with db.atomic():
        before = audit.snapshot(item)
        n = (
            Difficulty.update(office_opinion=opinion)
            .where((Difficulty.id == item.id) & (Difficulty.state == rules.PENDING))
            .execute()
        )
        if n != 1:
            raise Conflict(rules.MSG_DECIDED)
        item = Difficulty.get_by_id(item.id)
        audit.record(user, "update", item, before, audit.snapshot(item), secret=item.task.is_secret)
    return item


def decide(user, item, decision, doc_number="", doc_date=None, reason="", new_deadline=None):
    """The Director or a Deputy decides a pending item once; an approval updates the task (R-8.4).

    `new_deadline` (an extension) defaults to the date the unit proposed.
    """
    if item.state != rules.PENDING:
        raise Conflict(rules.MSG_DECIDED)
    _refuse(rules.decision_refusal(item, decision, doc_number, doc_date, reason))
    if doc_date is not None and doc_date > clock.today():
        raise ValidationFailed("Ngày văn bản quyết định không được sau ngày hôm nay.", field="decision_doc_date")
    if decision == rules.APPROVED and item.proposal == rules.EXTEND:
        new_deadline = new_deadline or item.proposed_deadline
    with db.atomic():
        before = audit.snapshot(item)
        claimed = (
            Difficulty.update(
                state=rules.DECIDED,
                decision=decision,
                decided_by=user.id,
                decided_at=clock.now(),
                decision_doc_number=(doc_number or "").strip(),
                decision_doc_date=doc_date,
                reason=(reason or "").strip(),
            )
            .where((Difficulty.id == item.id) & (Difficulty.state == rules.PENDING))
            .execute()
        )
        if claimed != 1:  # someone decided it since the page was opened
            raise Conflict(rules.MSG_DECIDED)
        item = Difficulty.get_by_id(item.id)
        task = Task.get_by_id(item.task_id)
        if rules.changes_task(item, decision):
            _apply(user, item, task, new_deadline)
        audit.record(user, "update", item, before, audit.snapshot(item), secret=task.is_secret)
        audit.record(user, "difficulty_decided", task, None, _decision_entry(item), secret=task.is_secret)
    _notify_unit(task, item)
    return item


def _decision_entry(item):
    return {
        "kind": rules.KINDS[item.kind],
        "proposal": rules.PROPOSALS[item.proposal],
        "decision": rules.DECISIONS[item.decision],
        "document_ref": rules.document_ref(item.decision_doc_number, item.decision_doc_date),
        "reason": item.reason,
    }


def _decider_label(user):
    role = roles.DIRECTOR if user.has_role(roles.DIRECTOR) else roles.DEPUTY
    return f"{roles.LABELS[role]} {user.full_name}"


def _apply(user, item, task, new_deadline):
    """Move the task as approved, through the register's operations (R-8: new deadline, new unit, drop)."""
    if item.proposal == rules.EXTEND:
        ref = rules.document_ref(item.decision_doc_number, item.decision_doc_date)
        reg.extend_deadline(user, task, new_deadline, _decider_label(user), ref, task.version)
    elif item.proposal == rules.CHANGE_LEAD:
        _change_lead(user, task, item.proposed_unit)
    elif item.proposal == rules.DROP:
        reason = item.reason or f"Ban Giám đốc Sở đồng ý kiến nghị của {item.raising_unit.name}: {item.cause}"
        reg.return_task(user, task, reason)


def _change_lead(user, task, unit):
    """Give the task another lead unit with the register's own edit (its checks, its history)."""
    if unit is None or not unit.active:
        raise ValidationFailed(rules.MSG_UNIT, field="decision")
    links = list(TaskUnit.select().where(TaskUnit.task == task.id))
    data = {f: getattr(task, f) for f in reg.TASK_FIELDS}
    data["lead_unit"] = unit
    data["other_units"] = [Unit.get_by_id(link.unit_id) for link in links if link.unit_id != unit.id]
    data["joint"] = any(link.role == "joint" for link in links)
    reg.update_task(user, task, data, task.version)


def _board_and_office():
    people = User.select().where(User.active == True)  # noqa: E712
    return [p for p in people if p.has_role(*roles.OFFICE)]


def _notify_board(task, unit, item):
    """Tell the Office and the Board (R-19.2); a secret task's words never go out (R-5.2)."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    text = f"{unit.name} kiến nghị ({rules.KINDS[item.kind].lower()}): {task.summary}"
    link = link_path("difficulties.show", item_id=item.id)
    notes.notify(_board_and_office(), "info", f"task:{task.id}", text, link, secret=task.is_secret)


def _notify_unit(task, item):
    """Tell the raising unit's staff the decision (R-8.4)."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    staff = User.select(User.id).where((User.unit == item.raising_unit_id) & (User.active == True))  # noqa: E712
    text = f"Ban Giám đốc Sở {rules.DECISIONS[item.decision].lower()} kiến nghị của đơn vị: {task.summary}"
    link = link_path("difficulties.show", item_id=item.id)
    notes.notify(list(staff), "info", f"task:{task.id}", text, link, secret=task.is_secret)
