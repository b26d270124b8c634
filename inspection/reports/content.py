"""What a report says, computed as of its cut-off (R-18, R-20.2, R-5.2): plain values only.

Every count comes from monitoring/figures.py (`by_lead_unit`, `compute`, `condition`), never
counted a second way here; the lists (overdue tasks, urgings, inspections) are read as they
stood on the cut-off, so the same cut-off gives the same content however late it is computed.
The result is stored with the report (models.Report.content) and frozen when it is issued.
"""

import datetime

from peewee import JOIN, fn

from inspection.accounts.models import Unit
from inspection.cases import rules as case_rules
from inspection.cases.models import CaseTask, CaseUnit, InspectionCase
from inspection.difficulties import rules as difficulty_rules
from inspection.difficulties.models import Difficulty
from inspection.documents.models import OutgoingDocument
from inspection.monitoring import figures, sql
from inspection.monitoring.models import Urging
from inspection.monitoring.rules import URGING_CHANNELS
from inspection.register import rules as register_rules
from inspection.register.models import ISSUER_KINDS, DirectiveDocument, ProgressUpdate, Task
from inspection.text import vn_date
from inspection.unit_reports import queries as unit_report_queries

from . import rules

CHUNK = 500  # ids per IN (...) list: well under SQLite's bound variables


def gather(spec, calendar, due_soon_days) -> dict:
    """The report's content as of spec["end"]: statistics, overdue tasks, urgings, inspections.

    `spec`: kind, start, end (dates), secret, scope, scope_ref (rules.SCOPES).
    """
    end, secret = spec["end"], spec["secret"]
    stats, totals = _stats(spec, calendar, due_soon_days)
    return {
        "kind": spec["kind"],
        "secret": secret,
        "start": spec["start"].isoformat(),
        "end": end.isoformat(),
        "scope": spec["scope"],
        "scope_ref": spec["scope_ref"],
        "stats": stats,
        "totals": totals,
        "overdue": _overdue(spec, calendar, due_soon_days),
        "urgings": _urgings(spec),
        "inspections": [] if secret else _inspections(spec),
    }


def _unit_names(ids):
    ids = [i for i in ids if i is not None]
    return dict(Unit.select(Unit.id, Unit.name).where(Unit.id.in_(ids)).tuples()) if ids else {}


def _issuers(spec) -> list:
    """The issuer kinds the statistics add up: [None] for every issuer; the Province's for a
    6-month or yearly report (R-20.2), of which only the chosen one on an issuer's report."""
    chosen = spec["scope_ref"] if spec["scope"] == rules.ISSUER else None
    if spec["kind"] not in rules.PROVINCE_KINDS:
        return [chosen]
    return [kind for kind in sorted(register_rules.PROVINCE_ISSUERS) if chosen in (None, kind)]


def _added(groups_list) -> dict:
    """{key: Figures} summed over several {key: Figures} (one per issuer kind)."""
    out = {}
    for groups in groups_list:
        for key, fig in groups.items():
            out[key] = out.get(key, figures.Figures()).add(fig)
    return out


def _stats(spec, calendar, due_soon_days):
    """The statistics table per lead unit and its totals (figures.by_lead_unit / compute)."""
    end, secret, scope, ref = spec["end"], spec["secret"], spec["scope"], spec["scope_ref"]
    args = (end, calendar, due_soon_days)
    if scope == rules.TASK:
        fig = _task_figures(int(ref), end, calendar, due_soon_days, secret, _province(spec, joined=False))
        task = Task.get_by_id(int(ref))
        groups = {task.lead_unit_id: fig}
    elif scope == rules.UNIT:
        unit_id = int(ref)
        groups = _added(
            {unit_id: figures.compute(*args, unit_id=unit_id, issuer=k, secret=secret)} for k in _issuers(spec)
        )
    else:
        groups = _added(figures.by_lead_unit(*args, issuer=k, secret=secret) for k in _issuers(spec))
    names = _unit_names(groups)
    order = sorted(groups, key=lambda unit_id: names.get(unit_id, ""))
    rows = [rules.stat_row(names.get(u, ""), groups[u].as_dict()) for u in order if groups[u].total]
    total = figures.Figures()
    for fig in groups.values():
        total = total.add(fig)
    return rows, rules.stat_row("Tổng cộng", total.as_dict())


