"""Demo data (runs after the cases' demo): the notified case gets a complete, closed and
archived dossier; the case in progress a partial one; an archivist account reads them."""

import io

from inspection.accounts import roles


def _scan(text):
    """A small demo 'scan' (JPEG) so the demo shows an image page in the assembled PDF."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(img).text((120, 160), text, fill="black")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _archivist(ctx):
    from inspection.accounts import operations

    units = ctx.get("units", {})
    user = operations.create_user(
        None,
        username="luutru",
        full_name="Đặng Thị Thu",
        password="Demo@2026",
        roles=[roles.ARCHIVIST],
        unit=units.get("VP"),
        gender="Bà",
        title="Lưu trữ viên",
    )
    ctx.setdefault("users", {})["luutru"] = user
    return user


def _fill_gaps(dossier, user):
    """Upload a demo scan into every required component still empty (R-17)."""
    from inspection.dossier import operations, rules

    for number, name in operations.missing(dossier):
        operations.add_upload(
            dossier,
            user,
            io.BytesIO(_scan(f"Ban quet minh hoa - thanh phan {number}")),
            f"ban-quet-{number}.jpg",
            {
                "component": number,
                "type_and_abstract": f"{name} (bản quét minh họa)",
                "author": "Văn phòng Sở",
                "pages": 1,
            },
        )
    return rules.is_complete(operations.component_counts(dossier))


def seed(ctx):
    """Create the demo dossiers."""
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InspectionCase
    from inspection.dossier import filing, operations
    from inspection.dossier.models import Dossier  # e2-transfer

    _archivist(ctx)
    chief = ctx.get("users", {}).get("chanhvanphong")
    for case in InspectionCase.select().where(InspectionCase.state == case_rules.NOTIFIED):
        dossier = operations.open_dossier(case, chief)
        filing.file_from_system(dossier, chief)
        _fill_gaps(dossier, chief)
        # e2-transfer (issue 17): the demo's closed dossier is kept forever, so it can be transferred
        Dossier.update(retention="Vĩnh viễn").where(Dossier.id == dossier.id).execute()
        dossier = Dossier.get_by_id(dossier.id)
        ctx.setdefault("dossiers", []).append(operations.close(dossier, chief, background=False))
    for case in InspectionCase.select().where(
        InspectionCase.state.in_([case_rules.IN_PROGRESS, case_rules.ENDED, case_rules.REPORTED])
    ):
        dossier = operations.open_dossier(case, chief)
        filing.file_from_system(dossier, chief)
        ctx.setdefault("dossiers", []).append(dossier)
    _paper_dossiers(ctx)
    return ctx


# issue 17: two past paper dossiers, digitised into the archive (the schedule is seeded by
# migration 0025); the first one's retention runs out this year, the second is permanent.
PAPER = (
    ("KT-2006-003", "Hồ sơ kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm năm 2006", 2006, "KT-KH", "K1", "H03"),
    ("KT-2012-007", "Hồ sơ kiểm tra vụ việc cháy rừng phòng hộ năm 2012", 2012, "KT-VV", "K4", "H12"),
)


def _paper_dossiers(ctx):
    from inspection import clock
    from inspection.dossier import paper

    archivist = ctx.get("users", {}).get("luutru")
    end_year = clock.today().year - 20
    for n, (code, title, year, line, shelf, box) in enumerate(PAPER):
        year = end_year if n == 0 else year
        values = paper.clean(
            {
                "code": code.replace("2006", str(year)) if n == 0 else code,
                "title": title.replace("2006", str(year)) if n == 0 else title,
                "start_on": f"03/03/{year}",
                "end_on": f"28/11/{year}",
                "units_text": "Chi cục Kiểm lâm",
                "sheets": 36 + n * 20,
                "retention_line": line,
                "location_shelf": shelf,
                "location_box": box,
            }
        )
        scans = [paper.check_scan(_scan(f"Ban quet ho so giay {code} - trang {p}"), f"trang-{p}.jpg") for p in (1, 2)]
        ctx.setdefault("paper_dossiers", []).append(paper.register(archivist, values, scans))
