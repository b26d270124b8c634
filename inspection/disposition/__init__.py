"""The archivist's year (issue 17): transfer to the historical archive, disposal review, legal holds.

Luật Lưu trữ số 33/2024/QH15 (in force from 1 July 2025) and its circulars; docs/archive.md.
"""


def init_app(app):
    """Register the pages and the policy rules of transfer, disposal and holds."""
    from inspection.disposition import policy, views  # noqa: F401 - policy registers its rules

    app.register_blueprint(views.bp)
