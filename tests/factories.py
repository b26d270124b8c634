"""One way to build test data: every record is made through the part's operations.

Plain functions (no pytest, no Flask request); tests/conftest.py exposes them as fixtures.
A builder that writes a model directly says why no operation can make that state.
"""

import datetime
import io
import itertools
import json

from inspection.db import db
from inspection.documents import kinds, render_pdf
from inspection.workdays import WorkCalendar

DEMO_PASSWORD = "Demo@2026"
REGISTER_TODAY = datetime.date(2026, 11, 27)  # the register tests' reference date
CAL = WorkCalendar()
D = datetime.date
_seq = itertools.count(1)


# ---- units and people -------------------------------------------------------------------


def unit(**overrides):
    """A unit (accounts.operations.save_unit), named uniquely unless told otherwise."""
    from inspection.accounts import operations

    n = next(_seq)
    fields = dict(name=f"Đơn vị thử {n}", abbreviation=f"DV{n}", kind="phong")
    fields.update(overrides)
    return operations.save_unit(None, None, **fields)


def user(roles=("unit_officer",), password=DEMO_PASSWORD, **overrides):
    """A user with `roles` (accounts.operations.create_user), in a new unit unless given one."""
    from inspection.accounts import operations

    n = next(_seq)
    fields = dict(username=f"user{n}", full_name=f"Người dùng {n}")
    fields.update(overrides)
    if "unit" not in fields:
        fields["unit"] = unit()
    return operations.create_user(None, password=password, roles=list(roles), **fields)


def register_units():
    """The three units of the register tests: Kiểm lâm, Thủy lợi, the Office."""
    return {
        "kl": unit(name="Chi cục Kiểm lâm", abbreviation="CCKL"),
        "tl": unit(name="Chi cục Thủy lợi", abbreviation="CCTL"),
        "vp": unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong"),
    }


def register_users(units):
    """One user of each register role, by the usernames the register tests log in with."""
    return {
        "tracker": user(roles=["tracking_officer"], username="theodoi", unit=units["vp"]),
        "chief": user(roles=["chief_of_office"], username="chanhvp", unit=units["vp"]),
        "director": user(roles=["director"], username="giamdoc", unit=units["vp"]),
        "kl_officer": user(roles=["unit_officer"], username="canbokl", unit=units["kl"]),
        "tl_officer": user(roles=["unit_officer"], username="canbotl", unit=units["tl"]),
        "secret_tracker": user(roles=["tracking_officer"], username="baomat", unit=units["vp"], clearance=True),
    }


def dept_units():
    """The units of the demo seed (names, abbreviations, aliases the Excel fixture uses)."""
    from inspection.demo import UNITS

    return {abbr: unit(name=name, abbreviation=abbr, aliases=aliases, kind=kind) for name, abbr, aliases, kind in UNITS}


# ---- register ---------------------------------------------------------------------------


def register_document(by, lead_unit, tasks=None, n=1, on=REGISTER_TODAY, calendar=CAL, **doc_overrides):
    """Register a directive document (ordinary by default) with tasks; returns (doc, tasks)."""
    from inspection.register import operations

    doc = dict(
        number_symbol=f"{100 + n}/UBND-NNTN",
        doc_type="cong_van",
        issuer_kind="ubnd_tinh",
        issuer_name="",
        signer="Nguyễn Văn A",
        issued_on=D(2026, 11, 20),
        received_on=D(2026, 11, 23),
        channel="eoffice",
        abstract="Về việc đầu tư hạ tầng thủy lợi",
        secret_level="",
        is_complex=False,
    )
    doc.update(doc_overrides)
    if tasks is None:
        tasks = [dict(summary="Tham mưu báo cáo hạ tầng thủy lợi", lead_unit=lead_unit, deadline=D(2026, 12, 15))]
    return operations.register_document(by, doc, tasks, calendar, on=on)


# ---- cases ------------------------------------------------------------------------------


