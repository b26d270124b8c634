"""The `cases` blueprint and the view helpers its page modules share (public names only).

views_plans, views_cases and views_work import from here, never from each other. A refusal
re-renders the page it came from (inspection.views_util.form_action): the case page below
is drawn once here, with the posted form put back in its place.
"""

from flask import Blueprint, current_app, flash, render_template, request, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import DENIED, ensure
from inspection.cases import forms, queries
from inspection.views_util import form_action, get_or_404

bp = Blueprint("cases", __name__, url_prefix="/cases")

# Forms the case page draws field by field, so their errors stand beside their fields.
# Any other posted form (a row's finding or evaluation, a request's signer) has its
# errors said once at the top of the page instead.
CASE_PAGE_FORMS = (
    "member_form",
    "waiver_form",
    "invite_form",
    "presider_form",
    "request_form",
    "minutes_form",
    "note_form",
    "rec_form",
    "report_form",
    "sign_form",
    "end_form",
    "extension_form",
)


def load(model, row_id, action, target=None, message=DENIED):
    """The row, or 404; then the policy must allow `action` on it (or on `target(row)`)."""
    row = get_or_404(model, row_id)
    ensure(current_user, action, target(row) if target else row, message)
    return row


def sign_form(kind=None, form_class=None):
    """The signer form with who may sign `kind` (R-13.1); the issue date shown is today."""
    form = (form_class or forms.SignForm)()
    form.signer.choices = queries.signer_choices(kind)
    if form.issued_on.data is None and not any(form.issued_on.raw_data or []):
        form.issued_on.data = clock.today()
    return form


# The document the case page's signer form issues, by the case's state.
SIGN_KIND = {
    "du_thao": "inspection_decision",
    "ket_thuc_kiem_tra": "inspection_report",
    "da_bao_cao": "conclusion_notice",
}


def signer(form, case=None):
    """The signer block chosen in a SignForm."""
    return queries.signer(form.signer.data, case)


def case_url(case_id, anchor=""):
    return url_for("cases.show_case", case_id=case_id, _anchor=anchor or None)


def document_url(doc, fmt="pdf"):
    return url_for("cases.download_document", document_id=doc.id, fmt=fmt)


def flash_errors(form):
    """Say, once, the errors of a form the page does not draw field by field."""
    messages = [m for errors in form.errors.values() for m in (errors if isinstance(errors, list) else [errors])]
    if messages:
        flash("; ".join(messages), "danger")


def case_forms(case, units, posted):
    """The forms of the case page; `posted` = {name: form} puts the user's form back in its place."""
    member_form = posted.get("member_form") or forms.MemberForm()
    member_form.user.choices = [("", "— Chọn —"), *queries.member_choices()]
    waiver_form = posted.get("waiver_form") or forms.WaiverForm()
    waiver_form.user.choices = member_form.user.choices
    invite_form = posted.get("invite_form") or forms.InviteForm()
    invite_form.user.choices = member_form.user.choices
    invite_form.signer.choices = queries.signer_choices()
    presider_form = posted.get("presider_form") or forms.PresiderForm()
    presider_form.presider.choices = queries.presider_choices(case, current_user)
    request_form = posted.get("request_form") or forms.RequestForm()
    request_form.unit_ids.choices = [(u.id, u.name) for u in units]
    minutes_form = posted.get("minutes_form") or forms.MinutesForm()
    minutes_form.unit.choices = [(u.id, u.name) for u in units]
    rec_form = posted.get("rec_form") or forms.RecommendationForm()
    rec_form.unit.choices = queries.active_unit_choices()
    return {
        "member_form": member_form,
        "waiver_form": waiver_form,
        "invite_form": invite_form,
        "presider_form": presider_form,
        "request_form": request_form,
        "minutes_form": minutes_form,
        "rec_form": rec_form,
        "report_form": posted.get("report_form") or forms.ReportTextForm(obj=case),
        "sign_form": posted.get("sign_form") or _case_sign_form(case),
        "request_signers": queries.signer_choices("request_letter"),
        "extension_form": posted.get("extension_form") or sign_form("extension_decision", forms.ExtensionForm),
        "end_form": posted.get("end_form") or forms.EndForm(),
        "note_form": posted.get("note_form") or forms.NoteForm(),
        "finding_form": forms.FindingForm(),
        "eval_form": forms.EvaluationForm(),
        "action": forms.ActionForm(),
        **_signing(case),  # c1-sign
    }


def _signing(case):
    """c1-sign (issue 14): the decision waiting for signature, and whether this user signs it himself."""
    from inspection.cases import submitting as issuing

    subject = ("inspection_case", case.id)
    return {
        "decision_waiting": issuing.waiting("inspection_decision", subject),
        "decision_returned": issuing.returned("inspection_decision", subject),
        "signs_decision": issuing.may_sign("inspection_decision", current_user, queries.signer("director")),
        **_letters_signing(case),  # c3-signonly
    }


def _letters_signing(case):
    """c3-signonly (issue 14): the extension and request letters' "Ký ban hành" / "Trình ký" buttons."""
    from inspection.cases import letters

    return {
        "signs_extension": letters.signs("extension_decision", current_user),
        "signs_request": letters.signs("request_letter", current_user),
        "extension_waiting": letters.waiting_letter("extension_decision", "inspection_case", case.id),
        "requests_waiting": letters.requests_waiting(case),
    }


def _case_sign_form(case):
    """The signer form of the case's next document; the team leader signs the report (R-16.2)."""
    form = sign_form(SIGN_KIND.get(case.state))
    if case.state == "ket_thuc_kiem_tra" and not form.is_submitted():
        form.signer.data = "leader"
    return form


def render_case(case, status=200, **posted):
    """The full case page (queries.case_page), with the forms attached."""
    for name, form in posted.items():
        if name not in CASE_PAGE_FORMS:
            flash_errors(form)
    shown = {name: form for name, form in posted.items() if name in CASE_PAGE_FORMS}
    data = queries.case_page(case, current_user)
    data["shown_stage"] = shown_stage(data["stages"], data["stage"], request.args.get("stage"))
    data["open_form"] = request.args.get("open")  # a form kept open after its last use (issue 14)
    if data["shown_stage"] != data["stage"]:  # a past stage is read, not worked on
        data.update({key: False for key in data if key.startswith("can_")})
    has_dossier = "dossier.open_case_dossier" in current_app.view_functions
    forms_ = case_forms(case, data["units"], shown)
    return render_template("cases/case.html", **data, **forms_, doc_url=document_url, has_dossier=has_dossier), status


def shown_stage(stages, current, asked):
    """The stage the case page shows: `asked` when the case has reached it, else the current one."""
    if asked in stages and current in stages and stages.index(asked) <= stages.index(current):
        return asked
    return current


def case_action(case, form, run, *, success, anchor="", name="action", done=None):
    """Check, act, answer on the case page: a refusal shows the page again with `form` as `name`."""
    return form_action(
        form,
        run,
        render=lambda status, _conflict: render_case(case, status, **{name: form}),
        done=done or case_url(case.id, anchor),
        success=success,
    )