def _task_figures(task_id, end, calendar, due_soon_days, secret, province=True):
    """The one task's figure as of the cut-off, asked of figures.condition (R-5.1g)."""
    out = figures.Figures()
    for key in figures.FOUR:
        cond = figures.condition(key, end, calendar, due_soon_days, secret=secret) & (Task.id == task_id) & province
        if Task.select(Task.id).where(cond).exists():
            setattr(out, key, 1)
    return out


def _province(spec, joined=True):
    """SQL: a 6-month or yearly report is on the Province's tasks only (R-20.2); others on all."""
    return sql.from_province(joined) if spec["kind"] in rules.PROVINCE_KINDS else True


def _scope_condition(spec):
    """SQL of the report's subject on a query joined with the task's document (its issuer)."""
    scope, ref = spec["scope"], spec["scope_ref"]
    cond = _province(spec)
    if scope == rules.UNIT:
        return cond & (Task.lead_unit == int(ref))
    if scope == rules.TASK:
        return cond & (Task.id == int(ref))
    if scope == rules.ISSUER:
        return cond & (DirectiveDocument.issuer_kind == ref)
    return cond


def _overdue(spec, calendar, due_soon_days):
    """Tasks still open past the deadline in force on the cut-off, with their reason and the
    measure proposed (R-18/19): the reason the lead unit gave in its last monthly report sent by
    the cut-off (R-19.2), else its last progress update; the proposal of the task's last
    difficulty raised by then, with the Board's decision when it came by then."""
    end = spec["end"]
    dl = sql.deadline_as_of(end)
    cond = figures.condition("dang_thuc_hien_qua_han", end, calendar, due_soon_days, secret=spec["secret"])
    q = (
        Task.select(Task.id, DirectiveDocument.number_symbol, DirectiveDocument.issued_on, Task.summary)
        .select_extend(Unit.name, dl.alias("dl"), Task.lead_unit)
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(cond & _scope_condition(spec))
        .order_by(dl, Task.id)
        .tuples()
    )
    rows = list(q)
    ids = [r[0] for r in rows]
    updates, proposals = _last_updates(ids, end), _proposals(ids, end)
    reported = unit_report_queries.sent_reasons({r[6] for r in rows}, end)
    out = []
    for task_id, number, issued_on, summary, unit, deadline, unit_id in rows:
        document = f"{number} ngày {vn_date(issued_on)}" if issued_on else number
        reason = reported.get(unit_id, {}).get(task_id) or updates.get(task_id, "Đơn vị chưa báo cáo")
        out.append(
            {
                "document": document,
                "task": summary,
                "unit": unit,
                "deadline": vn_date(sql.as_date(deadline)),
                "reason": reason,
                "proposal": proposals.get(task_id, ""),
            }
        )
    return out


def _last_updates(task_ids, end):
    """{task id: text of its last progress update on or before the cut-off} (the unit's reason)."""
    out = {}
    for i in range(0, len(task_ids), CHUNK):
        ids = task_ids[i : i + CHUNK]
        q = (
            ProgressUpdate.select(ProgressUpdate.task, ProgressUpdate.text)
            .where(ProgressUpdate.task.in_(ids) & (ProgressUpdate.on_date <= end) & ~ProgressUpdate.flagged_inaccurate)
            .order_by(ProgressUpdate.task, ProgressUpdate.on_date, ProgressUpdate.id)
            .tuples()
        )
        out.update(dict(q))
    return out


def _proposals(task_ids, end):
    """{task id: the proposal of its last difficulty raised on or before the cut-off} (R-19.2, R-8)."""
    hi = datetime.datetime.combine(end, datetime.time.max)
    out = {}
    for i in range(0, len(task_ids), CHUNK):
        q = (
            Difficulty.select(Difficulty, Unit.name)
            .join(Unit, JOIN.LEFT_OUTER, on=(Difficulty.proposed_unit == Unit.id))
            .where(
                Difficulty.task.in_(task_ids[i : i + CHUNK])
                & (Difficulty.raised_at <= hi)
                & Difficulty.state.in_((difficulty_rules.PENDING, difficulty_rules.DECIDED))
            )
            .order_by(Difficulty.task, Difficulty.raised_at, Difficulty.id)
        )
        for item in q:
            out[item.task_id] = _proposal(item, hi)
    return out


