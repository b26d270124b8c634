"""The register of directive documents and tasks (Chương II): issue 3."""


def init_app(app):
    """Register the blueprints, policy rules, dashboard widget and the `tasks` commands."""
    from inspection.register import excel_cli, policy, views, views_import, views_tasks, widgets  # noqa: F401
    from inspection.register.blueprint import bp

    app.register_blueprint(bp)  # views and views_tasks add their routes to bp on import
    views_import.init_app(app)
    excel_cli.init_app(app)
