"""Make a small certificate hierarchy: a CA, a signer, an agency and a timestamp authority.

Used by `flask seed-demo` (subjects say "demonstration": never trusted on a real
installation) and by the tests, which also ask for the bad cases (expired, no signing key
usage). Keys are 2048-bit RSA: generating one takes ~50 ms, signing with it ~2 ms.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO = "DEMONSTRATION - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


@dataclass
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def p12(self, passphrase: str, chain=()) -> bytes:
        """The key, certificate and chain as a PKCS#12 file protected by `passphrase`."""
        algo = (
            serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
        )
        name = self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value.encode()
        return pkcs12.serialize_key_and_certificates(name, self.key, self.cert, [c.cert for c in chain], algo)


def _fit(text, limit=64):
    """Cut to X.509's 64-byte limit on a name attribute (UTF-8 Vietnamese takes 2-3 bytes a letter)."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text


def _name(common_name, organization, unit=None):
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organization)),
    ]
    if unit:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _fit(unit)))
    return x509.Name([*parts, x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name))])


def _usage(signing=True, ca=False):
    return x509.KeyUsage(
        digital_signature=signing or ca,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=not signing and not ca,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def issue_cert(
    common_name,
    organization,
    issuer=None,
    *,
    ca=False,
    signing=True,
    tsa=False,
    days=365,
    start=None,
    unit=None,
    crl_url=None,
):
    """A certificate (self-signed when `issuer` is None) valid `days` from `start` (now - 1 day)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = start or (dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    subject = _name(common_name, organization, unit)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(signing=signing, ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        ski = issuer.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    if tsa:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Issued(cert, key)


def crl(ca: Issued, revoked=()) -> bytes:
    """A CRL of `ca` (DER) revoking the certificates `revoked`, valid for a week."""
    now = dt.datetime.now(dt.UTC)
    builder = x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
    builder = builder.last_update(now - dt.timedelta(hours=1)).next_update(now + dt.timedelta(days=7))
    for issued in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(issued.cert.serial_number)
        builder = builder.add_revoked_certificate(entry.revocation_date(now - dt.timedelta(minutes=30)).build())
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def demo_hierarchy(folder: Path, agency_name: str, signer_name: str, passphrase: str) -> dict:
    """Write a demonstration CA, signer and agency PKCS#12 files into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    ca = issue_cert("CA DEMONSTRATION", agency_name, ca=True, days=3650, unit=DEMO)
    signer = issue_cert(f"{signer_name} - DEMONSTRATION", agency_name, ca, days=730, unit=DEMO)
    agency = issue_cert(f"{agency_name} - DEMONSTRATION", agency_name, ca, days=730, unit=DEMO)
    paths = {"ca": folder / "ca.pem", "signer": folder / "signer.p12", "agency": folder / "agency.p12"}
    paths["ca"].write_bytes(ca.pem())
    paths["signer"].write_bytes(signer.p12(passphrase, [ca]))
    paths["agency"].write_bytes(agency.p12(passphrase, [ca]))
    return paths
