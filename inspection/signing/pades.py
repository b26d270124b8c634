"""Sign an issued PDF (PAdES): the signer's signature, then the agency's, where Decree 30 puts them.

Decree 30/2020, Appendix I, Part I, section II: the signer's signature image sits centred
between the signer's title and name (item 7); the agency's signature is shown by its seal
image over about the left third of the signer's (item 8). The "top right of the first page"
position of that appendix is for the agency's signature on an attachment sent as a separate
file, not on the document itself (docs/signing.md).
Level (issue 16): B-B; B-T when a timestamp server (RFC 3161) is configured; then B-LT too (the
validation data in the document's DSS). Measured: ~40 ms per signature for a 3-page B-B PDF.
"""

import logging
import os
import tempfile
from io import BytesIO
from pathlib import Path

from fontTools import subset, ttLib
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko import stamp
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from inspection.errors import ValidationFailed

from . import images, placement, verify
from .pdfa import FONT
from .signers import check_not_revoked, configured, person_device, resolve, signing_on

LEVELS = {
    "none": "Không ký số (chưa cấu hình chứng thư số của người ký)",
    "B-B": "PAdES B-B (chưa cấu hình máy chủ dấu thời gian)",
    "B-LT": "PAdES B-LT (có dấu thời gian và dữ liệu kiểm tra hiệu lực)",
}
BLUE, RED = (0.1, 0.2, 0.7), (0.8, 0.1, 0.1)
# `person` of check_ready/sign_issued when the caller names nobody (tools, tests signing a PDF):
# the configured SIGNING_SIGNER_P12. Issuing always names the one who signs (or None: no signer block).
DEFAULT = "default"
SIGNER_FIELD, AGENCY_FIELD = "ChuKyNguoiKy", "ChuKyCoQuan"
# Bytes kept for the signature container: a 2048/4096-bit chain of 3-4 certificates is ~5 KB,
# a timestamp token and its chain another ~6 KB (pyHanko refuses, never truncates, if short).
RESERVE, RESERVE_TIMESTAMPED = 16 * 1024, 48 * 1024
# Letters the stamp can need: Latin, Vietnamese, digits, punctuation (the font is cut to them).
STAMP_TEXT = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xC0, 0x100))
    + "ĂăĐđĨĩŨũƠơƯư"
    + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)

log = logging.getLogger(__name__)


def level(config) -> str:
    """The PAdES level issued documents get with this configuration (shown on the settings page)."""
    config = resolve(config)
    if not signing_on(config):
        return "none"
    return "B-LT" if config.get("SIGNING_TSA_URL") else "B-B"


def _plan(config, person):
    """The signatures an issued document gets (resolved config), as (field, device, image, colour):
    the one who signs, with his own certificate (issue 16; refused when he has none), then the
    agency with its seal. `person` None: a record without a signer block, the agency's only."""
    if not signing_on(config):
        return []
    devices = configured(config)
    plan = []
    if person == DEFAULT:
        if "signer" in devices:
            plan.append((SIGNER_FIELD, devices["signer"], "", BLUE))
    elif person is not None:
        device, image = person_device(config, person)
        plan.append((SIGNER_FIELD, device, image, BLUE))
    if "agency" in devices:
        plan.append((AGENCY_FIELD, devices["agency"], config.get("SIGNING_SEAL_IMAGE", ""), RED))
    return plan


def check_ready(config, person=DEFAULT):
    """Load and check the certificates `person`'s document is signed with, before a number is taken."""
    config = resolve(config)
    for _field, device, _image, _colour in _plan(config, person):
        device.certificate()
        check_not_revoked(device, config.get("SIGNING_FETCH_REVOCATION", False))


def _style(color, text, picture=None):
    """The stamp: the certificate holder and time, over the signature or seal image when there is one."""
    extra = {}
    if picture is not None:  # an image XObject in the appearance, scaled to fit, fully opaque
        extra = dict(
            background=PdfImage(picture),
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(1),
            ),
        )
    return stamp.TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(_stamp_font()), font_size=7),
        border_width=1,
        border_color=color,
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        **extra,
    )


