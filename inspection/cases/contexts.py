"""Context builders: case and plan rows -> plain dicts for each document kind.

Plain values only (str, int, lists and dicts of them): a template must not be able to
reach the database (docs/conventions.md, habit 5). Field names follow documents/bodies.py and each
kind's doc_templates/<kind>/sample.json.
"""

from inspection import settings
from inspection.cases import rules
from inspection.documents import contexts as doc_contexts
from inspection.documents import signers
from inspection.text import vn_date

REGULATION = (
    "Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở giao"
)


def _framed(kind, body):
    """Merge the Decree 30 frame (header, signer from settings) with a kind's body values."""
    ctx = doc_contexts.frame(
        kind,
        abstract=body.get("abstract", ""),
        copies_to=body.get("copies_to", ()),
        addressees=body.get("addressees"),
        grounds=body.get("grounds"),
    )
    ctx.update(body)
    return ctx


def _lines(text):
    return [x.strip() for x in (text or "").splitlines() if x.strip()]


def _d(value):
    return vn_date(value) if value else ""


def _hm(dt):
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút" if dt else ""


def _person(line):
    """Split "Ông Lê Văn Sơn, Chi cục trưởng" into honorific, name, position."""
    head, _, position = line.partition(",")
    words = head.split()
    honorific = words[0] if words and words[0] in ("Ông", "Bà") else ""
    name = " ".join(words[1:] if honorific else words)
    return {"honorific": honorific, "name": name, "position": position.strip()}


def team_rows(members):
    """Return the team as plain rows (honorific, name, position, role) in role order."""
    rows = []
    for m in sorted(members, key=lambda m: (rules.ROLE_ORDER.get(m.role, 9), m.sort_order, m.id)):
        position = m.title or ""
        if m.agency and m.agency not in position:
            position = f"{position}, {m.agency}" if position else m.agency
        rows.append(
            {
                "honorific": m.gender or "Ông",
                "name": m.name,
                "position": position,
                "role": rules.ROLE_LABELS.get(m.role, m.role),
            }
        )
    return rows


def scope_rows(case_tasks):
    """Return the scoped tasks as plain rows (number, document, summary, unit, deadline)."""
    return [
        {
            "number": i,
            "document": ct.number_symbol,
            "summary": ct.summary,
            "unit": ct.lead_unit_name,
            "deadline": _d(ct.deadline),
        }
        for i, ct in enumerate(case_tasks, 1)
    ]


def _scope_text(tasks):
    listed = "; ".join(
        f"{r['number']}) {r['summary']} (văn bản số {r['document']}, đơn vị chủ trì: "
        f"{r['unit']}" + (f", thời hạn {r['deadline']}" if r["deadline"] else "") + ")"
        for r in tasks
    )
    return f"{len(tasks)} nhiệm vụ được giao, gồm: {listed}"


def _content_labels(keys, note=""):
    out = [rules.CONTENT_ITEMS[k] for k in keys if k in rules.CONTENT_ITEMS]
    return out + _lines(note)


def decision_context(case, units, members, case_tasks):
    """Return the QĐ context: R-13 a) grounds b) scope c) content d) time limit đ) team."""
    agency = settings.get("org.agency_name")
    unit_names = [u.name for u in units]
    tasks = scope_rows(case_tasks)
    subjects = ", ".join(unit_names)
    return _framed(
        "inspection_decision",
        {
            "abstract": f"Về việc kiểm tra việc thực hiện nhiệm vụ được giao tại {subjects} và thành lập Đoàn kiểm tra",
            "authority_line": f"GIÁM ĐỐC {agency}".upper(),
            "grounds": case.legal_ground_list + ["Theo đề nghị của Chánh Văn phòng Sở"],
            "inspection_subject": f"việc thực hiện nhiệm vụ được giao tại {subjects}",
            "team": team_rows(members),
            "contents": _content_labels(case.content_keys, case.content_note),
            "subjects": subjects,
            "scope": _scope_text(tasks),
            "tasks": tasks,
            "time_limit": (
                f"{case.working_days:02d} ngày làm việc, từ ngày {_d(case.start_on)} đến ngày {_d(case.end_on)}"
            ),
            "team_duties": [
                "Trưởng Đoàn kiểm tra tổ chức triển khai thực hiện việc kiểm tra; được mời cơ quan, "
                "tổ chức, cá nhân có liên quan tham gia Đoàn kiểm tra khi cần thiết (Điều 14)",
                "Yêu cầu đơn vị được kiểm tra báo cáo, cung cấp hồ sơ, tài liệu, thông tin có liên quan",
                "Lập biên bản làm việc; báo cáo kết quả kiểm tra và đề xuất kiến nghị (Điều 16)",
            ],
            "report_due": _d(case.report_due_on),
            "executors": "Chánh Văn phòng Sở, Thủ trưởng " + subjects + " và các ông (bà) có tên tại Điều 1",
            "copies_to": ["Như Điều 3", "Giám đốc, các Phó Giám đốc Sở"],
        },
    )


