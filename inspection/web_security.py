"""The web layer's defences on every response and request (issue 10).

- Security headers through the `secure` package (kept up to date; flask-talisman had no
  release since 2023): a Content-Security-Policy without inline scripts (`script-src 'self'`,
  `script-src-attr 'none'`: no `onclick=`), no framing by other sites (`frame-ancestors
  'none'`; the one page the app itself embeds, a template preview, is marked `embeddable`),
  nosniff, a referrer policy; HSTS only when the app is served over HTTPS.
- Request bodies: small for anonymous requests (an anonymous 200 MB post to /login was
  spooled to disk), a form's size for other pages, the upload limit only on the views marked
  `views_util.accepts_uploads` and only for logged-in users.
- Query and form values arrive without control characters (tab and line breaks kept): one
  pasted U+000B from Word made the Excel export fail for everyone who saw that task.
"""

import secure
from flask import Request, current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.middleware.proxy_fix import ProxyFix

from inspection.text import clean_text

# Requests per client address: the log-in form is limited (LOGIN_RATE_LIMIT); memory
# per process by default, shared through RATELIMIT_STORAGE_URI (redis://…) on several machines.
limiter = Limiter(get_remote_address, default_limits=[], headers_enabled=True)


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def login_rate_limit_off() -> bool:
    # Read per request from the app's config: the limiter object is shared by every app the
    # process builds (the test suite builds several), so it must not carry an app's switch.
    return not current_app.config["LOGIN_RATE_LIMIT_ENABLED"]


class CleanMultiDict(ImmutableMultiDict):
    """Query-string and form values with control characters removed as they are parsed."""

    def __init__(self, mapping=None):
        if isinstance(mapping, MultiDict):
            mapping = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            mapping = mapping.items()
        pairs = [(clean_text(k), clean_text(v) if isinstance(v, str) else v) for k, v in (mapping or ())]
        super().__init__(pairs)


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict


def embeddable(view):
    """Mark a view whose page the app shows inside its own pages (an <iframe> preview)."""
    view.embeddable = True
    return view


def _headers(framed_by_self: bool, https: bool) -> secure.Secure:
    csp = (
        secure.ContentSecurityPolicy()
        .default_src("'self'")
        .base_uri("'self'")
        .form_action("'self'")
        .img_src("'self'", "data:")
        .font_src("'self'", "data:")
        .object_src("'none'")
        .script_src("'self'")
        .script_src_attr("'none'")
        # A framed preview is a document's own HTML (column widths in style=); scripts stay banned.
        .style_src(*(["'self'", "'unsafe-inline'"] if framed_by_self else ["'self'"]))
        .frame_ancestors("'self'" if framed_by_self else "'none'")
    )
    if https:
        csp = csp.upgrade_insecure_requests()
    return secure.Secure(
        csp=csp,
        hsts=secure.StrictTransportSecurity().max_age(31536000).include_subdomains() if https else None,
        xfo=secure.XFrameOptions().sameorigin() if framed_by_self else secure.XFrameOptions().deny(),
        xcto=secure.XContentTypeOptions().nosniff(),
        referrer=secure.ReferrerPolicy().strict_origin_when_cross_origin(),
        coop=secure.CrossOriginOpenerPolicy().same_origin(),
        corp=secure.CrossOriginResourcePolicy().same_origin(),
        permissions=secure.PermissionsPolicy().geolocation().microphone().camera(),
        server=secure.Server().set(""),
    )


def init_app(app):
    app.request_class = CleanRequest
    if app.config["TRUSTED_PROXIES"]:  # nginx in front: the client's address comes from X-Forwarded-For
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)
    limiter.init_app(app)

    @app.errorhandler(429)
    def _too_many(exc):
        message = "Quá nhiều lần thử từ máy này. Vui lòng đợi vài phút rồi thử lại."
        return render_template("errors/400.html", message=message, title="Quá nhiều yêu cầu"), 429

    https = app.config.get("SESSION_COOKIE_SECURE", False)
    plain, framed = _headers(False, https), _headers(True, https)

    @app.before_request
    def _limit_body():
        cfg = current_app.config
        if not current_user.is_authenticated:
            request.max_content_length = cfg["MAX_ANONYMOUS_CONTENT_LENGTH"]
        elif getattr(app.view_functions.get(request.endpoint or ""), "accepts_uploads", False):
            request.max_content_length = cfg["MAX_CONTENT_LENGTH"]
        else:
            request.max_content_length = cfg["MAX_FORM_CONTENT_LENGTH"]

    @app.after_request
    def _secure_headers(response):
        view = app.view_functions.get(request.endpoint or "")
        (framed if getattr(view, "embeddable", False) else plain).set_headers(response)
        return response
