"""Check the signatures of a PDF against the configured trust anchors (issue 16).

Who signed, when, whether the file changed after signing, whether the certificate chains
to a trust anchor and was valid at signing time: one `Verdict` per file, its Vietnamese
sentence shown beside the file and in the dossier's table of contents.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from . import signers

UNSIGNED, VALID, INVALID = "unsigned", "valid", "invalid"
# After a signature only further signatures (form filling) and validation data may be added.
ALLOWED_LATER = (None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass
class Verdict:
    state: str  # UNSIGNED, VALID or INVALID
    text: str  # the sentence shown to users
    signers: tuple = ()
    level: str = ""


def outside_event_loop(fn, *args):
    """Run `fn` (pyHanko calls asyncio.run inside) in a thread when this one runs an event loop
    (a test driving a browser, an async server): asyncio.run refuses a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def trust_anchors(config) -> list:
    """The certificates of the configured trust anchors (SIGNING_TRUST_ANCHORS, a path list)."""
    config = signers.resolve(config)
    paths = [p for p in (config.get("SIGNING_TRUST_ANCHORS") or "").split(":") if p]
    return [load_cert_from_pemder(Path(p)) for p in paths if Path(p).is_file()]


def context(config) -> ValidationContext:
    """A validation context trusting only the configured anchors; revocation data when it is embedded."""
    return ValidationContext(
        trust_roots=trust_anchors(config),
        allow_fetching=config.get("SIGNING_FETCH_REVOCATION", False),
        revocation_mode="soft-fail",
    )


def _name(cert):
    native = cert.subject.native
    return native.get("common_name") or native.get("organization_name") or cert.subject.human_friendly


def _problem(status):
    if not status.intact:
        return "nội dung đã bị thay đổi sau khi ký"
    if not status.valid:
        return "chữ ký không khớp với chứng thư số"
    if status.modification_level not in ALLOWED_LATER or status.docmdp_ok is False:
        return "tệp đã được sửa thêm (thêm trang, nội dung) sau khi ký"
    if not status.trusted:
        return "chứng thư số không thuộc tổ chức chứng thực được tin cậy (hoặc đã hết hạn, bị thu hồi khi ký)"
    return None


def _level(reader, statuses):
    if "/DSS" in reader.root and all(s.timestamp_validity for s in statuses):
        return "B-LT"
    return "B-T" if all(s.timestamp_validity for s in statuses) else "B-B"


def verify_pdf(data: bytes, config) -> Verdict:
    """Validate every signature of a PDF; the first problem found makes the verdict INVALID."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = reader.embedded_regular_signatures
    except Exception:
        return Verdict(INVALID, "Không đọc được tệp PDF để kiểm tra chữ ký số.")
    if not embedded:
        return Verdict(UNSIGNED, "Không có chữ ký số.")
    vc, names, statuses = context(config), [], []
    for sig in embedded:
        try:
            status = outside_event_loop(validate_pdf_signature, sig, vc)
        except Exception:
            return Verdict(INVALID, "Chữ ký số bị hỏng, không kiểm tra được.")
        who = _name(status.signing_cert)
        problem = _problem(status)
        if problem:
            return Verdict(INVALID, f"Chữ ký số của {who} không hợp lệ: {problem}.", (who,))
        when = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
        names.append(f"{who} (ký lúc {when:%H:%M %d/%m/%Y})" if when else who)
        statuses.append(status)
    return Verdict(VALID, "Có chữ ký số hợp lệ của " + "; ".join(names) + ".", tuple(names), _level(reader, statuses))
