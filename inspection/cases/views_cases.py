"""Case pages: create, show, prepare (units, scope, team), decide, start, end (R-12 to R-14)."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from inspection import settings
from inspection.accounts.models import User
from inspection.accounts.policy import can, requires
from inspection.cases import drafting, forms, issuing, letters, presiding, queries, rules, submitting, team
from inspection.cases import operations as ops
from inspection.cases.blueprint import bp, case_action, case_url, load, render_case, sign_form, signer
from inspection.cases.models import InspectionCase, PlanItem, TeamMember
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.text import parse_id
from inspection.views_util import form_action, row_or_none

DEFAULT_GROUNDS = (
    "Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở giao"
)


def case_form(case=None):
    form = forms.CaseForm(obj=case) if case else forms.NewCaseForm()
    form.unit_ids.choices = queries.active_unit_choices()
    form.plan_item.choices = [("", "— Chọn cuộc kiểm tra trong kế hoạch —"), *queries.plan_item_choices()]
    if case is None:
        staff = queries.member_choices()
        form.leader.choices = [("", "— Chọn —"), *staff]
        form.member_ids.choices = [(int(k), label) for k, label in staff]
    return form


def render_case_form(form, case):
    """The new-case (or draft) form with its searchable lists: units, tasks, staff (issue 14)."""
    lists = {"unit_items": [(i, name, "") for i, name in form.unit_ids.choices]}
    if case is None:
        lists["tasks"] = queries.task_choices(current_user)
        lists["member_items"] = [(i, label, "") for i, label in form.member_ids.choices]
    return render_template("cases/case_form.html", form=form, case=case, **lists)


def case_data(form):
    """The case's fields; a ground's own field is kept only for that ground (issue 14, R-12)."""
    ground = form.ground.data
    data = dict(
        title=(form.title.data or "").strip(),
        ground=ground,
        ground_reference=(form.ground_reference.data or "") if ground == rules.GROUND_BOARD else "",
        ground_note=(form.ground_note.data or "") if ground == rules.GROUND_SIGNS else "",
        form=form.form.data,
        legal_grounds=form.legal_grounds.data or "",
        content_items=",".join(form.content_items.data or []),
        content_note=form.content_note.data or "",
    )
    data.update({k: getattr(form, k).data for k in ("start_on", "end_on") if getattr(form, k).data})
    return data


def prefill_new_case(form, item):
    """A new case's defaults; from a planned inspection, its unit and the plan as a ground (R-12)."""
    form.ground.data = rules.GROUND_PLAN if item else None  # ad hoc: the user says why
    form.plan_item.data = str(item.id) if item else ""
    form.legal_grounds.data = f"Căn cứ {DEFAULT_GROUNDS}"
    form.content_items.data = list(rules.CONTENT_ITEMS)
    if item:
        form.title.data = f"Kiểm tra việc thực hiện nhiệm vụ tại {item.unit.name}"
        form.unit_ids.data = [item.unit_id]
        form.form.data = item.form
        form.legal_grounds.data += f"\nCăn cứ {item.plan.title}"


@bp.route("/new", methods=["GET", "POST"])
@requires("cases.create")
def create_case():
    form = case_form()
    if not form.is_submitted():
        prefill_new_case(form, PlanItem.get_or_none(PlanItem.id == (request.args.get("plan_item", type=parse_id) or 0)))

    def run():
        item = row_or_none(PlanItem, form.plan_item.data) if form.ground.data == rules.GROUND_PLAN else None
        team = drafting.team_choice(form.form.data, form.leader.data, form.member_ids.data)
        scope = {"task_ids": form.task_ids.data or [], "outside_reason": form.outside_reason.data or ""}
        return drafting.draft_case(
            current_user, unit_ids=form.unit_ids.data or [], plan_item=item, **scope, **team, **case_data(form)
        )

    def render(status, _conflict):
        return render_case_form(form, None), status

    return form_action(
        form,
        run,
        render=render,
        done=lambda case: case_url(case.id),
        success="Đã tạo dự thảo cuộc kiểm tra.",
    )


