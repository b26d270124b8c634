"""Every write to the register: inside one transaction, validated, with history (R-7).

Inputs are plain dicts already parsed by the forms (dates are `date` objects).
Secret entries (R-5.2) keep reference data only unless the installation is offline,
and their history holds reference fields only.
"""

import datetime

from peewee import IntegrityError

from inspection import audit, clock, settings
from inspection.accounts.models import Unit
from inspection.db import db
from inspection.errors import Conflict, ValidationFailed
from inspection.register import rules
from inspection.register.models import (
    CHANNELS,
    DOC_TYPES,
    ISSUER_KINDS,
    RECURRENCES,
    SECRET_LEVELS,
    TASK_KINDS,
    DeadlineExtension,
    DirectiveDocument,
    ProgressUpdate,
    Task,
    TaskPeriod,
    TaskUnit,
    document_keys,
    task_search_text,
)
from inspection.text import vn_date

DOC_FIELDS = (
    "number_symbol",
    "doc_type",
    "issuer_kind",
    "issuer_name",
    "signer",
    "issued_on",
    "received_on",
    "channel",
    "abstract",
    "secret_level",
    "is_complex",
)
TASK_FIELDS = (
    "summary",
    "kind",
    "lead_unit",
    "monitor_unit",
    "monitor_officer",
    "monitor_officer_name",
    "deadline",
    "recurrence",
    "recurrence_day",
    "is_key",
)
# what a secret entry may hold on an installation connected to the Internet.
SECRET_CONTENT_DOC = ("abstract",)
SECRET_CONTENT_TASK = ("summary",)
SECRET_SNAPSHOT = [
    "id",
    "version",
    "secret_level",
    "issued_on",
    "received_on",
    "deadline",
    "is_completed",
    "completed_on",
    "returned_on",
    "lead_unit",
]
SECRET_REFUSED = (
    "Sổ mật chỉ lưu thông tin tham chiếu (số, độ mật, ngày, đơn vị, thời hạn, trạng thái, "
    "số văn bản kết quả); hệ thống đang nối mạng nên không được lưu nội dung (khoản 2 Điều 5)."
)
RECURRENCE_HORIZON_DAYS = 366
PERIOD_LOOKBACK_DAYS = 31


def today():
    """The reference date (one clock for every part: inspection.clock)."""
    return clock.today()


def content_allowed():
    """R-5.2: secret content may be stored only on an installation declared offline."""
    return bool(settings.get("installation.offline"))


def _snap(obj, secret):
    return audit.snapshot(obj, only=SECRET_SNAPSHOT) if secret else audit.snapshot(obj)


def _record(user, action, obj, before, after, secret):
    # audit.record logs a secret row under `secret_<table>`, field names only.
    audit.record(user, action, obj, before, after, secret=secret)


def _choice(value, choices, label, field):
    if value not in choices:
        raise ValidationFailed(f"{label} không hợp lệ.", field=field)


def validate_document(data, exclude_id=None):
    """Check a document's fields (R-3.2, R-4, R-5.1a); raise ValidationFailed in Vietnamese."""
    if not (data.get("number_symbol") or "").strip():
        raise ValidationFailed("Chưa nhập số, ký hiệu văn bản.", field="number_symbol")
    _choice(data.get("doc_type"), DOC_TYPES, "Loại văn bản", "doc_type")
    _choice(data.get("issuer_kind"), ISSUER_KINDS, "Cơ quan, người ban hành", "issuer_kind")
    _choice(data.get("channel"), CHANNELS, "Hình thức nhận", "channel")
    _choice(data.get("secret_level", ""), SECRET_LEVELS, "Độ mật", "secret_level")
    if data.get("issuer_kind") == "khac" and not (data.get("issuer_name") or "").strip():
        raise ValidationFailed("Chưa nhập tên cơ quan ban hành.", field="issuer_name")
    if data.get("received_on") is None:
        raise ValidationFailed("Chưa nhập ngày nhận văn bản (điểm a khoản 1 Điều 5).", field="received_on")
    if data.get("issued_on") and data["issued_on"] > data["received_on"]:
        raise ValidationFailed("Ngày nhận không được trước ngày ban hành văn bản.", field="received_on")
    secret_content = any((data.get(f) or "").strip() for f in SECRET_CONTENT_DOC)
    if data.get("secret_level") and not content_allowed() and secret_content:
        raise ValidationFailed(SECRET_REFUSED, field="abstract")
    _check_unique_number(data, exclude_id)


