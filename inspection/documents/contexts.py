"""Context builders: plain values only (never model objects), one per kind plus the frame.

Callers pass plain values; the organisation profile comes from settings. A template must
not be able to reach the database, so nothing here returns a model.
"""

import datetime

from inspection import settings

from . import kinds, rules, signers


def org_profile() -> dict:
    """The organisation profile printed in the header (settings 'org.*')."""
    return settings.get_many("org.")


def frame(
    kind,
    abstract="",
    number=None,
    issued_on: datetime.date | None = None,
    signer_role="director",
    signer_name=None,
    copies_to=(),
    addressees=None,
    grounds=None,
    archive_units="VT, VP",
    drafting_unit_abbr="VP",
) -> dict:
    """Header, number, date, signer and recipients of a kind, from the org profile and args."""
    k = kinds.get(kind)
    org = org_profile()
    ctx = {
        "parent_agency": org["org.parent_agency"],
        "agency": org["org.agency_name"],
        "number": rules.number_text(number),
        "symbol": rules.symbol(k.type_abbr, org["org.agency_abbr"], drafting_unit_abbr),
        "date_line": rules.date_line(org["org.place_name"], issued_on),
        "abstract": abstract,
        "copies_to": list(copies_to),
        "archive_units": archive_units,
    }
    ctx.update(signers.signer_block(signer_role, signer_name))
    if addressees is not None:
        ctx["addressees"] = list(addressees)
    if grounds is not None:
        ctx["grounds"] = list(grounds)
    return {key: value for key, value in ctx.items() if key in k.fields}


def _merge(kind, frame_ctx, **values):
    ctx = dict(frame_ctx or frame(kind))
    ctx.update(values)
    return ctx


def inspection_plan(
    abstract,
    bases,
    purposes,
    requirements,
    contents,
    subjects,
    scope,
    methods,
    schedule,
    implementation,
    frame_ctx=None,
) -> dict:
    """Kế hoạch kiểm tra (KH); schedule rows: unit, content, time, members (R-12, R-15.1)."""
    return _merge(
        "inspection_plan",
        frame_ctx,
        abstract=abstract,
        bases=list(bases),
        purposes=list(purposes),
        requirements=list(requirements),
        contents=list(contents),
        subjects=list(subjects),
        scope=scope,
        methods=list(methods),
        schedule=[dict(r) for r in schedule],
        implementation=list(implementation),
    )


def inspection_decision(
    grounds,
    inspection_subject,
    team,
    contents,
    subjects,
    scope,
    time_limit,
    team_duties,
    report_due,
    executors,
    abstract=None,
    frame_ctx=None,
) -> dict:
    """Quyết định kiểm tra và thành lập Đoàn (QĐ); must hold R-13 a-đ, checked by the caller."""
    org = org_profile()
    return _merge(
        "inspection_decision",
        frame_ctx,
        abstract=abstract or "Về việc kiểm tra việc thực hiện nhiệm vụ và thành lập Đoàn kiểm tra",
        authority_line="GIÁM ĐỐC " + org["org.agency_name"],
        grounds=list(grounds),
        inspection_subject=inspection_subject,
        team=[dict(m) for m in team],
        contents=list(contents),
        subjects=subjects,
        scope=scope,
        time_limit=time_limit,
        team_duties=list(team_duties),
        report_due=report_due,
        executors=executors,
    )


def request_letter(
    addressees,
    introduction,
    requested_items,
    submit_to,
    due_date,
    contact,
    abstract="đề nghị báo cáo, cung cấp hồ sơ phục vụ kiểm tra",
    frame_ctx=None,
) -> dict:
    """Công văn đề nghị báo cáo, cung cấp hồ sơ (R-14.3)."""
    return _merge(
        "request_letter",
        frame_ctx,
        abstract=abstract,
        addressees=list(addressees),
        introduction=list(introduction),
        requested_items=list(requested_items),
        submit_to=submit_to,
        due_date=due_date,
        contact=contact,
    )


def urging_letter(
    addressees,
    assigning_document,
    task_summary,
    deadline,
    lateness,
    requests,
    report_due,
    abstract="đôn đốc thực hiện nhiệm vụ được giao",
    frame_ctx=None,
) -> dict:
    """Công văn đôn đốc (R-9, R-10)."""
    return _merge(
        "urging_letter",
        frame_ctx,
        abstract=abstract,
        addressees=list(addressees),
        assigning_document=assigning_document,
        task_summary=task_summary,
        deadline=deadline,
        lateness=lateness,
        requests=list(requests),
        report_due=report_due,
    )


def generic(kind, frame_ctx=None, **values) -> dict:
    """Any other kind: the frame plus the kind's own fields as plain values (see kind.json)."""
    if kind in ("dossier_cover", "dossier_toc", "closing_certificate"):
        return dict(values)
    return _merge(kind, frame_ctx, **values)
