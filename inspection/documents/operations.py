"""Every write of the documents part: drafts, issuing with a number, template versions.

Rendering never happens inside a transaction (SQLite holds the write lock for the whole
of db.atomic()): issue() renders a trial copy, takes a number in a short transaction,
renders the real copy, then stores it in a second short transaction.
"""

import json

from flask import current_app

from inspection import audit, clock, settings, uploads
from inspection.db import db, is_postgres
from inspection.errors import Conflict, NotAllowed, ValidationFailed
from inspection.signing import pades, pdfa

from . import issued_files, kinds, render, rules, signers, templatecheck
from .models import DRAFT, ISSUED, ISSUING, SUBMITTED, NumberSequence, OutgoingDocument, TemplateVersion

REFERENCE_FIELDS = [
    "kind",
    "state",
    "secret",
    "year",
    "number",
    "symbol",
    "issued_on",
    "subject_type",
    "subject_id",
    "docx_file",
    "pdf_file",
]
SECRET_ONLINE = (
    "Không được lưu nội dung văn bản mật trên máy tính kết nối Internet; chỉ cài đặt "
    "được khai báo là không kết nối mạng mới soạn được văn bản mật (khoản 2 Điều 5)."
)


# Issue 14: a draft submitted for signature is frozen until its signer returns or signs it.
WAITING = "Dự thảo đang chờ ký, không sửa được; khi người ký trả lại thì mới sửa và trình lại được."
WAITING_SIGNER = "Dự thảo đang chờ ký; chỉ người được trình ký mới ký ban hành được (Nghị định 30/2020/NĐ-CP)."
RETURNED_MEANWHILE = "Dự thảo đã được trả lại để sửa, không còn chờ ký; hãy tải lại trang."


def _snap(doc):
    # the history of a secret document keeps reference fields only.
    only = REFERENCE_FIELDS if doc.secret else [f for f in doc._meta.fields if f != "context"]
    return audit.snapshot(doc, only=only)


def _register_fields(ctx):
    recipients = ctx.get("copies_to") or ctx.get("addressees") or []
    return dict(
        abstract=str(ctx.get("abstract") or ctx.get("title") or ""),
        signer_name=str(ctx.get("signer_name") or ""),
        signer_title=" ".join(x for x in (ctx.get("signer_authority"), ctx.get("signer_title")) if x),
        recipients="; ".join(str(r) for r in recipients),
    )


def _prepare(kind, context, drafting_unit_abbr):
    k = kinds.get(kind)
    ctx = render.clean(context)
    org = settings.get_many("org.")
    if "symbol" in k.fields:
        ctx.setdefault("symbol", rules.symbol(k.type_abbr, org["org.agency_abbr"], drafting_unit_abbr))
    if "number" in k.fields:
        ctx["number"] = rules.BLANK
    if "date_line" in k.fields and k.register:
        ctx["date_line"] = rules.date_line(org["org.place_name"], None)
    render.check_required(k, ctx)
    render.docx_bytes(k.docx_path, ctx, k.name_vi)  # fail now, not at signing time
    return k, ctx


def create_draft(
    kind, context, user, secret=False, drafting_unit_abbr="VP", subject=None, copies=1, note=""
) -> OutgoingDocument:
    """Save a draft (no number yet: a number is given at issue, Decree 30)."""
    if secret and not settings.get("installation.offline"):
        raise ValidationFailed(SECRET_ONLINE)
    k, ctx = _prepare(kind, context, drafting_unit_abbr)
    subject_type, subject_id = subject if subject else (None, None)
    with db.atomic():
        doc = OutgoingDocument.create(
            kind=k.name,
            secret=bool(secret),
            symbol=ctx.get("symbol", ""),
            context=json.dumps(ctx, ensure_ascii=False),
            drafting_unit_abbr=drafting_unit_abbr,
            subject_type=subject_type,
            subject_id=subject_id,
            copies=copies,
            note=note,
            created_by=user.id if user else None,
            **_register_fields(ctx),
        )
        audit.record(user, "create", doc, None, _snap(doc))
    return doc