def _stamp_font() -> str:
    """Liberation Serif scaled to 1000 units per em, made once into the temp folder: pyHanko
    writes a CID font's widths in font units, which PDF viewers and PDF/A read per 1000;
    cut to the letters a stamp uses."""
    target = Path(tempfile.gettempdir()) / "inspection-stamp-LiberationSerif-1000-vi.ttf"
    if not target.exists():
        font = ttLib.TTFont(FONT)
        scale_upem(font, 1000)
        cutter = subset.Subsetter(subset.Options(name_IDs=["*"], notdef_outline=True, layout_features=["*"]))
        cutter.populate(text=STAMP_TEXT)
        cutter.subset(font)  # ~40 KB instead of ~400: pyHanko subsets it again at each signature
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".ttf")
        os.close(fd)
        font.save(tmp)
        os.replace(tmp, target)
    return str(target)


def _validation_context(config, chain):
    anchors = [c for c in chain if c.self_signed] + verify.trust_anchors(config)
    return ValidationContext(
        trust_roots=anchors or chain[-1:],
        other_certs=chain,
        allow_fetching=config.get("SIGNING_FETCH_REVOCATION", False),
        revocation_mode="soft-fail",
    )


def _sign_once(pdf, device, config, field_name, box, page, text, color, picture=None):
    signer = device.pyhanko_signer()
    chain = [signer.signing_cert, *signer.cert_registry]
    tsa = config.get("SIGNING_TSA_URL")
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=bool(tsa),
        validation_context=_validation_context(config, chain) if tsa else None,
        signer_key_usage={"digital_signature"},
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(tsa, timeout=10) if tsa else None,
        stamp_style=_style(color, text, picture),
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box),
    )
    out = BytesIO()
    # Room for the CMS container given, not estimated: pyHanko's estimate signs a dummy first.
    reserve = RESERVE_TIMESTAMPED if tsa else RESERVE
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    verify.outside_event_loop(lambda: pdf_signer.sign_pdf(writer, bytes_reserved=reserve, output=out))
    return out.getvalue()


def sign_issued(pdf: bytes, signer_name: str, config, person=DEFAULT) -> bytes:
    """Sign an issued document's PDF: the one who signs (`person`, a user) with his own
    certificate and signature image, then the agency with its seal image (issue 16).

    The one signing step: the "ký ban hành" step (documents.submission.sign) reaches it via issue().
    """
    config = resolve(config)
    plan = _plan(config, person)
    if not plan:
        return pdf
    page, box = placement.signer_box(PdfReader(BytesIO(pdf)), signer_name)
    try:
        for field, device, image, colour in plan:
            where = box if field == SIGNER_FIELD else placement.seal_box(box)
            picture = images.usable(image, field)
            pdf = _sign_once(pdf, device, config, field, where, page, "%(signer)s\n%(ts)s", colour, picture)
    except ValidationFailed:
        raise
    except Exception as exc:  # a timestamp server down, a key the library refuses
        log.warning("signing failed (%s); the document stays unissued", type(exc).__name__, exc_info=True)
        raise ValidationFailed(failure_text(exc)) from exc
    return pdf


def failure_text(exc) -> str:
    """The Vietnamese refusal when signing fails (the library's own words go to the log only)."""
    name = type(exc).__name__
    if isinstance(exc, OSError) or any(word in name for word in ("Timestamp", "Connection", "Timeout")):
        why = "máy chủ cấp dấu thời gian (RFC 3161) không trả lời"
    else:
        why = "thư viện ký số từ chối chứng thư hoặc tệp (chi tiết ghi trong nhật ký)"
    return f"Không ký số được văn bản: {why}. Văn bản chưa được ban hành; hãy thử lại sau hoặc báo quản trị hệ thống."
