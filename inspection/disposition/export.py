"""The export package of a transfer batch: one ZIP holding each dossier's BagIt package and
its metadata in the structure of Thông tư 05/2025/TT-BNV (data of the fonds, of each dossier,
of each document; docs/archive.md lists the fields exported and those the system does not hold).

The ZIP is written to a temporary name and renamed (never half a ZIP), then stored by hash.
"""

import json
import os
import tempfile
import zipfile

from flask import current_app

from inspection import settings
from inspection.dossier import archive
from inspection.dossier.models import DossierItem
from inspection.text import vn_date

LANGUAGE = "Tiếng Việt"
METADATA_NAME = "metadata.json"


def fonds_data(dossiers):
    """Data of the fonds (dữ liệu của phông lưu trữ, Thông tư 05/2025/TT-BNV)."""
    org = settings.get_many("org.")
    years = sorted({d.year for d in dossiers})
    return {
        "ten_phong": org.get("org.agency_name", ""),
        "co_quan_chu_quan": org.get("org.parent_agency", ""),
        "thoi_gian_tai_lieu": f"{years[0]}-{years[-1]}" if years else "",
        "tong_so_ho_so": len(dossiers),
        "ngon_ngu": LANGUAGE,
    }


def dossier_data(dossier, items):
    """Data of one dossier (dữ liệu của hồ sơ lưu trữ, Thông tư 05/2025/TT-BNV)."""
    digitised = bool(getattr(dossier, "digitised", False))  # e1-paper's field, when present
    return {
        "ma_ho_so": dossier.code,
        "tieu_de_ho_so": dossier.title,
        "thoi_han_luu_tru": dossier.retention,
        "muc_do_tiep_can": "Hạn chế",  # inspection dossiers are not published (docs/archive.md)
        "ngon_ngu": LANGUAGE,
        "thoi_gian_bat_dau": vn_date(dossier.start_on),
        "thoi_gian_ket_thuc": vn_date(dossier.end_on),
        "tu_khoa": dossier.units_text,
        "tong_so_tai_lieu": len(items),
        "so_luong_to": getattr(dossier, "sheets", None),
        "so_luong_trang": dossier.page_count,
        "muc_do_tin_cay": "Số hóa" if digitised else "Gốc điện tử",
        "ma_ho_so_goc_giay": dossier.code if digitised else "",
        "goi_luu_tru": dossier.package_name,
        "tai_lieu": [document_data(i) for i in items],
    }


def document_data(item):
    """Data of one document of the dossier (dữ liệu của tài liệu lưu trữ)."""
    return {
        "so_ky_hieu": item.number_symbol,
        "ngay_van_ban": vn_date(item.doc_date),
        "ten_loai_trich_yeu": item.type_and_abstract,
        "tac_gia": item.author,
        "so_trang": item.pages,
        "thanh_phan_ho_so": item.component,
        "sha256": item.sha256,
    }


def _items(dossier):
    return list(
        DossierItem.select()
        .where((DossierItem.dossier == dossier) & (DossierItem.removed == False))  # noqa: E712
        .order_by(DossierItem.component, DossierItem.position, DossierItem.id)
    )


def _add_package(z, folder, package_name):
    """Put a dossier's BagIt package under `folder/` (names from the package, never from users)."""
    root = os.path.join(archive.packages_root(current_app.config["ARCHIVE_DIR"]), package_name)
    for here, _dirs, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(here, name)
            z.write(path, f"{folder}/{os.path.relpath(path, root).replace(os.sep, '/')}")


def write_zip(out_path, dossiers, documents):
    """Write the export ZIP at out_path: documents (name -> bytes), metadata, every package."""
    fd, tmp = tempfile.mkstemp(prefix=".transfer-", dir=os.path.dirname(out_path))
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in documents.items():
                z.writestr(name, data)
            meta = {"phong": fonds_data(dossiers), "ho_so": []}
            for d in dossiers:
                folder = f"ho-so/{archive.package_name(d.code)}"
                data = dossier_data(d, _items(d))
                meta["ho_so"].append(data)
                z.writestr(f"{folder}/{METADATA_NAME}", json.dumps(data, ensure_ascii=False, indent=2))
                if d.package_name:
                    _add_package(z, f"{folder}/goi", d.package_name)
            z.writestr(METADATA_NAME, json.dumps(meta, ensure_ascii=False, indent=2))
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return out_path
