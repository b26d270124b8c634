"""Check the signatures of a PDF against the configured trust anchors (issue 16).

Who signed, when, whether the file changed after signing, whether the certificate chains
to a trust anchor and was valid at signing time: one `Verdict` per file, its Vietnamese
sentence shown beside the file and in the dossier's table of contents. Each problem has its
own sentence: changed content, pages added later, no chain to a trust anchor, expired at
signing time, revoked (when revocation data is embedded or SIGNING_FETCH_REVOCATION allows it).
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
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


# pyHanko's AdES sub-indications (ETSI EN 319 102-1) grouped by what the user is told (issue 16).
REVOKED = {AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE}
NO_CHAIN = {
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND,
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE,
    AdESIndeterminate.NO_SIGNING_CERTIFICATE_FOUND,
}
OUT_OF_PERIOD = {
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
    AdESIndeterminate.NOT_YET_VALID,
    AdESFailure.NOT_YET_VALID,
}
CHANGED = "nội dung đã bị thay đổi sau khi ký"
MISMATCH = "chữ ký không khớp với chứng thư số"
PAGES_ADDED = "có trang được thêm vào tệp bằng một lần cập nhật sau khi ký"
EDITED_LATER = "tệp đã được sửa thêm nội dung sau khi ký"
NO_ANCHOR = (
    "chứng thư số không thuộc tổ chức chứng thực được tin cậy (chuỗi chứng thư không dẫn tới chứng thư gốc đã cấu hình)"
)


def signing_time(status):
    """When the signature was made: its timestamp, else the time the signer's computer stated."""
    return status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt


def _problem(status, sig):
    """The first thing wrong with one signature, as a Vietnamese phrase; None when it is good."""
    if not status.intact:
        return CHANGED
    if not status.valid:
        return MISMATCH
    if status.modification_level not in ALLOWED_LATER or status.docmdp_ok is False:
        return PAGES_ADDED if _pages_added(sig) else EDITED_LATER
    return None if status.trusted else _trust_problem(status)


def _trust_problem(status):
    """Why a cryptographically sound signature is not trusted: revoked, no chain, out of its period."""
    indic, cert, when = status.trust_problem_indic, status.signing_cert, signing_time(status)
    if status.revoked or indic in REVOKED:
        since = status.revocation_details.revocation_date if status.revocation_details else None
        return "chứng thư số đã bị thu hồi" + (f" từ ngày {since:%d/%m/%Y}" if since else "")
    if status.validation_path is None or indic in NO_CHAIN:
        return NO_ANCHOR
    end, start = cert.not_valid_after, cert.not_valid_before
    if when and when > end:
        return f"chứng thư số đã hết hạn vào thời điểm ký (hết hạn ngày {end:%d/%m/%Y})"
    if when and when < start:
        return f"chứng thư số chưa có hiệu lực vào thời điểm ký (có hiệu lực từ ngày {start:%d/%m/%Y})"
    if indic in OUT_OF_PERIOD:
        return (
            f"chứng thư số đã hết hạn ngày {end:%d/%m/%Y} và chữ ký không có dấu thời gian "
            "chứng minh đã ký trước ngày đó"
        )
    return NO_ANCHOR


def _pages_added(sig) -> bool:
    """Whether the file has more pages than the revision the signature covers."""
    try:
        reader = sig.reader
        signed = reader.get_historical_root(sig.signed_revision)["/Pages"]["/Count"]
        return int(reader.root["/Pages"]["/Count"]) > int(signed)
    except Exception:  # an unreadable history: report the change without naming it
        return False


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
        problem = _problem(status, sig)
        if problem:
            return Verdict(INVALID, f"Chữ ký số của {who} không hợp lệ: {problem}.", (who,))
        when = signing_time(status)
        names.append(f"{who} (ký lúc {when:%H:%M %d/%m/%Y})" if when else who)
        statuses.append(status)
    return Verdict(VALID, "Có chữ ký số hợp lệ của " + "; ".join(names) + ".", tuple(names), _level(reader, statuses))