def _check_unique_number(data, exclude_id):
    # issuers number secret documents in a sequence of their own (docs/register.md), so a
    # number is unique within its register only: an ordinary document is never compared with the
    # secret ones, and a refusal can never reveal that a secret number exists.
    keys = document_keys(data["number_symbol"], data["issuer_kind"], data.get("issuer_name", ""), data.get("issued_on"))
    same_register = (
        (DirectiveDocument.secret_level != "") if data.get("secret_level") else (DirectiveDocument.secret_level == "")
    )
    q = DirectiveDocument.select().where(
        (DirectiveDocument.number_key == keys["number_key"])
        & (DirectiveDocument.issuer_kind == data["issuer_kind"])
        & (DirectiveDocument.issuer_key == keys["issuer_key"])
        & (DirectiveDocument.issued_year == keys["issued_year"])
        & same_register
    )
    if exclude_id:
        q = q.where(DirectiveDocument.id != exclude_id)
    if q.exists():
        raise ValidationFailed(_duplicate_message(data), field="number_symbol")


def _duplicate_message(data):
    year = data["issued_on"].year if data.get("issued_on") else ""
    return (
        f"Văn bản số “{data['number_symbol'].strip()}” của "
        f"{ISSUER_KINDS.get(data['issuer_kind'], '')} {data.get('issuer_name') or ''}".rstrip()
        + f" năm {year} đã có trong sổ."
    )


def validate_task(data, doc_data, index=None):
    """Check a task's fields (R-5.1b-đ) against its document; raise ValidationFailed."""
    prefix = f"Nhiệm vụ {index}: " if index else ""
    secret = bool(doc_data.get("secret_level"))
    if secret and not content_allowed():
        if (data.get("summary") or "").strip():
            raise ValidationFailed(prefix + SECRET_REFUSED, field="summary")
    elif not (data.get("summary") or "").strip():
        raise ValidationFailed(prefix + "Chưa nhập tóm tắt nội dung nhiệm vụ (điểm b khoản 1 Điều 5).", field="summary")
    _choice(data.get("kind", "other"), TASK_KINDS, prefix + "Loại nhiệm vụ", "kind")
    _choice(data.get("recurrence", ""), RECURRENCES, prefix + "Định kỳ", "recurrence")
    lead = data.get("lead_unit")
    if not isinstance(lead, Unit) or not lead.active:
        raise ValidationFailed(prefix + "Đơn vị chủ trì không có trong danh mục đơn vị.", field="lead_unit")
    for unit in data.get("other_units", []):
        if not isinstance(unit, Unit) or not unit.active:
            raise ValidationFailed(prefix + "Đơn vị phối hợp không có trong danh mục đơn vị.", field="other_units")
    monitor = data.get("monitor_unit")
    if monitor is False or (monitor is not None and not monitor.active):
        raise ValidationFailed(prefix + "Phòng theo dõi không có trong danh mục đơn vị.", field="monitor_unit")
    if msg := rules.validate_deadline(doc_data.get("received_on"), data.get("deadline")):
        raise ValidationFailed(prefix + msg, field="deadline")
    day = data.get("recurrence_day")
    if day is not None and not 1 <= day <= 31:
        raise ValidationFailed(prefix + "Ngày trong kỳ phải từ 1 đến 31.", field="recurrence_day")


def register_document(user, doc_data, tasks_data, calendar, scan_file=None, on=None):
    """Register a received document with its tasks in one transaction (R-5.1, R-6.1b)."""
    on = on or today()
    if not tasks_data:
        raise ValidationFailed("Văn bản phải có ít nhất một nhiệm vụ.", field="tasks")
    validate_document(doc_data)
    for i, t in enumerate(tasks_data, 1):
        validate_task(t, doc_data, index=i if len(tasks_data) > 1 else None)
    secret = bool(doc_data.get("secret_level"))
    if secret and scan_file is not None and not content_allowed():
        raise ValidationFailed(SECRET_REFUSED, field="scan")
    try:
        with db.atomic():
            doc = DirectiveDocument(created_by=user.id, **{k: doc_data.get(k) for k in DOC_FIELDS if k in doc_data})
            doc.scan = scan_file() if callable(scan_file) else scan_file
            doc.save()
            _record(user, "create", doc, None, _snap(doc, secret), secret)
            tasks = [_create_task(user, doc, t, calendar, on) for t in tasks_data]
    except IntegrityError as exc:
        raise ValidationFailed(_duplicate_message(doc_data), field="number_symbol") from exc
    return doc, tasks


