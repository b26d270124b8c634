"""Theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ: the application factory."""
import importlib

from flask import Flask
from flask_bootstrap import Bootstrap5
from flask_wtf import CSRFProtect

from inspection import config

csrf = CSRFProtect()
bootstrap = Bootstrap5()

# Each part is a package exposing init_app(app); order matters only for the menu.
FOUNDATION = ("inspection.db", "inspection.accounts", "inspection.main", "inspection.filters",
              "inspection.navigation", "inspection.demo")
PARTS = ("inspection.calendar", "inspection.register", "inspection.documents", "inspection.cases",
         "inspection.dossier")


def create_app(test_config=None):
    """Build the Flask app: config, database, parts, command line, error pages."""
    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    csrf.init_app(app)
    bootstrap.init_app(app)
    for name in FOUNDATION + PARTS:
        module = _import_part(name)
        if module is not None and hasattr(module, "init_app"):
            module.init_app(app)
    return app


def _import_part(name):
    """Import a part; parts still being built in other branches are skipped, nothing else is."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
