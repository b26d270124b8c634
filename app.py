"""Entry point: `flask --app app ...` and `gunicorn app:app` both find `app` here."""

from inspection import create_app

app = create_app()
