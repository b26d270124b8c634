"""Vietnamese text helpers: normal form, diacritic-free folding, dates as Decree 30 writes them."""

import datetime
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# C0 controls but tab and line breaks, DEL and C1 controls, non-characters and lone surrogates:
# Word pastes U+000B for a soft line break; none of these may reach XML (Excel, Word, PDF).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


# Ids are 32-bit on PostgreSQL (SERIAL) and SQLite refuses integers past 64 bits: a larger
# number typed into a URL or a form is no record of ours and must never reach SQL.
MAX_ID = 2**31 - 1


def parse_id(value) -> int:
    """A record id, page or year from user input: ASCII digits, at most MAX_ID; else ValueError.

    Works as werkzeug's `type=` (`request.args.get("page", 1, type=parse_id)`), where a
    ValueError gives the default and `getlist` drops the item: '²', '٣', '1e9' and
    '99999999999999999999' are not numbers of ours.
    """
    text = value.strip() if isinstance(value, str) else str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > MAX_ID:
        raise ValueError(f"not an id: {value!r}")
    return int(text)


def clean_text(text):
    """Drop control characters from text (keeping tab and line breaks; U+000B becomes a line break)."""
    if not isinstance(text, str) or text.isprintable():
        return text
    return _CONTROL.sub("", text.replace("\x0b", "\n").replace("\r\n", "\n"))


def nfc(text):
    """Return text in Unicode NFC (Vietnamese typed on different keyboards differs otherwise)."""
    return unicodedata.normalize("NFC", text) if isinstance(text, str) else text


def fold(text) -> str:
    """Lower-case, strip diacritics (đ→d) and squeeze spaces, for search and matching."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text).strip().lower()


def vn_date(value) -> str:
    """dd/mm/yyyy, the way the interface shows dates."""
    if not value:
        return ""
    return value.strftime("%d/%m/%Y")


def vn_datetime(value) -> str:
    if not value:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def vn_date_long(value: datetime.date, place: str = "") -> str:
    """'Quảng Ngãi, ngày 05 tháng 01 năm 2026': day<10 and months 1-2 get a leading zero (Decree 30)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def parse_vn_date(text: str) -> datetime.date:
    """Parse dd/mm/yyyy (or dd/mm/yy); raises ValueError on impossible dates such as 31/02."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def normal_case_name(upper: str) -> str:
    """An agency name printed in capitals in the header, written in normal case for a table
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" -> "Sở Nông nghiệp và Môi trường"): the first two words and
    the word after "và" or a dash take a capital, as Vietnamese agency names are written."""
    words = (upper or "").lower().split()
    out = []
    for i, word in enumerate(words):
        if i < 2 or (i and words[i - 1] in ("và", "-", "–")):
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)