def add_task(user, doc, data, calendar, on=None):
    """Add one more task to a registered document."""
    doc_data = {f: getattr(doc, f) for f in DOC_FIELDS}
    validate_task(data, doc_data)
    with db.atomic():
        return _create_task(user, doc, data, calendar, on or today())


def _create_task(user, doc, data, calendar, on):
    task = Task(document=doc, **{k: data.get(k) for k in TASK_FIELDS if k in data})
    task.summary = task.summary or ""
    task.original_deadline = task.deadline
    task.is_secret = doc.is_secret
    task.registered_on = data.get("registered_on", on)
    if doc.received_on:
        task.registration_due_on = rules.registration_due(doc.received_on, doc.is_complex, calendar)
    task.search_text = "" if doc.is_secret else task_search_text(doc.number_symbol, doc.abstract, task.summary)
    task.save()
    _set_units(task, data.get("other_units", []), data.get("joint", False))
    if task.recurrence:
        _create_periods(task, doc.received_on or on)
    _record(user, "create", task, None, _snap(task, doc.is_secret), doc.is_secret)
    return task


def _set_units(task, units, joint):
    TaskUnit.delete().where(TaskUnit.task == task).execute()
    role = "joint" if joint else "cooperate"
    rows = [{"task": task.id, "unit": u.id, "role": role} for u in units if u.id != task.lead_unit_id]
    if rows:
        TaskUnit.insert_many(rows).execute()


def _create_periods(task, start):
    end = start + datetime.timedelta(days=RECURRENCE_HORIZON_DAYS)
    periods = rules.period_deadlines(task.recurrence, task.recurrence_day, start, end)
    if periods:
        TaskPeriod.insert_many(
            [{"task": task.id, "period_label": label, "deadline": d} for label, d in periods]
        ).execute()
        task.deadline = task.original_deadline = periods[0][1]
        task.save()


# Columns a form never edits; recomputed elsewhere, so a save from an open form must not
# write back the value it loaded (R-6.1b: recompute_registration_due).
DERIVED = ("id", "registration_due_on")


def _locked_save(task, expected_version, before, mine):
    """Save with optimistic locking: refuse when someone saved since the form was opened."""
    task.version = expected_version + 1
    task.updated_at = clock.now()
    n = (
        Task.update({f: task.__data__.get(f.name) for f in Task._meta.sorted_fields if f.name not in DERIVED})
        .where((Task.id == task.id) & (Task.version == expected_version))
        .execute()
    )
    if n != 1:
        theirs = Task.get_by_id(task.id)
        raise Conflict(
            "Nhiệm vụ vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. "
            "Hãy xem cả hai phiên bản dưới đây rồi nhập lại.",
            theirs=theirs,
            mine=mine,
        )


def update_task(user, task, data, expected_version):
    """Edit a task; a second save on an outdated version is refused (Conflict)."""
    doc = task.document
    doc_data = {f: getattr(doc, f) for f in DOC_FIELDS}
    validate_task(data, doc_data)
    if data.get("deadline") != task.deadline and task.deadline is not None and not task.recurrence:
        raise ValidationFailed(
            "Thời hạn đã giao chỉ thay đổi bằng quyết định gia hạn (ghi nhận người cho phép và văn bản).",
            field="deadline",
        )
    with db.atomic():
        before = _snap(task, task.is_secret)
        for k in TASK_FIELDS:
            if k in data:
                setattr(task, k, data[k])
        if task.original_deadline is None:
            task.original_deadline = task.deadline
        task.search_text = "" if task.is_secret else task_search_text(doc.number_symbol, doc.abstract, task.summary)
        _locked_save(task, expected_version, before, data)
        _set_units(task, data.get("other_units", []), data.get("joint", False))
        _record(user, "update", task, before, _snap(task, task.is_secret), task.is_secret)
    return task


