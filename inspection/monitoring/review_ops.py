"""Every write of the Office's review queue (R-7), each inside one transaction, with history.

A decision is a conditional UPDATE ... WHERE state = 'pending' whose row count is checked: of two
officers deciding the same item at once only the first changes it, the second gets a Conflict
and, the transaction rolled back, nothing of his is written (no second flag, no second
notification). Flags go through the register's own `flag_update`, changes upheld after a
contest through its `extend_deadline`, `update_task`, `complete_task`.
"""

import datetime

from inspection import audit, clock
from inspection.accounts.models import Unit, User
from inspection.db import db
from inspection.errors import Conflict, NotFound, ValidationFailed
from inspection.monitoring import review_rules as rr
from inspection.monitoring import review_settle as settle
from inspection.monitoring.models import Contest, ReviewItem
from inspection.register import operations as reg
from inspection.register.models import ProgressUpdate, Task, TaskUnit

BATCH = 500  # rows per statement: under SQLite's bound-parameter limit


def collect(today=None):
    """Queue every entry units made in the last COLLECT_DAYS that is not queued yet; return how many."""
    since = rr.collect_since(today or clock.today())
    progress, results = _new_progress(since), _new_results(since)
    with db.atomic():
        # One kind per statement: insert_many takes its columns from the first row.
        for rows in (progress, results):
            for i in range(0, len(rows), BATCH):
                ReviewItem.insert_many(rows[i : i + BATCH]).on_conflict_ignore().execute()
        _sync_register_flags()
    return len(progress) + len(results)


def _new_progress(since):
    queued = ReviewItem.select(ReviewItem.progress).where(ReviewItem.progress.is_null(False))
    q = ProgressUpdate.select().where(
        ProgressUpdate.unit.is_null(False)
        & (ProgressUpdate.created_at >= datetime.datetime.combine(since, datetime.time()))
        & ProgressUpdate.id.not_in(queued)
    )
    return [
        {
            "kind": rr.PROGRESS,
            "entry_key": f"{rr.PROGRESS}:{u.id}",
            "task": u.task_id,
            "unit": u.unit_id,
            "progress": u.id,
            "entered_on": u.created_at.date(),
            # Flagged already from the task page (register.flag_update): it arrives decided.
            "state": rr.FLAGGED if u.flagged_inaccurate else rr.PENDING,
            "reason": u.flag_reason if u.flagged_inaccurate else "",
            "decided_by": u.flagged_by_id if u.flagged_inaccurate else None,
        }
        for u in q
    ]


def _new_results(since):
    tasks = list(Task.select().where(Task.result_entered_on >= since))
    keys = {t.id: rr.result_key(t) for t in tasks}
    known = set()
    for i in range(0, len(tasks), BATCH):
        chunk = [keys[t.id] for t in tasks[i : i + BATCH]]
        known.update(
            k for (k,) in ReviewItem.select(ReviewItem.entry_key).where(ReviewItem.entry_key.in_(chunk)).tuples()
        )
    return [
        {
            "kind": rr.RESULT,
            "entry_key": keys[t.id],
            "task": t.id,
            "unit": t.lead_unit_id,
            "entered_on": t.result_entered_on,
            "state": rr.PENDING,
        }
        for t in tasks
        if keys[t.id] not in known
    ]


def _sync_register_flags():
    """An update flagged from the task page after it was queued is flagged in the queue too."""
    q = (
        ReviewItem.select(ReviewItem, ProgressUpdate)
        .join(ProgressUpdate)
        .where(
            (ReviewItem.state == rr.PENDING) & (ProgressUpdate.flagged_inaccurate == True)  # noqa: E712
        )
    )
    for item in q:
        up = item.progress
        settle.set_state([item.id], rr.FLAGGED, up.flag_reason, up.flagged_by_id)


def _refuse_decided(item_id):
    item = ReviewItem.get_by_id(item_id)
    who = User.get_or_none(User.id == item.decided_by_id)
    raise Conflict(rr.decided_message(item.state, who.full_name if who else ""), field="reason")


def _ensure_pending(item_id):
    """Say at once that an item is decided (the conditional UPDATE still guards the race)."""
    if ReviewItem.get_by_id(item_id).state != rr.PENDING:
        _refuse_decided(item_id)


def accept_many(user, item_ids, *, secret=False):
    """Accept the chosen entries at once; refused whole when one was decided meanwhile (R-7)."""
    ids = sorted(set(item_ids))
    if not ids:
        raise ValidationFailed(rr.MSG_NONE_CHOSEN, field="item_ids")
    if len(ids) > BATCH:
        raise ValidationFailed(rr.MSG_TOO_MANY.format(n=BATCH), field="item_ids")
    items = list(ReviewItem.select(ReviewItem, Task).join(Task).where(ReviewItem.id.in_(ids)))
    if len(items) != len(ids) or any(i.task.is_secret != secret for i in items):
        raise NotFound("Không tìm thấy mục cần xem xét.")  # the other register's items do not exist here
    if any(i.kind == rr.CONTEST for i in items):
        raise ValidationFailed(rr.MSG_WRONG_KIND.format(what="thông tin đơn vị cập nhật"), field="item_ids")
    with db.atomic():
        moved = settle.set_state(ids, rr.ACCEPTED, "", user.id)
        if moved != len(ids):
            raise Conflict(rr.MSG_SOME_DECIDED.format(n=len(ids) - moved), field="item_ids")
        for item in items:
            item.state = rr.ACCEPTED
            settle.history(user, item, rr.PENDING, secret)
    return moved


