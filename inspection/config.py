"""Configuration defaults; every value can be overridden from the environment.

This module is the only place that reads the environment: the factory passes the
instance folder to Flask (`instance_path`) and fills `app.config` (`load`).
"""

import os
import re
import secrets
import tempfile
from pathlib import Path

# Upload limit for a single request; parts may set lower limits per file kind.
MAX_CONTENT_LENGTH = 210 * 1024 * 1024
MB = 1024 * 1024


def instance_path(test_config=None):
    """The instance folder (INSTANCE_PATH from the test config, then the environment), or
    None for Flask's default `instance/` beside the package."""
    path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
    return str(Path(path).resolve()) if path else None


def load(app, test_config=None):
    """Fill app.config from defaults, the environment and test overrides."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    env = os.environ
    app.config.update(
        INSTANCE_PATH=str(instance),
        # SQLite in the instance folder unless DATABASE_URL says otherwise.
        DATABASE_URL=env.get("DATABASE_URL", f"sqlite:///{instance / 'inspection.sqlite3'}"),
        # Content-addressed file store and archival packages.
        ARCHIVE_DIR=env.get("ARCHIVE_DIR", str(Path(app.root_path).parent / "archive")),
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
        # Requests of visitors not logged in (the login form): a login post is a few hundred bytes.
        MAX_ANONYMOUS_CONTENT_LENGTH=64 * 1024,
        # Logged-in requests to pages that take no file (the largest form holds a few long texts).
        MAX_FORM_CONTENT_LENGTH=2 * 1024 * 1024,
        # Cookies: not readable from scripts, not sent on cross-site posts.
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Secure cookies (sent over HTTPS only) in the production configuration (APP_ENV=production,
        # behind TLS) or when asked; off for `make run` on http://127.0.0.1 and offline test rooms.
        SESSION_COOKIE_SECURE=_https(env),
        REMEMBER_COOKIE_SECURE=_https(env),
        REMEMBER_COOKIE_HTTPONLY=True,
        PREFERRED_URL_SCHEME="https" if _https(env) else "http",
        # A session ends after this long without a request, and this long after log-in whatever happens.
        SESSION_IDLE_MINUTES=int(env.get("SESSION_IDLE_MINUTES", 60)),
        SESSION_MAX_HOURS=int(env.get("SESSION_MAX_HOURS", 12)),
        # Offices may be offline: Bootstrap is served from the package, never a CDN.
        BOOTSTRAP_SERVE_LOCAL=True,
        # Failed logins before the account is locked, and for how long (minutes).
        LOGIN_MAX_FAILURES=int(env.get("LOGIN_MAX_FAILURES", 5)),
        LOGIN_LOCK_MINUTES=int(env.get("LOGIN_LOCK_MINUTES", 15)),
        # Log-in posts per client address (Flask-Limiter syntax); counters in memory per process
        # unless RATELIMIT_STORAGE_URI names a shared store (redis://… on several machines).
        LOGIN_RATE_LIMIT=env.get("LOGIN_RATE_LIMIT", "30 per 10 minutes"),
        RATELIMIT_STORAGE_URI=env.get("RATELIMIT_STORAGE_URI", "memory://"),
        LOGIN_RATE_LIMIT_ENABLED=env.get("LOGIN_RATE_LIMIT_ENABLED", "1") == "1",
        # --- agenda (issue 13) ---
        # Reads of the personal iCalendar feed (no log-in) per client address; calendar apps poll
        # about hourly, and a whole office may share one address behind its router.
        AGENDA_FEED_RATE_LIMIT=env.get("AGENDA_FEED_RATE_LIMIT", "300 per hour"),
        # --- end agenda ---
        # --- issue 15 (n7-api): the JSON API (docs/api.md) ---
        # Requests per token (Flask-Limiter syntax; without a valid token, per client address).
        API_RATE_LIMIT=env.get("API_RATE_LIMIT", "300 per minute"),
        API_RATE_LIMIT_ENABLED=env.get("API_RATE_LIMIT_ENABLED", "1") == "1",
        # Bodies: JSON 1 MiB; a document with its PDF (20 MB scan = 27 MB in base64) 28 MiB.
        API_MAX_JSON=1024 * 1024,
        API_MAX_UPLOAD=28 * 1024 * 1024,
        # --- end issue 15 ---
        # Proxies in front of the app (nginx: 1) whose X-Forwarded-For/-Proto are trusted.
        TRUSTED_PROXIES=int(env.get("TRUSTED_PROXIES", 0)),
        # Password hashing profile: "strong" always; the test suite alone sets "fast".
        PASSWORD_HASH="strong",
        # p1-dash: dashboard figures kept per data version (monitoring/cache.py); 0 computes each visit.
        MONITORING_CACHE=env.get("MONITORING_CACHE", "1") == "1",
        # Mail of reminders (inspection/notifications); empty host: mail waits in the outbox.
        MAIL_HOST=env.get("MAIL_HOST", ""),
        MAIL_PORT=int(env.get("MAIL_PORT", 25)),
        MAIL_USER=env.get("MAIL_USER", ""),
        MAIL_PASSWORD=env.get("MAIL_PASSWORD", ""),
        MAIL_FROM=env.get("MAIL_FROM", ""),
        # Address users open the application at, for the links in e-mails (https://theodoi.example.gov.vn).
        PUBLIC_URL=env.get("PUBLIC_URL", ""),
        # Reference date override for demos and tests (ISO date); normally today.
        TODAY=env.get("INSPECTION_TODAY") or None,
        # Rows per page of the register lists.
        PAGE_SIZE=int(env.get("PAGE_SIZE", 50)),
        # LibreOffice for DOCX/XLSX -> PDF (edited templates, dossier uploads); empty = found on PATH.
        SOFFICE_PATH=env.get("SOFFICE_PATH", ""),
        SOFFICE_TIMEOUT=int(env.get("SOFFICE_TIMEOUT", 120)),
        # Address-space limit of each LibreOffice run (MB): a hostile file cannot take the machine.
        SOFFICE_MAX_MEMORY_MB=int(env.get("SOFFICE_MAX_MEMORY_MB", 2048)),
        # Register Excel import: upload limit, how far the .xlsx may inflate (zip bomb guard),
        # and the private folder where an upload waits between preview and commit.
        REGISTER_IMPORT_MAX_BYTES=int(env.get("REGISTER_IMPORT_MAX_BYTES", 20 * MB)),
        REGISTER_IMPORT_MAX_UNCOMPRESSED=int(env.get("REGISTER_IMPORT_MAX_UNCOMPRESSED", 256 * MB)),
        REGISTER_IMPORT_DIR=env.get("REGISTER_IMPORT_DIR", str(instance / "imports")),
        # Background queue (huey): Redis when a URL is given (several machines), else SQLite
        # in the instance folder; immediate = run in the caller, in memory (tests, demos).
        HUEY_REDIS_URL=env.get("HUEY_REDIS_URL", ""),
        HUEY_SQLITE=env.get("HUEY_SQLITE", str(instance / "huey.sqlite3")),
        HUEY_IMMEDIATE=env.get("HUEY_IMMEDIATE", "0") == "1",
        # --- Digital signatures (issue 16, docs/signing.md): never in the database.
        # Signing device kind ("file" = PKCS#12; a token or a remote service plugs in as another).
        SIGNING_BACKEND=env.get("SIGNING_BACKEND", "file"),
        # PKCS#12 files and passphrases of the signer and of the agency; no signer = no signing.
        SIGNING_SIGNER_P12=env.get("SIGNING_SIGNER_P12", ""),
        SIGNING_SIGNER_PASSPHRASE=env.get("SIGNING_SIGNER_PASSPHRASE", ""),
        SIGNING_AGENCY_P12=env.get("SIGNING_AGENCY_P12", ""),
        SIGNING_AGENCY_PASSPHRASE=env.get("SIGNING_AGENCY_PASSPHRASE", ""),
        # g3-signers: each person who signs signs with his own certificate (SIGNING_P12__<username>,
        # SIGNING_PASSPHRASE__<username>) and may have a PNG signature image
        # (SIGNING_SIGNATURE_IMAGE__<username>); SIGNING_SIGNER_P12 stays the Director's.
        SIGNING_PERSONS=signing_persons(env),
        # The agency's seal image (PNG), drawn in the agency's signature.
        SIGNING_SEAL_IMAGE=env.get("SIGNING_SEAL_IMAGE", ""),
        # RFC 3161 timestamp server: with one, PAdES B-LT; without, B-B.
        SIGNING_TSA_URL=env.get("SIGNING_TSA_URL", ""),
        # Trust anchors for checking uploaded PDFs (the national root CA's file; ':'-separated).
        SIGNING_TRUST_ANCHORS=env.get("SIGNING_TRUST_ANCHORS", ""),
        # Fetch OCSP/CRL over the network when signing B-LT and verifying (off in offline rooms).
        SIGNING_FETCH_REVOCATION=env.get("SIGNING_FETCH_REVOCATION", "0") == "1",
        # Demonstration certificates written by seed-demo, used when no signer is configured
        # (never in production: APP_ENV=production leaves it empty).
        SIGNING_DEMO_DIR="" if env.get("APP_ENV") == "production" else str(instance / "signing-demo"),
        # --- end digital signatures
    )
    if test_config:
        app.config.update(test_config)
    if app.config.get("TESTING"):
        app.config["HUEY_IMMEDIATE"] = True  # tests never write to a queue a consumer reads
    app.config["SECRET_KEY"] = env.get("SECRET_KEY") or app.config.get("SECRET_KEY") or _instance_secret(instance)


# --- g3-signers (issue 16): one certificate per person who signs
PERSON_FIELDS = {
    "SIGNING_P12__": "p12",
    "SIGNING_PASSPHRASE__": "passphrase",
    "SIGNING_SIGNATURE_IMAGE__": "signature_image",
}


def person_key(username: str) -> str:
    """The key of a username in the signing variables: lower case, other than a-z and 0-9 as "_"
    (a shell cannot export SIGNING_P12__nguyen.van.a: SIGNING_P12__NGUYEN_VAN_A names him)."""
    return re.sub(r"[^a-z0-9]", "_", (username or "").lower())


def signing_persons(env) -> dict:
    """{person key: {"p12", "passphrase", "signature_image"}} from SIGNING_<FIELD>__<username>."""
    out = {}
    for name, value in env.items():
        for prefix, field in PERSON_FIELDS.items():
            if name.upper().startswith(prefix) and len(name) > len(prefix):
                out.setdefault(person_key(name[len(prefix) :]), {})[field] = value
    return out


# --- end g3-signers


def _https(env) -> bool:
    if "SESSION_COOKIE_SECURE" in env:
        return env["SESSION_COOKIE_SECURE"] == "1"
    return env.get("APP_ENV") == "production"


def _instance_secret(instance: Path) -> str:
    """Read the secret key generated once into the instance folder (never committed)."""
    path = instance / "secret_key"
    if not path.exists():
        # Several gunicorn workers may start at once: each writes its own candidate and
        # hard-links it into place, which fails if another got there first, so all
        # workers end up reading the one key that won.
        fd, tmp = tempfile.mkstemp(dir=instance, prefix=".secret-")
        try:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return path.read_text().strip()
