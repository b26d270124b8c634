"""Trình ký (issue 14) of the case's other documents: the extension decision (R-13d), the
request letters (R-14.3) and the letters inviting a member during the inspection (R-14.2).

Same idiom as the decision (submitting.submit_or_sign): the case page's button lets the signer
sign at once and submits the draft to him otherwise; what the signature changes on the case (the
new time limit, the request's letter, the invited member) is done by finish_X, run when it is
signed (documents.hooks), never before. What finish_X needs is kept in the draft's context.
"""

import datetime

from inspection import audit
from inspection.accounts.models import Unit, User
from inspection.cases import contexts, release, rules, team, work
from inspection.cases import operations as ops
from inspection.cases.models import InformationRequest, InspectionCase, RequestUnit, TeamMember
from inspection.cases.submitting import check_issue, signed_or_submitted, submit_or_sign
from inspection.db import db
from inspection.errors import ValidationFailed

NEW_END = "extension_new_end_on"  # R-13d: the new end date, kept with the draft until it is signed
INVITED = "invited_member"  # the invited member's fields, kept with the letter's draft
EXTENSION_MESSAGE = signed_or_submitted("quyết định gia hạn thời hạn kiểm tra", "điểm d khoản 2 Điều 13")
REQUEST_MESSAGE = signed_or_submitted("công văn đề nghị báo cáo, cung cấp hồ sơ", "khoản 3 Điều 14")
INVITATION_MESSAGE = signed_or_submitted("giấy mời tham gia Đoàn kiểm tra", "khoản 2 Điều 14")


# --- extension of the time limit (R-13d) ------------------------------------------------------
def _extension_context(case, new_end, reason):
    limit = rules.time_limit(case.end_on, case.extended_to)
    error = rules.extension_error(case.state, limit, new_end)
    if error:
        raise ValidationFailed(error, field="new_end_on")
    if not (reason or "").strip():
        raise ValidationFailed("Phải ghi lý do gia hạn thời hạn kiểm tra (điểm d khoản 2 Điều 13).", field="reason")
    due = rules.report_due(new_end, ops.calendar())
    ctx = contexts.extension_context(
        case, contexts.case_units(case), contexts.decision_ref(case), limit, new_end, reason, due
    )
    return {**ctx, NEW_END: new_end.isoformat()}


def submit_extension(case, user, signer, new_end, reason, issued_on=None):
    """Trình ký the extension decision: the Director (or the delegated Deputy) signs at once, the
    Office submits it; the limit moves only when it is signed (finish_extension, R-13d)."""
    check_issue("extension_decision", signer, issued_on)
    ctx = _extension_context(case, new_end, reason)
    return submit_or_sign("extension_decision", ctx, user, signer, ("inspection_case", case.id))


def finish_extension(doc, user):
    """The signed extension: the limit moves to the date kept with the draft (R-13d)."""
    case = InspectionCase.get_by_id(doc.subject_id)
    new_end = datetime.date.fromisoformat(doc.ctx[NEW_END])
    with db.atomic():  # the limit moves and the units are told together
        extended = ops.record_extension(case, user, new_end, doc)
        release.tell_units(case, doc, [u.id for u in contexts.case_units(case)])  # issue 14
    return extended


# --- request letters (R-14.3) ---------------------------------------------------------------
def _request_context(request, contact=""):
    if request.doc_id:
        raise ValidationFailed("Công văn đã được ban hành.")
    work._working(request.case)
    units = list(
        Unit.select().join(RequestUnit, on=(RequestUnit.unit == Unit.id)).where(RequestUnit.request == request)
    )
    case = request.case
    return contexts.request_context(request, case, units, contexts.decision_ref(case), contact or "Văn phòng Sở")


def submit_request(request, user, signer, issued_on=None, contact=""):
    """Trình ký the công văn asking the units for reports and papers (R-14.3); the units see it
    when it is signed (finish_request)."""
    check_issue("request_letter", signer, issued_on)
    ctx = _request_context(request, contact)
    return submit_or_sign("request_letter", ctx, user, signer, ("information_request", request.id))


