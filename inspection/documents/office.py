"""Convert Word/Excel files to PDF with LibreOffice headless: the one helper for the app.

Used by the document engine (a kind whose active template is a .docx the Office uploaded:
the PDF is made from the rendered DOCX, so both carry the same words) and by the dossier
assembly (DOCX/XLSX uploads become pages of the dossier PDF).

Each call runs `soffice --headless --convert-to pdf` in its own temporary folder with its
own throwaway user profile (concurrent conversions never share a profile lock), HOME set to
that folder, a timeout (the whole process group is killed when it expires) and, where the
kernel allows an unprivileged network namespace (`unshare -rn`), no network at all. Bytes in,
bytes out: nothing is written outside the temporary folder.

Nothing outside the file is read (a DOCX whose image is linked to `file:///...` made
LibreOffice embed that server file in the PDF): uploads with such links are refused
(uploads.check_office_package), and here, as a second wall, every non-hyperlink external
relationship is removed before conversion and the profile blocks linked content
(BlockUntrustedRefererLinks; Writer and Calc never update links on load; macros off).
The process gets an address-space limit (SOFFICE_MAX_MEMORY_MB, default 2048: a 50-page
text-only file converts within 384 MB) and a CPU-time limit, so a hostile file cannot take
the machine.

The binary is the app config `SOFFICE_PATH` (env SOFFICE_PATH) when set, else `soffice` or
`libreoffice` found on PATH. A configured path that does not exist means "not installed".
"""

import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from inspection.errors import OfficeError, OfficeUnavailable

DEFAULT_TIMEOUT = 120  # seconds; a 50-page Word file converts in a few seconds
SUFFIXES = ("docx", "xlsx", "doc", "xls", "odt", "ods")
DEFAULT_MAX_MEMORY_MB = 2048
MAX_OUTPUT_BYTES = 1024 * 1024 * 1024  # RLIMIT_FSIZE: no PDF of ours comes near 1 GB
# Values from LibreOffice's own schema (officecfg Common.xcs, Writer.xcs, Calc.xcs):
# Writer Content/Update/Link 0 = never (1 on request, 2 always); Calc's is 1 = never
# (ScLkUpdMode: 0 always, 1 never, 2 on demand). Checked against 7.4's main.xcd defaults.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>0</value></prop>\
<prop oor:name="Field" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
"""


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


def strip_external_links(data: bytes) -> bytes:
    """The same Office package without external relationships other than hyperlinks.

    Not a zip (a .doc, a broken file) comes back unchanged: LibreOffice's own settings
    still block linked content there.
    """
    from inspection.uploads import HYPERLINK, external_relationships

    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    out = io.BytesIO()
    with zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename.lower().endswith(".rels") and external_relationships(part):
                part = _without_external(part, HYPERLINK)
            zout.writestr(info, part)
    return out.getvalue()


def _without_external(rels_xml, keep_type):
    from lxml import etree

    from inspection.uploads import _URL_LIKE

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(rels_xml, parser)
    for rel in list(root.iter("{*}Relationship")):
        external = rel.get("TargetMode", "").lower() == "external" or _URL_LIKE.match(rel.get("Target") or "")
        if external and rel.get("Type") != keep_type:
            rel.getparent().remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _limits(memory_mb, cpu_seconds):
    """A preexec_fn setting the child's memory, CPU-time and file-size limits (before exec)."""
    memory = int(memory_mb) * 1024 * 1024
    cpu = int(cpu_seconds) + 1

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_OUTPUT_BYTES, MAX_OUTPUT_BYTES))

    return apply


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
        src.write_bytes(strip_external_links(data))  # second wall, nothing read outside the file
        settings = work / "profile" / "user" / "registrymodifications.xcu"
        settings.parent.mkdir(parents=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
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
                preexec_fn=_limits(_config("SOFFICE_MAX_MEMORY_MB") or DEFAULT_MAX_MEMORY_MB, timeout),
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