def flag(user, item, reason):
    """Flag a unit's entry as inaccurate with the reason; the unit sees it and corrects it (R-7.1, R-7.2b)."""
    reason = (reason or "").strip()
    if item.kind == rr.CONTEST:
        raise ValidationFailed(rr.MSG_WRONG_KIND.format(what="thông tin đơn vị cập nhật"), field="reason")
    _ensure_pending(item.id)
    if not reason:
        raise ValidationFailed(rr.MSG_REASON, field="reason")
    task = item.task
    with db.atomic():
        if settle.set_state([item.id], rr.FLAGGED, reason, user.id) != 1:
            _refuse_decided(item.id)
        if item.kind == rr.PROGRESS:
            reg.flag_update(user, item.progress, reason)  # the register's one flag
        item.state = rr.FLAGGED
        settle.history(user, item, rr.PENDING, task.is_secret)
        what = rr.KINDS[item.kind].lower()
        _notify_unit(item.unit_id, task, f"Văn phòng Sở đánh dấu {what} chưa chính xác: {reason}")
    return item


def raise_contest(user, task, subject, reason):
    """A unit contests what the Office entered about its task; it joins the review queue (R-7.2b)."""
    pending = (
        Contest.select(Contest.subject)
        .join(ReviewItem, on=(ReviewItem.contest == Contest.id))
        .where((Contest.task == task.id) & (ReviewItem.state == rr.PENDING))
    )
    refusal = rr.contest_refusal(task, subject, reason, {c.subject for c in pending})
    if refusal:
        raise ValidationFailed(refusal[1], field=refusal[0])
    with db.atomic():
        contest = Contest.create(
            task=task, unit=user.unit_id, raised_by=user.id, subject=subject, reason=reason.strip()
        )
        ReviewItem.create(
            kind=rr.CONTEST,
            entry_key=f"{rr.CONTEST}:{contest.id}",
            task=task,
            unit=user.unit_id,
            contest=contest,
            entered_on=clock.today(),
        )
        audit.record(user, "create", contest, None, audit.snapshot(contest), secret=False)
    return contest


def resolve_contest(user, item, upheld, reason, change, calendar=None):
    """Uphold a contest (the register changes through its own operations) or reject it with a reason."""
    if item.kind != rr.CONTEST:
        raise ValidationFailed(rr.MSG_WRONG_KIND.format(what="ý kiến của đơn vị"), field="decision")
    reason = (reason or "").strip()
    _ensure_pending(item.id)
    if not upheld and not reason:
        raise ValidationFailed("Chưa nêu lý do không chấp nhận ý kiến của đơn vị.", field="reason")
    contest = item.contest
    with db.atomic():
        if settle.set_state([item.id], rr.UPHELD if upheld else rr.REJECTED, reason, user.id) != 1:
            _refuse_decided(item.id)
        task = Task.get_by_id(item.task_id)
        if upheld:
            _apply(user, task, contest, change or {})
        item.state = rr.UPHELD if upheld else rr.REJECTED
        settle.history(user, item, rr.PENDING, False)
        verdict = "chấp nhận" if upheld else f"không chấp nhận ({reason})"
        subject = rr.CONTEST_SUBJECTS[contest.subject].lower()
        _notify_unit(contest.unit_id, task, f"Văn phòng Sở {verdict} ý kiến của đơn vị về {subject}")
    return item


def _apply(user, task, contest, change):
    """Make the change a contest asked for, through the register's operations (history kept there)."""
    if contest.subject == "deadline":
        reg.extend_deadline(
            user,
            task,
            change.get("new_deadline"),
            user.full_name or user.username,
            f"Ý kiến của đơn vị ngày {contest.created_at:%d/%m/%Y}",
            task.version,
        )
    elif contest.subject == "lead_unit":
        reg.update_task(user, task, _task_data(task, change.get("lead_unit")), task.version)
    else:
        reg.complete_task(
            user,
            task,
            change.get("completed_on"),
            change.get("result_text"),
            change.get("result_doc_number"),
            change.get("result_doc_date"),
            task.version,
        )
        # The Office entered this result itself: it does not come back to its own queue.
        ReviewItem.insert(
            kind=rr.RESULT,
            entry_key=rr.result_key(task),
            task=task.id,
            unit=task.lead_unit_id,
            entered_on=task.result_entered_on,
            state=rr.ACCEPTED,
            decided_by=user.id,
            decided_at=clock.now(),
        ).on_conflict_ignore().execute()


def _task_data(task, lead_unit):
    """The task's fields as the edit form would send them, with the new lead unit."""
    if not isinstance(lead_unit, Unit):
        raise ValidationFailed("Chưa chọn đơn vị chủ trì mới.", field="lead_unit")
    if lead_unit.id == task.lead_unit_id:
        raise ValidationFailed("Đơn vị chủ trì mới trùng với đơn vị đang chủ trì.", field="lead_unit")
    links = list(TaskUnit.select(TaskUnit, Unit).join(Unit).where(TaskUnit.task == task.id))
    data = {f: getattr(task, f) for f in reg.TASK_FIELDS}
    data.update(lead_unit=lead_unit, other_units=[link.unit for link in links if link.unit_id != lead_unit.id])
    data["joint"] = any(link.role == "joint" for link in links)
    return data


def _notify_unit(unit_id, task, text):
    """Tell the unit's staff; a secret task's message carries no words of it (R-5.2, notify)."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    if unit_id is None:
        return
    staff = list(User.select(User.id).where((User.unit == unit_id) & (User.active == True)))  # noqa: E712
    link = link_path("register.show_task", task_id=task.id)
    notes.notify(staff, "info", f"task:{task.id}", f"{text} – {task.summary[:120]}", link, secret=task.is_secret)
