"""Pages of difficulties and disagreements under Đôn đốc (/monitoring/difficulties). Views parse, call, respond."""

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from inspection.accounts.models import Unit
from inspection.accounts.policy import can, ensure, requires
from inspection.difficulties import forms, operations, queries, rules
from inspection.difficulties.models import Difficulty
from inspection.register.blueprint import task_or_404
from inspection.register.forms import unit_choices
from inspection.text import MAX_ID
from inspection.uploads import MB, store_stream
from inspection.views_util import accepts_uploads, form_action, get_or_404

bp = Blueprint("difficulties", __name__, url_prefix="/monitoring/difficulties")
DRAFT_MAX_BYTES = 20 * MB
DRAFT_KINDS = ("pdf", "docx")


@bp.app_context_processor
def _labels():
    # The register's task page lists a task's items with these words.
    return {"DIFFICULTY_LABELS": queries.labels(), "difficulties_of": queries.task_items}


def _item_or_404(item_id):
    item = get_or_404(Difficulty, item_id)
    ensure(current_user, "difficulty.view", item)
    return item


@bp.route("/")
@requires("difficulty.queue")
def queue():
    """The items waiting for the Board, with filters and pages; `secret=1`: the secret ones (R-5.2)."""
    secret = request.args.get("secret") == "1"
    if secret and not current_user.clearance:
        abort(403)
    data = queries.queue_page(queries.parse_filters(request.args, secret=secret))
    return render_template("difficulties/queue.html", **data)


def _draft_loader():
    upload = request.files.get("draft")
    if not upload or not upload.filename:
        return None
    return lambda: store_stream(
        upload.stream, upload.filename, user=current_user, allowed=DRAFT_KINDS, max_bytes=DRAFT_MAX_BYTES
    )


def _proposed_unit(unit_id):
    if unit_id is None or not 0 < unit_id <= MAX_ID:
        return None
    return Unit.get_or_none(Unit.id == unit_id)


@bp.route("/tasks/<int:task_id>/new", methods=["GET", "POST"])
@login_required
@accepts_uploads
def raise_item(task_id):
    """A unit reports a difficulty or a disagreement on its task (R-19.2, R-10.1c)."""
    task = task_or_404(task_id)
    ensure(current_user, "difficulty.raise", task)
    form = forms.RaiseForm()
    form.proposed_unit.choices = unit_choices()
    if task.lead_unit_id != current_user.unit_id:  # a cooperating unit raises disagreements only (R-10.1c)
        form.kind.choices = [(rules.DISAGREEMENT, rules.KINDS[rules.DISAGREEMENT])]
        form.proposal.choices = [(k, rules.PROPOSALS[k]) for k in rules.PROPOSALS_OF[rules.DISAGREEMENT]]

    def run():
        unit = Unit.get_by_id(current_user.unit_id)
        data = {k: getattr(form, k).data for k in ("kind", "proposal", "cause", "text", "proposed_deadline")}
        data["proposed_unit"] = _proposed_unit(form.proposed_unit.data)  # unknown: refused by the rules
        return operations.raise_item(current_user, task, unit, data, draft=_draft_loader())

    def render(status, conflict):
        shown = None if task.is_secret else task  # a secret task's words are not repeated
        return render_template("difficulties/raise.html", form=form, task=shown, task_id=task.id), status

    return form_action(
        form,
        run,
        render=render,
        done=lambda item: url_for("difficulties.show", item_id=item.id),
        success="Đã gửi kiến nghị; Văn phòng Sở và Ban Giám đốc Sở đã được thông báo.",
    )


def _show(item, status=200, opinion=None, decide=None):
    data = queries.item_page(item, current_user)
    page = render_template(
        "difficulties/item.html",
        **data,
        opinion_form=opinion or forms.OpinionForm(formdata=None, office_opinion=item.office_opinion),
        decide_form=decide or forms.DecideForm(formdata=None),
        can=can,
    )
    return page, status


@bp.route("/<int:item_id>")
@login_required
def show(item_id):
    """One item: the unit's report, its draft letter, the Office's opinion, the decision."""
    return _show(_item_or_404(item_id))


@bp.route("/<int:item_id>/draft")
@login_required
def draft(item_id):
    """The unit's draft letter, as stored (checked by content at upload)."""
    item = _item_or_404(item_id)
    if item.draft is None:
        abort(404)
    stored = item.draft
    return send_file(stored.path, mimetype=stored.mime, download_name=stored.download_name, as_attachment=True)


@bp.route("/<int:item_id>/opinion", methods=["POST"])
@login_required
def opinion(item_id):
    """The Office's opinion for the Board (R-8.4)."""
    item = _item_or_404(item_id)
    ensure(current_user, "difficulty.prepare", item)
    form = forms.OpinionForm()
    return form_action(
        form,
        lambda: operations.record_opinion(current_user, item, form.office_opinion.data),
        render=lambda status, conflict: _show(Difficulty.get_by_id(item.id), status, opinion=form),
        done=url_for("difficulties.show", item_id=item.id),
        success="Đã ghi ý kiến tham mưu của Văn phòng Sở.",
    )


@bp.route("/<int:item_id>/decide", methods=["POST"])
@login_required
def decide(item_id):
    """The Director or a Deputy decides (R-8.4); an approval updates the task."""
    item = _item_or_404(item_id)
    ensure(current_user, "difficulty.decide", item)
    form = forms.DecideForm()
    return form_action(
        form,
        lambda: operations.decide(
            current_user,
            item,
            form.decision.data,
            form.decision_doc_number.data,
            form.decision_doc_date.data,
            form.reason.data,
            form.new_deadline.data,
        ),
        render=lambda status, conflict: _show(Difficulty.get_by_id(item.id), status, decide=form),
        done=url_for("difficulties.show", item_id=item.id),
        success=lambda d: f"Đã ghi quyết định: {rules.DECISIONS[d.decision].lower()} kiến nghị.",
    )