def finish_request(doc, user):
    """Link the signed công văn to its request: the units addressed now see it (R-14.3)."""
    request = InformationRequest.get_by_id(doc.subject_id)
    with db.atomic():
        request.doc = doc
        request.save()
        audit.record(user, "update", request, None, {"doc": doc.id})
        units = RequestUnit.select(RequestUnit.unit).where(RequestUnit.request == request)
        release.tell_units(request.case, doc, [r.unit_id for r in units], due_on=request.due_on)  # issue 14
    return doc


# --- invitation letters (R-14.2) --------------------------------------------------------------
def submit_invitation(case, user, signer, purpose, role, member_user=None, issued_on=None, **details):
    """Trình ký the letter inviting a member during the inspection: the team leader signs it
    (R-14.2); the member joins the team when it is signed (finish_invitation)."""
    check_issue("invitation_letter", signer, issued_on)
    fields = team.check_invite(case, role, purpose, member_user, **details)
    leader = TeamMember.get_or_none((TeamMember.case == case) & (TeamMember.role == rules.LEADER))
    plain = {k: fields[k] for k in ("name", "title", "agency", "gender", "role")}
    ctx = contexts.invitation_context(
        case, plain, purpose, contexts.decision_ref(case), issued_on or ops.today(), leader.name if leader else ""
    )
    kept = {**fields, "user": fields["user"].id if fields.get("user") else None, "purpose": purpose.strip()}
    return submit_or_sign("invitation_letter", {**ctx, INVITED: kept}, user, signer, ("inspection_case", case.id))


def invite_with_letter(case, user, signer, purpose, role, member_user=None, issued_on=None, **details):
    """The leader invites a member during the inspection with a letter he signs (R-14.2, issue 14):
    the member joins when the letter is signed (cases/letters.py); returns him, or None while the
    letter waits for its signer."""
    doc = submit_invitation(case, user, signer, purpose, role, member_user, issued_on, **details)
    return TeamMember.get_or_none(TeamMember.invitation_doc == doc.id)


def finish_invitation(doc, user):
    """The signed letter: the invited member joins the team, with the letter (R-14.2)."""
    case = InspectionCase.get_by_id(doc.subject_id)
    fields = dict(doc.ctx[INVITED])
    purpose = fields.pop("purpose", "")
    fields["user"] = User.get_or_none(User.id == fields["user"]) if fields.get("user") else None
    return team.invite_member(case, user, fields, purpose, doc, on=doc.issued_on)  # the leader who signed invites


def signs(kind, user) -> bool:
    """Whether `user` signs `kind` himself as one of its signer blocks (the button reads "Ký ban hành …")."""
    from inspection.documents import signers

    person, delegate = (user.role_set, user.full_name, user.id), signers.delegation()
    keys = [k for k in signers.allowed(kind, delegate) if k not in (signers.TEAM_LEADER, signers.PRESIDER)]
    return any(signers.signer_refusal(kind, k, person, delegate) is None for k in keys)


def waiting_letter(kind, subject_type, subject_id):
    """The letter of `kind` for the subject waiting for its signer, or None (the case page says so)."""
    from inspection.cases.submitting import waiting

    return waiting(kind, (subject_type, subject_id))


def requests_waiting(case):
    """{request id: name of whom its công văn waits for}, in one query whatever the rows (R-14.3)."""
    from inspection.documents.models import OutgoingDocument

    ids = InformationRequest.select(InformationRequest.id).where(InformationRequest.case == case)
    rows = (
        OutgoingDocument.select(OutgoingDocument.subject_id, User.full_name)
        .join(User, on=(OutgoingDocument.submitted_to == User.id))
        .where(
            (OutgoingDocument.kind == "request_letter")
            & (OutgoingDocument.subject_type == "information_request")
            & (OutgoingDocument.state == "submitted")
            & OutgoingDocument.subject_id.in_(ids)
        )
        .tuples()
    )
    return dict(rows)


def _register_hooks():
    from inspection.documents import hooks

    hooks.on_signed("extension_decision", finish_extension)
    hooks.on_signed("request_letter", finish_request)
    hooks.on_signed("invitation_letter", finish_invitation)


_register_hooks()
