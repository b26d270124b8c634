"""The description at /api/v1/openapi.json and the page that shows it in the interface.

The page is rendered here from the JSON with a Jinja template (templates/api/docs.html):
no viewer's scripts, nothing from a CDN, and it obeys the app's CSP (no inline scripts).
"""

import copy

from flask import Blueprint, current_app, jsonify, render_template

from inspection.accounts.policy import requires
from inspection.api.blueprint import bp as api_bp
from inspection.api.blueprint import spec
from inspection.api.problems import MIMETYPE

bp = Blueprint("api_docs", __name__, url_prefix="/api-docs")


def description() -> dict:
    """The OpenAPI 3.1 description, with error answers typed application/problem+json."""
    doc = copy.deepcopy(spec.spec)
    doc["servers"] = [{"url": "/"}]
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                if status.isdigit() and int(status) >= 400 and "application/json" in content:
                    content[MIMETYPE] = content.pop("application/json")
    return doc


@api_bp.get("/openapi.json")
def openapi():
    return jsonify(description())


@bp.get("")
@requires("api.docs")
def show():
    doc = description()
    return render_template("api/docs.html", doc=doc, limit=current_app.config["API_RATE_LIMIT"])
