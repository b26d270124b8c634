"""Digital signatures (issue 16): PAdES signing at issue, verifying uploaded PDFs, PDF/A.

`signers` loads the configured signers (one class per kind: a PKCS#12 file now; a hardware
token or a remote signing service later, docs/signing.md), `pades` signs an issued PDF,
`verify` reports who signed an uploaded PDF and whether it still holds, `pki` makes the
demonstration and test certificates. Paths and passphrases come from `inspection.config`.
"""


def init_app(app):
    """Register the template helper that shows a stored file's signature check."""
    from flask import current_app

    from . import records, status

    records.init_app(app)
    app.jinja_env.globals["signing_status"] = lambda: status.signing_status(current_app.config)
    app.jinja_env.globals["is_signed_file"] = records.is_signed_file
