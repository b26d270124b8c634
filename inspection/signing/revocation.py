"""Is a signing certificate revoked? Asked of its CA's CRL before a number is taken.

Only with SIGNING_FETCH_REVOCATION=1 (offices may be offline): the CRL named in the
certificate's CRL distribution point is fetched (5 s), its signature checked with the issuing
CA's key (from the PKCS#12 chain), and the certificate's serial looked up. An unreachable or
unreadable CRL does not stop signing (soft-fail, as when verifying).
"""

import requests
from cryptography import x509
from cryptography.x509.oid import ExtensionOID

TIMEOUT = 5


def _crl_urls(cert):
    try:
        points = cert.extensions.get_extension_for_oid(ExtensionOID.CRL_DISTRIBUTION_POINTS).value
    except x509.ExtensionNotFound:
        return []
    return [
        name.value
        for point in points
        for name in point.full_name or ()
        if isinstance(name, x509.UniformResourceIdentifier) and name.value.startswith(("http://", "https://"))
    ]


def _load_crl(data):
    try:
        return x509.load_der_x509_crl(data)
    except ValueError:
        return x509.load_pem_x509_crl(data)


def revocation_date(cert, issuers):
    """The date `cert` was revoked according to its CA's CRL, or None (not revoked, or unknown)."""
    issuer = next((c for c in issuers if c.subject == cert.issuer), None)
    for url in _crl_urls(cert):
        try:
            crl = _load_crl(requests.get(url, timeout=TIMEOUT).content)
        except (requests.RequestException, ValueError):
            continue
        if issuer is None or not crl.is_signature_valid(issuer.public_key()):
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        return entry.revocation_date_utc if entry else None
    return None