def update_draft(doc, context, user) -> OutgoingDocument:
    """Replace a draft's content; a draft waiting for signature, and issued documents, are frozen."""
    if doc.state == SUBMITTED:
        raise Conflict(WAITING)
    if doc.state != DRAFT:
        raise Conflict("Văn bản đã được cấp số, không sửa được nội dung.")
    k, ctx = _prepare(doc.kind, context, doc.drafting_unit_abbr)
    with db.atomic():
        before = _snap(doc)
        doc.context = json.dumps(ctx, ensure_ascii=False)
        doc.symbol = ctx.get("symbol", "")
        for name, value in _register_fields(ctx).items():
            setattr(doc, name, value)
        doc.save()
        audit.record(user, "update", doc, before, _snap(doc))
    return doc


def active_template(kind):
    """The active uploaded TemplateVersion of a kind, or None for the shipped template."""
    return (
        TemplateVersion.select()
        .where((TemplateVersion.kind == kind) & TemplateVersion.active)
        .order_by(TemplateVersion.version.desc())
        .first()
    )


def _final_context(doc, ctx, number, issued_on):
    k = kinds.get(doc.kind)
    out = dict(ctx)
    if "number" in k.fields:
        out["number"] = rules.number_text(number) if number else "00"
    if "date_line" in k.fields and k.register:
        out["date_line"] = rules.date_line(settings.get("org.place_name"), issued_on)
    return out


def _render_both(doc, ctx, version):
    """DOCX and PDF of one context; an uploaded version's PDF is converted from its DOCX.
    The PDF is PDF/A-3b with the document's metadata whichever path made it (issue 16: the
    signed electronic original is an archival file; signed afterwards, never before). When it
    is signed digitally the DOCX says, in its footer, that it is an unsigned working copy."""
    k = kinds.get(doc.kind)
    meta = issued_files.document_meta(k.name_vi, ctx)
    if version is None:
        docx = render.docx_bytes(k.docx_path, ctx, k.name_vi)
        pdf = render.pdf_bytes(doc.kind, ctx, archival=True, meta=meta)
    else:
        docx = render.docx_bytes(version.file.read_bytes(), ctx, k.name_vi)
        pdf = pdfa.archival_bytes(render.pdf_from_docx(docx, k.name_vi), meta)  # the note is not in it
    if pades.level(current_app.config) != "none":
        docx = issued_files.with_unsigned_note(docx)
    return docx, pdf


def _allocate(doc, issued_on):
    """Give the next number of the doc's sequence (short transaction; SQLite: BEGIN IMMEDIATE)."""
    k = kinds.get(doc.kind)
    key = rules.sequence_key(issued_on.year, k.type_abbr, doc.secret, settings.get("documents.numbering"))
    NumberSequence.insert(key=key, last=0).on_conflict_ignore().execute()
    query = NumberSequence.select().where(NumberSequence.key == key)
    seq = (query.for_update() if is_postgres() else query).get()
    used = (
        OutgoingDocument.select(OutgoingDocument.number)
        .where(
            (OutgoingDocument.year == issued_on.year)
            & (OutgoingDocument.secret == doc.secret)
            & (OutgoingDocument.symbol == doc.symbol)
            & OutgoingDocument.number.is_null(False)
        )
        .order_by(OutgoingDocument.number.desc())
        .limit(1)
        .scalar()
    )
    _check_order(doc, k, issued_on)
    number = rules.next_number(seq.last, used)
    NumberSequence.update(last=number).where(NumberSequence.id == seq.id).execute()
    return number


def _check_order(doc, k, issued_on):
    """Refuse a number dated before the last one of its sequence (Decree 30: they rise together)."""
    shared = settings.get("documents.numbering") == "shared"
    same = [x.name for x in kinds.all_kinds() if x.register and (shared or x.type_abbr == k.type_abbr)]
    last = (
        OutgoingDocument.select()
        .where(
            (OutgoingDocument.year == issued_on.year)
            & (OutgoingDocument.secret == doc.secret)
            & OutgoingDocument.kind.in_(same)
            & OutgoingDocument.number.is_null(False)
        )
        .order_by(OutgoingDocument.issued_on.desc(), OutgoingDocument.number.desc())
        .first()
    )
    if last is not None:
        error = rules.order_error(issued_on, last.issued_on, last.number_text)
        if error:
            raise ValidationFailed(error)


