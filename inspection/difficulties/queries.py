"""Page data of difficulties and disagreements: the queue, one item, a task's items, the unit's
waiting section. Secret tasks appear only in the secret queue, for people with clearance (R-5.2)."""

import datetime
from dataclasses import dataclass

from inspection.accounts.models import Unit
from inspection.difficulties import rules
from inspection.difficulties.models import Difficulty
from inspection.monitoring.queries import Waiting, url_if, waiting_section
from inspection.pagination import paginate
from inspection.register.models import Task
from inspection.text import parse_id
from inspection.unit_reports.queries import difficulty_source

PER_PAGE = 25
STATE_FILTERS = {"pending": "Chờ quyết định", "decided": "Đã quyết định", "all": "Tất cả"}


@dataclass
class Filters:
    state: str = "pending"
    kind: str = ""
    proposal: str = ""
    unit: int | None = None
    page: int = 1
    secret: bool = False


def _id(raw):
    try:
        return parse_id(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def parse_filters(args, secret=False):
    """The queue's filters from the query string; unknown values fall back to the default."""
    state = args.get("state", "pending")
    kind, proposal = args.get("kind", ""), args.get("proposal", "")
    return Filters(
        state=state if state in STATE_FILTERS else "pending",
        kind=kind if kind in rules.KINDS else "",
        proposal=proposal if proposal in rules.PROPOSALS else "",
        unit=_id(args.get("unit")),
        page=_id(args.get("page")) or 1,
        secret=secret,
    )


def _rows(secret=False):
    return (
        Difficulty.select(Difficulty, Task, Unit)
        .join(Task)
        .switch(Difficulty)
        .join(Unit, on=(Difficulty.raising_unit == Unit.id))
        .where(Task.is_secret == bool(secret))  # the two registers never mix
    )


def queue_page(filters):
    """The Office's and the Board's queue: filtered, oldest pending first, one page."""
    query = _rows(filters.secret)
    if filters.state != "all":
        query = query.where(Difficulty.state == filters.state)
    if filters.kind:
        query = query.where(Difficulty.kind == filters.kind)
    if filters.proposal:
        query = query.where(Difficulty.proposal == filters.proposal)
    if filters.unit:
        query = query.where(Difficulty.raising_unit == filters.unit)
    if filters.state == "pending":
        query = query.order_by(Difficulty.raised_at, Difficulty.id)
    else:
        query = query.order_by(Difficulty.raised_at.desc(), Difficulty.id.desc())
    page = paginate(query, filters.page, PER_PAGE)
    units = Unit.select().where(Unit.active == True).order_by(Unit.sort_order, Unit.name)  # noqa: E712
    return dict(page=page, filters=filters, units=list(units), states=STATE_FILTERS, **labels())


def pending_count(secret=False):
    """How many items wait for a decision (ordinary ones only unless `secret`)."""
    return _rows(secret).where(Difficulty.state == rules.PENDING).count()


def labels():
    return dict(kinds=rules.KINDS, proposals=rules.PROPOSALS, decisions=rules.DECISIONS, item_states=rules.STATES)


def task_items(task):
    """The items raised on one task, newest first (its page)."""
    return list(
        Difficulty.select(Difficulty, Unit)
        .join(Unit, on=(Difficulty.raising_unit == Unit.id))
        .where(Difficulty.task == task.id)
        .order_by(Difficulty.raised_at.desc(), Difficulty.id.desc())
    )


def item_page(item, viewer):
    """One item with its task's history entries about it."""
    from inspection import audit

    return dict(item=item, task=item.task, history=audit.history_for(item, viewer=viewer), **labels())


@waiting_section(50, "difficulties", "Kiến nghị khó khăn, vướng mắc chờ Ban Giám đốc quyết định")
def _waiting(unit, today):
    query = _rows().where((Difficulty.raising_unit == unit.id) & (Difficulty.state == rules.PENDING))
    return [
        Waiting(
            f"{rules.KINDS[d.kind]} ngày {d.raised_at:%d/%m/%Y} ({rules.PROPOSALS[d.proposal].lower()}): "
            f"{d.task.summary[:120]}",
            url_if("difficulties.show", item_id=d.id),
        )
        for d in query.order_by(Difficulty.raised_at)
    ]


@difficulty_source
def raised_in_period(unit_id, start, end):
    """R-19.1, R-19.2: what the unit raised from `start` to `end` (both days included), for its
    monthly report; ordinary tasks only, a secret task's item never appears there (R-5.2)."""
    lo, hi = datetime.datetime.combine(start, datetime.time()), datetime.datetime.combine(end, datetime.time.max)
    query = _rows().where((Difficulty.raising_unit == unit_id) & Difficulty.raised_at.between(lo, hi))
    return [_report_line(d) for d in query.order_by(Difficulty.raised_at, Difficulty.id)]


def _report_line(item):
    """One item as the unit's report keeps it: plain values (frozen as JSON when the report is sent)."""
    unit_name = item.proposed_unit.name if item.proposed_unit_id else ""
    proposal = rules.proposal_text(item.proposal, item.proposed_deadline, unit_name)
    text = (
        f"Ngày {item.raised_at:%d/%m/%Y}, {rules.KINDS[item.kind].lower()} – nhiệm vụ “{item.task.summary[:200]}”: "
        f"{item.cause.strip()} Đề xuất: {proposal}."
    )
    return {
        "task_id": item.task_id,
        "raised_on": item.raised_at.date().isoformat(),
        "kind": item.kind,
        "cause": item.cause.strip(),
        "proposal": proposal,
        "text": text,
    }
