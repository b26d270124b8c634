"""Issue 9, one home per concept: each is defined once in the code and the templates."""

import re
from pathlib import Path

import inspection

ROOT = Path(inspection.__file__).parent


def _sources(*suffixes):
    for path in sorted(ROOT.rglob("*")):
        if path.suffix in suffixes and path.is_file():
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _homes(pattern, *suffixes):
    return sorted({name for name, text in _sources(*suffixes) if re.search(pattern, text)})


def test_R_17_the_closed_case_state_is_spelled_once():
    assert _homes(r"da_dong_ho_so", ".py", ".html") == ["cases/rules.py"]


def test_today_and_now_come_from_the_one_clock():
    """Business dates ask inspection.clock; only job bookkeeping and login lockout keep the real time."""
    assert _homes(r"date\.today\(\)", ".py") == ["clock.py"]
    assert _homes(r"datetime\.now\(\)|default=datetime\.datetime\.now", ".py") == [
        "accounts/models.py",  # account created_at
        "accounts/operations.py",  # login lockout runs on the real time
        "audit.py",  # the audit trail records the real moment
        "audit_chain.py",  # the chain's verification results (real time)
        "backup.py",  # when a backup was taken
        "calendar/models.py",
        "clock.py",
        "dossier/tasks.py",  # background job bookkeeping
        "notifications/mail.py",  # outbox claims: bookkeeping of the delivery runs
    ]


def test_the_signer_block_lines_are_written_once():
    assert _homes(r"KT\. GIÁM ĐỐC|TL\. GIÁM ĐỐC", ".py") == ["documents/signers.py"]
