"""Log-in answer time for a known and an unknown name (R-21): the two must not be told apart.

An unknown name is checked against a stand-in hash with the production argon2 profile, so a
wrong password takes as long whether the account exists or not. Prints the median of 15
wrong-password posts for each, from distinct client addresses (no lock-out in the way).
"""

import statistics
import tempfile
import time
from pathlib import Path

from inspection import create_app
from inspection.accounts import operations
from inspection.db import db, migrate


def main():
    root = Path(tempfile.mkdtemp(prefix="bench-login-"))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{root / 'b.sqlite3'}",
            "ARCHIVE_DIR": str(root / "archive"),
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "LOGIN_RATE_LIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        migrate()
        with db.connection_context():
            operations.create_user(
                None, username="quantri", full_name="Quản trị", password="Demo@2026", roles=["admin"]
            )
    client = app.test_client()
    for label, name in (("known name", "quantri"), ("unknown name", "khong-co-ai")):
        times = []
        for i in range(15):
            start = time.perf_counter()
            client.post(
                "/login", data={"username": name, "password": "sai-1"}, environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}
            )
            times.append((time.perf_counter() - start) * 1000)
        print(f"wrong password, {label}: median {statistics.median(times):.1f} ms (min {min(times):.1f})")


if __name__ == "__main__":
    main()
