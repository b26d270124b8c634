"""Hướng dẫn sử dụng (R-22): the user guide, one chapter per role, with the interface's screenshots.

Open to everyone (the login page links to it); `make guide` retakes the pictures from the demo.
"""


def init_app(app):
    from inspection.guide.views import bp

    app.register_blueprint(bp)
