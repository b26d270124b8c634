"""Every write of the urging part (R-9, R-10): letters, other channels, the units' answers.

A letter is drafted and issued by the document engine outside any transaction (it renders,
numbers and freezes in its own short steps); only then one transaction records an Urging
row per task and the unit's staff are notified.
"""

import datetime

from inspection import audit, clock
from inspection.accounts.models import Unit, User
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.monitoring import rules
from inspection.monitoring.models import Urging

REPORT_DAYS = 5  # working days the unit has to report back after a letter


def _d(day):
    return f"{day:%d/%m/%Y}" if day else "không có thời hạn"


def letter_context(unit, tasks, today, report_due, signer):
    """The context of one urging letter to `unit` listing exactly its `tasks` (R-10)."""
    from inspection.documents import contexts

    copies = ["Như trên", "Giám đốc Sở (b/c)"]
    frame = contexts.frame("urging_letter", signer_role=signer, addressees=[unit.name], copies_to=copies)
    items = [
        f"({i}) {t.summary} (theo văn bản số {t.document.number_symbol}, thời hạn {_d(t.deadline)})"
        for i, t in enumerate(tasks, 1)
    ]
    late = sum(1 for t in tasks if t.deadline and t.deadline < today)
    return contexts.urging_letter(
        addressees=[unit.name],
        assigning_document="các văn bản chỉ đạo của cấp trên",
        task_summary=f"{unit.name} được giao chủ trì {len(tasks)} nhiệm vụ: " + "; ".join(items),
        deadline="như nêu tại từng nhiệm vụ",
        lateness=f"chưa hoàn thành ({late} nhiệm vụ đã quá hạn, {len(tasks) - late} nhiệm vụ sắp đến hạn)",
        requests=["Khẩn trương hoàn thành các nhiệm vụ nêu trên", "Báo cáo rõ nguyên nhân chậm trễ (nếu có)"],
        report_due=f"{report_due:%d/%m/%Y}",
        frame_ctx=frame,
    )


def _check_letter(tasks, signer):
    from inspection.documents import signers

    refusal = rules.letter_refusal(tasks)
    if refusal:
        raise ValidationFailed(refusal, field="task_ids")
    if signer == signers.DEPUTY and signers.withdrawn("urging_letter"):  # c4-delegate, KT.
        raise ValidationFailed(signers.not_delegated("urging_letter"), field="signer")
    if signer not in signers.allowed("urging_letter"):
        names = ", ".join(signers.LABELS[k] for k in signers.allowed("urging_letter"))
        raise ValidationFailed(f"Công văn đôn đốc chỉ do {names} ký.", field="signer")


URGED_TASKS = "urged_task_ids"  # the tasks a letter urges, kept with its draft until it is signed


def urge_by_letter(user, tasks, signer="office_chief", calendar=None):
    """One urging letter to the lead unit of `tasks` (R-9, R-10), under trình ký (issue 14): the one
    who signs it (the Chief of Office TL.) signs at once; a tracking officer's letter is submitted
    to the signer, and the urgings are recorded on the tasks when it is signed (finish_letter)."""
    from inspection.documents import operations as docops
    from inspection.documents import signers, submission
    from inspection.documents.render import DocumentError

    tasks = list(tasks)
    _check_letter(tasks, signer)
    today = clock.today()
    unit = Unit.get_by_id(tasks[0].lead_unit_id)
    _refuse_second_letter(unit, tasks)
    report_due = calendar.add_working_days(today, REPORT_DAYS) if calendar else today + datetime.timedelta(7)
    ctx = {**letter_context(unit, tasks, today, report_due, signer), URGED_TASKS: [t.id for t in tasks]}
    try:
        draft = docops.create_draft("urging_letter", ctx, user, subject=("task", tasks[0].id))
        block = {f: draft.ctx.get(f, "") for f in signers.FIELDS}
        if submission.refusal(draft, user, signer) is None:
            return submission.sign_own(draft, user, block)
        return submission.submit(draft, user, block, _signer_account(draft, signer))
    except DocumentError as exc:
        raise ValidationFailed(exc.message) from exc


def _refuse_second_letter(unit, tasks):
    """Refuse a letter while another one to the unit for any of these tasks is a draft or waits
    for signature (R-9, R-10): a double click, or a second officer, would urge the unit twice."""
    from inspection.documents.models import DRAFT, ISSUING, SUBMITTED, OutgoingDocument

    ids = [t.id for t in tasks]
    waiting = OutgoingDocument.select().where(
        (OutgoingDocument.kind == "urging_letter") & OutgoingDocument.state.in_((DRAFT, SUBMITTED, ISSUING))
    )
    for letter in waiting.order_by(OutgoingDocument.id):
        urged = letter.ctx.get(URGED_TASKS) or [letter.subject_id]
        refusal = rules.waiting_letter_refusal(letter, urged, unit.name, ids)
        if refusal:
            raise ValidationFailed(refusal, field="task_ids")


