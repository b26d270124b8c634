"""The main menu. An entry shows when its page exists and the user may open it."""

from flask import current_app

from inspection.accounts.policy import can

# (label, endpoint, action). Parts that don't exist yet simply don't show.
MENU = [
    ("Sổ theo dõi nhiệm vụ", "register.list_tasks", "register.view"),
    ("Sổ mật", "register.list_secret_tasks", "register.secret.view"),
    ("Đôn đốc", "monitoring.index", "monitoring.view"),
    # --- n2-difficulties: the Office's and the Board's queue (R-8.4, R-19.2) ---
    ("Kiến nghị, vướng mắc", "difficulties.queue", "difficulty.queue"),
    ("Kiểm tra", "cases.list_cases", "cases.view"),
    ("Hồ sơ – Lưu trữ", "dossier.list_dossiers", "dossier.view"),
    ("Báo cáo", "reports.index", "reports.view"),
    ("Văn bản đi", "documents.show_register", "documents.register.view"),
    # --- c1-sign: the signers' queue, with its count (issue 14) ---
    ("Văn bản chờ ký", "documents.queue", "documents.queue"),
]
# Parts of the product still to come: shown greyed out so users know where they will be.
PLANNED: set = set()  # n5-reports: "Báo cáo" (reports.index) is live (issue 13)
ADMIN_MENU = [
    ("Người dùng", "admin.list_users", "admin.users"),
    ("Đơn vị", "admin.list_units", "admin.units"),
    ("Thông tin cơ quan", "admin.edit_org_profile", "admin.settings"),
    ("Lịch ngày làm việc", "calendar.show_calendar", "calendar.manage"),
    ("Lịch nhắc việc", "notifications.edit_schedule", "notifications.schedule"),
    ("Mẫu văn bản", "documents.list_templates", "documents.templates.manage"),
    ("Ủy quyền ký thay", "documents.edit_delegation", "documents.delegate"),
    ("Nhật ký thay đổi", "admin.list_audit_entries", "audit.view"),
    ("Kiểm tra nhật ký", "audit.verify_chain", "audit.verify"),
    # --- e1-paper (issue 17): the administrator keeps the retention schedule ---
    ("Bảng thời hạn bảo quản", "paper.retention_schedule", "retention.edit"),
]


def visible(items, user):
    """(label, endpoint) the user may open; endpoint None for a part not installed yet."""
    endpoints = current_app.view_functions
    shown = []
    for label, endpoint, action in items:
        if endpoint not in endpoints:
            if endpoint in PLANNED:
                shown.append((label, None))
        elif can(user, action):
            shown.append((label, endpoint))
    return shown


def init_app(app):
    @app.context_processor
    def _menu():
        from flask_login import current_user

        if not current_user.is_authenticated:
            return {"main_menu": [], "admin_menu": []}
        return {"main_menu": visible(MENU, current_user), "admin_menu": visible(ADMIN_MENU, current_user)}
