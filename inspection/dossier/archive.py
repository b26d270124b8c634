"""Archival packages of closed dossiers: BagIt bags written atomically, and their fixity check.

A package is written into a hidden temporary folder under ARCHIVE_DIR/packages and moved
into place with ONE os.rename: a crash halfway leaves either no package or a complete one
(the hidden `.incoming-*` folder is never taken for a package). Existing packages are never
overwritten (Decree 30, Art. 29; docs/conventions.md "Archives are append-only"): their
payload never changes; only the describing metadata of a package (bag-info.txt and its
manifest.json) is rewritten after an audited correction (`rewrite_metadata`), the same way.
"""

import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field

import bagit

from inspection.errors import Conflict

CHECKSUMS = ["sha256", "sha512"]
INCOMING_PREFIX = ".incoming-"


def packages_root(archive_dir):
    """Return (and create) the folder holding the archival packages."""
    root = os.path.join(archive_dir, "packages")
    os.makedirs(root, exist_ok=True)
    return root


def slug(text, default="tai-lieu"):
    """Return an ASCII file-name-safe form of `text` ('05/QĐ-SNN' -> '05-qd-snn')."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60] or default


def package_name(code):
    """Return the folder name of a dossier's package, built from its code only."""
    return slug(code, default="ho-so")


def original_arcname(component, position, number_symbol, ext):
    """Return where an original sits inside the package (never from a user's file name)."""
    return f"originals/{component}/{component}-{position:02d}-{slug(number_symbol)}.{ext}"


def write_manifest(path, manifest):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=2, default=str)


