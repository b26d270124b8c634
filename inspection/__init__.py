"""Theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ: the application factory."""

import importlib

from flask import Flask
from flask_bootstrap import Bootstrap5
from flask_wtf import CSRFProtect

from inspection import config
from inspection.views_util import IdConverter

csrf = CSRFProtect()
bootstrap = Bootstrap5()

# Each part is a module or package exposing init_app(app); the order is the menu's order.
PARTS = (
    "inspection.logs",
    "inspection.db",
    "inspection.queue",
    "inspection.accounts",
    "inspection.web_security",
    "inspection.audit_views",
    "inspection.main",
    "inspection.filters",
    "inspection.navigation",
    "inspection.demo",
    "inspection.calendar",
    "inspection.register",
    "inspection.monitoring",
    "inspection.documents",
    "inspection.cases",
    "inspection.dossier",
    "inspection.backup",
    "inspection.notifications",
    # --- n2-difficulties (issue 12, R-8, R-19.2, R-10.1c) ---
    "inspection.difficulties",
    # --- n4 unit reports (issue 13) ---
    "inspection.unit_reports",
    # --- end n4 ---
    # --- agenda and guide (issue 13) ---
    "inspection.agenda",
    "inspection.guide",
    # --- end agenda and guide ---
    # --- n5-reports (issue 13) ---
    "inspection.reports",
    # n8-signing (issue 16): signature checks shown beside files
    "inspection.signing",
    # end n8-signing
    # --- e2-transfer (issue 17): transfer to the historical archive, disposal, legal holds ---
    "inspection.disposition",
    # --- end e2-transfer ---
    # --- issue 15 (n7-api): the JSON API; last, it wraps the error handlers of the parts above
    "inspection.api",
)


def create_app(test_config=None):
    """Build the Flask app: config, database, parts, command line, error pages."""
    app = Flask(__name__, instance_path=config.instance_path(test_config), instance_relative_config=True)
    config.load(app, test_config)
    app.url_map.converters["int"] = IdConverter  # before any route: ids are bounded at the edge
    csrf.init_app(app)
    bootstrap.init_app(app)
    for name in PARTS:
        importlib.import_module(name).init_app(app)
    return app
