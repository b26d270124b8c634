"""A report's document context (periodic_report kind) and its Excel tables, from stored content.

Both read only the content stored with the report (as of its cut-off) and the Office's
narrative, so the draft, the issued DOCX/PDF and the XLSX carry the same figures.
"""

import datetime
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from inspection.documents import contexts
from inspection.monitoring import charts as drawing
from inspection.monitoring import figures
from inspection.text import clean_text, vn_date

from . import rules

KIND = "periodic_report"
ADDRESSEES = ["Văn phòng UBND tỉnh"]  # the Department reports to the Provincial Office
COPIES = ["Như trên", "Giám đốc, các Phó Giám đốc Sở"]


def _date(iso):
    return datetime.date.fromisoformat(iso)


def title(data, scope_text) -> str:
    """The abstract: "Tình hình thực hiện nhiệm vụ được giao tháng 10 năm 2026"."""
    start, end = _date(data["start"]), _date(data["end"])
    what = rules.tasks_text(data["kind"], data["secret"])
    label = rules.period_label(data["kind"], start, end).lower()
    subject = "" if data["scope"] == rules.ALL else f" ({scope_text})"
    return f"Tình hình thực hiện {what}{subject} {label}"


def _formatted(row):
    out = dict(row)
    for key in ("completion_pct", "overdue_pct"):
        out[key] = rules.pct_text(row[key])
    return out


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _tracked(data):
    """The tasks the summary counts: every task, or the Province's in a 6-month or yearly report (R-20.2)."""
    return rules.PROVINCE_TASKS if data["kind"] in rules.PROVINCE_KINDS else "nhiệm vụ"


def _notes(data):
    end = _date(data["end"])
    start = _date(data["start"])
    totals, overdue = data["totals"], data["overdue"]
    period = f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"
    summary = (
        f"Tính đến ngày {vn_date(end)}, tổng số {_tracked(data)} đang theo dõi: {rules.count_text(totals['total'])} nhiệm vụ; "
        f"đã hoàn thành {rules.count_text(totals['done_on_time'] + totals['done_late'])} nhiệm vụ "
        f"(trong hạn {rules.count_text(totals['done_on_time'])}, quá hạn {rules.count_text(totals['done_late'])}); "
        f"đang thực hiện trong hạn {rules.count_text(totals['pending_in_time'])}; "
        f"chưa hoàn thành quá hạn {rules.count_text(totals['pending_overdue'])}. "
        f"Tỷ lệ hoàn thành {rules.pct_text(totals['completion_pct'])}%, tỷ lệ quá hạn {rules.pct_text(totals['overdue_pct'])}%."
    )
    return {
        "summary": summary,
        "overdue_note": f"Đến ngày {vn_date(end)} còn {rules.count_text(len(overdue))} nhiệm vụ chưa hoàn thành quá hạn.",
        "urgings_note": f"Trong kỳ ({period}) đã đôn đốc {rules.count_text(sum(r['tasks'] for r in data['urgings']))} "
        f"lượt nhiệm vụ.",
        "inspections_note": f"Trong kỳ ({period}) đã tổ chức {rules.count_text(len(data['inspections']))} "
        f"cuộc kiểm tra.",
    }


def four(row) -> figures.Figures:
    """The four figures of a stored statistics row (a unit's or the totals)."""
    return figures.Figures(**{attr: row[key] for key, attr in rules.STAT_KEYS.items() if attr in figures.FOUR})


