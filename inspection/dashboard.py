"""Home-page widgets: each part contributes boxes computed for the signed-in user."""

_WIDGETS = []


def widget(order, template):
    """Register `fn(user) -> dict | None`; None hides the widget for that user."""

    def register(fn):
        _WIDGETS.append((order, template, fn))
        _WIDGETS.sort(key=lambda w: w[0])
        return fn

    return register


def widgets_for(user):
    """[(template, context)] for the widgets this user sees, in order."""
    shown = []
    for _order, template, fn in _WIDGETS:
        context = fn(user)
        if context is not None:
            shown.append((template, context))
    return shown
