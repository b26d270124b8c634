"""Convert Word/Excel files to PDF with LibreOffice headless: the one helper for the app.

Used by the document engine (a kind whose active template is a .docx the Office uploaded:
the PDF is made from the rendered DOCX, so both carry the same words) and by the dossier
assembly (DOCX/XLSX uploads become pages of the dossier PDF).

Each call runs `soffice --headless --convert-to pdf` in its own temporary folder with its
own throwaway user profile (concurrent conversions never share a profile lock), HOME set to
that folder, a timeout (the whole process group is killed when it expires) and, where the
kernel allows an unprivileged network namespace (`unshare -rn`), no network at all. Bytes in,
bytes out: nothing is written outside the temporary folder.

The binary is the app config `SOFFICE_PATH` (env SOFFICE_PATH) when set, else `soffice` or
`libreoffice` found on PATH. A configured path that does not exist means "not installed".
"""

import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from inspection.errors import OfficeError, OfficeUnavailable

DEFAULT_TIMEOUT = 120  # seconds; a 50-page Word file converts in a few seconds
SUFFIXES = ("docx", "xlsx", "doc", "xls", "odt", "ods")


def _config(name, default=None):
    try:
        from flask import current_app, has_app_context

        if has_app_context():
            return current_app.config.get(name, default)
    except ImportError:  # pragma: no cover - flask is always installed with the app
        pass
    return os.environ.get(name, default)


def soffice_path():
    """The LibreOffice binary to run, or None when it is not installed."""
    configured = _config("SOFFICE_PATH")
    if configured:
        return shutil.which(configured)  # an absolute path is returned only if executable
    return shutil.which("soffice") or shutil.which("libreoffice")


def available():
    """True when LibreOffice can be run to convert files."""
    return soffice_path() is not None


@lru_cache(maxsize=1)
def _no_network_prefix():
    """['unshare', '-rn'] when this system lets us start a process without network, else []."""
    unshare = shutil.which("unshare")
    if not unshare:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (unshare, "-rn") if ok else ()


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def convert_to_pdf(data: bytes, suffix: str, timeout=None) -> bytes:
    """Convert one Word/Excel file (its bytes; suffix 'docx', 'xlsx'...) to PDF bytes.

    Raises OfficeUnavailable when LibreOffice is not installed and OfficeError when the
    conversion fails or takes longer than `timeout` seconds (app config SOFFICE_TIMEOUT).
    """
    suffix = suffix.lower().lstrip(".")
    if suffix not in SUFFIXES:
        raise OfficeError(f"Không chuyển được tệp .{suffix} sang PDF (chỉ nhận {', '.join(SUFFIXES)}).")
    binary = soffice_path()
    if binary is None:
        raise OfficeUnavailable(
            f"Máy chủ chưa cài LibreOffice (soffice) nên không chuyển được tệp .{suffix} sang PDF. "
            "Đề nghị quản trị hệ thống cài gói libreoffice-writer-nogui và libreoffice-calc-nogui "
            "(scripts/system-deps.sh run)."
        )
    timeout = timeout or float(_config("SOFFICE_TIMEOUT") or DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="soffice-") as tmp:
        work = Path(tmp)
        src = work / f"document.{suffix}"
        src.write_bytes(data)
        out_dir = work / "out"
        out_dir.mkdir()
        cmd = [
            *_no_network_prefix(),
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        env = {
            k: v
            for k, v in os.environ.items()
            if k.lower() not in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")
        }
        env.update(HOME=tmp, TMPDIR=tmp)
        try:
            proc = subprocess.Popen(
                cmd,
                cwd=tmp,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise OfficeUnavailable(f"Không chạy được LibreOffice ({binary}): {exc.strerror}.") from exc
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise OfficeError(
                f"LibreOffice không chuyển xong tệp .{suffix} sang PDF trong {timeout:.0f} giây; đã dừng."
            ) from None
        pdf = out_dir / "document.pdf"
        if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise OfficeError(
                f"LibreOffice không chuyển được tệp .{suffix} sang PDF "
                f"(mã lỗi {proc.returncode}) {detail[0][:200]}".strip()
            )
        return pdf.read_bytes()