def plan_context(plan, items):
    """Return the KH context: purposes, content, subjects, schedule table (R-12.1)."""
    units = list(dict.fromkeys(i.unit.name for i in items))
    return _framed(
        "inspection_plan",
        {
            "abstract": f"Kiểm tra việc thực hiện nhiệm vụ được giao {plan.period_label or 'năm ' + str(plan.year)}",
            "bases": [f"Căn cứ {REGULATION};"],
            "purposes": _lines(plan.purpose) or ["Nâng cao hiệu quả thực hiện nhiệm vụ được giao"],
            "requirements": [
                "Kiểm tra đúng nội dung, khách quan, không gây cản trở hoạt động của đơn vị",
                "Báo cáo kết quả chậm nhất 05 ngày làm việc sau khi kết thúc kiểm tra (khoản 2 Điều 16)",
            ],
            "contents": _content_labels(plan.content_keys),
            "subjects": units,
            "scope": f"Nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh, Giám đốc Sở giao trong năm {plan.year}",
            "methods": _lines(plan.method) or [rules.FORM_LABELS[rules.FORM_TEAM]],
            "schedule": [
                {
                    "unit": i.unit.name,
                    "content": i.content or "",
                    "time": f"{_d(i.window_start)} - {_d(i.window_end)}",
                    "members": i.composition or rules.FORM_LABELS.get(i.form, ""),
                }
                for i in items
            ],
            "implementation": _lines(plan.organisation)
            or ["Văn phòng Sở chủ trì, tham mưu Giám đốc Sở thành lập Đoàn kiểm tra (khoản 1 Điều 15)."],
            "copies_to": ["Giám đốc, các Phó Giám đốc Sở"] + units,
        },
    )


def request_context(request, case, units, decision_ref, contact):
    """Return the công văn context asking units for reports and papers (R-14.3)."""
    return _framed(
        "request_letter",
        {
            "abstract": request.subject,
            "addressees": [u.name for u in units],
            "introduction": [f"Thực hiện {decision_ref} về việc {case.title[0].lower() + case.title[1:]}."],
            "requested_items": _lines(request.content)
            or ["Báo cáo tình hình, kết quả thực hiện các nhiệm vụ trong phạm vi kiểm tra"],
            "submit_to": "Đoàn kiểm tra (qua Văn phòng Sở)",
            "due_date": _d(request.due_on),
            "contact": contact,
            "copies_to": ["Như trên", "Thành viên Đoàn kiểm tra"],
        },
    )


def minutes_context(minutes, case, unit, members, decision_ref):
    """Return the BB context of one working session (R-14.1)."""
    team = [_person(x) for x in _lines(minutes.team_participants)] or [
        {"honorific": r["honorific"], "name": r["name"], "position": f"{r['position']} - {r['role']}".strip(" -")}
        for r in team_rows(members)
    ]
    unit_people = [_person(x) for x in _lines(minutes.unit_participants)]
    head = unit_people[0] if unit_people else {"honorific": "", "name": ""}
    return _framed(
        "inspection_minutes",
        {
            "abstract": f"Kiểm tra việc thực hiện nhiệm vụ tại {unit.name}",
            "started_at": f"{_hm(minutes.held_at)}, ngày {_d(minutes.held_at.date())}",
            "place": minutes.place,
            "decision_ref": decision_ref,
            "inspected_unit": unit.name,
            "team_members": team,
            "unit_members": unit_people,
            "contents": _lines(minutes.content),
            "results": _lines(minutes.results) or ["(Chưa ghi)"],
            "unit_opinions": _lines(minutes.unit_opinions) or ["Đơn vị thống nhất với nội dung biên bản."],
            "closed_at": _hm(minutes.ended_at),
            "copies_count": "02",
            "unit_representative": f"{head['name']}".strip(),
            "secretary_name": next((m.name for m in members if m.role == rules.SECRETARY), ""),
            "chair_title": signers.title(signers.TEAM_LEADER),
            "chair_name": next((m.name for m in members if m.role == rules.LEADER), ""),
        },
    )


