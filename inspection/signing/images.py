"""The PNG images drawn in the signatures (issue 16): a signer's signature, the agency's seal.

Decree 30/2020, Appendix I: the signer's signature is shown by the image of his handwritten
signature, the agency's by the image of its seal (transparent PNGs). Each file is checked as a
real PNG with Pillow when the configuration is read (`load`), kept per process and file version,
and cut down to a size a stamp needs; a bad file is said on the settings page and the signature
is drawn without it (the digital signature, not the picture, is what counts).
"""

import logging
from pathlib import Path

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)
MAX_SIZE = (600, 600)  # pixels kept: a 150-point stamp box at about 4x screen resolution
MAX_PIXELS = 40_000_000  # refuse a decompression bomb before Pillow decodes it
_LOADED = {}  # (path, mtime, size) -> (Pillow image, error)


def load(path: str):
    """(Pillow image, None) of a usable PNG, (None, Vietnamese reason) otherwise; None, None if no path."""
    if not path:
        return None, None
    try:
        stat = Path(path).stat()
    except OSError:
        return None, f"không mở được tệp ảnh {Path(path).name}: kiểm tra đường dẫn trong cấu hình."
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        _LOADED[key] = _open(Path(path))
    return _LOADED[key]


def _open(path: Path):
    try:
        with Image.open(path) as img:
            if img.format != "PNG":
                return None, f"tệp {path.name} không phải ảnh PNG ({img.format or 'không rõ định dạng'})."
            if img.width * img.height > MAX_PIXELS:
                return None, f"ảnh {path.name} quá lớn ({img.width}×{img.height} điểm ảnh)."
            img.load()
            picture = img.convert("RGBA" if _transparent(img) else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None, f"tệp {path.name} không phải ảnh PNG đọc được."
    picture.thumbnail(MAX_SIZE)
    return picture, None


def _transparent(img) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info


def usable(path: str, what: str):
    """The Pillow image to draw, or None (no image, or a bad one: logged, never a crash)."""
    picture, error = load(path)
    if error:
        log.warning("signature image not drawn (%s): %s", what, error)
    return picture
