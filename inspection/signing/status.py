"""What the settings page says about signing: the level produced and the certificates in use.

Issue 16: who has a certificate (each person who signs has his own) and until when, whether its
subject names him, his signature image and the agency's seal image, and who may sign but has no
certificate yet (his documents would be refused at "ký ban hành"). Never a passphrase.
"""

import unicodedata

from inspection.accounts import roles
from inspection.accounts.models import User
from inspection.config import person_key
from inspection.errors import ValidationFailed

from . import images, pades, verify
from .signers import _subject_cn, configured, person_device, person_settings, resolve, signing_on

# Who signs documents on their own: the Director, his Deputies, the Chief of Office (TL.).
SIGNING_ROLES = (roles.DIRECTOR, roles.DEPUTY, roles.CHIEF)


def _describe(device):
    try:
        cert = device.certificate()
    except ValidationFailed as exc:
        return {"ok": False, "text": exc.message, "cn": ""}
    cn = _subject_cn(cert)
    return {"ok": True, "text": f"{cn} (hiệu lực đến {cert.not_valid_after_utc:%d/%m/%Y})", "cn": cn}


def _folded(text) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def _image(path) -> dict | None:
    if not path:
        return None
    _picture, error = images.load(path)
    return {"ok": error is None, "text": error or "ảnh PNG hợp lệ"}


def _person(config, user) -> dict:
    device, image = person_device(config, user)
    row = {"user": user, **_describe(device), "image": _image(image), "warning": ""}
    if row["ok"] and _folded(user.full_name) not in _folded(row["cn"]):
        row["warning"] = f"Tên trong chứng thư số ({row['cn']}) không chứa họ tên {user.full_name}: kiểm tra lại tệp."
    return row


def people(config) -> dict:
    """Rows of the people with a certificate, those who sign without one, and unknown usernames."""
    config = resolve(config)
    users = list(User.select().where(User.active == True).order_by(User.full_name))  # noqa: E712
    rows = [_person(config, u) for u in users if person_settings(config, u) is not None]
    missing = [
        {"user": u, "variable": f"SIGNING_P12__{person_key(u.username).upper()}"}
        for u in users
        if u.has_role(*SIGNING_ROLES) and person_settings(config, u) is None
    ]
    known = {person_key(u.username) for u in users}
    unknown = sorted(k for k, v in config["SIGNING_PERSONS"].items() if v.get("p12") and k not in known)
    return {"rows": rows, "missing": missing if signing_on(config) else [], "unknown": unknown}


def signing_status(config) -> dict:
    """Level (issue 16), people's, Director's and agency certificates, images, timestamp server, anchors."""
    resolved = resolve(config)
    devices = configured(config)
    return {
        "level": pades.LEVELS[pades.level(config)],
        "demo": bool(resolved.get("SIGNING_DEMO")) and signing_on(resolved),
        "devices": {role: _describe(d) for role, d in devices.items()},
        "people": people(config),
        "seal": _image(resolved.get("SIGNING_SEAL_IMAGE")),
        "tsa": bool(resolved.get("SIGNING_TSA_URL")),
        "anchors": [c.subject.human_friendly for c in verify.trust_anchors(config)],
    }