def write_package(archive_dir, name, files, manifest, bag_info):
    """Write a BagIt package atomically; return its final path.

    `files` is a list of (arcname, source path); `manifest` a JSON-able dict;
    `bag_info` the bag-info.txt fields. Refuses to overwrite an existing package.
    """
    root = packages_root(archive_dir)
    final = os.path.join(root, name)
    if os.path.exists(final):
        raise FileExistsError(final)
    tmp = tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=root)
    try:
        for arcname, src in files:
            dest = os.path.join(tmp, *arcname.split("/"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(src, dest)
        write_manifest(os.path.join(tmp, "manifest.json"), manifest)
        bagit.make_bag(tmp, {k: str(v) for k, v in bag_info.items()}, processes=1, checksums=CHECKSUMS)
        _fsync_tree(tmp)
        os.rename(tmp, final)  # the one step that makes the package exist
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


MSG_NOT_INTACT = (
    "Gói lưu trữ của hồ sơ không toàn vẹn nên không ghi lại thông tin mô tả của gói; "
    "hãy kiểm tra tính toàn vẹn của kho lưu trữ trước."
)


def rewrite_metadata(path, info, manifest=None):
    """Rewrite a package's bag-info fields `info` (and data/manifest.json when `manifest` is
    given) with bagit's own Bag.save, so the tag manifests (and the payload manifests for a new
    manifest.json) match again; return the path.

    Atomic like write_package: the change is made on a hidden copy (payload hard-linked, never
    written through; tag files copied), fsynced, and exchanged with the package in one step;
    a failure leaves the package as it was. A package that does not verify first is refused
    (Conflict): re-saving its manifests would bless an altered file.
    """
    if not check_package(path).ok:
        raise Conflict(MSG_NOT_INTACT)
    tmp = tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=os.path.dirname(path))
    try:
        new = os.path.join(tmp, "bag")
        _copy_package(path, new)
        if manifest is not None:
            os.unlink(os.path.join(new, "data", "manifest.json"))  # a new file, not the linked one
            write_manifest(os.path.join(new, "data", "manifest.json"), manifest)
        _save_bag(new, info, manifests=manifest is not None)
        if not check_package(new).ok:
            raise bagit.BagError(f"rewritten package does not verify: {path}")
        _fsync_tree(new)
        _swap(new, path)  # `new` now names the old package, removed with tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def _copy_package(src, dest):
    """Copy a package: files under data/ hard-linked (copied where links fail), tag files copied."""

    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    os.makedirs(dest)
    for name in os.listdir(src):
        a, b = os.path.join(src, name), os.path.join(dest, name)
        if os.path.isdir(a):
            shutil.copytree(a, b, copy_function=link)
        else:
            shutil.copy2(a, b)


def _save_bag(path, info, manifests):
    """bag.info updated, then Bag.save (it changes the working directory: put back here)."""
    cwd = os.getcwd()
    try:
        bag = bagit.Bag(path)
        bag.info.update({k: str(v) for k, v in info.items()})
        bag.save(processes=1, manifests=manifests)
    finally:
        os.chdir(cwd)


RENAME_EXCHANGE = 2  # linux/fs.h


def _swap(a, b):
    """Exchange two folders in one step (renameat2 RENAME_EXCHANGE); where the system has no
    such call, two renames (a crash between them leaves both copies in the hidden folder)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
            return
    aside = a + ".old"
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _fsync_tree(top):
    for folder, _dirs, names in os.walk(top):
        for n in names:
            fd = os.open(os.path.join(folder, n), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def build_zip(out_path, files, manifest):
    """Write a ZIP of the originals, the assembled PDF and manifest.json (temp name, then rename)."""
    folder = os.path.dirname(os.path.abspath(out_path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".zip-", dir=folder)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for arcname, src in files:
                z.write(src, arcname)
            z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return out_path


# ---- fixity -----------------------------------------------------------------------


@dataclass
class PackageCheck:
    """The fixity result of one package."""

    name: str
    state: str  # 'ok' | 'missing' | 'altered' | 'incomplete'
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return self.state == "ok"


STATE_LABELS = {
    "ok": "toàn vẹn",
    "missing": "bị mất",
    "altered": "bị thay đổi",
    "incomplete": "không đầy đủ",
    "signature": "có chữ ký số không còn hợp lệ",  # issue 16: signatures re-checked after fixity
}


@dataclass
class VerifyReport:
    checks: list
    incoming: list = field(default_factory=list)  # leftovers of interrupted writes

    @property
    def ok(self):
        return all(c.ok for c in self.checks)

    @property
    def bad(self):
        return [c for c in self.checks if not c.ok]

    def lines(self):
        """Return the report as Vietnamese lines, one per bad package, then a summary."""
        out = []
        for c in self.bad:
            out.append(f"{c.name}: {STATE_LABELS[c.state]}")
            out += [f"  - {p}" for p in c.problems]
        for name in self.incoming:
            out.append(f"(bỏ qua thư mục tạm của lần ghi bị gián đoạn, không phải gói: {name})")
        out.append(
            f"Đã kiểm tra {len(self.checks)} gói: {len(self.checks) - len(self.bad)} toàn vẹn, {len(self.bad)} có lỗi."
        )
        return out


def check_package(path, name=None, signatures=None):
    """Re-check one package's completeness and checksums (sha256 and sha512), then, given a
    `signatures(bytes) -> Verdict` callable, the digital signatures of its signed PDFs."""
    name = name or os.path.basename(path)
    if not os.path.isdir(path):
        return PackageCheck(name, "missing", ["Không tìm thấy thư mục gói lưu trữ."])
    try:
        bag = bagit.Bag(path)
        # Payload-Oxum only counts files and bytes and would stop before naming the file;
        # completeness + both checksums say which file is missing or altered.
        bag.info.pop("Payload-Oxum", None)
        bag.validate(processes=1)
    except bagit.BagValidationError as exc:
        return _classify(name, exc)
    except bagit.BagError as exc:
        return PackageCheck(name, "incomplete", [f"Gói không hợp lệ: {exc}"])
    problems = _signature_problems(path, signatures) if signatures else []
    return PackageCheck(name, "signature", problems) if problems else PackageCheck(name, "ok")


def _signature_problems(path, signatures):
    from inspection.signing import pdfa, verify

    problems = []
    for folder, _dirs, files in os.walk(os.path.join(path, "data")):
        for fname in sorted(f for f in files if f.lower().endswith(".pdf")):
            with open(os.path.join(folder, fname), "rb") as fh:
                data = fh.read()
            verdict = signatures(data) if pdfa.is_signed(data) else None
            if verdict is not None and verdict.state == verify.INVALID:
                problems.append(f"{os.path.relpath(os.path.join(folder, fname), path)}: {verdict.text}")
    return problems


def _classify(name, exc):
    problems, state = [], "incomplete"
    for d in getattr(exc, "details", None) or []:
        if isinstance(d, bagit.ChecksumMismatch):
            state = "altered"
            problems.append(f"{d.path}: sai mã kiểm tra {d.algorithm} (tệp đã bị sửa)")
        elif isinstance(d, bagit.FileMissing):
            problems.append(f"{d.path}: thiếu tệp")
        elif isinstance(d, bagit.UnexpectedFile):
            problems.append(f"{d.path}: tệp lạ không có trong manifest")
        else:
            problems.append(str(d))
    if not problems:
        problems.append(str(exc))
    return PackageCheck(name, state, problems)


def verify_all(archive_dir, expected=(), signatures=None):
    """Check every package under ARCHIVE_DIR/packages plus the `expected` names that must exist."""
    root = packages_root(archive_dir)
    present = sorted(n for n in os.listdir(root) if not n.startswith("."))
    incoming = sorted(n for n in os.listdir(root) if n.startswith(INCOMING_PREFIX))
    checks = [check_package(os.path.join(root, n), n, signatures) for n in present]
    checks += [
        PackageCheck(n, "missing", ["Hồ sơ đã lưu trữ nhưng không tìm thấy gói."])
        for n in sorted(set(expected) - set(present))
    ]
    return VerifyReport(checks, incoming)
