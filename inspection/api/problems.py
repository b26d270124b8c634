"""One error format for everything under /api/ (RFC 9457 problem details, issue 15).

    {"type": "about:blank", "title": "…", "status": 400, "code": "invalid_request",
     "detail": "… (Vietnamese)", "errors": [{"field": "tasks.0.deadline", "message": "…"}]}

Every refusal ends here: schema errors, domain refusals (inspection.errors), HTTP errors
raised by routing or by the app's own hooks (404, 405, 413, 429), and the unexpected (500).
"""

from flask import current_app, g, jsonify
from peewee import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from inspection.errors import Conflict, DomainError, NotAllowed, NotFound

MIMETYPE = "application/problem+json"

TITLES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần mã truy cập hợp lệ."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này."),
    409: ("conflict", "Dữ liệu vừa được người khác thay đổi."),
    413: ("payload_too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ."),
    429: ("rate_limited", "Quá nhiều yêu cầu với mã truy cập này. Vui lòng đợi rồi thử lại."),
    500: ("server_error", "Lỗi máy chủ. Thao tác chưa được thực hiện."),
    503: ("database_unavailable", "Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau."),
}
AUTH_DETAILS = {
    "missing_token": "Thiếu mã truy cập: gửi tiêu đề “Authorization: Bearer <mã>” (tạo mã tại trang Mã truy cập API).",
    "invalid_token": "Mã truy cập không hợp lệ, đã bị thu hồi, đã hết hạn hoặc tài khoản đã bị khóa.",
}

# Pydantic's error types in Vietnamese; the rest read "Giá trị không hợp lệ."
MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "extra_forbidden": "Trường này không được chấp nhận.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-02-13).",
    "date_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-02-13).",
    "date_type": "Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-02-13).",
    "date_from_datetime_inexact": "Ngày không được có giờ (dạng YYYY-MM-DD).",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "string_type": "Phải là chuỗi ký tự.",
    "list_type": "Phải là một danh sách.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "literal_error": "Giá trị không thuộc danh sách cho phép.",
    "enum": "Giá trị không thuộc danh sách cho phép.",
    "too_short": "Quá ít phần tử.",
    "too_long": "Quá nhiều phần tử.",
}


class ApiProblem(Exception):
    """An API refusal with its status, machine code, Vietnamese detail and field errors."""

    def __init__(self, status, code, detail, errors=None, headers=None):
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.errors = errors or []
        self.headers = headers or {}


def _message(error) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("string_too_long",):
        return f"Quá dài (tối đa {ctx.get('max_length')} ký tự)."
    if kind in ("string_too_short",):
        return "Không được để trống."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Phải lớn hơn hoặc bằng {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Phải nhỏ hơn hoặc bằng {ctx.get('le', ctx.get('lt'))}."
    return MESSAGES.get(kind, "Giá trị không hợp lệ.")


def from_validation(err, where=None) -> ApiProblem:
    """A schema refusal (pydantic's errors) as a 400 with one entry per field."""
    errors = []
    for e in err.errors(include_url=False, include_input=False):
        loc = [str(p) for p in e.get("loc", ()) if p != "__root__"]
        errors.append({"field": ".".join(loc) or (where or "body"), "message": _message(e)})
    detail = "Dữ liệu gửi lên không đúng mô tả API: " + "; ".join(f"{x['field']}: {x['message']}" for x in errors[:5])
    return ApiProblem(400, "invalid_request", detail, errors)


def from_domain(exc: DomainError) -> ApiProblem:
    """A refusal of the domain (the same message the form shows beside its field)."""
    if isinstance(exc, NotFound):
        return ApiProblem(404, "not_found", exc.message or TITLES[404][1])
    if isinstance(exc, NotAllowed):
        return ApiProblem(403, "forbidden", exc.message or TITLES[403][1])
    errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
    if isinstance(exc, Conflict):
        return ApiProblem(409, "conflict", exc.message, errors)
    return ApiProblem(400, "rule_violation", exc.message, errors)


def from_http(exc: HTTPException) -> ApiProblem:
    status = exc.code or 500
    code, title = TITLES.get(status, ("http_error", exc.name))
    detail = title
    if status == 401:
        code = getattr(g, "api_auth_problem", None) or "missing_token"
        detail = AUTH_DETAILS.get(code, title)
    if status == 413:
        limit = current_app.config.get("API_MAX_UPLOAD", 0) // (1024 * 1024)
        detail = f"Dữ liệu gửi lên quá lớn (tối đa {limit} MB cho văn bản kèm tệp PDF, ít hơn cho dữ liệu JSON)."
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"} if status != 500 else {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="api"' + (
            ', error="invalid_token"' if code == "invalid_token" else ""
        )
    return ApiProblem(status, code, detail, headers=headers)


def to_problem(exc) -> ApiProblem:
    """Any exception raised while answering an API request, as a problem."""
    if isinstance(exc, InternalServerError) and exc.original_exception is not None:
        exc = exc.original_exception
    if isinstance(exc, ApiProblem):
        return exc
    if isinstance(exc, DomainError):
        return from_domain(exc)
    if isinstance(exc, HTTPException):
        return from_http(exc)
    if isinstance(exc, OperationalError):
        current_app.logger.error("database error on the API: %s", exc)
        return ApiProblem(503, *TITLES[503])
    current_app.logger.exception("API error", exc_info=exc)
    return ApiProblem(500, *TITLES[500])


def response(problem: ApiProblem):
    """The problem+json response."""
    body = {
        "type": "about:blank",
        "title": TITLES.get(problem.status, ("", problem.detail))[1],
        "status": problem.status,
        "code": problem.code,
        "detail": problem.detail,
        "errors": problem.errors,
    }
    answer = jsonify(body)
    answer.status_code = problem.status
    answer.mimetype = MIMETYPE
    for key, value in problem.headers.items():
        answer.headers[key] = value
    return answer