def inspection_world(app):
    """Units, people and register tasks for an inspection of Chi cục Kiểm lâm in 2026."""
    from inspection.calendar.service import current_calendar
    from inspection.register import operations as reg

    app.config["TODAY"] = "2026-04-15"
    kl = unit(name="Chi cục Kiểm lâm", abbreviation="CCKL", kind="chi_cuc")
    tl = unit(name="Chi cục Thủy lợi", abbreviation="CCTL", kind="chi_cuc")
    vp = unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong")
    people = {
        "chief": user(
            roles=["chief_of_office"], unit=vp, full_name="Phạm Minh Tuấn", title="Chánh Văn phòng Sở", username="cvp"
        ),
        "director": user(roles=["director"], unit=vp, full_name="Nguyễn Tấn Liêm", title="Giám đốc Sở", username="gd"),
        "deputy": user(
            roles=["deputy_director"], unit=vp, full_name="Trần Văn Hùng", title="Phó Giám đốc Sở", username="pgd"
        ),
        "leader": user(
            roles=["tracking_officer"],
            unit=vp,
            full_name="Lê Thị Hạnh",
            gender="Bà",
            title="Phó Chánh Văn phòng Sở",
            username="truongdoan",
        ),
        "member": user(
            roles=["unit_officer"],
            unit=tl,
            full_name="Đỗ Văn Nam",
            title="Chuyên viên Chi cục Thủy lợi",
            username="thanhvien",
        ),
        "kl_head": user(roles=["unit_head"], unit=kl, full_name="Lê Văn Sơn", title="Chi cục trưởng", username="cctkl"),
        "kl_officer": user(roles=["unit_officer"], unit=kl, full_name="A Tuấn", title="Chuyên viên", username="cbkl"),
        "tl_officer": user(roles=["unit_officer"], unit=tl, full_name="Y Liên", title="Chuyên viên", username="cbtl"),
    }
    cal = current_calendar()
    doc_data = {
        "number_symbol": "125/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_kind": "ubnd_tinh",
        "issuer_name": "",
        "issued_on": D(2026, 1, 5),
        "received_on": D(2026, 1, 6),
        "channel": "eoffice",
        "abstract": "Về bảo vệ và phát triển rừng năm 2026",
        "secret_level": "",
        "is_complex": False,
    }
    tasks_data = [
        {
            "summary": "Xây dựng phương án phòng cháy, chữa cháy rừng mùa khô",
            "lead_unit": kl,
            "deadline": D(2026, 2, 28),
            "registered_on": D(2026, 1, 9),
        },  # registered late (R-6.1b)
        {
            "summary": "Rà soát hiện trạng rừng và đất lâm nghiệp",
            "lead_unit": kl,
            "deadline": D(2026, 3, 31),
            "registered_on": D(2026, 1, 7),
        },
        {
            "summary": "Kiểm tra công trình thủy lợi trước mùa mưa",
            "lead_unit": tl,
            "deadline": D(2026, 3, 15),
            "registered_on": D(2026, 1, 7),
        },
    ]
    doc, tasks = reg.register_document(people["chief"], doc_data, tasks_data, cal, on=D(2026, 1, 7))
    # done late (deadline 31/03), result entered 10/04: late entry too (R-6.3b)
    reg.complete_task(
        people["chief"],
        tasks[1],
        D(2026, 4, 2),
        "Đã rà soát xong",
        "45/BC-CCKL",
        D(2026, 4, 2),
        tasks[1].version,
        on=D(2026, 4, 10),
    )
    return {"units": {"kl": kl, "tl": tl, "vp": vp}, "people": people, "tasks": tasks, "doc": doc}


# ---- dossier: a notified case with its issued documents, and real files ------------------

_RENDERED = {}


def _render(kind, ctx):
    """Render each kind once per test session: the tests check filing, not rendering speed."""
    key = (kind, json.dumps(ctx, sort_keys=True, ensure_ascii=False, default=str))
    if key not in _RENDERED:
        _RENDERED[key] = render_pdf(kind, ctx)
    return _RENDERED[key]


def _issue(kind, number, issued_on, abstract, by, subject=None):
    from inspection import uploads
    from inspection.documents.models import ISSUED, OutgoingDocument

    k = kinds.get(kind)
    ctx = dict(k.sample)
    ctx.update(number=f"{number:02d}", abstract=abstract)
    pdf = uploads.store_bytes(_render(kind, ctx), f"{kind}.pdf", user=by, allowed=("pdf",))
    symbol = f"{k.type_abbr}-SNN" if k.type_abbr else "SNN-VP"
    return OutgoingDocument.create(
        kind=kind,
        state=ISSUED,
        year=issued_on.year,
        number=number,
        symbol=symbol,
        abstract=abstract,
        context=json.dumps(ctx, ensure_ascii=False),
        issued_on=issued_on,
        pdf_file=pdf,
        subject_type=subject[0] if subject else "case",
        subject_id=subject[1] if subject else None,
        issued_by=by,
        issued_at=datetime.datetime.now(),
    )