def report_context(case, units, tasks, findings, evaluations, recommendations, decision_ref):
    """Return the BC context: R-16.3 a) evaluation b) conclusions c) recommendations."""
    by_task = {f.case_task_id: f for f in findings}
    rows, shortfalls = [], []
    for ct in tasks:
        f = by_task.get(ct.id)
        label = rules.RESULT_LABELS.get(f.result, "") if f else ""
        note = ""
        if f and f.result in rules.SHORTFALLS:
            note = f"Tính chất: {f.nature}; mức độ: {f.degree}; nguyên nhân: {f.cause}; trách nhiệm: {f.responsibility}"
            shortfalls.append(f'Nhiệm vụ "{ct.summary}" ({ct.lead_unit_name}): {label.lower()}. {note}.')
        rows.append(
            {"unit": ct.lead_unit_name, "task": f"{ct.summary} ({ct.number_symbol})", "status": label, "note": note}
        )
    results = [
        {
            "title": "Việc tổ chức triển khai thực hiện, kết quả thực hiện nhiệm vụ, việc cập nhật "
            "trên phần mềm và chế độ báo cáo (điểm a khoản 3 Điều 16)",
            "paragraphs": _evaluation_paragraphs(evaluations),
        },
        {
            "title": "Kết luận về từng nhiệm vụ chưa thực hiện hoặc thực hiện không đúng (điểm b khoản 3 Điều 16)",
            "paragraphs": shortfalls or ["Các nhiệm vụ trong phạm vi kiểm tra được thực hiện đúng yêu cầu."],
        },
    ]
    return _framed(
        "inspection_report",
        {
            "abstract": f"Kết quả kiểm tra việc thực hiện nhiệm vụ tại {', '.join(u.name for u in units)}",
            "addressees": ["Giám đốc Sở"],
            "introduction": [f"Thực hiện {decision_ref}, Đoàn kiểm tra báo cáo kết quả kiểm tra như sau:"],
            "overview": _lines(case.overview)
            or [
                f"Đoàn kiểm tra đã kiểm tra {len(tasks)} nhiệm vụ tại {', '.join(u.name for u in units)} "
                f"từ ngày {_d(case.start_on)} đến ngày {_d(case.end_on)}."
            ],
            "results": results,
            "task_rows": rows,
            "strengths": _lines(case.strengths) or ["(Không có)"],
            "weaknesses": _lines(case.weaknesses) or ["(Không có)"],
            "causes": _lines(case.causes) or ["(Không có)"],
            "recommendations": [
                f"{r.content} ({r.kind_label.lower()}; đơn vị thực hiện: {r.unit.name}; thời hạn: {_d(r.deadline)})"
                for r in recommendations
            ]
            or ["(Không có)"],
            "copies_to": ["Giám đốc Sở", "Thành viên Đoàn kiểm tra"],
        },
    )


def _evaluation_paragraphs(evaluations):
    out = []
    for ev in evaluations:
        parts = [
            ("Tổ chức triển khai", ev.organisation),
            ("Kết quả thực hiện", ev.results),
            ("Cập nhật trên phần mềm", ev.updating),
            ("Chế độ thông tin, báo cáo", ev.reporting),
        ]
        text = "; ".join(f"{k}: {v.strip()}" for k, v in parts if (v or "").strip())
        if text:
            out.append(f"{ev.unit.name} - {text}.")
    return out or ["(Chưa có đánh giá)"]


def notice_context(case, units, recommendations, decision_ref, report_ref):
    """Return the TB context: conclusions and the remedies with their deadlines (R-16.2)."""
    names = ", ".join(u.name for u in units)
    return _framed(
        "conclusion_notice",
        {
            "abstract": f"Kết luận kiểm tra việc thực hiện nhiệm vụ tại {names}",
            "introduction": [_notice_opening(case, names, decision_ref, report_ref)],
            "conclusions": _lines(case.conclusion)
            or _lines(case.weaknesses)
            or ["Các đơn vị thực hiện cơ bản đầy đủ nhiệm vụ được giao."],
            "remedies": [
                {"unit": r.unit.name, "measure": r.content, "deadline": _d(r.deadline)} for r in recommendations
            ],
            "report_back_due": _d(case.report_back_by)
            or (_d(max(r.deadline for r in recommendations)) if recommendations else ""),
            "copies_to": [u.name for u in units] + ["Giám đốc, các Phó Giám đốc Sở", "Thành viên Đoàn kiểm tra"],
        },
    )


