"""Who may do what with plans and cases.

Director and Deputies see every case; the Chief of Office and tracking officers work on
every case; team members see and work on their own cases; an inspected unit sees only the
requests, the notice and the recommendations addressed to it (never drafts or findings).
Targets are InspectionPlan / InspectionCase / InformationRequest rows.
"""

from inspection.accounts import roles
from inspection.accounts.policy import rule

LEADERSHIP = (roles.DIRECTOR, roles.DEPUTY)
WORKERS = (roles.CHIEF, roles.TRACKER)


def is_member(user, case):
    """Tell whether `user` is named in the case's team."""
    from inspection.cases.models import TeamMember

    return TeamMember.select().where((TeamMember.case == case) & (TeamMember.user == user.id)).exists()


def is_leader(user, case):
    """Tell whether `user` leads the case's team."""
    from inspection.cases.models import TeamMember
    from inspection.cases.rules import LEADER

    return (
        TeamMember.select()
        .where((TeamMember.case == case) & (TeamMember.user == user.id) & (TeamMember.role == LEADER))
        .exists()
    )


def presides(user, case):
    """Tell whether `user` presides over the case without a team (R-12.3, R-12.4)."""
    return case is not None and case.presider_id is not None and case.presider_id == user.id


def is_inspected(user, case):
    """Tell whether `user` belongs to one of the case's inspected units."""
    from inspection.cases.models import CaseUnit

    return (
        bool(user.unit_id)
        and CaseUnit.select().where((CaseUnit.case == case) & (CaseUnit.unit == user.unit_id)).exists()
    )


def _office(user):
    return user.has_role(*LEADERSHIP, *WORKERS)


def is_in_any_team(user):
    """Tell whether `user` is named in the team of any case (invited staff of any role)."""
    from inspection.cases.models import TeamMember

    return TeamMember.select().where(TeamMember.user == user.id).exists()


@rule("cases.view")
def _view(user, target):
    """Open the inspections: without a target the list (and the menu), with a case that case.

    The list is for who may meet a case: the Office and leadership, the inspected units'
    heads and officers, and anyone named in a team. A case opens in full for the Office,
    leadership and its team, and as the unit's page for an inspected unit (never a draft).
    """
    if target is None:
        return user.has_role(*LEADERSHIP, *WORKERS, roles.UNIT_HEAD, roles.UNIT_OFFICER) or is_in_any_team(user)
    return _case_view(user, target) or _unit_view(user, target)


@rule("cases.plan.view")
def _plan_view(user, target):
    return _office(user)


@rule("cases.plan.edit")
def _plan_edit(user, target):
    # R-15.1a: the Chief of Office (and his officers) draft plans.
    return user.has_role(*WORKERS)


@rule("cases.plan.approve")
def _plan_approve(user, target):
    return user.has_role(roles.DIRECTOR)


@rule("cases.create")
def _create(user, target):
    return user.has_role(*WORKERS)


@rule("cases.case.view")
def _case_view(user, target):
    """The full case page: office, leadership, team members and who presides (R-12.3, R-15.2)."""
    return _office(user) or (target is not None and (is_member(user, target) or presides(user, target)))


def _internal(target):
    from inspection.cases.rules import FORM_INTERNAL

    return target is not None and target.form == FORM_INTERNAL


@rule("cases.internal.create")
def _internal_create(user, target):
    """Plan an internal inspection of his own unit: the unit head (R-15.2)."""
    return user.has_role(roles.UNIT_HEAD) and bool(user.unit_id)


@rule("cases.case.unit_view")
def _unit_view(user, target):
    """The inspected unit's page: requests, notice and its recommendations only."""
    from inspection.cases.rules import DRAFT

    if target is None or target.state == DRAFT:
        return False  # never drafts
    return user.has_role(roles.UNIT_HEAD, roles.UNIT_OFFICER) and is_inspected(user, target)


@rule("cases.case.prepare")
def _prepare(user, target):
    """Draft the case: scope, team, grounds (R-15.1b); an internal one: its unit head (R-15.2)."""
    if _internal(target):
        return presides(user, target)
    return user.has_role(*WORKERS)


@rule("cases.decision.issue")
def _issue_decision(user, target):
    # the Director decides; the Office issues the signed decision in the system.
    return user.has_role(roles.DIRECTOR, roles.CHIEF)


@rule("cases.conflict.accept")
def _accept_conflict(user, target):
    """Accept a person of an inspected unit in the team, with a reason: the Director (Điều 13)."""
    return user.has_role(roles.DIRECTOR)


@rule("cases.case.work")
def _work(user, target):
    """Requests, minutes, notes, findings, recommendations: the team and the Office."""
    if target is None:
        return False
    return user.has_role(*WORKERS) or is_member(user, target) or presides(user, target)


@rule("cases.case.lead")
def _lead(user, target):
    """Start/end the inspection and issue the report: the team leader or the Office (R-14.1)."""
    if target is None:
        return False
    return user.has_role(*WORKERS) or is_leader(user, target) or presides(user, target)


@rule("cases.team.invite")
def _invite(user, target):
    """Invite a person or agency into the team during the inspection: its leader (R-14.2)."""
    return target is not None and is_leader(user, target)


@rule("cases.presider.assign")
def _assign_presider(user, target):
    """Assign a Deputy to preside, or work directly with the unit head: the Director (R-12.3, R-12.4);
    an internal inspection is started by its unit head (R-15.2)."""
    if _internal(target):
        return presides(user, target)
    return user.has_role(roles.DIRECTOR)


@rule("cases.notice.issue")
def _notice(user, target):
    return user.has_role(roles.DIRECTOR, roles.DEPUTY, roles.CHIEF)


@rule("cases.answer.upload")
def _answer(user, target):
    """Only the addressed unit itself uploads its answer (target: InformationRequest)."""
    from inspection.cases.models import RequestUnit

    if target is None or not user.unit_id:
        return False
    return RequestUnit.select().where((RequestUnit.request == target) & (RequestUnit.unit == user.unit_id)).exists()