def update_document(user, doc, data, expected_version, calendar=None):
    """Edit a document's fields; refused when someone saved it in between.

    A new received date or "complex" mark moves its tasks' registration limit (R-6.1b).
    """
    validate_document(data, exclude_id=doc.id)
    moves_due = any(k in data and data[k] != getattr(doc, k) for k in ("received_on", "is_complex"))
    with db.atomic():
        before = _snap(doc, doc.is_secret)
        n = (
            DirectiveDocument.update(
                version=expected_version + 1,
                **document_keys(
                    data["number_symbol"], data["issuer_kind"], data.get("issuer_name", ""), data.get("issued_on")
                ),
                **{k: data[k] for k in DOC_FIELDS if k in data and k != "secret_level"},
            )
            .where((DirectiveDocument.id == doc.id) & (DirectiveDocument.version == expected_version))
            .execute()
        )
        if n != 1:
            raise Conflict(
                "Văn bản vừa được người khác cập nhật; thay đổi của bạn chưa được lưu.",
                theirs=DirectiveDocument.get_by_id(doc.id),
                mine=data,
            )
        doc = DirectiveDocument.get_by_id(doc.id)
        if not doc.is_secret:
            for t in Task.select().where(Task.document == doc):
                Task.update(search_text=task_search_text(doc.number_symbol, doc.abstract, t.summary)).where(
                    Task.id == t.id
                ).execute()
        if moves_due:
            recompute_registration_due(calendar or _current_calendar(), document_ids=[doc.id])
        _record(user, "update", doc, before, _snap(doc, doc.is_secret), doc.is_secret)
    return doc


# Called with the ids of the tasks whose stored registration limit was recomputed, inside the
# same transaction; the cases part registers the refresh of its findings here (R-6.1b).
REGISTRATION_DUE_LISTENERS = []


def recompute_registration_due(calendar, *, day=None, document_ids=None):
    """Recompute the stored R-6.1b limit of the tasks a changed day or documents can touch.

    A calendar day D moves a limit only for documents received in the few days before D
    (rules.registration_window_start) whose limit is on or after D: a range of the received
    date index, then one UPDATE per distinct (received date, complex mark), never per task.
    """
    window = DirectiveDocument.received_on.is_null(False)
    if day is not None:
        start = rules.registration_window_start(day, calendar)
        window &= DirectiveDocument.received_on.between(start, day - datetime.timedelta(days=1))
        window &= Task.registration_due_on >= day
    if document_ids is not None:
        window &= DirectiveDocument.id.in_(list(document_ids))
    rows = Task.select(Task.id, DirectiveDocument.received_on, DirectiveDocument.is_complex).join(DirectiveDocument)
    groups = {}
    for task_id, received_on, is_complex in rows.where(window).tuples():
        groups.setdefault((received_on, is_complex), []).append(task_id)
    for (received_on, is_complex), ids in groups.items():
        due = rules.registration_due(received_on, is_complex, calendar)
        for i in range(0, len(ids), BATCH):
            Task.update(registration_due_on=due).where(Task.id.in_(ids[i : i + BATCH])).execute()
    touched = [task_id for ids in groups.values() for task_id in ids]
    for listener in REGISTRATION_DUE_LISTENERS if touched else ():
        listener(touched)


BATCH = 500  # ids per statement: under SQLite's bound-parameter limit


def _current_calendar():
    from inspection.calendar.service import current_calendar

    return current_calendar()


def reporting_unit(user, task, unit_id, field="unit"):
    """The unit a progress update is recorded for (R-10.2b): a unit's own, or the one the Office
    chooses (default: the lead unit); refused when it neither leads nor takes part in the task.
    The form and the API ask the same question here."""
    allowed = {task.lead_unit_id} | {link.unit_id for link in TaskUnit.select().where(TaskUnit.task == task)}
    if not user.is_office:
        unit_id = user.unit_id
    elif unit_id is None:
        unit_id = task.lead_unit_id
    if unit_id not in allowed:
        raise ValidationFailed("Đơn vị cập nhật không chủ trì hoặc phối hợp nhiệm vụ này.", field=field)
    return Unit.get_by_id(unit_id)


