"""Operations tests: the `multi` marker (two app processes on PostgreSQL and Redis)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "multi: two gunicorn processes on PostgreSQL (TEST_DATABASE_URL) and Redis; .ci/run runs them",
    )
