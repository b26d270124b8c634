"""The archivist's pages: transfers (/archive/transfers/), disposal (/archive/disposal/), holds."""

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_login import current_user

from inspection import clock
from inspection.accounts.policy import can, ensure, requires
from inspection.disposition import destroy, disposal, forms, holds, queries, transfer
from inspection.disposition.models import DisposalReview, LegalHold, Transfer
from inspection.dossier import queries as dossier_queries
from inspection.dossier.forms import ActionForm
from inspection.dossier.models import Dossier
from inspection.views_util import accepts_uploads, form_action, get_or_404, row_or_none

bp = Blueprint("disposition", __name__)


@bp.context_processor
def _manage():
    """`manage`: the page shows the archivist's forms (the policy still checks every POST)."""
    return {"manage": can(current_user, "archive.manage")}


def _year():
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else clock.today().year


def _choices(form, dossiers):
    form.dossiers.choices = [(str(d.id), f"{d.code} – {d.title} ({d.year}; {d.retention})") for d in dossiers]
    return form


# ---- transfers ------------------------------------------------------------------------


@bp.route("/archive/transfers/", methods=["GET", "POST"])
@requires("archive.view")
def list_transfers():
    year = _year()
    due = queries.due_for_transfer(year)
    form = _choices(forms.TransferForm(), due)
    if request.method == "POST":
        ensure(current_user, "archive.manage")
    return form_action(
        form,
        lambda: transfer.create(
            current_user, form.archive_name.data, form.dossiers.data, form.planned_on.data, form.note.data or ""
        ),
        render=lambda status, conflict: (
            render_template("disposition/transfers.html", form=form, due=due, year=year, batches=queries.transfers()),
            status,
        ),
        done=lambda t: url_for("disposition.show_transfer", transfer_id=t.id),
        success=lambda t: f"Đã lập đợt nộp lưu số {t.id} gồm {len(form.dossiers.data)} hồ sơ.",
    )


def _transfer_page(t, status=200, **forms_in):
    page = render_template(
        "disposition/transfer.html",
        t=t,
        dossiers=transfer.items(t),
        handover_form=forms_in.get("handover") or forms.HandoverForm(formdata=None),
        cancel_form=forms_in.get("cancel") or forms.CancelForm(formdata=None),
        action_form=ActionForm(formdata=None),
    )
    return page, status


@bp.route("/archive/transfers/<int:transfer_id>")
@requires("archive.view")
def show_transfer(transfer_id):
    return _transfer_page(get_or_404(Transfer, transfer_id))


def _act_transfer(t, form, run, success, key=""):
    ensure(current_user, "archive.manage", t)
    return form_action(
        form,
        run,
        render=lambda status, conflict: _transfer_page(
            Transfer.get_by_id(t.id), status, **({key: form} if key else {})
        ),
        done=url_for("disposition.show_transfer", transfer_id=t.id),
        success=success,
    )


@bp.route("/archive/transfers/<int:transfer_id>/issue", methods=["POST"])
@requires("archive.view")
def issue_transfer(transfer_id):
    t = get_or_404(Transfer, transfer_id)
    return _act_transfer(
        t,
        ActionForm(),
        lambda: transfer.issue(t, current_user),
        "Đã lập mục lục hồ sơ nộp lưu, biên bản giao nhận và gói xuất.",
    )


@bp.route("/archive/transfers/<int:transfer_id>/handover", methods=["POST"])
@requires("archive.view")
def handover_transfer(transfer_id):
    t = get_or_404(Transfer, transfer_id)
    form = forms.HandoverForm()
    return _act_transfer(
        t,
        form,
        lambda: transfer.record_handover(t, current_user, form.signed_on.data, form.recipient.data),
        "Đã ghi nhận biên bản giao nhận: các hồ sơ đã nộp lưu.",
        key="handover",
    )


@bp.route("/archive/transfers/<int:transfer_id>/cancel", methods=["POST"])
@requires("archive.view")
def cancel_transfer(transfer_id):
    t = get_or_404(Transfer, transfer_id)
    form = forms.CancelForm()
    return _act_transfer(
        t, form, lambda: transfer.cancel(t, current_user, form.reason.data), "Đã hủy bỏ đợt nộp lưu.", key="cancel"
    )


TRANSFER_FILES = {
    "list.docx": "list_docx",
    "list.pdf": "list_pdf",
    "handover.docx": "handover_docx",
    "handover.pdf": "handover_pdf",
    "export.zip": "export_file",
}


@bp.route(
    "/archive/transfers/<int:transfer_id>/<any('list.docx','list.pdf','handover.docx','handover.pdf','export.zip'):what>"
)
@requires("archive.view")
def download_transfer(transfer_id, what):
    t = get_or_404(Transfer, transfer_id)
    return _send(getattr(t, TRANSFER_FILES[what]), f"nop-luu-{t.id:03d}-{what}")


def _send(stored, name):
    if stored is None or not stored.path.exists():
        abort(404)
    return send_file(stored.path, mimetype=stored.mime, as_attachment=True, download_name=name)


# ---- disposal -------------------------------------------------------------------------


