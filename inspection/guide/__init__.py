"""Hướng dẫn sử dụng (R-22): the user guide, one chapter per role."""


def init_app(app):
    pass
