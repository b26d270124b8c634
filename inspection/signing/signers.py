"""Who signs: one class per kind of signing device, all answering `pyhanko_signer()`.

A PKCS#12 file (`FileSigner`) is the only kind today. A hardware token (PKCS#11, pyHanko's
`pkcs11.PKCS11Signer`) or a remote signing service (a `pyhanko.sign.signers.Signer` subclass
whose `async_sign_raw` calls the service) plugs in as another class with the same two
methods, chosen by SIGNING_BACKEND (docs/signing.md). Every certificate is checked before a
number is taken (issue 16): readable with its passphrase, valid today, made for signing.
Each person who signs has his own certificate (`person_device`: SIGNING_P12__<username>, the
Director also SIGNING_SIGNER_P12); a signer without one is refused (`missing_certificate`).
"""

import datetime as dt
import hashlib
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_certs_from_pemder
from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
from pyhanko.sign import signers as ph_signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from inspection.accounts.roles import DIRECTOR
from inspection.config import person_key
from inspection.errors import ValidationFailed

from . import revocation

ROLE_LABELS = {"signer": "người ký", "agency": "cơ quan"}


def _subject_cn(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return names[0].value if names else cert.subject.rfc4514_string()


def check_not_revoked(device, fetch: bool):
    """Refuse a revoked certificate when revocation data may be fetched (issue 16)."""
    if not fetch:
        return
    cert = device.certificate()
    when = revocation.revocation_date(cert, device.chain())
    if when is not None:
        raise ValidationFailed(
            f"Chứng thư số của {ROLE_LABELS.get(device.role, device.role)} ({_subject_cn(cert)}) đã bị thu hồi "
            f"từ ngày {when:%d/%m/%Y}: không ký số được."
        )


def check_certificate(cert: x509.Certificate, role: str, now=None):
    """Refuse a certificate that is not valid at `now` or not made for signing (issue 16)."""
    now = now or dt.datetime.now(dt.UTC)
    label = f"Chứng thư số của {ROLE_LABELS.get(role, role)} ({_subject_cn(cert)})"
    if now > cert.not_valid_after_utc:
        raise ValidationFailed(f"{label} đã hết hạn ngày {cert.not_valid_after_utc:%d/%m/%Y}: không ký số được.")
    if now < cert.not_valid_before_utc:
        raise ValidationFailed(f"{label} chưa có hiệu lực (từ ngày {cert.not_valid_before_utc:%d/%m/%Y}).")
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise ValidationFailed(f"{label} không có mục đích ký số (Key Usage): không dùng để ký văn bản được.")


class _KeptKeySigner(ph_signers.SimpleSigner):
    """pyHanko's in-memory signer, keeping the opened key: pyHanko re-reads the key from DER at
    each signature, and cryptography's RSA key check then costs ~100 ms."""

    def __init__(self, pyca_key, **kwargs):
        super().__init__(**kwargs)
        self._pyca_key = pyca_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if isinstance(self._pyca_key, rsa.RSAPrivateKey) and mechanism.signature_algo == "rsassa_pkcs1v15":
            return self._pyca_key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


class FileSigner:
    """A certificate and key kept in a PKCS#12 (.p12/.pfx) file, opened with its passphrase."""

    kind = "file"

    def __init__(self, role: str, path: str, passphrase: str, chain_files=()):
        self.role, self.path, self.passphrase, self.chain_files = role, path, passphrase, tuple(chain_files)

    def _load(self):
        """(PKCS#12 bytes, certificate), decrypted once per process and file version: opening
        a PKCS#12 file costs ~200 ms of key derivation, more than the signature itself."""
        try:
            stat = Path(self.path).stat()
            key = (self.path, stat.st_mtime_ns, stat.st_size, hashlib.sha256(self.passphrase.encode()).hexdigest())
        except OSError:
            key = None
        if key is not None and key in _OPENED:
            return _OPENED[key]
        loaded = self._open()
        if key is not None:
            _OPENED[key] = loaded
        return loaded

    def _open(self):
        label = f"Tệp chứng thư số của {ROLE_LABELS.get(self.role, self.role)}"
        try:
            data = Path(self.path).read_bytes()
        except OSError:
            raise ValidationFailed(f"{label} không mở được: kiểm tra đường dẫn trong cấu hình.") from None
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, (self.passphrase or "").encode() or None)
        except (ValueError, TypeError):
            raise ValidationFailed(f"{label}: mật khẩu không đúng hoặc tệp không phải PKCS#12.") from None
        if key is None or cert is None:
            raise ValidationFailed(f"{label} không chứa khóa bí mật và chứng thư số.")
        others = list(load_certs_from_pemder(self.chain_files)) if self.chain_files else []
        signer = _KeptKeySigner(
            key,
            signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            cert_registry=SimpleCertificateStore.from_certs(
                [translate_pyca_cryptography_cert_to_asn1(c) for c in extra or ()] + others
            ),
        )
        return signer, cert, list(extra or ())

    def certificate(self) -> x509.Certificate:
        """The signing certificate, checked (issue 16)."""
        _signer, cert, _chain = self._load()
        check_certificate(cert, self.role)  # at each use: a cached certificate expires too
        return cert

    def chain(self) -> list:
        """The CA certificates given with the signing certificate (to find its issuer)."""
        return self._load()[2]

    def pyhanko_signer(self):
        """A pyHanko signer holding the key and the certificate chain."""
        signer, cert, _chain = self._load()
        check_certificate(cert, self.role)
        return signer


