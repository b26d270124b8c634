"""Demo data: demonstration certificates (CA, the Director as signer, the agency), so the demo's
issued documents and its archived dossier are signed out of the box. Their subjects say
DEMONSTRATION; a production configuration (APP_ENV=production) never reads the folder."""

from pathlib import Path

from flask import current_app

from inspection import settings

from . import pki
from .signers import DEMO_PASSPHRASE


def seed(ctx):
    """Write the demonstration certificates into SIGNING_DEMO_DIR (once)."""
    folder = current_app.config.get("SIGNING_DEMO_DIR")
    if not folder or current_app.config.get("SIGNING_SIGNER_P12"):
        return ctx  # production, or an office that configured its own certificates
    if not (Path(folder) / "signer.p12").is_file():
        org = settings.get_many("org.")
        pki.demo_hierarchy(Path(folder), org["org.agency_name"].title(), org["org.director_name"], DEMO_PASSPHRASE)
    ctx["signing_demo_dir"] = folder
    return ctx
