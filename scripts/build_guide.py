"""Retake the user guide's screenshots from the demo data (`make guide`), R-22.

Builds the app on a temporary database, seeds the demo, serves it on a free local port and walks
it with Debian's Chromium (inspection/guide/screenshots.py). Writes docs/guide/images/ unless
--out names another folder. Nothing else in the checkout changes.
"""

import argparse
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]
DEMO_PASSWORD = "Demo@2026"


def _serve(app):
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "guide" / "images"))
    out = Path(parser.parse_args(argv).out)
    with tempfile.TemporaryDirectory(prefix="guide-") as tmp:
        os.environ.setdefault("INSTANCE_PATH", tmp)
        from playwright.sync_api import sync_playwright

        from inspection import create_app
        from inspection.guide.screenshots import take

        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/guide.sqlite3",
                "ARCHIVE_DIR": f"{tmp}/archive",
                "SECRET_KEY": "guide-build-only",
                "HUEY_IMMEDIATE": True,
            }
        )
        for command in (["init-db"], ["seed-demo"]):
            with app.app_context():
                result = app.test_cli_runner().invoke(args=command)
            if result.exit_code:
                sys.exit(f"flask {command[0]} failed: {result.output}")
        server = _serve(app)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                written = take(browser, f"http://127.0.0.1:{server.server_port}", out, DEMO_PASSWORD)
                browser.close()
        finally:
            server.shutdown()
    print(f"{len(written)} screenshots written to {out}")


if __name__ == "__main__":
    main()