@bp.route("/internal/new", methods=["GET", "POST"])
@requires("cases.internal.create")
def create_internal_case():
    """A unit head plans the internal inspection of his own unit's tasks (R-15.2)."""
    form = forms.InternalCaseForm()
    if not form.is_submitted():
        form.title.data = f"Kiểm tra nội bộ việc thực hiện nhiệm vụ tại {current_user.unit.name}"

    def run():
        texts = {k: (getattr(form, k).data or "").strip() for k in ("title", "content_note", "legal_grounds")}
        return presiding.create_internal_case(
            current_user, start_on=form.start_on.data, end_on=form.end_on.data, **texts
        )

    return form_action(
        form,
        run,
        render=lambda status, _c: (
            render_template("cases/case_form.html", form=form, case=None, internal=True),
            status,
        ),
        done=lambda case: case_url(case.id),
        success="Đã lập kế hoạch kiểm tra nội bộ; chọn nhiệm vụ của đơn vị vào phạm vi (khoản 2 Điều 15).",
    )


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@login_required
def edit_case(case_id):
    case = load(InspectionCase, case_id, "cases.case.prepare")
    form = case_form(case)
    if not form.is_submitted():
        form.content_items.data = case.content_keys
        form.unit_ids.data = [u.id for u in queries.case_units(case)]
        form.plan_item.data = str(case.plan_item_id or "")

    def run():
        with db.atomic():  # the grounds and the units are saved together or not at all
            ops.update_case(case, current_user, **case_data(form))
            ops.set_units(case, current_user, form.unit_ids.data or [])

    return form_action(
        form,
        run,
        render=lambda status, _c: (render_case_form(form, case), status),
        done=case_url(case.id),
        success="Đã lưu.",
    )


@bp.route("/<int:case_id>")
@login_required
def show_case(case_id):
    case = load(InspectionCase, case_id, "cases.view")
    if not can(current_user, "cases.case.view", case):
        return redirect(url_for("cases.show_unit_page", case_id=case.id))  # the inspected unit's own page
    return render_case(case)


@bp.route("/<int:case_id>/scope", methods=["GET", "POST"])
@login_required
def choose_scope(case_id):
    """Choose the scope with the register's filters, then add the checked (or all) tasks (R-13.2b)."""
    from inspection.register import queries as rq
    from inspection.register.rules import Status

    case = load(InspectionCase, case_id, "cases.case.prepare")
    f = rq.Filters.from_args(request.args)
    inspected = queries.case_units(case)
    if "unit" not in request.args and inspected:
        f.unit = inspected[0].id  # the inspected units' tasks first (R-13.2b)
    cal, today, days = ops.calendar(), ops.today(), settings.get("register.due_soon_days")

    def run():
        ids = request.form.getlist("task_ids", type=parse_id)
        if request.form.get("all") == "1":
            ids = queries.filtered_task_ids(current_user, f, today, cal, days)
        return ops.add_scope_tasks(case, current_user, ids, request.form.get("outside_reason", ""))

    def render(status, _conflict):
        rows, total = rq.task_list(current_user, f, today, cal, days, per_page=100)
        page = render_template(
            "cases/scope.html",
            case=case,
            rows=rows,
            total=total,
            f=f,
            in_scope=queries.scope_task_ids(case),
            units=queries.active_unit_choices(),
            inspected={u.id for u in inspected},
            outside_reason=request.form.get("outside_reason", ""),
            statuses=[(s.value, s.label) for s in Status],
            action=forms.ActionForm(),
        )
        return page, status

    return form_action(
        forms.ActionForm(),
        run,
        render=render,
        done=case_url(case.id, "pham-vi"),
        success=lambda n: f"Đã thêm {n} nhiệm vụ vào phạm vi kiểm tra.",
    )


@bp.route("/<int:case_id>/scope/<int:task_id>/remove", methods=["POST"])
@login_required
def remove_scope_task(case_id, task_id):
    case = load(InspectionCase, case_id, "cases.case.prepare")
    return case_action(
        case,
        forms.ActionForm(),
        lambda: ops.remove_scope_task(case, current_user, task_id),
        success="Đã bỏ nhiệm vụ khỏi phạm vi.",
        anchor="pham-vi",
    )


@bp.route("/<int:case_id>/team", methods=["POST"])
@login_required
def add_member(case_id):
    case = load(InspectionCase, case_id, "cases.case.prepare")
    form = forms.MemberForm()
    form.user.choices = []

    def run():
        user = row_or_none(User, form.user.data)
        details = {k: getattr(form, k).data or "" for k in ("name", "title", "agency")}
        return ops.add_member(case, current_user, form.role.data, member_user=user, gender=form.gender.data, **details)

    # Issue 14: the team form stays open for the next member, the list above it updated.
    done = url_for("cases.show_case", case_id=case.id, open="member", _anchor="them-thanh-vien")
    return case_action(case, form, run, success="Đã thêm thành viên Đoàn kiểm tra.", name="member_form", done=done)