def _proposal(item, hi):
    unit_name = item.proposed_unit.name if item.proposed_unit_id else ""
    text = difficulty_rules.proposal_text(item.proposal, item.proposed_deadline, unit_name)
    if item.state == difficulty_rules.DECIDED and item.decided_at and item.decided_at <= hi:
        verdict = difficulty_rules.DECISIONS.get(item.decision, "").lower()
        text += f" (Ban Giám đốc {verdict} ngày {item.decided_at:%d/%m/%Y})"
    return text


def _urgings(spec):
    """Urgings made in the period, one line per day, channel, urged unit and letter (R-9)."""
    cond = (
        (Urging.urged_on >= spec["start"])
        & (Urging.urged_on <= spec["end"])
        & (Task.is_secret == bool(spec["secret"]))
        & _scope_condition(spec)
    )
    q = (
        Urging.select(Urging.urged_on, Urging.channel, Urging.to_unit, Urging.letter, fn.COUNT(Urging.id))
        .join(Task, on=(Urging.task == Task.id))
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .where(cond)
        .group_by(Urging.urged_on, Urging.channel, Urging.to_unit, Urging.letter)
        .order_by(Urging.urged_on, Urging.channel, Urging.to_unit)
        .tuples()
    )
    rows = list(q)
    names = _unit_names({r[2] for r in rows})
    letters = _letter_numbers({r[3] for r in rows if r[3]})
    return [
        {
            "date": vn_date(sql.as_date(day)),
            "channel": URGING_CHANNELS.get(channel, channel),
            "unit": names.get(unit_id, ""),
            "tasks": n,
            "letter": letters.get(letter_id, ""),
        }
        for day, channel, unit_id, letter_id, n in rows
    ]


def _letter_numbers(ids):
    docs = OutgoingDocument.select().where(OutgoingDocument.id.in_(list(ids))) if ids else []
    return {d.id: (d.number_text if d.number else "") for d in docs}


def _inspections(spec):
    """Inspections decided and held (at least partly) in the period, with their conclusion by the cut-off."""
    start, end = spec["start"], spec["end"]
    held_until = fn.COALESCE(InspectionCase.ended_on, InspectionCase.end_on, InspectionCase.start_on)
    cond = (InspectionCase.state != case_rules.DRAFT) & (InspectionCase.start_on <= end) & (held_until >= start)
    if spec["scope"] == rules.UNIT:
        cond &= InspectionCase.id.in_(CaseUnit.select(CaseUnit.case).where(CaseUnit.unit == int(spec["scope_ref"])))
    elif spec["scope"] == rules.TASK:
        cond &= InspectionCase.id.in_(CaseTask.select(CaseTask.case).where(CaseTask.task == int(spec["scope_ref"])))
    cases = list(InspectionCase.select().where(cond).order_by(InspectionCase.start_on, InspectionCase.id))
    units = {}
    for link in CaseUnit.select(CaseUnit.case, Unit.name).join(Unit).where(CaseUnit.case.in_([c.id for c in cases])):
        units.setdefault(link.case_id, []).append(link.unit.name)
    return [_case_row(case, units.get(case.id, []), end) for case in cases]


def _case_row(case, unit_names, end):
    last = case.ended_on or case.end_on
    notice = case.notice_doc if case.notice_doc_id and case.notified_on and case.notified_on <= end else None
    if notice is not None:
        text = (case.conclusion or "").strip()
        conclusion = f"Thông báo kết luận số {notice.number_text}" + (f": {text[:300]}" if text else "")
    else:
        conclusion = "Chưa có thông báo kết luận"
    return {
        "title": case.title,
        "units": ", ".join(sorted(unit_names)),
        "dates": f"{vn_date(case.start_on)} - {vn_date(last)}" if last else vn_date(case.start_on),
        "conclusion": conclusion,
    }


def scope_label(scope, ref) -> str:
    """The report's subject in words: "Toàn Sở", a unit's name, an issuer, a task's number."""
    if scope == rules.UNIT:
        unit = Unit.get_or_none(Unit.id == int(ref))
        return unit.name if unit else ""
    if scope == rules.ISSUER:
        return ISSUER_KINDS.get(ref, ref)
    if scope == rules.TASK:
        task = Task.get_or_none(Task.id == int(ref))
        return f"{task.document.number_symbol}: {task.summary[:120]}" if task else ""
    return "Toàn Sở"