def _signer_account(draft, key):
    from inspection.documents import signers, submission

    people = submission.candidates(draft, key)
    if not people:
        raise ValidationFailed(f"Chưa có tài khoản nào của {signers.LABELS.get(key, 'người ký')} để trình ký.")
    named = [u for u in people if u.full_name == draft.ctx.get("signer_name")]
    return (named or people)[0]


def finish_letter(doc, user):
    """The signed letter: one Urging per task it lists, and the unit's staff told (R-9, R-10)."""
    from inspection.register.models import Task

    ids = doc.ctx.get(URGED_TASKS) or ([doc.subject_id] if doc.subject_id else [])
    tasks = list(Task.select().where(Task.id.in_(ids)).order_by(Task.deadline, Task.id))
    if not tasks:
        return doc
    unit = Unit.get_by_id(tasks[0].lead_unit_id)
    with db.atomic():
        for task in tasks:
            by = doc.created_by or user  # the officer who drafted the letter urged; the signer signed it
            _create(by, task, rules.LETTER, doc.issued_on, unit, letter=doc, note=f"Công văn số {doc.number_text}")
    _notify(unit, tasks, f"Văn phòng Sở ban hành công văn đôn đốc số {doc.number_text}")
    return doc


def record_urging(user, task, channel, urged_on=None, note="", to_unit=None):
    """Record an urging through another channel (R-9: phone, e-mail, meeting, ...)."""
    if channel not in rules.URGING_CHANNELS or channel == rules.LETTER:
        raise ValidationFailed(rules.MSG_CHANNEL, field="channel")
    refusal = rules.urging_refusal(task)
    if refusal:
        raise ValidationFailed(refusal)
    urged_on = urged_on or clock.today()
    if urged_on > clock.today():
        raise ValidationFailed("Ngày đôn đốc không được sau ngày hôm nay.", field="urged_on")
    unit = to_unit or Unit.get_by_id(task.lead_unit_id)
    with db.atomic():
        urging = _create(user, task, channel, urged_on, unit, note=note.strip())
    _notify(unit, [task], f"Đôn đốc ({rules.URGING_CHANNELS[channel].lower()})")
    return urging


def urge_cooperating(user, task, unit_id, note=""):
    """The lead unit urges one of its cooperating units through the software (R-10.2)."""
    from inspection.register.models import TaskUnit

    refusal = rules.urging_refusal(task)
    if refusal:
        raise ValidationFailed(refusal)
    link = TaskUnit.get_or_none((TaskUnit.task == task.id) & (TaskUnit.unit == unit_id))
    if link is None:
        raise ValidationFailed(rules.MSG_NOT_COOPERATING, field="unit")
    unit = Unit.get_by_id(unit_id)
    with db.atomic():
        urging = _create(user, task, "software", clock.today(), unit, note=(note or "").strip())
    _notify(unit, [task], f"Đơn vị chủ trì {task.lead_unit.name} đôn đốc phần việc phối hợp")
    return urging


def record_answer(user, urging, answer):
    """Write the unit's answer to an urging (R-10)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationFailed("Nhập nội dung trả lời của đơn vị.", field="answer")
    with db.atomic():
        before = audit.snapshot(urging)
        urging.answer, urging.answered_on, urging.answered_by = answer, clock.today(), user.id if user else None
        urging.save()
        audit.record(user, "update", urging, before, audit.snapshot(urging), secret=False)
    return urging


def _create(user, task, channel, urged_on, unit, letter=None, note=""):
    urging = Urging.create(
        task=task,
        channel=channel,
        urged_on=urged_on,
        urged_by=user.id if user else None,
        from_unit=user.unit_id if user else None,
        to_unit=unit,
        letter=letter,
        note=note,
    )
    audit.record(user, "create", urging, None, audit.snapshot(urging), secret=False)
    # the urging also stands in the task's own history (its channel, date, unit, letter).
    what = {
        "channel": channel,
        "urged_on": urged_on,
        "to_unit": unit.name,
        "letter": letter.number_text if letter else "",
    }
    audit.record(user, "urge", task, None, what, secret=False)
    return urging


def _notify(unit, tasks, text):
    """Tell the unit's staff; secret tasks never reach here (rules.urging_refusal)."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    staff = User.select(User.id).where((User.unit == unit.id) & (User.active == True))  # noqa: E712
    for task in tasks:
        link = link_path("register.show_task", task_id=task.id)
        notes.notify(list(staff), "urging", f"task:{task.id}", f"{text}: {task.summary}", link)


def _register_hooks():
    """Record the urgings when a submitted letter is signed (documents.hooks, issue 14)."""
    from inspection.documents import hooks

    hooks.on_signed("urging_letter", finish_letter)


_register_hooks()
