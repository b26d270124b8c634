"""The guide's contents: its chapters (one per role, R-22) and the screenshots the browser walk takes.

The Markdown lives in docs/guide/<slug>.md, the pictures in docs/guide/images/ (written by
`make guide`, scripts/build_guide.py). Data only: no Flask, no browser.
"""

import re
from collections import namedtuple
from pathlib import Path

from inspection.accounts import roles

GUIDE_DIR = Path(__file__).resolve().parents[2] / "docs" / "guide"
IMAGES_DIR = GUIDE_DIR / "images"
SLUG = re.compile(r"[a-z0-9-]{1,60}")
IMAGE_NAME = re.compile(r"[a-z0-9-]{1,80}\.png")

Chapter = namedtuple("Chapter", "slug title")
CHAPTERS = (
    Chapter("gioi-thieu", "Giới thiệu chung"),
    Chapter("lanh-dao-so", "Lãnh đạo Sở"),
    Chapter("chanh-van-phong", "Chánh Văn phòng"),
    Chapter("can-bo-theo-doi", "Cán bộ theo dõi"),
    Chapter("truong-don-vi", "Trưởng đơn vị"),
    Chapter("can-bo-don-vi", "Cán bộ đơn vị"),
    Chapter("luu-tru", "Lưu trữ"),
    Chapter("quan-tri", "Quản trị"),
)
# Every role reads its own chapter (the introduction is for everyone).
ROLE_CHAPTER = {
    roles.DIRECTOR: "lanh-dao-so",
    roles.DEPUTY: "lanh-dao-so",
    roles.CHIEF: "chanh-van-phong",
    roles.TRACKER: "can-bo-theo-doi",
    roles.UNIT_HEAD: "truong-don-vi",
    roles.UNIT_OFFICER: "can-bo-don-vi",
    roles.ARCHIVIST: "luu-tru",
    roles.ADMIN: "quan-tri",
}

# (image, demo account or None for the login page, page, link to follow): what the browser walk
# photographs. `follow` (a selector) clicks a link on that page first, for pages whose address
# depends on the demo's ids or today's date (a unit's report of the current month).
Shot = namedtuple("Shot", "image username path follow", defaults=(None,))
SHOTS = (
    Shot("dang-nhap.png", None, "/login"),
    Shot("lich-cong-tac.png", "truongdonvi", "/agenda?days=90"),
    Shot("lanh-dao-trang-chu.png", "giamdoc", "/"),
    Shot("lanh-dao-don-doc.png", "giamdoc", "/monitoring/"),
    Shot("chanh-van-phong-kiem-tra.png", "chanhvanphong", "/cases/"),
    Shot("chanh-van-phong-van-ban-di.png", "chanhvanphong", "/documents/register"),
    Shot("theo-doi-so-nhiem-vu.png", "theodoi", "/register/tasks"),
    Shot("theo-doi-nhap-van-ban.png", "theodoi", "/register/documents/new"),
    Shot("theo-doi-lich-nhac.png", "theodoi", "/notifications/schedule"),
    Shot("truong-don-vi-trang-chu.png", "truongdonvi", "/"),
    Shot("can-bo-don-vi-nhiem-vu.png", "canbodonvi", "/register/tasks?mine=1"),
    Shot("can-bo-don-vi-thong-bao.png", "canbodonvi", "/notifications/"),
    Shot("luu-tru-ho-so.png", "luutru", "/dossier/"),
    Shot("luu-tru-kho.png", "luutru", "/archive/"),
    Shot("quan-tri-nguoi-dung.png", "quantri", "/admin/users"),
    Shot("quan-tri-lich-ngay-lam-viec.png", "quantri", "/admin/calendar"),
    # --- g2-guide: the reporting regime (issue 13) ---
    Shot("truong-don-vi-bao-cao-thang.png", "truongdonvi", "/", "#widget-unit-report h2 a"),
    Shot("can-bo-don-vi-bao-cao-thang.png", "canbodonvi", "/reports/units/"),
    Shot("chanh-van-phong-bao-cao-don-vi.png", "chanhvanphong", "/reports/units/?period=11/2026"),
    Shot("chanh-van-phong-du-thao-bao-cao.png", "chanhvanphong", "/reports/", '#report-table tr:has-text("Dự thảo") a'),
    Shot("chanh-van-phong-cham-diem.png", "chanhvanphong", "/reports/scorecards"),
    Shot("lanh-dao-bao-cao.png", "giamdoc", "/reports/"),
)


def chapter(slug):
    """The chapter with this slug, or None."""
    return next((c for c in CHAPTERS if c.slug == slug), None)


def source(slug) -> str:
    """The Markdown text of a chapter."""
    return (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")


def image_path(name):
    """The file of a guide picture, or None when the name is not one of ours or it is missing."""
    if not IMAGE_NAME.fullmatch(name or ""):
        return None
    path = IMAGES_DIR / name
    return path if path.is_file() else None


def fingerprint() -> tuple:
    """(name, size, modification time) of every chapter and picture: changes when the guide does."""
    files = sorted([*GUIDE_DIR.glob("*.md"), *IMAGES_DIR.glob("*.png")])
    stats = [(f.name, f.stat()) for f in files]
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)
