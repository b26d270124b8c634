"""From a dossier row to files: the assembled PDF, the ZIP and the archival package.

Reads the database, then works on files outside any transaction; the callers record
the results (operations/tasks).
"""

import json
import os
import tempfile

from flask import current_app
from peewee import JOIN

from inspection import clock, settings
from inspection.dossier import archive, assembly, rules
from inspection.dossier.models import DossierItem
from inspection.signing import records as signature_records
from inspection.text import vn_date, vn_date_long
from inspection.uploads import StoredFile

NO_FILE_NOTE = "Chưa có bản điện tử"
FEATURES = "Tài liệu điện tử (bản PDF ghép) kèm bản gốc các tệp trong gói lưu trữ"
DIGITISED_MARK = "Bản số hóa từ hồ sơ giấy"  # issue 17: on the cover, in bag-info and the manifest


def _features(dossier):
    if not getattr(dossier, "digitised", False):
        return FEATURES
    where = ", ".join(
        p
        for p in (
            dossier.location_shelf and f"giá/kệ {dossier.location_shelf}",
            dossier.location_box and f"hộp {dossier.location_box}",
        )
        if p
    )
    return f"{DIGITISED_MARK}; bản giấy gốc lưu tại kho lưu trữ cơ quan" + (f" ({where})" if where else "")


def render_form(kind, context):
    """Render one of the dossier forms (cover, TOC, closing certificate) to PDF bytes."""
    from inspection.documents import render_pdf

    return render_pdf(kind, context)


def dossier_meta(dossier, on=None):
    """Return the dossier's plain values for the forms and the package (Appendix VI)."""
    org = settings.get_many("org.")
    on = on or (dossier.closed_at.date() if dossier.closed_at else clock.today())
    creator = dossier.closed_by.full_name if dossier.closed_by_id else org["org.office_chief_name"]
    return {
        "parent_agency": org["org.parent_agency"],
        "agency": org["org.agency_name"],
        "agency_abbr": org["org.agency_abbr"],
        "unit_name": "VĂN PHÒNG SỞ",
        "dossier_code": dossier.code,
        "code": dossier.code,
        "title": f"{dossier.title} ({DIGITISED_MARK})" if getattr(dossier, "digitised", False) else dossier.title,
        "year": str(dossier.year),
        "retention": dossier.retention,
        "start_date": vn_date(dossier.start_on),
        "end_date": vn_date(dossier.end_on),
        "units": dossier.units_text,
        "features": _features(dossier),
        "place_date": vn_date_long(on, org["org.place_name"]),
        "date_line": vn_date_long(on, org["org.place_name"]),
        "creator": creator,
        "creator_name": creator,
        "creator_title": "NGƯỜI LẬP HỒ SƠ",
        "closing_date": on.isoformat(),
    }


def assembly_items(dossier):
    """Return the dossier's active items as AssemblyItem values, in R-17 order (one query)."""
    rows = (
        DossierItem.select(DossierItem, StoredFile)
        .join(StoredFile, JOIN.LEFT_OUTER)
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .order_by(DossierItem.component, DossierItem.position, DossierItem.id)
    )
    notes = signature_records.signed_notes(r.file.sha256 for r in rows if r.file_id)  # issue 16
    return [
        assembly.AssemblyItem(
            component=r.component,
            title=r.type_and_abstract,
            path=str(r.file.path) if r.file_id else "",
            mime=r.file.mime if r.file_id else "",
            number_symbol=r.number_symbol,
            date=r.doc_date,
            author=r.author,
            item_id=r.id,
            kind=r.file.kind if r.file_id else "",
            position=r.position,
            sha256=r.file.sha256 if r.file_id else "",
            note=notes.get(r.file.sha256, "") if r.file_id else NO_FILE_NOTE,
        )
        for r in rows
    ]


def build_pdf(dossier, out_path, progress=None):
    """Assemble the dossier's PDF at `out_path`; return (Assembled, items)."""
    items = assembly_items(dossier)
    done = assembly.assemble(items, dossier_meta(dossier), out_path, render_form, progress)
    return done, items


