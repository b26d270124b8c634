"""The register's blueprint and the helpers its view modules share (views.py, views_tasks.py)."""

from flask import Blueprint, request
from flask_login import current_user

from inspection import field_labels, settings
from inspection.accounts.policy import ensure
from inspection.register import forms
from inspection.register.models import SECRET_LEVELS, DirectiveDocument, Task
from inspection.register.rules import STATUS_LABELS, STATUS_STYLES
from inspection.signing import records as signature_records
from inspection.uploads import MB, store_stream
from inspection.views_util import get_or_404

bp = Blueprint("register", __name__, url_prefix="/register")
SCAN_MAX_BYTES = 20 * MB

# Fields compared side by side on a save conflict; labels from the one table (field_labels).
CONFLICT_FIELDS = (
    "number_symbol",
    "issued_on",
    "received_on",
    "signer",
    "abstract",
    "summary",
    "kind",
    "lead_unit",
    "monitor_officer_name",
    "deadline",
    "is_key",
    "completed_on",
)


def _shown(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value) if value not in (None, "") else None


def conflict_side(obj):
    """Labelled values of one side of a save conflict (a saved row or the user's input)."""
    if obj is None:
        return {}
    get = obj.get if isinstance(obj, dict) else (lambda k: getattr(obj, k, None))
    keys = obj.keys() if isinstance(obj, dict) else CONFLICT_FIELDS
    return {field_labels.label(k): _shown(get(k)) for k in CONFLICT_FIELDS if k in keys}


@bp.app_context_processor
def _register_labels():
    return {
        "STATUS_LABELS": {s.value: label for s, label in STATUS_LABELS.items()},
        "STATUS_STYLES": {s.value: c for s, c in STATUS_STYLES.items()},
        "SECRET_LEVELS": SECRET_LEVELS,
        "conflict_theirs": lambda c: conflict_side(c.theirs),
        "conflict_mine": lambda c: conflict_side(c.mine),
    }


def due_soon_days():
    """How many working days before its deadline a task counts as due soon (a setting)."""
    return int(settings.get("register.due_soon_days"))


def scan_loader(field_name):
    """A callable that checks and stores the uploaded PDF inside the operation's transaction."""
    upload = request.files.get(field_name)
    if not upload or not upload.filename:
        return None
    return lambda: signature_records.check_stored(  # issue 16: who signed it, shown beside the scan
        store_stream(upload.stream, upload.filename, user=current_user, allowed=("pdf",), max_bytes=SCAN_MAX_BYTES)
    )


def document_or_404(document_id):
    """The directive document the user may see, else 404/403."""
    doc = get_or_404(DirectiveDocument, document_id)
    ensure(current_user, "register.view", doc)
    return doc


def task_or_404(task_id):
    """The task the user may see, else 404/403."""
    task = get_or_404(Task, task_id)
    ensure(current_user, "register.view", task)
    return task


def task_form_choices(form):
    """Fill the unit choices of a task form (or a document form's task sub-form)."""
    choices = forms.unit_choices()
    form.lead_unit.choices = choices
    form.other_units.choices = choices[1:]
    form.monitor_unit.choices = choices
    return form
