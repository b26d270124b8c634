"""The register of directive documents and tasks (Chương II): issue 3."""


def init_app(app):
    """Register the blueprints, policy rules, dashboard widget and the `tasks` commands."""
    from inspection.register import excel_cli, import_views, policy, widgets  # noqa: F401 - registration side effects
    from inspection.register.views import bp

    app.register_blueprint(bp)
    import_views.init_app(app)
    excel_cli.init_app(app)