def _check_issue(doc, ctx, issued_on):
    """The issue date is the day of issue; the signer must be one the kind admits (R-13.1)."""
    today = clock.today()
    error = rules.issue_date_error(issued_on, today)
    if error:
        raise ValidationFailed(error, field="issued_on")
    error = signers.refusal(doc.kind, ctx, signers.delegation())
    if error:
        raise ValidationFailed(error, field="signer")
    return today


def _reserve(doc, user, ctx, issued_on, ready=DRAFT):
    with db.atomic():
        query = OutgoingDocument.select().where(OutgoingDocument.id == doc.id)
        fresh = (query.for_update() if is_postgres() else query).get()
        if fresh.state in (ISSUING, ISSUED):
            return fresh  # someone else reserved it first: finish theirs, same number
        if fresh.state != ready:  # returned or submitted meanwhile (another tab): no number
            raise Conflict(WAITING_SIGNER if fresh.state == SUBMITTED else RETURNED_MEANWHILE)
        before = _snap(fresh)
        fresh.number = _allocate(fresh, issued_on) if kinds.get(fresh.kind).register else None
        fresh.year, fresh.issued_on, fresh.state = issued_on.year, issued_on, ISSUING
        fresh.context = json.dumps(ctx, ensure_ascii=False)
        fresh.issued_by = user.id if user else None
        for name, value in _register_fields(ctx).items():
            setattr(fresh, name, value)
        fresh.save()
        audit.record(user, "number", fresh, before, _snap(fresh))
    return fresh


def issue(doc, user, signer=None, issued_on=None, ready=DRAFT) -> OutgoingDocument:
    """Number, render and freeze a document; retrying an interrupted issue keeps its number.

    The issue date is the clock's today: `issued_on`, when given, must be that day. A draft
    waiting for signature is issued only by its signer (`ready=SUBMITTED`, submission.sign).
    """
    if doc.state == ISSUED:
        raise Conflict(f"Văn bản đã được ban hành với số {doc.number_text}.")
    if doc.state in (DRAFT, SUBMITTED) and doc.state != ready:
        raise Conflict(WAITING_SIGNER if doc.state == SUBMITTED else RETURNED_MEANWHILE)
    ctx = doc.ctx
    if doc.state == ready and settings.profile_unconfirmed():
        refusal = NotAllowed(settings.PROFILE_MISSING)
        refusal.link = ("admin.edit_org_profile", "Thông tin cơ quan")  # shown on the 403 page
        raise refusal
    if doc.state == ready:
        ctx.update(render.clean(signer or {}))
        issued_on = _check_issue(doc, ctx, issued_on)
        version = active_template(doc.kind)
        # Trial before a number is taken (no gap if it fails): every template or value problem
        # shows in the Jinja rendering of the DOCX and of the PDF's HTML; WeasyPrint's layout of
        # valid HTML does not fail on values, so it runs once, for the final PDF (docs/documents.md).
        # An uploaded version's PDF comes from LibreOffice, which may be missing: converted too.
        trial = _final_context(doc, ctx, None, issued_on)
        if version is not None:
            _render_both(doc, trial, version)
        else:
            k = kinds.get(doc.kind)
            render.docx_bytes(k.docx_path, trial, k.name_vi)
            render.html_string(doc.kind, trial)
        pades.check_ready(current_app.config, _who_signs(doc, user))  # issue 16: refused = no number
        doc = _reserve(doc, user, ctx, issued_on, ready)
    version = active_template(doc.kind)
    final = _final_context(doc, doc.ctx, doc.number, doc.issued_on)
    docx, pdf = _render_both(doc, final, version)
    pdf = pades.sign_issued(pdf, final.get("signer_name", ""), current_app.config, _who_signs(doc, user))
    return _store(doc, user, final, docx, pdf, version)


def _who_signs(doc, user):
    """g3-signers (issue 16): the PDF is signed with the certificate of the one who signs it (the
    user at "ký ban hành"); a record without a signer block gets the agency's signature only."""
    return user if doc.kind in signers.ALLOWED else None