@bp.route("/<int:case_id>/team/waivers", methods=["POST"])
@login_required
def accept_conflict(case_id):
    """The Director accepts a person of an inspected unit in the team, with the reason (Điều 13, 14)."""
    case = load(InspectionCase, case_id, "cases.conflict.accept")
    form = forms.WaiverForm()
    form.user.choices = []

    def run():
        person = row_or_none(User, form.user.data)
        if person is None:
            raise ValidationFailed("Phải chọn cán bộ được chấp thuận.", field="user")
        return team.accept_conflict(case, current_user, person, form.reason.data or "")

    return case_action(
        case, form, run, success="Đã ghi nhận chấp thuận của Giám đốc Sở.", anchor="doan", name="waiver_form"
    )


@bp.route("/<int:case_id>/team/invitations", methods=["POST"])
@login_required
def invite_member(case_id):
    """The leader invites a member during the inspection; the inviting letter is issued (R-14.2)."""
    case = load(InspectionCase, case_id, "cases.team.invite")
    form = forms.InviteForm()
    form.user.choices, form.signer.choices = [], []

    def run():
        user = row_or_none(User, form.user.data)
        details = {k: getattr(form, k).data or "" for k in ("name", "title", "agency")}
        return letters.submit_invitation(
            case,
            current_user,
            signer(form, case),
            form.purpose.data or "",
            form.role.data,
            member_user=user,
            issued_on=form.issued_on.data,
            gender=form.gender.data,
            **details,
        )

    return case_action(case, form, run, success=letters.INVITATION_MESSAGE, anchor="doan", name="invite_form")


@bp.route("/team/<int:member_id>/remove", methods=["POST"])
@login_required
def remove_member(member_id):
    member = load(TeamMember, member_id, "cases.case.prepare", lambda m: m.case)
    return case_action(
        member.case,
        forms.ActionForm(),
        lambda: ops.remove_member(member, current_user),
        success="Đã xóa thành viên.",
        anchor="doan",
    )


@bp.route("/<int:case_id>/decision", methods=["POST"])
@login_required
def issue_decision(case_id):
    case = load(InspectionCase, case_id, "cases.decision.issue")
    form = sign_form("inspection_decision")
    # c1-sign (issue 14): the signer signs at once; the Office submits it to him (trình ký).
    return case_action(
        case,
        form,
        lambda: issuing.submit_decision(case, current_user, signer(form, case), form.issued_on.data),
        success=submitting.decision_message,
        name="sign_form",
    )


@bp.route("/<int:case_id>/presider", methods=["POST"])
@login_required
def assign_presider(case_id):
    """The Director assigns a Deputy to preside, or works directly with the unit head (R-12.3, R-12.4)."""
    case = load(InspectionCase, case_id, "cases.presider.assign")
    form = forms.PresiderForm()
    form.presider.choices = []

    def run():
        chosen = form.presider.data or ""
        person = row_or_none(User, chosen)
        if person is None:
            raise ValidationFailed("Phải chọn người chủ trì kiểm tra (khoản 3, khoản 4 Điều 12).", field="presider")
        return presiding.assign_presider(case, current_user, person)

    return case_action(case, form, run, success="Đã phân công chủ trì; bắt đầu kiểm tra.", name="presider_form")


@bp.route("/<int:case_id>/start", methods=["POST"])
@login_required
def start_inspection(case_id):
    case = load(InspectionCase, case_id, "cases.case.lead")
    return case_action(
        case, forms.ActionForm(), lambda: ops.start_inspection(case, current_user), success="Đã bắt đầu kiểm tra."
    )


@bp.route("/<int:case_id>/end", methods=["POST"])
@login_required
def end_inspection(case_id):
    case = load(InspectionCase, case_id, "cases.case.lead")
    form = forms.EndForm()
    success = "Đã kết thúc kiểm tra; hạn báo cáo 05 ngày làm việc (khoản 2 Điều 16)."
    return case_action(
        case, form, lambda: ops.end_inspection(case, current_user, form.ended_on.data), success=success, name="end_form"
    )


@bp.route("/<int:case_id>/extension", methods=["POST"])
@login_required
def extend_inspection(case_id):
    """Issue the decision extending the time limit (R-13d): the Director, or a Deputy he delegated."""
    case = load(InspectionCase, case_id, "cases.decision.issue")
    form = sign_form("extension_decision", forms.ExtensionForm)
    return case_action(
        case,
        form,
        lambda: letters.submit_extension(
            case, current_user, signer(form, case), form.new_end_on.data, form.reason.data, form.issued_on.data
        ),
        success=letters.EXTENSION_MESSAGE,  # issue 14: the limit moves when the Director signs
        name="extension_form",
    )