def record_progress(user, task, unit, on_date, text, attachment=None, corrects=None):
    """Record a dated progress update by the lead or a cooperating unit (R-6.3a, R-10.2b)."""
    if task.is_secret and not content_allowed():
        raise ValidationFailed(SECRET_REFUSED, field="text")
    if not (text or "").strip():
        raise ValidationFailed("Chưa nhập nội dung cập nhật tình hình thực hiện.", field="text")
    if on_date is None or on_date > today():
        raise ValidationFailed("Ngày cập nhật không hợp lệ (không được sau ngày hôm nay).", field="on_date")
    with db.atomic():
        up = ProgressUpdate.create(
            task=task,
            unit=unit,
            author=user.id,
            on_date=on_date,
            text=text.strip(),
            attachment=attachment() if callable(attachment) else attachment,
            corrects=corrects,
        )
        if task.started_on is None:
            Task.update(started_on=on_date, version=Task.version + 1).where(Task.id == task.id).execute()
        _record(user, "create", up, None, audit.snapshot(up), task.is_secret)
    return up


def flag_update(user, update, reason):
    """The Office marks an update inaccurate, with the reason (R-7.1)."""
    if not (reason or "").strip():
        raise ValidationFailed("Chưa nêu lý do thông tin không chính xác (khoản 1 Điều 7).", field="reason")
    with db.atomic():
        before = audit.snapshot(update)
        update.flagged_inaccurate, update.flag_reason, update.flagged_by = True, reason.strip(), user.id
        update.save()
        _record(user, "update", update, before, audit.snapshot(update), update.task.is_secret)
        _settle_review(user, update)
    return update


def _settle_review(user, update):
    """The queue's item of this update, still pending, is settled as flagged too (R-7.1, R-7.2c):
    a flag from the task page or the API is the Office's decision on that entry."""
    from inspection.monitoring import review_settle  # the review queue builds on the register

    review_settle.flag_progress(user, update, update.task.is_secret)


def correct_update(user, update, text, on_date=None, attachment=None):
    """The unit corrects a flagged update: a new update linked to the one it corrects (R-7.2b)."""
    return record_progress(
        user, update.task, update.unit, on_date or today(), text, attachment=attachment, corrects=update
    )


# The result's document file (issue 15) is kept as an update of the completion day with this text,
# entered by the Office (no unit: it is not a unit's report, so it joins no review queue, R-7.2);
# the task page shows it beside the result, and the updates' download checks apply to it.
RESULT_NOTE = "Văn bản báo cáo kết quả thực hiện nhiệm vụ (tệp kèm theo)."


def complete_task(
    user,
    task,
    completed_on,
    result_text,
    result_doc_number,
    result_doc_date,
    expected_version,
    on=None,
    attachment=None,
):
    """Enter the result of a task; the entry date is kept for R-6.3b.

    `attachment` (a StoredFile, or a callable storing it inside the transaction) is the result's
    document: on a secret task only where content may be stored (R-5.2)."""
    if completed_on is None or completed_on > (on or today()):
        raise ValidationFailed("Ngày hoàn thành không hợp lệ (không được sau ngày hôm nay).", field="completed_on")
    if task.is_secret and (result_text or "").strip() and not content_allowed():
        raise ValidationFailed(SECRET_REFUSED, field="result_text")
    if task.is_secret and attachment is not None and not content_allowed():
        raise ValidationFailed(SECRET_REFUSED, field="result_file")
    with db.atomic():
        before = _snap(task, task.is_secret)
        task.is_completed, task.completed_on = True, completed_on
        task.result_text, task.result_doc_number = (result_text or "").strip(), (result_doc_number or "").strip()
        task.result_doc_date, task.result_entered_on = result_doc_date, on or today()
        task.started_on = task.started_on or completed_on
        _locked_save(task, expected_version, before, {"completed_on": completed_on})
        _record(user, "update", task, before, _snap(task, task.is_secret), task.is_secret)
        if attachment is not None:
            _result_file(user, task, completed_on, attachment() if callable(attachment) else attachment)
    return task


def _result_file(user, task, completed_on, stored):
    up = ProgressUpdate.create(
        task=task, unit=None, author=user.id, on_date=completed_on, text=RESULT_NOTE, attachment=stored
    )
    _record(user, "create", up, None, audit.snapshot(up), task.is_secret)