def _store(doc, user, final, docx, pdf, version):
    name = f"{doc.number_text}".replace("/", "_") if doc.number else f"{doc.kind}-{doc.id}"
    with db.atomic():
        fresh = OutgoingDocument.get_by_id(doc.id)
        if fresh.state == ISSUED:
            return fresh
        before = _snap(fresh)
        fresh.docx_file = uploads.store_bytes(docx, name + ".docx", user, allowed=("docx",))
        fresh.pdf_file = uploads.store_bytes(pdf, name + ".pdf", user, allowed=("pdf",))
        fresh.context = json.dumps(final, ensure_ascii=False)
        fresh.template_version = version.id if version else None
        fresh.state, fresh.issued_at = ISSUED, clock.now()
        fresh.save()
        audit.record(user, "issue", fresh, before, _snap(fresh))
    return fresh


def upload_template(kind, data: bytes, filename, user, note="") -> TemplateVersion:
    """Check an edited .docx and keep it as the kind's new active version."""
    k = kinds.get(kind)
    templatecheck.check(k, data)  # raises ValidationFailed with the offending text
    with db.atomic():
        last = (
            TemplateVersion.select(TemplateVersion.version)
            .where(TemplateVersion.kind == kind)
            .order_by(TemplateVersion.version.desc())
            .limit(1)
            .scalar()
        ) or 0
        stored = uploads.store_bytes(data, filename or f"{kind}.docx", user, allowed=("docx",))
        TemplateVersion.update(active=False).where(TemplateVersion.kind == kind).execute()
        version = TemplateVersion.create(
            kind=kind,
            version=last + 1,
            file=stored,
            uploaded_by=user.id if user else None,
            active=True,
            note=note[:255],
        )
        audit.record(user, "create", version, None, audit.snapshot(version))
    return version


def activate_template(kind, version_number, user):
    """Roll back or forward: make one version active (0 = the shipped template)."""
    kinds.get(kind)
    with db.atomic():
        target = None
        if version_number:
            target = TemplateVersion.get_or_none(
                (TemplateVersion.kind == kind) & (TemplateVersion.version == version_number)
            )
            if target is None:
                raise ValidationFailed(f"Không có phiên bản {version_number} của mẫu này.")
        TemplateVersion.update(active=False).where(TemplateVersion.kind == kind).execute()
        if target is not None:
            TemplateVersion.update(active=True).where(TemplateVersion.id == target.id).execute()
            audit.record(user, "activate", target, None, {"active": True})
    return target


def set_delegation(user, deputy_name, reference):
    """Record (or withdraw, with no deputy) the Director's delegation of signing inspection decisions
    to a Deputy (R-13.1: a Deputy signs on his behalf only when delegated); who and when are kept with it."""
    deputy_name = (deputy_name or "").strip()
    if not deputy_name:
        settings.set_value(signers.DELEGATION_KEY, None, user)
        return None
    if deputy_name not in settings.get("org.deputy_names"):
        raise ValidationFailed("Chỉ ủy quyền cho một Phó Giám đốc Sở có tên trong hồ sơ cơ quan.", field="deputy")
    if not (reference or "").strip():
        raise ValidationFailed(
            "Ghi văn bản ủy quyền của Giám đốc Sở (số, ngày) để lưu căn cứ ký thay (khoản 1 Điều 13).",
            field="reference",
        )
    value = {
        "deputy_name": deputy_name,
        "reference": reference.strip()[:255],
        "by": user.full_name if user else "",
        "at": clock.now().isoformat(timespec="minutes"),
    }
    settings.set_value(signers.DELEGATION_KEY, value, user)
    return value


# --- c4-delegate: the kinds a Deputy signs on the Director's behalf (issue 14, R-13.1) -------------------
def set_deputy_kinds(user, kind_names):
    """Record which kinds the Director lets his Deputies sign on his behalf (KT.); the others go
    to the Director. Kinds outside signers.DEPUTY_KINDS are refused; the change is in the history."""
    chosen = set(kind_names or ())
    unknown = chosen - set(signers.DEPUTY_KINDS)
    if unknown:
        raise ValidationFailed("Chỉ chọn các loại văn bản Phó Giám đốc có thể ký thay (KT.).", field="kinds")
    value = [k for k in signers.DEPUTY_KINDS if k in chosen]
    with db.atomic():
        settings.set_value(signers.DEPUTY_KINDS_KEY, value, user)
    return value


# --- end c4-delegate ---
