"""The forms of submission for signature (trình ký, issue 14) that the document page shows: kept
apart from the signing views so that the document page and those views do not import each other."""

from flask_login import current_user

from inspection.accounts.policy import can
from inspection.accounts.roles import LABELS as ROLE_LABELS

from . import signers, submission
from .forms import SUBMIT_SIGNERS, DecideForm, SubmitForm


def submit_form(doc, formdata=True):
    """The "Trình ký" form of a draft: the signer block and who signs, defaulted from the kind."""
    form = SubmitForm() if formdata else SubmitForm(formdata=None)
    allowed = signers.allowed(doc.kind, signers.delegation())
    form.signer.choices = [(k, label) for k, label in SUBMIT_SIGNERS if k in allowed] or SUBMIT_SIGNERS
    if not form.is_submitted():
        chosen = signers.key_of(doc.ctx) or doc.signer_key
        form.signer.data = chosen if chosen in dict(form.signer.choices) else form.signer.choices[0][0]
    people = {}
    for key, _label in form.signer.choices:
        for user in submission.candidates(doc, key):
            people.setdefault(user.id, f"{user.full_name} – {_title(user)}")
    form.to_user.choices = [(str(uid), label) for uid, label in people.items()]
    return form


def _title(user):
    return user.title or ", ".join(ROLE_LABELS[r] for r in sorted(user.role_set) if r in ROLE_LABELS)


def page_extras(doc, submit=None, decide=None):
    """What the document page shows of the submission: its forms and who may use them."""
    return {
        "submit_form": submit or submit_form(doc, formdata=False),
        "decide_form": decide or decide_form(doc),
        "can_submit": can(current_user, "documents.submit", doc),
    }


def decide_form(doc):
    current = submission.open_round(doc)
    return DecideForm(formdata=None, round=current.round_no if current else "")
