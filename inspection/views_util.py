"""Small helpers shared by views."""

from flask import abort


def get_or_404(model, pk):
    """The row with this primary key, or the 404 page."""
    row = model.get_or_none(model._meta.primary_key == pk)
    if row is None:
        abort(404)
    return row
