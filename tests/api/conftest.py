"""API test helpers: a personal token per demo account, and calls that carry it."""

import pytest

from inspection.accounts import operations
from inspection.accounts.models import User


@pytest.fixture
def token_for(app):
    """token_for("theodoi") -> a fresh bearer token of that demo account."""

    def make(username, **kwargs):
        user = User.get(User.username == username)
        return operations.create_token(user, f"kiểm thử {username}", **kwargs)[1]

    return make


@pytest.fixture
def api(client, token_for):
    """api("theodoi").get("/api/v1/units") -> the test client's response, with that user's token."""

    class Caller:
        def __init__(self, username):
            self.headers = {"Authorization": f"Bearer {token_for(username)}"}

        def __getattr__(self, method):
            def call(url, **kwargs):
                headers = {**self.headers, **kwargs.pop("headers", {})}
                return getattr(client, method)(url, headers=headers, **kwargs)

            return call

    return Caller
