"""Check uploaded PDFs once, keep the verdict by content hash, read it back for pages (issue 16).

Called where files come in: a register entry's scan and a dossier upload. Checking takes
~60 ms for a two-signature file, so pages read the stored verdict instead of re-checking.
"""

from flask import current_app

from inspection.db import db

from . import pdfa, verify
from .models import SignatureCheck


def check_stored(stored):
    """Verify a stored PDF's signatures and keep the verdict; other kinds are left alone."""
    if stored is None or stored.kind != "pdf":
        return stored
    verdict = verify.verify_pdf(stored.path.read_bytes(), current_app.config)
    with db.atomic():
        SignatureCheck.insert(
            sha256=stored.sha256, state=verdict.state, summary=verdict.text, level=verdict.level
        ).on_conflict(
            conflict_target=[SignatureCheck.sha256],
            update={
                SignatureCheck.state: verdict.state,
                SignatureCheck.summary: verdict.text,
                SignatureCheck.level: verdict.level,
            },
        ).execute()
    return stored


def signed_notes(sha256s) -> dict:
    """{sha256: sentence} of the signed files among `sha256s` (valid or not): one query."""
    wanted = [s for s in set(sha256s) if s]
    if not wanted:
        return {}
    rows = SignatureCheck.select().where(SignatureCheck.sha256.in_(wanted) & (SignatureCheck.state != verify.UNSIGNED))
    return {r.sha256: r.summary for r in rows}


def verdict_of(sha256):
    """The stored check of one file, or None."""
    return SignatureCheck.get_or_none(SignatureCheck.sha256 == sha256) if sha256 else None


def is_signed_file(stored) -> bool:
    """Whether a stored PDF carries a signature (the issued copy, when signing is configured)."""
    return stored is not None and stored.kind == "pdf" and pdfa.is_signed(stored.path.read_bytes())


def init_app(app):
    """Let templates show the verdict beside a file: `signature_check(sha256)`."""
    app.jinja_env.globals["signature_check"] = verdict_of