_CHART_ID = re.compile(r'id="chart-([0-9a-f-]{36})"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _same_every_time(svg) -> str:
    """pygal names each drawing with a random id and writes the day it drew it in a comment:
    fixed and cut out, the same content always gives the same picture (and PDF objects)."""
    found = _CHART_ID.search(svg)
    if found:
        svg = svg.replace(found.group(1), "report")
    return _COMMENT.sub("", svg)


def chart_totals(data) -> str:
    """The SVG of the four figures of the report's totals: the page's chart and the documents'."""
    return _same_every_time(drawing.four_figures(four(data["totals"])))


def _fit_on_a_page(height_px, width_px=900, max_width_mm=165, max_height_mm=200) -> int:
    """The printed width of a chart drawn width_px x height_px, so it is at most the text's width
    and max_height_mm tall (many units make a tall chart: it narrows rather than leaves the page)."""
    return int(min(max_width_mm, max_height_mm * width_px / height_px))


def charts(data) -> list[dict]:
    """The report's charts for the document (R-8: the numbers are the statistics table's),
    drawn from the stored content only, so a draft recomputed later or an issued report keeps
    its picture. The per-unit chart when the table has more than one unit. A secret report's
    content counts the secret register only, so its charts do too (R-5.2)."""
    end = vn_date(_date(data["end"]))
    out = [
        {
            "title": f"Biểu đồ 1. Kết quả thực hiện nhiệm vụ tính đến ngày {end}",
            "image": drawing.data_uri(chart_totals(data)),
            "width_mm": 120,
        }
    ]
    if len(data["stats"]) > 1:
        rows = [(row["unit"], four(row)) for row in data["stats"]]
        out.append(
            {
                "title": f"Biểu đồ 2. Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì tính đến ngày {end}",
                "image": drawing.data_uri(_same_every_time(drawing.by_unit(rows))),
                "width_mm": _fit_on_a_page(drawing.by_unit_height(len(rows))),
            }
        )
    return out


def context(data, texts, scope_text) -> dict:
    """The periodic_report context of a report: the frame, the computed tables, the narrative."""
    abstract = title(data, scope_text)
    frame = contexts.frame(KIND, abstract=abstract, signer_role="deputy", addressees=ADDRESSEES, copies_to=COPIES)
    notes = _notes(data)
    intro = _lines(texts.get("introduction")) or [
        f"Sở báo cáo tình hình thực hiện {abstract[len('Tình hình thực hiện ') :]} như sau:"
    ]
    return contexts.generic(
        KIND,
        frame,
        introduction=intro,
        period_label=rules.period_label(data["kind"], _date(data["start"]), _date(data["end"])),
        summary=[notes["summary"], *_lines(texts.get("summary"))],
        stats=[_formatted(r) for r in data["stats"]],
        totals=_formatted(data["totals"]),
        charts=charts(data),
        overdue_tasks=[{"proposal": "", **row} for row in data["overdue"]],  # drafts stored before R-18/19's column
        overdue_note=notes["overdue_note"],
        urgings_note=notes["urgings_note"],
        urgings=data["urgings"],
        inspections_note=notes["inspections_note"],
        inspections=data["inspections"],
        assessment=_lines(texts.get("assessment")) or ["(Văn phòng Sở viết phần đánh giá chung.)"],
        proposals=_lines(texts.get("proposals")) or ["Không có."],
    )


SHEETS = (
    (
        "Thong ke",
        "stats",
        [("Đơn vị", "unit")]
        + [
            (h, k)
            for h, k in zip(
                [
                    "Tổng số",
                    "Hoàn thành trong hạn",
                    "Hoàn thành quá hạn",
                    "Đang thực hiện trong hạn",
                    "Chưa hoàn thành quá hạn",
                    "Tỷ lệ hoàn thành (%)",
                    "Tỷ lệ quá hạn (%)",
                ],
                rules.STAT_KEYS,
            )
        ],
    ),
    (
        "Qua han",
        "overdue",
        [
            ("Văn bản giao", "document"),
            ("Nhiệm vụ", "task"),
            ("Đơn vị chủ trì", "unit"),
            ("Thời hạn", "deadline"),
            ("Tình hình, nguyên nhân", "reason"),
            ("Kiến nghị", "proposal"),
        ],
    ),
    (
        "Don doc",
        "urgings",
        [
            ("Ngày", "date"),
            ("Hình thức", "channel"),
            ("Đơn vị được đôn đốc", "unit"),
            ("Số nhiệm vụ", "tasks"),
            ("Văn bản đôn đốc", "letter"),
        ],
    ),
    (
        "Kiem tra",
        "inspections",
        [
            ("Cuộc kiểm tra", "title"),
            ("Đơn vị được kiểm tra", "units"),
            ("Thời gian", "dates"),
            ("Kết luận", "conclusion"),
        ],
    ),
)


def xlsx(data, heading) -> bytes:
    """The report's tables as an Excel workbook: one sheet per table, the totals row last."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, key, cols in SHEETS:
        ws = wb.create_sheet(sheet_name)
        ws.append([clean_text(heading)])
        ws.append(["STT", *(h for h, _ in cols)])
        for cell in ws[1] + ws[2]:
            cell.font = Font(bold=True)
        rows = data[key] + ([data["totals"]] if key == "stats" else [])
        for i, row in enumerate(rows, start=1):
            index = "" if key == "stats" and i == len(rows) else i
            _append(ws, [index, *(row.get(k, "") for _, k in cols)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _append(ws, values):
    ws.append([clean_text(v) for v in values])  # no control character reaches the XML
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":  # user text starting with "=" stays text
            cell.data_type = "s"
