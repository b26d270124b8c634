"""Archival packages (BagIt): fixity check, tamper detection, atomic write (R-17, Decree 30 Art. 29)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspection.dossier import archive

ROOT = Path(__file__).resolve().parents[2]


def _files(tmp_path, n=3, size=1000):
    out = []
    for i in range(n):
        p = tmp_path / f"src{i}.bin"
        p.write_bytes(os.urandom(size))
        out.append((f"originals/{i % 8 + 1}/{i:02d}-tai-lieu.pdf", str(p)))
    return out


def _bag_info():
    return {
        "Dossier-Code": "KT-2026-001",
        "Dossier-Title": "Hồ sơ kiểm tra Chi cục Kiểm lâm",
        "Inspected-Units": "Chi cục Kiểm lâm",
        "Retention-Period": "20 năm",
        "Closing-Date": "2026-06-30",
        "Document-Count": 3,
        "Page-Count": 12,
    }


def test_R_17_package_is_a_valid_bag_with_sha256_and_sha512(tmp_path):
    path = archive.write_package(
        str(tmp_path / "arc"), "kt-2026-001", _files(tmp_path), {"dossier": {"code": "KT-2026-001"}}, _bag_info()
    )
    names = set(os.listdir(path))
    assert {
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
        "data",
    } <= names
    info = Path(path, "bag-info.txt").read_text(encoding="utf-8")
    assert "Dossier-Title: Hồ sơ kiểm tra Chi cục Kiểm lâm" in info
    assert "Retention-Period: 20 năm" in info and "Page-Count: 12" in info
    assert Path(path, "data", "manifest.json").exists()
    report = archive.verify_all(str(tmp_path / "arc"))
    assert report.ok and len(report.checks) == 1


def test_R_17_package_is_never_overwritten(tmp_path):
    archive.write_package(str(tmp_path / "arc"), "kt-1", _files(tmp_path), {}, _bag_info())
    with pytest.raises(FileExistsError):
        archive.write_package(str(tmp_path / "arc"), "kt-1", _files(tmp_path), {}, _bag_info())


def test_R_17_one_tampered_byte_is_named(tmp_path):
    arc = str(tmp_path / "arc")
    path = archive.write_package(arc, "kt-1", _files(tmp_path), {}, _bag_info())
    archive.write_package(arc, "kt-2", _files(tmp_path), {}, _bag_info())
    target = Path(path, "data", "originals", "2", "01-tai-lieu.pdf")
    data = bytearray(target.read_bytes())
    data[10] ^= 0x01
    target.write_bytes(bytes(data))
    report = archive.verify_all(arc)
    assert not report.ok
    [bad] = report.bad
    assert bad.name == "kt-1" and bad.state == "altered"
    text = "\n".join(report.lines())
    assert "data/originals/2/01-tai-lieu.pdf" in text and "bị thay đổi" in text
    assert "Đã kiểm tra 2 gói: 1 toàn vẹn, 1 có lỗi." in text


def test_R_17_missing_file_and_missing_package_are_reported(tmp_path):
    arc = str(tmp_path / "arc")
    path = archive.write_package(arc, "kt-1", _files(tmp_path), {}, _bag_info())
    os.remove(Path(path, "data", "originals", "1", "00-tai-lieu.pdf"))
    report = archive.verify_all(arc, expected=["kt-1", "kt-9"])
    states = {c.name: c.state for c in report.bad}
    assert states == {"kt-1": "incomplete", "kt-9": "missing"}
    assert any("00-tai-lieu.pdf: thiếu tệp" in line for line in report.lines())


def test_R_17_killed_archiving_leaves_no_half_package(tmp_path):
    """Kill the writer midway (SIGKILL): either no package or a complete one, never half."""
    arc = tmp_path / "arc"
    big = [(f"originals/1/{i:02d}-tai-lieu.pdf", str(tmp_path / f"big{i}.bin")) for i in range(60)]
    for _, src in big:
        with open(src, "wb") as fh:
            fh.write(os.urandom(1024) * 4096)  # 4 MB each, 240 MB in all
    script = (
        "import sys, json; from inspection.dossier import archive; "
        "files = json.loads(sys.argv[2]); "
        'archive.write_package(sys.argv[1], "kt-killed", files, {}, {"Dossier-Code": "KT"})'
    )
    import json

    proc = subprocess.Popen([sys.executable, "-c", script, str(arc), json.dumps(big)], cwd=ROOT)
    root = arc / "packages"
    deadline = time.time() + 60
    while time.time() < deadline:
        if root.exists() and any(n.startswith(archive.INCOMING_PREFIX) for n in os.listdir(root)):
            break
        time.sleep(0.005)
    time.sleep(0.3)  # well inside copying/hashing 240 MB
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (root / "kt-killed").exists()
    report = archive.verify_all(str(arc))
    assert report.checks == [] and report.ok
    assert report.incoming, "the interrupted temporary folder is reported, not taken for a package"
    # The next attempt writes the complete package.
    archive.write_package(str(arc), "kt-killed", big[:2], {}, {"Dossier-Code": "KT"})
    assert archive.verify_all(str(arc)).ok


def test_zip_holds_originals_and_manifest(tmp_path):
    import json
    import zipfile

    out = archive.build_zip(
        str(tmp_path / "out" / "ho-so.zip"), _files(tmp_path), {"dossier": {"code": "KT-1", "title": "Hồ sơ"}}
    )
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert "manifest.json" in names and "originals/1/00-tai-lieu.pdf" in names
        assert json.loads(z.read("manifest.json"))["dossier"]["title"] == "Hồ sơ"


def test_names_in_package_come_from_metadata_not_user_paths():
    assert archive.original_arcname(2, 3, "../../etc/passwd", "pdf") == "originals/2/2-03-etc-passwd.pdf"
    assert archive.slug("05/QĐ-SNN") == "05-qd-snn"
    assert archive.package_name("KT-2026-001") == "kt-2026-001"