def manifest(dossier, assembled, items):
    """Return the package manifest: dossier data (Appendix VI) and every document."""
    meta = dossier_meta(dossier)
    return {
        "dossier": {
            k: meta[k]
            for k in ("code", "title", "year", "retention", "units", "start_date", "end_date", "closing_date", "agency")
        },
        "document_count": len(items),
        "page_count": assembled.page_count,
        "assembled_pdf": "ho-so.pdf",
        "documents": [
            {
                "stt": n,
                "component": it.component,
                "component_name": rules.component_name(it.component),
                "number_symbol": it.number_symbol,
                "date": it.date.isoformat() if it.date else "",
                "type_and_abstract": it.title,
                "author": it.author,
                "pages": assembly.rules.page_range_label(it.first_page, it.last_page),
                "note": it.note,
                "file": original_name(it) if it.path else "",
                "sha256": it.sha256,
            }
            for n, it in enumerate(items, 1)
        ],
    }


def original_name(it):
    """Return an item's path inside the ZIP/package (built from metadata, never a user path)."""
    return archive.original_arcname(it.component, it.position + 1, it.number_symbol, it.kind)


def package_files(items, pdf_path):
    """Return (arcname, source) pairs: the originals and the assembled PDF."""
    return [(original_name(it), it.path) for it in items if it.path] + [("ho-so.pdf", pdf_path)]


def bag_info(dossier, assembled, items):
    """Return the bag-info.txt fields (code, title, units, dates, counts, retention, closing)."""
    meta = dossier_meta(dossier)
    return {
        "Source-Organization": meta["agency"],
        "External-Identifier": dossier.code,
        "External-Description": dossier.title,
        "Dossier-Code": dossier.code,
        "Dossier-Title": dossier.title,
        "Inspected-Units": dossier.units_text or "-",
        "Start-Date": dossier.start_on.isoformat() if dossier.start_on else "-",
        "End-Date": dossier.end_on.isoformat() if dossier.end_on else "-",
        "Document-Count": len(items),
        "Page-Count": assembled.page_count,
        "Retention-Period": dossier.retention,
        "Closing-Date": meta["closing_date"],
        **_paper_info(dossier),
    }


def _paper_info(dossier):
    """bag-info fields of a digitised paper dossier (issue 17): the mark, sheets, shelf and box."""
    if not getattr(dossier, "digitised", False):
        return {}
    return {
        "Digitised-From-Paper": DIGITISED_MARK,
        "Paper-Sheets": dossier.sheets or "-",
        "Paper-Location": f"{dossier.location_shelf or '-'} / {dossier.location_box or '-'}",
    }


def corrected_metadata(dossier, path):
    """Write a correction of a package's dossier into it: bag-info's retention (and a paper
    dossier's mark, sheets, shelf and box), manifest.json's retention; the payload stays."""
    info = {"Retention-Period": dossier.retention, **_paper_info(dossier)}
    with open(os.path.join(path, "data", "manifest.json"), encoding="utf-8") as fh:
        stored = json.load(fh)
    fixed = {**stored, "dossier": {**stored.get("dossier", {}), "retention": dossier.retention}}
    return archive.rewrite_metadata(path, info, fixed if fixed != stored else None)


def write_zip(dossier, out_path, progress=None):
    """Assemble the PDF and write the ZIP (originals + PDF + manifest); return (Assembled, items)."""
    with tempfile.TemporaryDirectory(prefix="dossier-zip-") as tmp:
        pdf = os.path.join(tmp, "ho-so.pdf")
        done, items = build_pdf(dossier, pdf, progress)
        archive.build_zip(out_path, package_files(items, pdf), manifest(dossier, done, items))
        with open(pdf, "rb") as fh:
            pdf_bytes = fh.read()
    return done, items, pdf_bytes


def write_package(dossier):
    """Write the archival BagIt package of a closed dossier; return (path, Assembled)."""
    with tempfile.TemporaryDirectory(prefix="dossier-bag-") as tmp:
        pdf = os.path.join(tmp, "ho-so.pdf")
        done, items = build_pdf(dossier, pdf)
        path = archive.write_package(
            current_app.config["ARCHIVE_DIR"],
            archive.package_name(dossier.code),
            package_files(items, pdf),
            manifest(dossier, done, items),
            bag_info(dossier, done, items),
        )
    return path, done
