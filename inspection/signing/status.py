"""What the settings page says about signing: the level produced and the certificates in use."""

from inspection.errors import ValidationFailed

from . import pades, verify
from .signers import _subject_cn, configured, resolve


def _describe(device):
    try:
        cert = device.certificate()
    except ValidationFailed as exc:
        return {"ok": False, "text": exc.message}
    return {"ok": True, "text": f"{_subject_cn(cert)} (hiệu lực đến {cert.not_valid_after_utc:%d/%m/%Y})"}


def signing_status(config) -> dict:
    """Level (issue 16), signer and agency certificates, timestamp server, trust anchors."""
    resolved = resolve(config)
    devices = configured(config)
    return {
        "level": pades.LEVELS[pades.level(config)],
        "demo": bool(devices) and not config.get("SIGNING_SIGNER_P12"),
        "devices": {role: _describe(d) for role, d in devices.items()},
        "tsa": bool(resolved.get("SIGNING_TSA_URL")),
        "anchors": [c.subject.human_friendly for c in verify.trust_anchors(config)],
    }
