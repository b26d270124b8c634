"""Builders of real dossier test data (no Flask request needed): a notified case with issued
documents rendered from the kinds' samples, small PDFs and JPEG scans."""

import datetime
import io
import json

from inspection.documents import kinds, render_pdf

_RENDERED = {}


def _render(kind, ctx):
    """Render each kind once per test session: the tests check filing, not rendering speed."""
    key = (kind, json.dumps(ctx, sort_keys=True, ensure_ascii=False, default=str))
    if key not in _RENDERED:
        _RENDERED[key] = render_pdf(kind, ctx)
    return _RENDERED[key]


def _issue(kind, number, issued_on, abstract, user, subject=None):
    from inspection import uploads
    from inspection.documents.models import ISSUED, OutgoingDocument

    k = kinds.get(kind)
    ctx = dict(k.sample)
    ctx.update(number=f"{number:02d}", abstract=abstract)
    pdf = uploads.store_bytes(_render(kind, ctx), f"{kind}.pdf", user=user, allowed=("pdf",))
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
        issued_by=user,
        issued_at=datetime.datetime.now(),
    )


def build_notified_case(chief, unit, title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm", number_base=0):
    """A case at 'đã thông báo kết luận' with decision, plan, minutes, request, report, notice,
    a directive document with a scan, an urging letter and a unit's answer."""
    from inspection import uploads
    from inspection.cases import rules as case_rules
    from inspection.cases.models import (
        CaseTask,
        CaseUnit,
        InformationRequest,
        InspectionCase,
        InspectionPlan,
        Minutes,
        PlanItem,
        RequestUnit,
        UnitAnswer,
    )
    from inspection.register.models import DirectiveDocument, Task

    d = datetime.date
    plan = InspectionPlan.create(year=2026, title="Kế hoạch kiểm tra năm 2026", state=case_rules.PLAN_APPROVED)
    item = PlanItem.create(plan=plan, unit=unit, window_start=d(2026, 3, 1), window_end=d(2026, 3, 31))
    case = InspectionCase.create(
        title=title, plan_item=item, state=case_rules.NOTIFIED, start_on=d(2026, 3, 2), end_on=d(2026, 3, 13)
    )
    CaseUnit.create(case=case, unit=unit)
    scan = uploads.store_bytes(
        _render("urging_letter", kinds.get("urging_letter").sample), "scan.pdf", allowed=("pdf",)
    )
    directive = DirectiveDocument.create(
        number_symbol="123/UBND-NNTN",
        issuer_kind="ubnd_tinh",
        issued_on=d(2026, 1, 10),
        abstract="Về bảo vệ rừng mùa khô",
        scan=scan,
    )
    task = Task.create(document=directive, summary="Tổ chức phòng cháy rừng", lead_unit=unit, deadline=d(2026, 2, 28))
    CaseTask.create(case=case, task=task, number_symbol="123/UBND-NNTN", summary=task.summary)
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
    RequestUnit.create(request=request, unit=unit)
    answer_file = uploads.store_bytes(
        _render("periodic_report", kinds.get("periodic_report").sample), "bao-cao-don-vi.pdf", allowed=("pdf",)
    )
    UnitAnswer.create(request=request, unit=unit, file=answer_file, note="Báo cáo tình hình thực hiện")
    Minutes.create(
        case=case,
        unit=unit,
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