def notified_case(chief, inspected, title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm", number_base=0):
    """A case at 'đã thông báo kết luận' with decision, plan, minutes, request, report, notice,
    a directive document with a scan, an urging letter and a unit's answer.

    The register document, the plan (drafted, submitted, approved), the case and its frozen
    scope go through the operations. The issued documents and the case's later states are
    written directly: reaching them through the operations issues eight documents, each
    rendered anew (about a second each, per test), while here each kind's PDF is rendered
    once per session. That walk is tested step by step in tests/cases/test_walk.py."""
    from inspection import uploads
    from inspection.cases import operations as case_ops
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InformationRequest, Minutes, RequestUnit, UnitAnswer
    from inspection.register import operations as reg

    d = datetime.date
    scan = uploads.store_bytes(
        _render("urging_letter", kinds.get("urging_letter").sample), "scan.pdf", allowed=("pdf",)
    )
    directive_data = dict(
        number_symbol=f"{123 + number_base}/UBND-NNTN",
        doc_type="cong_van",
        issuer_kind="ubnd_tinh",
        issuer_name="",
        issued_on=d(2026, 1, 10),
        received_on=d(2026, 1, 12),
        channel="eoffice",
        abstract="Về bảo vệ rừng mùa khô",
        secret_level="",
        is_complex=False,
    )
    task_data = dict(summary="Tổ chức phòng cháy rừng", lead_unit=inspected, deadline=d(2026, 2, 28))
    _, (task,) = reg.register_document(chief, directive_data, [task_data], CAL, scan_file=scan, on=d(2026, 1, 12))
    plan = case_ops.create_plan(chief, year=2026, title="Kế hoạch kiểm tra năm 2026")
    item = case_ops.add_plan_item(plan, chief, inspected, d(2026, 3, 1), d(2026, 3, 31))
    for action in ("submit", "approve"):
        plan = case_ops.move_plan(plan, chief, action)
    case = case_ops.create_case(chief, plan_item=item, title=title, start_on=d(2026, 3, 2), end_on=d(2026, 3, 13))
    case_ops.add_scope_tasks(case, chief, [task.id])
    with db.atomic():
        case_ops.freeze_scope(case, d(2026, 2, 25))
    case.state, case.scope_frozen_at = case_rules.NOTIFIED, datetime.datetime(2026, 2, 25, 9)
    plan.plan_doc = _issue("inspection_plan", number_base + 3, d(2026, 1, 20), "Kiểm tra năm 2026", chief)
    plan.save()
    case.decision_doc = _issue(
        "inspection_decision", number_base + 5, d(2026, 2, 25), "Kiểm tra Chi cục Kiểm lâm", chief
    )
    request = InformationRequest.create(
        case=case,
        subject="Đề nghị báo cáo",
        due_on=d(2026, 3, 5),
        doc=_issue("request_letter", number_base + 7, d(2026, 2, 26), "Đề nghị báo cáo", chief),
    )
    RequestUnit.create(request=request, unit=inspected)
    answer_file = uploads.store_bytes(
        _render("periodic_report", kinds.get("periodic_report").sample), "bao-cao-don-vi.pdf", allowed=("pdf",)
    )
    UnitAnswer.create(request=request, unit=inspected, file=answer_file, note="Báo cáo tình hình thực hiện")
    Minutes.create(
        case=case,
        unit=inspected,
        held_at=datetime.datetime(2026, 3, 10, 8),
        place="Chi cục",
        doc=_issue("inspection_minutes", number_base + 1, d(2026, 3, 10), "Biên bản làm việc", chief),
    )
    case.report_doc = _issue("inspection_report", number_base + 9, d(2026, 3, 18), "Kết quả kiểm tra", chief)
    case.notice_doc = _issue("conclusion_notice", number_base + 11, d(2026, 3, 25), "Kết luận kiểm tra", chief)
    case.save()
    _issue(
        "urging_letter", number_base + 2, d(2026, 2, 10), "Đôn đốc phòng cháy rừng", chief, subject=("task", task.id)
    )
    return case


def pdf_bytes(text="Tài liệu"):
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def jpg_bytes(color="white"):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (600, 800), color).save(buf, "JPEG")
    return buf.getvalue()


def docx_bytes(marker="DOCD", pages=2):
    """A real Word file of `pages` pages ("<marker> trang N" on each), as the Office saves it."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    for n in range(1, pages + 1):
        run = doc.add_paragraph(f"{marker} trang {n}").add_run()
        if n < pages:
            run.add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def xlsx_bytes(marker="XLSE"):
    """A real one-sheet Excel workbook (a small statistics table) that prints on one page."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append([marker, "Đơn vị", "Nhiệm vụ", "Xong"])
    for i in range(1, 11):
        ws.append([i, f"Hạt Kiểm lâm số {i}", 10 + i, 8 + i])
    for col, width in zip("ABCD", (6, 20, 10, 10)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def on(day):
    """Make `day` the application's today and return it: an issue date is the day of issue."""
    from flask import current_app

    current_app.config["TODAY"] = day.isoformat()
    return day
