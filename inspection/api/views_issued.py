"""The list of issued documents (issue 15): the outgoing register as the interface shows it.

The same policy as the register page (`documents.register.view`); the secret register only
for users with clearance, and a secret document never in the ordinary list (R-5.2).
"""

from flask import url_for
from flask_login import current_user

from inspection.accounts.policy import ensure
from inspection.api import queries
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import IssuedDocumentPage, IssuedDocumentQuery
from inspection.errors import NotAllowed

SECRET_REFUSED = "Sổ văn bản đi mật chỉ dành cho người được phép xem văn bản mật (khoản 2 Điều 5)."


def _links(item):
    files = item.pop("files")
    return {
        fmt: url_for("api.download_issued_document", document_id=item["id"], fmt=fmt) if files[fmt] else None
        for fmt in ("docx", "pdf")
    }


@bp.get("/issued-documents")
@spec.validate(query=IssuedDocumentQuery, resp=responds({"HTTP_200": IssuedDocumentPage}), tags=["documents"])
def list_issued_documents(query: IssuedDocumentQuery):
    """Văn bản đã ban hành (đã cấp số), mới nhất trước; lọc theo năm, loại, ngày ban hành (sổ mật: secret=true)."""
    ensure(current_user, "documents.register.view")  # the register page's rule
    if query.secret and not current_user.clearance:
        raise NotAllowed(SECRET_REFUSED)  # as the register page (documents/views.py)
    page = queries.issued_page(query.secret, query.page, query.per_page, query.year, query.kind, query.since)
    for item in page["items"]:
        item["links"] = _links(item)
    return IssuedDocumentPage.model_validate(page)