@bp.route("/archive/disposal/", methods=["GET", "POST"])
@requires("archive.view")
def list_reviews():
    year = _year()
    expired = queries.past_retention(year)
    form = _choices(forms.ReviewForm(), expired)
    if request.method == "POST":
        ensure(current_user, "archive.manage")
    return form_action(
        form,
        lambda: disposal.create(current_user, form.title.data, form.dossiers.data, form.council.data, year),
        render=lambda status, conflict: (
            render_template(
                "disposition/reviews.html",
                form=form,
                expired=queries.with_holds(expired),
                year=year,
                reviews=queries.reviews(),
            ),
            status,
        ),
        done=lambda r: url_for("disposition.show_review", review_id=r.id),
        success="Đã lập đợt xét hủy tài liệu.",
    )


def _review_page(r, status=200, **forms_in):
    page = render_template(
        "disposition/review.html",
        r=r,
        dossiers=queries.with_holds(disposal.items(r)),
        refusals=disposal.refusals(r),
        records=queries.records_of(r),
        decision_form=forms_in.get("decision") or forms.DecisionForm(formdata=None, council=r.council),
        cancel_form=forms_in.get("cancel") or forms.CancelForm(formdata=None),
        action_form=ActionForm(formdata=None),
        **queries.destruction_notice(r, clock.today()),
    )
    return page, status


@bp.route("/archive/disposal/<int:review_id>")
@requires("archive.view")
def show_review(review_id):
    return _review_page(get_or_404(DisposalReview, review_id))


def _act_review(r, form, run, success, key=""):
    ensure(current_user, "archive.manage", r)
    return form_action(
        form,
        run,
        render=lambda status, conflict: _review_page(
            DisposalReview.get_by_id(r.id), status, **({key: form} if key else {})
        ),
        done=url_for("disposition.show_review", review_id=r.id),
        success=success,
    )


@bp.route("/archive/disposal/<int:review_id>/decision", methods=["POST"])
@requires("archive.view")
@accepts_uploads
def decide_review(review_id):
    r = get_or_404(DisposalReview, review_id)
    form = forms.DecisionForm()
    upload = form.decision_file.data

    def run():
        return disposal.record_decision(
            r,
            current_user,
            form.decision_number.data,
            form.decision_date.data,
            form.decision_signer.data,
            form.council.data,
            upload.stream if upload else None,
            upload.filename if upload else "",
        )

    return _act_review(r, form, run, "Đã ghi nhận quyết định hủy tài liệu.", key="decision")


@bp.route("/archive/disposal/<int:review_id>/destroy", methods=["POST"])
@requires("archive.view")
def destroy_review(review_id):
    r = get_or_404(DisposalReview, review_id)
    return _act_review(
        r, ActionForm(), lambda: destroy.destroy(r, current_user), "Đã hủy tài liệu và lập biên bản hủy."
    )


@bp.route("/archive/disposal/<int:review_id>/cancel", methods=["POST"])
@requires("archive.view")
def cancel_review(review_id):
    r = get_or_404(DisposalReview, review_id)
    form = forms.CancelForm()
    return _act_review(
        r, form, lambda: disposal.cancel(r, current_user, form.reason.data), "Đã hủy bỏ đợt xét hủy.", key="cancel"
    )


@bp.route("/archive/disposal/<int:review_id>/<any('decision.pdf','record.pdf','record.docx'):what>")
@requires("archive.view")
def download_review(review_id, what):
    r = get_or_404(DisposalReview, review_id)
    if what == "decision.pdf":
        return _send(r.decision_file, f"quyet-dinh-huy-{r.id:03d}.pdf")
    rec = queries.records_of(r)
    stored = (rec[0].record_pdf if what == "record.pdf" else rec[0].record_docx) if rec else None
    return _send(stored, f"bien-ban-huy-{r.id:03d}.{what.split('.')[1]}")


# ---- holds ----------------------------------------------------------------------------


def _hold_choices(form):
    closed = (
        Dossier.select(Dossier.id, Dossier.code, Dossier.title).where(Dossier.state == "closed").order_by(Dossier.code)
    )
    form.dossier.choices = [("", "—")] + [(str(d.id), f"{d.code} – {d.title}") for d in closed]
    form.unit.choices = [("", "—")] + dossier_queries.unit_choices()
    return form


@bp.route("/archive/holds", methods=["GET", "POST"])
@requires("archive.view")
def list_holds():
    from inspection.accounts.models import Unit

    form = _hold_choices(forms.HoldForm())
    if request.method == "POST":
        ensure(current_user, "archive.manage")
    return form_action(
        form,
        lambda: holds.set_hold(
            current_user, form.reason.data, row_or_none(Dossier, form.dossier.data), row_or_none(Unit, form.unit.data)
        ),
        render=lambda status, conflict: (
            render_template(
                "disposition/holds.html", form=form, rows=holds.all_holds(), lift_form=forms.LiftForm(formdata=None)
            ),
            status,
        ),
        done=url_for("disposition.list_holds"),
        success="Đã phong tỏa: hồ sơ không thể bị hủy cho đến khi gỡ phong tỏa.",
    )


@bp.route("/archive/holds/<int:hold_id>/lift", methods=["POST"])
@requires("archive.view")
def lift_hold(hold_id):
    hold = get_or_404(LegalHold, hold_id)
    ensure(current_user, "archive.manage", hold)
    form = forms.LiftForm()
    return form_action(
        form,
        lambda: holds.lift_hold(hold, current_user, form.reason.data),
        render=lambda status, conflict: (
            render_template(
                "disposition/holds.html",
                form=_hold_choices(forms.HoldForm(formdata=None)),
                rows=holds.all_holds(),
                lift_form=form,
            ),
            status,
        ),
        done=url_for("disposition.list_holds"),
        success="Đã gỡ phong tỏa.",
    )
