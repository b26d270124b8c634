"""Home page per role, health check, and the error pages."""

from flask import Blueprint, jsonify, render_template
from flask_login import current_user, login_required

from inspection.dashboard import widgets_for
from inspection.db import database_state
from inspection.errors import DomainError

bp = Blueprint("main", __name__)

# One line per role on the home page: the rule each role most often needs (no empty heading).
TIPS = (
    (
        ("unit_officer", "unit_head"),
        "Mục “Việc của đơn vị tôi” trong Sổ theo dõi liệt kê nhiệm vụ đơn vị chủ trì hoặc phối hợp; việc đang chờ "
        "đơn vị hiện ngay trên trang này; cập nhật tình hình thực hiện trước ngày 19 hằng tháng (khoản 1 Điều 20).",
    ),
    (
        ("tracking_officer", "chief_of_office"),
        "Vào sổ văn bản chỉ đạo chậm nhất 01 ngày làm việc sau khi nhận (02 ngày với văn bản phức tạp) – "
        "điểm b khoản 1 Điều 6.",
    ),
    (
        ("director", "deputy_director"),
        "Báo cáo kết quả kiểm tra phải trình Giám đốc chậm nhất 05 ngày làm việc sau khi kết thúc kiểm tra "
        "(khoản 2 Điều 16).",
    ),
    (
        ("archivist",),
        "Hồ sơ kiểm tra đã đóng được lập gói lưu trữ; tìm hồ sơ và kiểm tra tính toàn vẹn các gói trong mục Lưu trữ.",
    ),
    (("admin",), "Quản trị người dùng, đơn vị, thông tin cơ quan và lịch ngày làm việc trong menu Quản trị."),
)


def tips_for(user):
    return [text for held, text in TIPS if user.has_role(*held)]


@bp.route("/")
@login_required
def home():
    from inspection import settings
    from inspection.accounts.policy import can

    ask_profile = can(current_user, "admin.settings") and settings.profile_unconfirmed()
    return render_template(
        "home/index.html", widgets=widgets_for(current_user), ask_profile=ask_profile, tips=tips_for(current_user)
    )


@bp.route("/healthz")
def healthz():
    state = database_state()
    ok = state == "reachable"
    return jsonify(status="ok" if ok else "error", database=state), (200 if ok else 503)


def _error_page(template_code, status):
    def handler(exc):
        message = getattr(exc, "message", None)
        return render_template(f"errors/{template_code}.html", message=message, error=exc), status

    return handler


def init_app(app):
    from flask_wtf.csrf import CSRFError
    from peewee import OperationalError

    app.register_blueprint(bp)
    for code in (403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _error_page(code if code in (403, 404, 409, 500) else 400, code))

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        message = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ (thiếu mã bảo vệ CSRF). Vui lòng tải lại trang và thử lại."
        return render_template("errors/400.html", message=message), 400

    @app.errorhandler(DomainError)
    def _domain(exc):
        code = exc.status_code if exc.status_code in (403, 404, 409) else 400
        return render_template(f"errors/{code}.html", message=exc.message, error=exc), code

    @app.errorhandler(OperationalError)
    def _database(exc):
        # A locked or unreachable database: the transaction was rolled back, nothing half-written.
        app.logger.error("database error: %s", exc)
        # A page of its own that needs neither the database nor the logged-in user.
        return render_template("errors/database.html"), 503