def doc_ref(doc, kind_name):
    """Return "Quyết định số 05/QĐ-SNN ngày 20/04/2026" for an issued document."""
    if doc is None:
        return kind_name
    return f"{kind_name} số {doc.number_text} ngày {_d(doc.issued_on)}"


def extension_context(case, units, decision_ref, old_limit, new_limit, reason, report_due):
    """Return the context of the decision extending the time limit (R-13d)."""
    agency = settings.get("org.agency_name")
    subjects = ", ".join(u.name for u in units)
    return _framed(
        "extension_decision",
        {
            "abstract": f"Về việc gia hạn thời hạn kiểm tra việc thực hiện nhiệm vụ được giao tại {subjects}",
            "authority_line": f"GIÁM ĐỐC {agency}".upper(),
            "grounds": case.legal_ground_list + [f"Căn cứ {decision_ref}", "Theo đề nghị của Trưởng Đoàn kiểm tra"],
            "inspection_subject": f"việc thực hiện nhiệm vụ được giao tại {subjects}",
            "decision_ref": decision_ref,
            "old_limit": _d(old_limit),
            "new_limit": _d(new_limit),
            "reason": reason.strip().rstrip("."),
            "report_due": _d(report_due),
            "executors": "Chánh Văn phòng Sở, Thủ trưởng " + subjects + " và các thành viên Đoàn kiểm tra",
            "copies_to": ["Như Điều 3", "Giám đốc, các Phó Giám đốc Sở"],
        },
    )


def invitation_context(case, member, purpose, decision_ref, on, leader_name):
    """Return the letter inviting a person or agency into the team during the inspection (R-14.2).

    `member` holds the new member's plain fields (name, title, agency, gender, role)."""
    who = ", ".join(x for x in (f"{member['gender']} {member['name']}", member["title"], member["agency"]) if x)
    return _framed(
        "invitation_letter",
        {
            "abstract": "mời tham gia Đoàn kiểm tra",
            "addressees": [member["agency"] or f"{member['gender']} {member['name']}"],
            "introduction": [f"Thực hiện {decision_ref} về việc {case.title[0].lower() + case.title[1:]}."],
            "invitee": who,
            "role": rules.ROLE_LABELS.get(member["role"], member["role"]),
            "from_date": _d(on),
            "time_limit": f"từ ngày {_d(case.start_on)} đến ngày {_d(case.end_on)}",
            "purpose": purpose.strip().rstrip("."),
            "contact": f"{leader_name}, Trưởng Đoàn kiểm tra" if leader_name else "Văn phòng Sở",
            "copies_to": ["Như trên", "Giám đốc Sở (b/c)", "Thành viên Đoàn kiểm tra"],
        },
    )


def _notice_opening(case, names, decision_ref, report_ref):
    """The notice's first paragraph, in the words of the case's form (R-12.3, R-12.4)."""
    window = f"từ ngày {_d(case.start_on)} đến ngày {_d(case.end_on)}"
    if case.form == rules.FORM_DIRECT:
        return (
            f"Giám đốc Sở đã làm việc trực tiếp với Thủ trưởng {names} {window} (khoản 4 Điều 12). "
            "Căn cứ biên bản buổi làm việc, Giám đốc Sở kết luận như sau:"
        )
    who = "Đoàn kiểm tra" if case.form != rules.FORM_DEPUTY else "Phó Giám đốc Sở được phân công chủ trì"
    return f"Thực hiện {decision_ref}, {who} đã tiến hành kiểm tra {window}. Xét {report_ref}, Giám đốc Sở kết luận như sau:"


def case_units(case):
    """The units a case inspects, in the register's order."""
    from inspection.accounts.models import Unit
    from inspection.cases.models import CaseUnit

    return list(
        Unit.select()
        .join(CaseUnit, on=(CaseUnit.unit == Unit.id))
        .where(CaseUnit.case == case)
        .order_by(Unit.sort_order, Unit.name)
    )


def decision_ref(case):
    """Return "Quyết định số …/QĐ-… ngày …" for the case's decision."""
    if not rules.has_team(case.form):  # the Director's assignment, no decision
        return "sự phân công của Giám đốc Sở"
    return doc_ref(case.decision_doc, "Quyết định") if case.decision_doc_id else "Quyết định kiểm tra"
