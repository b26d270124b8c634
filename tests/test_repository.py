"""The repository stands alone: nothing in it reads or names a folder beside the clone."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.register.excel_fixtures import FIXTURE

ROOT = Path(__file__).resolve().parents[1]
# Built from parts so that this file does not name the folder it searches for.
SIBLING = "sha" + "red/"


def _tracked_files():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git clone: no list of tracked files")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in out.decode().split("\0") if name]


def test_no_tracked_file_names_the_sibling_folder():
    needle = SIBLING.encode()
    hits = []
    for path in _tracked_files():
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if needle in line:
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.decode(errors='replace').strip()}")
    assert hits == []


def test_excel_fixture_lives_in_tests_fixtures():
    path = Path(FIXTURE).resolve()
    assert path.parent == ROOT / "tests" / "fixtures"
    assert path.is_file()
    assert path.read_bytes()[:2] == b"PK"  # a real .xlsx (zip), not a Git LFS pointer
