"""Inspection dossiers through the API (issue 15, R-17): completeness per component, state, and
the assembled PDF and ZIP when an assembly is done. The dossier part's policy (`dossier.view`)
decides who sees which dossier; the list holds only those (the same check, row by row).
"""

from flask import url_for
from flask_login import current_user

from inspection.accounts.policy import can, ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas_inspections import AssemblyOut, DossierOut, DossierPage, DossierQuery
from inspection.dossier import archive, operations, rules
from inspection.dossier.models import DONE, AssemblyJob, Dossier, DossierItem
from inspection.dossier.queries import latest_job
from inspection.errors import NotFound
from inspection.views_util import send_bytes

MIME = {"pdf": "application/pdf", "zip": "application/zip"}


def _summary(d):
    fields = ("id", "case_id", "code", "title", "year", "state", "retention", "start_on", "end_on", "digitised")
    fields += ("transferred_to",)
    return {**{f: getattr(d, f) for f in fields}, "state_label": d.state_label}


@bp.get("/dossiers")
@spec.validate(query=DossierQuery, resp=responds({"HTTP_200": DossierPage}), tags=["dossiers"])
def list_dossiers(query: DossierQuery):
    """Hồ sơ kiểm tra người dùng được xem (đang lập, đã đóng), mới nhất trước."""
    ensure(current_user, "dossier.view")
    cond = Dossier.id > 0
    if query.state:
        cond &= Dossier.state == query.state
    if query.year:
        cond &= Dossier.year == query.year
    rows = Dossier.select().where(cond).order_by(Dossier.year.desc(), Dossier.id.desc())
    visible = [d for d in rows if can(current_user, "dossier.view", d)]  # the one policy, per dossier
    total, per_page = len(visible), query.per_page
    pages = max(1, -(-total // per_page))
    page = min(query.page, pages)
    items = visible[(page - 1) * per_page : page * per_page]
    return DossierPage.model_validate(
        {"items": [_summary(d) for d in items], "page": page, "per_page": per_page, "total": total, "pages": pages}
    )


def _dossier(dossier_id):
    dossier = Dossier.get_or_none(Dossier.id == dossier_id)
    if dossier is None:
        raise NotFound("Không tìm thấy hồ sơ.")
    ensure(current_user, "dossier.view", dossier)
    return dossier


def _assembly(job):
    if job is None:
        return None
    done = job.state == DONE
    links = {
        what: url_for("api.download_dossier_file", dossier_id=job.dossier_id, fmt=what)
        if done and getattr(job, f"{what}_id")
        else None
        for what in ("pdf", "zip")
    }
    return {
        "id": job.id,
        "state": job.state,
        "state_label": job.state_label,
        "percent": job.percent,
        "page_count": job.page_count,
        "finished_at": job.finished_at.astimezone() if job.finished_at else None,
        "pdf_url": links["pdf"],
        "zip_url": links["zip"],
    }


def _item(it):
    fields = ("id", "number_symbol", "doc_date", "type_and_abstract", "author", "pages", "source")
    return {**{f: getattr(it, f) for f in fields}, "has_file": it.file_id is not None}


@bp.get("/dossiers/<int:dossier_id>")
@spec.validate(resp=responds({"HTTP_200": DossierOut}), tags=["dossiers"])
def show_dossier(dossier_id):
    """Một hồ sơ: các thành phần theo Điều 17 (bắt buộc, số tài liệu), còn thiếu gì, lần ghép gần nhất."""
    dossier = _dossier(dossier_id)
    items = list(
        DossierItem.select()
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .order_by(DossierItem.component, DossierItem.position, DossierItem.id)
    )
    counts = {}
    for it in items:
        counts[it.component] = counts.get(it.component, 0) + 1
    # A digitised paper dossier (issue 17) is kept as it was on paper: no component is required.
    form = dossier.case.form if dossier.case_id else None
    required = rules.required_components(form) if dossier.case_id else ()
    missing = rules.missing_components(counts, form) if dossier.case_id else []
    components = [
        {
            "number": n,
            "name": name,
            "required": n in required,
            "count": counts.get(n, 0),
            "items": [_item(it) for it in items if it.component == n],
        }
        for n, name, _req in rules.COMPONENTS
    ]
    return DossierOut.model_validate(
        {
            **_summary(dossier),
            "complete": not missing,
            "missing": [n for n, _name in missing],
            "components": components,
            "assembly": _assembly(latest_job(dossier)),
        }
    )


@bp.post("/dossiers/<int:dossier_id>/assembly")
@spec.validate(resp=responds({"HTTP_202": AssemblyOut}), tags=["dossiers"])
def assemble_dossier(dossier_id):
    """Yêu cầu ghép hồ sơ thành một tệp PDF và gói ZIP (chạy nền; xem `assembly` của hồ sơ)."""
    dossier = _dossier(dossier_id)  # as the page: who sees the dossier may ask for its files
    job = operations.request_assembly(dossier, current_user)
    return AssemblyOut.model_validate(_assembly(AssemblyJob.get_by_id(job.id))), 202


@bp.get("/dossiers/<int:dossier_id>/files.<any(pdf, zip):fmt>")
@spec.validate(resp=responds({"HTTP_200": None}), tags=["dossiers"])
def download_dossier_file(dossier_id, fmt):
    """Tệp PDF hoặc gói ZIP của lần ghép gần nhất đã xong (chưa ghép xong: 404)."""
    dossier = _dossier(dossier_id)
    job = (
        AssemblyJob.select()
        .where((AssemblyJob.dossier == dossier) & (AssemblyJob.state == DONE))
        .order_by(AssemblyJob.id.desc())
        .first()
    )
    stored = (job.pdf if fmt == "pdf" else job.zip) if job else None
    if stored is None:
        raise NotFound("Hồ sơ chưa được ghép xong nên chưa có tệp.")
    answer = send_bytes(stored.read_bytes(), f"{archive.package_name(dossier.code)}.{fmt}", MIME[fmt])
    answer.direct_passthrough = False  # spectree reads the body it passes on
    return answer