def _period_recorded(period_id):
    """The refusal of a second result for a period (R-6.3b: one result per period)."""
    done = TaskPeriod.get_by_id(period_id)
    return Conflict(
        f"Kết quả kỳ {done.period_label} đã được ghi nhận (hoàn thành ngày {vn_date(done.completed_on)}); "
        "không ghi nhận lần thứ hai. Hãy tải lại trang nhiệm vụ."
    )


def complete_period(user, period, completed_on, result_text, result_doc_number, on=None):
    """Record the result of one period of a recurring task and move on to the next period.

    Once only (R-6.3b): a double click or a re-sent form finds the period done and is refused;
    the conditional UPDATE also stops two requests that both read it open."""
    task = period.task
    if completed_on is None or completed_on > (on or today()):
        raise ValidationFailed("Ngày hoàn thành không hợp lệ.", field="completed_on")
    if task.is_secret and (result_text or "").strip() and not content_allowed():
        raise ValidationFailed(SECRET_REFUSED, field="result_text")
    if TaskPeriod.get_by_id(period.id).completed_on is not None:
        raise _period_recorded(period.id)
    with db.atomic():
        before = _snap(task, task.is_secret)
        period.completed_on, period.result_text = completed_on, (result_text or "").strip()
        period.result_doc_number = (result_doc_number or "").strip()
        fields = {"completed_on": completed_on, "result_text": period.result_text}
        fields["result_doc_number"] = period.result_doc_number
        open_ = (TaskPeriod.id == period.id) & TaskPeriod.completed_on.is_null()
        if TaskPeriod.update(fields).where(open_).execute() != 1:
            raise _period_recorded(period.id)
        nxt = (
            TaskPeriod.select()
            .where((TaskPeriod.task == task) & TaskPeriod.completed_on.is_null())
            .order_by(TaskPeriod.deadline)
            .first()
        )
        task.started_on = task.started_on or completed_on
        task.result_entered_on = on or today()
        if nxt is None:
            task.is_completed, task.completed_on = True, completed_on
        else:
            task.deadline = task.original_deadline = nxt.deadline
        _locked_save(task, task.version, before, {})
        _record(user, "update", task, before, _snap(task, task.is_secret), task.is_secret)
    return period


def return_task(user, task, reason, on=None):
    """Return a task outside the Department's competence to its issuer (R-6.2)."""
    if not (reason or "").strip():
        raise ValidationFailed("Phải nêu rõ lý do trả lại nhiệm vụ (khoản 2 Điều 6).", field="reason")
    if task.returned_on is not None:
        raise ValidationFailed("Nhiệm vụ đã được trả lại trước đó.", field="reason")
    with db.atomic():
        before = _snap(task, task.is_secret)
        task.returned_on = on or today()
        task.return_reason = "" if task.is_secret and not content_allowed() else reason.strip()
        _locked_save(task, task.version, before, {})
        _record(user, "update", task, before, _snap(task, task.is_secret), task.is_secret)
    return task


def extend_deadline(user, task, new_deadline, granted_by, document_ref, expected_version):
    """Record a deadline extension as a decision: who granted it, by which document, old and new date."""
    if new_deadline is None:
        raise ValidationFailed("Chưa nhập thời hạn mới.", field="new_deadline")
    if not (granted_by or "").strip():
        raise ValidationFailed("Chưa nhập người, cơ quan cho phép gia hạn.", field="granted_by")
    if task.deadline and new_deadline <= task.deadline:
        raise ValidationFailed("Thời hạn mới phải sau thời hạn hiện tại.", field="new_deadline")
    if msg := rules.validate_deadline(task.document.received_on, new_deadline):
        raise ValidationFailed(msg, field="new_deadline")
    with db.atomic():
        before = _snap(task, task.is_secret)
        ext = DeadlineExtension.create(
            task=task,
            old_deadline=task.deadline,
            new_deadline=new_deadline,
            granted_by=granted_by.strip(),
            document_ref=(document_ref or "").strip(),
            recorded_by=user.id,
        )
        task.original_deadline = task.original_deadline or task.deadline
        task.deadline = new_deadline
        _locked_save(task, expected_version, before, {"deadline": new_deadline})
        _record(user, "update", task, before, _snap(task, task.is_secret), task.is_secret)
    return ext
