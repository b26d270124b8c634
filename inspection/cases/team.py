"""The team after the draft (Điều 13, Điều 14): the Director's acceptance of a person of an
inspected unit, and the members the leader invites during the inspection (R-14.2).

Each write inside db.atomic(), audited; refusals raise ValidationFailed and change nothing.
The checks a new member passes are operations._member_fields, shared with the draft's team.
"""

from inspection import audit
from inspection.cases import rules
from inspection.cases.models import ConflictWaiver, TeamMember
from inspection.cases.operations import _fail_if, _member_fields, _user_facts, _waived_ids, today
from inspection.db import db


def accept_conflict(case, director, person, reason):
    """Record the Director's acceptance of a person of an inspected unit in the team, with its reason."""
    _fail_if(
        case.state not in (rules.DRAFT, rules.DECIDED, rules.IN_PROGRESS)
        and "Cuộc kiểm tra đã kết thúc: không còn bổ sung Đoàn kiểm tra (khoản 2 Điều 14).",
    )
    unit_ids = [cu.unit_id for cu in case.unit_links]
    facts = _user_facts(case, person.full_name, rules.MEMBER, person, waived_ids=set())
    _fail_if(rules.waiver_error(facts, unit_ids, reason), "reason")
    _fail_if(person.id in _waived_ids(case) and f"Giám đốc Sở đã chấp thuận {person.full_name} tham gia Đoàn.", "user")
    with db.atomic():
        w = ConflictWaiver.create(case=case, user=person, reason=reason.strip(), accepted_by=director)
        audit.record(director, "create", w, None, audit.snapshot(w))
    return w


def check_invite(case, role, purpose, member_user=None, name="", title="", agency="", gender="Ông"):
    """Refuse (ValidationFailed) unless the leader may invite this member now (R-14.2); return its fields."""
    _fail_if(rules.invite_error(case.state, role, purpose), "purpose" if role != rules.LEADER else "role")
    return _member_fields(case, role, member_user, name, title, agency, gender)


def invite_member(case, user, fields, purpose, doc=None, on=None):
    """Record a member the leader invited during the inspection, with its letter (R-14.2)."""
    with db.atomic():
        m = TeamMember.create(
            case=case,
            invited_on=on or today(),
            invited_by=user,
            invitation_purpose=purpose.strip(),
            invitation_doc=doc,
            **fields,
        )
        audit.record(user, "create", m, None, audit.snapshot(m))
    return m
