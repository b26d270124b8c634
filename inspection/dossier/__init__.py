"""The inspection dossier (R-17): components, completeness, assembly, closing, archive."""


def init_app(app):
    """Register the dossier part: blueprint, command line, policy rules."""
    from . import cli

    cli.init_app(app)
