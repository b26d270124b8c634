"""The inspection dossier (R-17): components, completeness, assembly, closing, archive."""


def init_app(app):
    """Register the dossier part: blueprint, `archive` commands, policy rules, task queue."""
    from inspection.dossier import cli, policy, tasks, views, views_paper, widgets  # noqa: F401 - policy registers rules

    app.register_blueprint(views.bp)
    app.register_blueprint(views_paper.bp)  # issue 17: paper dossiers, retention, years
    cli.init_app(app)
    tasks.register(app)