_OPENED = {}  # (path, mtime, size, passphrase hash) -> (pyHanko signer, certificate, CA certificates)
BACKENDS = {"file": FileSigner}
DEMO_PASSPHRASE = "demo"  # the demonstration files only (seed-demo); real ones come from the environment


def resolve(config) -> dict:
    """The signing settings in force: the configured ones, else seed-demo's demonstration files
    (SIGNING_DEMO set); person keys normalised (config.person_key)."""
    out = {k: v for k, v in config.items() if k.startswith("SIGNING_")}
    out["SIGNING_PERSONS"] = {person_key(k): dict(v) for k, v in (out.get("SIGNING_PERSONS") or {}).items()}
    demo = Path(out.get("SIGNING_DEMO_DIR") or "/nonexistent")
    if not signing_on(out) and (demo / "ca.pem").is_file():
        out["SIGNING_DEMO"] = True
        for role in ("signer", "agency"):
            if (demo / f"{role}.p12").is_file():
                out[f"SIGNING_{role.upper()}_P12"] = str(demo / f"{role}.p12")
                out[f"SIGNING_{role.upper()}_PASSPHRASE"] = DEMO_PASSPHRASE
        for p12 in sorted((demo / "people").glob("*.p12")):
            image = p12.with_suffix(".png")
            out["SIGNING_PERSONS"][person_key(p12.stem)] = {
                "p12": str(p12),
                "passphrase": DEMO_PASSPHRASE,
                "signature_image": str(image) if image.is_file() else "",
            }
        if (demo / "seal.png").is_file() and not out.get("SIGNING_SEAL_IMAGE"):
            out["SIGNING_SEAL_IMAGE"] = str(demo / "seal.png")
        anchors = [a for a in (out.get("SIGNING_TRUST_ANCHORS") or "").split(":") if a]
        out["SIGNING_TRUST_ANCHORS"] = ":".join([*anchors, str(demo / "ca.pem")])
    return out


def signing_on(config) -> bool:
    """Whether issued documents are signed: some person's certificate is configured (resolved config)."""
    return bool(
        config.get("SIGNING_SIGNER_P12") or any(p.get("p12") for p in config.get("SIGNING_PERSONS", {}).values())
    )


def _backend(config):
    backend = BACKENDS.get(config.get("SIGNING_BACKEND") or "file")
    if backend is None:
        raise ValidationFailed(f"Cấu hình SIGNING_BACKEND không hợp lệ: {config.get('SIGNING_BACKEND')}.")
    return backend


def configured(config) -> dict:
    """The configured signers by role ("signer" = the Director's SIGNING_SIGNER_P12, "agency")."""
    config = resolve(config)
    backend = _backend(config)
    out = {}
    for role in ("signer", "agency"):
        path = config.get(f"SIGNING_{role.upper()}_P12")
        if path:
            out[role] = backend(role, path, config.get(f"SIGNING_{role.upper()}_PASSPHRASE", ""))
    return out


def person_settings(config, person) -> dict | None:
    """The certificate settings of `person` (resolved config): his own SIGNING_P12__<username>, else,
    for the Director, SIGNING_SIGNER_P12 (installations configured before issue 16's fix); or None."""
    own = config.get("SIGNING_PERSONS", {}).get(person_key(person.username)) or {}
    if own.get("p12"):
        return own
    if DIRECTOR in person.role_set and config.get("SIGNING_SIGNER_P12"):
        return {
            "p12": config["SIGNING_SIGNER_P12"],
            "passphrase": config.get("SIGNING_SIGNER_PASSPHRASE", ""),
            "signature_image": own.get("signature_image", ""),
        }
    return None


def missing_certificate(person) -> str:
    """The refusal when the one who signs has no certificate: what the administrator must set."""
    key = person_key(person.username).upper()
    return (
        f"Chưa cấu hình chứng thư số của {person.full_name} (tài khoản {person.username}) nên chưa ký số được: "
        f"quản trị hệ thống cần đặt SIGNING_P12__{key} (tệp PKCS#12) và SIGNING_PASSPHRASE__{key} "
        "trong biến môi trường của máy chủ rồi khởi động lại ứng dụng. Văn bản chưa được ban hành, chưa cấp số."
    )


def person_device(config, person):
    """(device, signature image path) of the one who signs (resolved config); refused if he has none."""
    found = person_settings(config, person)
    if found is None:
        raise ValidationFailed(missing_certificate(person))
    device = _backend(config)(f"người ký {person.full_name}", found["p12"], found.get("passphrase", ""))
    return device, found.get("signature_image", "")
