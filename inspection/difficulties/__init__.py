"""Difficulties, adjustments and disagreements (issue 12, R-8, R-19.2, R-10.1c).

A part of its own (models, rules, operations, queries, policy, views, forms, demo) rather than
more modules in monitoring/: it owns a table, a queue, a form and a decision that moves register
tasks, so it follows the layout of the other parts; its pages hang under Đôn đốc
(/monitoring/difficulties) and it lists what waits for a unit through
`monitoring.queries.waiting_section`.
"""


def init_app(app):
    """Register the blueprint, its policy rules and the unit dashboard's waiting section."""
    from inspection.difficulties import policy, queries, widgets  # noqa: F401 - registration side effects
    from inspection.difficulties.views import bp

    app.register_blueprint(bp)
