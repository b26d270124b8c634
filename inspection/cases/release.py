"""Signing releases a case document to its recipients (issue 14): the inspected units' head and
officers are told in their inbox (and by e-mail) that the decision, the extension, the request
letter or the notice of conclusions addressed to them is signed, with a link to their own page of
the case (/cases/<id>/unit). Called by the finish hooks (issuing.py, letters.py) inside the
signature's transaction; a secret document's words never leave (R-5.2, notifications.notify)."""

from inspection.accounts import roles
from inspection.accounts.models import User
from inspection.text import vn_date

# The document's kind as the recipient reads it, and the page section that shows it.
WORDS = {
    "inspection_decision": ("Quyết định", ""),
    "extension_decision": ("Quyết định", ""),
    "request_letter": ("Công văn", "cong-van"),
    "conclusion_notice": ("Thông báo", "thong-bao"),
}


def text(doc, due_on=None) -> str:
    """ "Quyết định số 04/QĐ-SNN ngày 17/04/2026 về việc kiểm tra …" (the document named)."""
    word, _section = WORDS[doc.kind]
    about = (doc.abstract or "").strip()
    about = f"V/v {about}" if doc.kind == "request_letter" else about[:1].lower() + about[1:]
    dated = f" ngày {vn_date(doc.issued_on)}" if doc.issued_on else ""
    due = f"; hạn gửi {vn_date(due_on)}" if due_on else ""
    return f"{word} số {doc.number_text or ''}{dated} {about}{due}."


def unit_staff(unit_ids):
    """The head and officers of each unit (inactive accounts are skipped by notify)."""
    if not unit_ids:
        return []
    wanted = User.roles.contains(roles.UNIT_HEAD) | User.roles.contains(roles.UNIT_OFFICER)
    return list(User.select(User.id).where(User.unit.in_(list(unit_ids)) & wanted))


def tell_units(case, doc, unit_ids, due_on=None) -> int:
    """Tell the units' staff the signed `doc` of `case` is theirs to read; return how many were told."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    _word, section = WORDS[doc.kind]
    link = link_path("cases.show_unit_page", case_id=case.id) + (f"#{section}" if section else "")
    return notes.notify(
        unit_staff(unit_ids),
        "info",
        f"document:{doc.id}",
        text(doc, due_on),
        link,
        secret=doc.secret,
        dedup_key=f"released:{doc.id}",  # an interrupted signature finished twice tells once
    )
