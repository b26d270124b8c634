"""Demo data: `flask --app app seed-demo` (also run by `make run` on an empty database).

The accounts below are for demonstration only; all share the password Demo@2026.
Each part adds its own records through `inspection.<part>.demo.seed(ctx)`.
"""

import importlib

import click

from inspection.accounts import roles as R

DEMO_PASSWORD = "Demo@2026"

# (name, abbreviation, aliases, kind)
UNITS = [
    ("Ban Giám đốc Sở", "BGĐ", "", "ban_giam_doc"),
    ("Văn phòng Sở", "VP", "VPS; Văn phòng", "van_phong"),
    ("Thanh tra Sở", "TTr", "Thanh tra", "thanh_tra"),
    ("Phòng Tổ chức cán bộ", "TCCB", "Phòng TCCB", "phong"),
    ("Phòng Kế hoạch - Tài chính", "KHTC", "Phòng KHTC; Phòng Kế hoạch Tài chính", "phong"),
    ("Phòng Quản lý xây dựng công trình", "QLXDCT", "Phòng QLXDCT", "phong"),
    ("Chi cục Kiểm lâm", "CCKL", "Chi cục KL", "chi_cuc"),
    ("Chi cục Thủy lợi", "CCTL", "Chi cục TL", "chi_cuc"),
    ("Chi cục Chăn nuôi và Thú y", "CCCN&TY", "CCCNTY; Chi cục CN&TY", "chi_cuc"),
    ("Chi cục Trồng trọt và Bảo vệ thực vật", "CCTT&BVTV", "CCTTBVTV; Chi cục TT&BVTV", "chi_cuc"),
    ("Chi cục Phát triển nông thôn", "CCPTNT", "Chi cục PTNT", "chi_cuc"),
    ("Trung tâm Khuyến nông", "TTKN", "TT Khuyến nông", "trung_tam"),
    ("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "TTNS", "TTNS&VSMTNT; Trung tâm Nước sạch", "trung_tam"),
    (
        "Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "VPĐP",
        "VPĐP NTM; Văn phòng Điều phối NTM",
        "van_phong",
    ),
]

# (username, full name, gender, title, unit abbreviation, roles, clearance)
USERS = [
    ("quantri", "Nguyễn Văn Quản", "Ông", "Chuyên viên quản trị hệ thống", "VP", [R.ADMIN], False),
    ("giamdoc", "Nguyễn Tấn Liêm", "Ông", "Giám đốc Sở", "BGĐ", [R.DIRECTOR], True),
    ("phogiamdoc", "Trần Văn Hùng", "Ông", "Phó Giám đốc Sở", "BGĐ", [R.DEPUTY], False),
    ("chanhvanphong", "Phạm Minh Tuấn", "Ông", "Chánh Văn phòng Sở", "VP", [R.CHIEF], False),
    ("theodoi", "Trần Văn Bình", "Ông", "Chuyên viên Văn phòng Sở", "VP", [R.TRACKER], False),
    ("baomat", "Nguyễn Thị Hoa", "Bà", "Chuyên viên Văn phòng Sở (sổ mật)", "VP", [R.TRACKER], True),
    ("truongdonvi", "Lê Văn Sơn", "Ông", "Chi cục trưởng Chi cục Kiểm lâm", "CCKL", [R.UNIT_HEAD], False),
    ("canbodonvi", "A Tuấn", "Ông", "Chuyên viên Chi cục Kiểm lâm", "CCKL", [R.UNIT_OFFICER], False),
    ("canbodonvi2", "Y Liên", "Bà", "Chuyên viên Chi cục Thủy lợi", "CCTL", [R.UNIT_OFFICER], False),
]

PART_SEEDS = (
    "inspection.calendar",
    "inspection.register",
    "inspection.signing",  # n8-signing: demonstration certificates before the first issue
    "inspection.documents",
    "inspection.cases",
    "inspection.dossier",
    "inspection.notifications",
    "inspection.difficulties",  # n2-difficulties (issue 12)
    # --- n4 unit reports (issue 13) ---
    "inspection.unit_reports",
    # --- end n4 ---
    # --- n5-reports (issue 13) ---
    "inspection.reports",
    "inspection.api",  # issue 15 (n7-api): two API tokens to show at /account/tokens
    "inspection.disposition",  # e2-transfer (issue 17): a transfer batch in progress, a hold
)


def seed_foundation(ctx):
    """Create the demo units and accounts and confirm the demo profile; returns them in ctx."""
    from inspection import settings
    from inspection.accounts import operations
    from inspection.accounts.models import Unit

    settings.set_value("org.confirmed", True)

    units = {}
    for order, (name, abbr, aliases, kind) in enumerate(UNITS):
        units[abbr] = operations.save_unit(
            None, None, name=name, abbreviation=abbr, aliases=aliases, kind=kind, sort_order=order
        )
    users = {}
    for username, full_name, gender, title, abbr, roles, clearance in USERS:
        users[username] = operations.create_user(
            None,
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            roles=roles,
            unit=units[abbr],
            gender=gender,
            title=title,
            clearance=clearance,
        )
    ctx.update(units=units, users=users, unit_model=Unit)
    return ctx


def seed_demo():
    """Seed the foundation, then every part in order (later parts use earlier parts' records)."""
    ctx = seed_foundation({})
    for name in PART_SEEDS:
        importlib.import_module(f"{name}.demo").seed(ctx)
    # --- monitoring: the review queue (R-7, issue 12) ---
    importlib.import_module("inspection.monitoring.review_demo").seed(ctx)
    return ctx


def database_is_empty():
    from inspection.accounts.models import User

    return not User.select().exists()


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Chỉ nạp khi cơ sở dữ liệu chưa có tài khoản nào.")
def seed_demo_command(if_empty):
    """Nạp dữ liệu minh họa (tài khoản demo, mật khẩu Demo@2026)."""
    from inspection.db import db

    with db.connection_context():
        if not database_is_empty():
            if if_empty:
                click.echo("Cơ sở dữ liệu đã có dữ liệu; bỏ qua dữ liệu minh họa.")
                return
            raise click.ClickException("Cơ sở dữ liệu đã có dữ liệu; dữ liệu minh họa chỉ nạp vào CSDL trống.")
        seed_demo()
    click.echo("Đã nạp dữ liệu minh họa. Mật khẩu mọi tài khoản demo: " + DEMO_PASSWORD)


def init_app(app):
    app.cli.add_command(seed_demo_command)
