"""Decree 30/2020 numbering and dating rules (pure: no Flask, no database)."""

import datetime

from inspection import clock
from inspection.text import vn_date_long

BLANK = "\u00a0" * 6  # the space left for the number or day on a draft ("Số:      /QĐ-SNN")
LETTER_KEY = "CV"  # sequence key of công văn, which have no type abbreviation


def number_text(number) -> str:
    """'05' for 5: numbers below 10 get a leading zero (Decree 30, Appendix I)."""
    return "%02d" % number if number else BLANK


def symbol(type_abbr, agency_abbr, drafting_unit_abbr="VP") -> str:
    """'QĐ-SNN' for typed documents; 'SNN-VP' (agency + drafting unit) for a công văn."""
    if type_abbr:
        return f"{type_abbr}-{agency_abbr}"
    return f"{agency_abbr}-{drafting_unit_abbr}"


def date_line(place, day: datetime.date | None, year=None) -> str:
    """'Quảng Ngãi, ngày 05 tháng 01 năm 2026'; a draft leaves day and month blank."""
    if day is None:
        year = year or clock.today().year
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    return vn_date_long(day, place)


def sequence_key(year, type_abbr, secret, mode) -> str:
    """Which sequence gives the number: shared by all types, or one per type; secret apart."""
    if mode not in ("shared", "per_type"):
        raise ValueError(f"documents.numbering must be shared or per_type, not {mode!r}")
    part = "all" if mode == "shared" else (type_abbr or LETTER_KEY)
    return f"{year}:{'secret' if secret else 'open'}:{part}"


def next_number(sequence_last, used_max) -> int:
    """The next number: one past both the sequence and any number already used for the symbol."""
    return max(sequence_last or 0, used_max or 0) + 1


DATE_RULE = "Nghị định 30/2020/NĐ-CP, Phụ lục I"


def issue_date_error(issued_on, today, article=DATE_RULE) -> str | None:
    """Return why `issued_on` cannot be a document's issue date, or None: it is the day of issue."""
    if issued_on is None or issued_on == today:
        return None
    return (
        f"Ngày ban hành là ngày văn bản được ký ban hành trên hệ thống ({today:%d/%m/%Y}); "
        f"không được ghi lùi hay ghi trước ngày ({article})."
    )


def order_error(issued_on, last_issued_on, last_number_text="") -> str | None:
    """Return why a number dated `issued_on` would break the register's order, or None.

    Numbers and dates in the outgoing register rise together: a new number is never dated
    before the last number already given in its sequence.
    """
    if last_issued_on is None or issued_on >= last_issued_on:
        return None
    return (
        f"Sổ văn bản đi: văn bản số {last_number_text} đã ban hành ngày {last_issued_on:%d/%m/%Y}; "
        f"số sau không được mang ngày {issued_on:%d/%m/%Y} trước đó ({DATE_RULE})."
    )


# --- c1-sign: the drafter's initials in "Lưu:" (Decree 30, Appendix I, item 9b) ---------------
def initials(full_name) -> str:
    """'NVA' for 'Nguyễn Văn An': the first letter of each word of the drafter's name, capitals."""
    return "".join(word[0] for word in str(full_name or "").split() if word[0].isalpha()).upper()


def archive_line(drafting_unit_abbr, drafter_initials, copies) -> str:
    """'VT, VP, NVA (02b)': the "Lưu:" line with the drafter's initials and the copies issued."""
    parts = ["VT", drafting_unit_abbr or "VP"]
    if drafter_initials:
        parts.append(f"{drafter_initials} ({int(copies or 1):02d}b)")
    return ", ".join(parts)
