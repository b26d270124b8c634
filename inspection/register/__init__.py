"""The register of directive documents and tasks (Chương II): issue 3.

Shared between the register engineer and the Excel engineer: each adds the lines
registering their own blueprint/commands in init_app.
"""
import importlib


def init_app(app):
    """Register the blueprint, policy rules, dashboard widget and (when present) Excel parts."""
    from inspection.register import policy, widgets  # noqa: F401 - registration side effects
    from inspection.register.views import bp

    app.register_blueprint(bp)
    for name in ("inspection.register.import_views", "inspection.register.excel_cli"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if hasattr(module, "init_app"):
            module.init_app(app)
