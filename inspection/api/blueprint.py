"""The API's blueprint, its description (spectree + pydantic) and the checks every call passes.

Each request under /api/v1/ must carry a valid bearer token (inspection/accounts/tokens.py),
stays within the body limit (`API_MAX_JSON`, or `API_MAX_UPLOAD` for a view that takes a
PDF), and is limited per token (`API_RATE_LIMIT`, web_security's limiter). Then the view's
schema validates it; a refusal of any kind is a problem+json (problems.py).
"""

import json

from flask import Blueprint, abort, current_app, g, request
from flask_login import current_user
from spectree import Response, SecurityScheme, SpecTree
from spectree.models import SecureType, SecuritySchemeData

from inspection.api import problems
from inspection.api.schemas import Problem
from inspection.web_security import limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PUBLIC = {"api.openapi"}
ERRORS = ("HTTP_400", "HTTP_401", "HTTP_403", "HTTP_404", "HTTP_413", "HTTP_429")


def _refuse_invalid(req, resp, req_validation_error, instance, *_):
    """spectree's hook after validating a request: its refusal becomes our problem."""
    if req_validation_error is not None:
        raise problems.from_validation(req_validation_error)


def _answer_checked(req, resp, resp_validation_error, instance, *_):
    """spectree's hook after checking an answer: one that breaks the description is our bug."""
    if resp_validation_error is not None:
        current_app.logger.error("API answer breaks its description: %s", resp_validation_error)
        raise problems.ApiProblem(500, *problems.TITLES[500])


spec = SpecTree(
    "flask",
    mode="strict",
    title="API Theo dõi, đôn đốc, kiểm tra",
    version="1",
    description="JSON API of the system (issue 15); errors are RFC 9457 problem details.",
    page_templates={},
    validation_error_status=400,
    validation_error_model=Problem,
    before=_refuse_invalid,
    after=_answer_checked,
    naming_strategy=lambda model: model.__name__,
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(type=SecureType.HTTP, scheme="bearer"))],
    security={"bearer": []},
)


def responds(ok, *extra, **kwargs):
    """spectree's Response with the errors every call may answer, all as Problem."""
    codes = dict.fromkeys((*ERRORS, *extra), Problem)
    return Response(**ok, **codes, **kwargs)


def rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def rate_key() -> str:
    """Requests are counted per token; without a valid one, per client address."""
    if current_user.is_authenticated and getattr(g, "api_token_id", None):
        return f"api-token:{g.api_token_id}"
    return f"api-addr:{request.remote_addr}"


limiter.limit(rate_limit, key_func=rate_key, exempt_when=lambda: not current_app.config["API_RATE_LIMIT_ENABLED"])(bp)


@bp.before_request
def _authenticate_and_limit():
    if request.endpoint in PUBLIC:
        return
    if not current_user.is_authenticated:
        abort(401)
    view = current_app.view_functions.get(request.endpoint or "")
    cfg = current_app.config
    limit = cfg["API_MAX_UPLOAD"] if getattr(view, "accepts_uploads", False) else cfg["API_MAX_JSON"]
    request.max_content_length = limit
    if (request.content_length or 0) > limit:
        abort(413)
    if request.mimetype == "application/json" and request.content_length:
        try:
            json.loads(request.get_data(cache=True))
        except ValueError:
            raise problems.ApiProblem(400, "invalid_json", "Nội dung gửi lên không phải JSON hợp lệ.") from None
