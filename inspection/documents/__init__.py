"""Official documents from templates, in the form of Decree 30/2020/NĐ-CP (issue 4).

Public API: kinds.get(kind), render_docx(kind, context), render_pdf(kind, context),
contexts.*, operations.create_draft/update_draft/issue.
"""

from . import kinds
from .render import (
    DocumentContextError,
    DocumentError,
    DocumentTemplateError,
    check_required,
    docx_bytes,
    pdf_bytes,
    pdf_from_docx,
)

__all__ = ["kinds", "render_docx", "render_pdf", "DocumentError", "DocumentContextError", "DocumentTemplateError"]


def render_docx(kind, context, template=None) -> bytes:
    """Render a kind to DOCX bytes (template: .docx bytes of an uploaded version, else shipped)."""
    k = kinds.get(kind)
    check_required(k, context)
    return docx_bytes(template if template is not None else k.docx_path, context, k.name_vi)


def render_pdf(kind, context, template=None) -> bytes:
    """Render a kind to PDF bytes (A4, embedded Liberation Serif, Decree 30 layout).

    Shipped template: WeasyPrint from template.html. An uploaded version (template=<docx
    bytes>): the DOCX is rendered and converted by LibreOffice, so the PDF carries the
    Office's wording; raises office.OfficeUnavailable when LibreOffice is not installed.
    """
    k = kinds.get(kind)
    check_required(k, context)
    if template is not None:
        return pdf_from_docx(docx_bytes(template, context, k.name_vi), k.name_vi)
    return pdf_bytes(kind, context)


def init_app(app):
    """Register the documents blueprint, the `doc` command group and policy rules."""
    from . import (  # noqa: F401 - policy registers its rules on import
        cli,
        policy,
        views,
        views_signing,
        widgets,  # noqa: F401 - c1-sign: the "Văn bản chờ ký" home widget (issue 14)
    )

    app.register_blueprint(views.bp)
    from inspection.history import moment

    app.add_template_filter(moment, "vnmoment")  # c1-sign: dd/mm/yyyy hh:mm in Vietnam's time zone

    @app.context_processor
    def _sign_queue_badge():  # c1-sign: the count beside "Văn bản chờ ký" in the menu
        from flask_login import current_user

        if not current_user.is_authenticated:
            return {}
        return {"menu_badges": {"documents.queue": views_signing.queue_count(current_user)}}

    app.cli.add_command(cli.doc_cli)
