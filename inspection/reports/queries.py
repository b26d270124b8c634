"""What the reports pages show: the list a user may see, one report with its tables and chart."""

from inspection.accounts.models import Unit
from inspection.accounts.policy import can
from inspection.documents import operations as documents
from inspection.documents import render_docx, render_pdf
from inspection.documents.models import ISSUED, OutgoingDocument
from inspection.monitoring import charts

from . import content, document, rules
from .models import Report


def visible(user, secret=False):
    """The reports `user` may read, newest cut-off first (R-5.2: secret ones apart, with clearance)."""
    q = Report.select(Report, OutgoingDocument).join(OutgoingDocument).where(Report.secret == bool(secret))
    if not user.is_office:
        q = q.where(OutgoingDocument.state == ISSUED)  # units read issued reports only
    return list(q.order_by(Report.period_end.desc(), Report.id.desc()).limit(200))


def index_page(user):
    """The list page: ordinary reports, and the secret ones for a user with clearance."""
    return {
        "reports": visible(user),
        "secret_reports": visible(user, secret=True) if can(user, "reports.secret") else None,
        "kinds": rules.KINDS,
        "scopes": rules.SCOPES,
        "can_draft": can(user, "reports.draft"),
    }


def unit_choices():
    return [("", "")] + [
        (str(u.id), u.name) for u in Unit.select().where(Unit.active).order_by(Unit.sort_order, Unit.name)
    ]


def report_page(report):
    """One report: its stored tables (as of the cut-off), its chart, its document's state."""
    data = report.data
    scope_text = content.scope_label(report.scope, report.scope_ref)
    return {
        "report": report,
        "doc": report.document,
        "data": data,
        "title": document.title(data, scope_text),
        "scope_text": scope_text,
        "kind_label": rules.KINDS.get(report.kind, report.kind),
        "due": rules.due_date(report.kind, report.period_end),
        "chart": charts.data_uri(document.chart_totals(data)),
        "pct": rules.pct_text,
    }


def report_file(report, fmt) -> tuple[bytes, str]:
    """(bytes, file name) of a report as docx, pdf or xlsx: an issued one's stored files as
    they were frozen; a draft's rendered from its context; the XLSX from the stored content."""
    doc = report.document
    name = (doc.number_text.replace("/", "_") if doc.number else f"du-thao-bao-cao-{report.id}") + "." + fmt
    if fmt == "xlsx":
        title = document.title(report.data, content.scope_label(report.scope, report.scope_ref))
        return document.xlsx(report.data, title), name
    stored = doc.docx_file if fmt == "docx" else doc.pdf_file
    if stored is not None:
        return stored.read_bytes(), name
    version = documents.active_template(doc.kind)
    template = version.file.read_bytes() if version else None
    render = render_docx if fmt == "docx" else render_pdf
    return render(doc.kind, doc.ctx, template), name
