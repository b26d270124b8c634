"""Security audit of .ci/run: bandit on inspection/, pip-audit on .venv. Exit 1 on a failure.

bandit: every Medium and High finding is printed; a High one fails the run unless
`.bandit-allow` explains it (one line each: test id, path, reason).

pip-audit asks an advisory service about every installed package: PyPI's per-release JSON
(default) or OSV's API (PIP_AUDIT_SERVICE=osv). When the service does not answer (a machine
that reaches only the package indexes), the audit is SKIPPED and says so in capitals: a run
without advisories is never reported as "no known vulnerability". Any vulnerability found
fails the run unless `.pip-audit-allow` lists its id with a reason.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PROBES = {
    # One release known to exist; the answer must be 200 for the service to be usable.
    "pypi": ("https://pypi.org/pypi/flask/3.1.3/json", None),
    "osv": ("https://api.osv.dev/v1/query", {"package": {"name": "flask", "ecosystem": "PyPI"}, "version": "3.1.3"}),
}


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def read_allow(name):
    """Allow-list entries: {key: reason}; the key is everything but the last (reason) column."""
    entries, bad = {}, []
    path = ROOT / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines() if path.exists() else [], 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2) if name == ".bandit-allow" else line.split(None, 1)
        need = 3 if name == ".bandit-allow" else 2
        if len(parts) < need:
            bad.append(f"{name}:{number}: an entry without its reason: {line!r}")
            continue
        entries[tuple(parts[:-1])] = parts[-1]
    return entries, bad


def run_bandit():
    allow, bad = read_allow(".bandit-allow")
    for message in bad:
        say(message)
    proc = subprocess.run(
        [str(BIN / "bandit"), "-r", "inspection", "-ll", "-f", "json", "-q"], cwd=ROOT, capture_output=True, text=True
    )
    try:
        results = json.loads(proc.stdout)["results"]
    except (ValueError, KeyError):
        say(f"bandit did not report (status {proc.returncode}): {proc.stderr.strip()[-500:]}")
        return False
    failed, used = bool(bad), set()
    for r in results:
        key = (r["test_id"], r["filename"])
        reason = allow.get(key)
        used.add(key)
        verdict = f"allowed: {reason}" if reason else ("FAIL" if r["issue_severity"] == "HIGH" else "reported")
        say(
            f"  {r['issue_severity']:<6} {r['issue_confidence']:<6} {r['test_id']} "
            f"{r['filename']}:{r['line_number']} {r['issue_text']} [{verdict}]"
        )
        failed |= r["issue_severity"] == "HIGH" and not reason
    for key in set(allow) - used:
        say(f"  .bandit-allow: {' '.join(key)} matches no finding any more; remove it")
    say(f"bandit: {len(results)} Medium/High findings, {'FAILED' if failed else 'no unexplained High finding'}")
    return not failed


def probe(service):
    """None when the advisory service answers, else why not."""
    url, body = PROBES[service]
    data = json.dumps(body).encode() if body else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 - fixed https URL
            return None if response.status == 200 else f"HTTP {response.status} from {url}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} from {url}"
    except (urllib.error.URLError, OSError) as exc:
        return f"{url} unreachable ({getattr(exc, 'reason', exc)})"


def run_pip_audit():
    service = os.environ.get("PIP_AUDIT_SERVICE", "pypi")
    if service not in PROBES:
        say(f"PIP_AUDIT_SERVICE must be one of {', '.join(PROBES)}")
        return False
    why_not = probe(service)
    if why_not:
        say(
            f"pip-audit SKIPPED: the {service} advisory service does not answer here: {why_not}. "
            "Known vulnerabilities of the installed packages were NOT checked "
            "(see docs/operations.md, 'Security audit')."
        )
        return True
    allow, bad = read_allow(".pip-audit-allow")
    for message in bad:
        say(message)
    argv = [str(BIN / "pip-audit"), "--vulnerability-service", service, "--progress-spinner", "off", "--skip-editable"]
    for (vuln_id,), reason in allow.items():
        say(f"  ignored {vuln_id}: {reason}")
        argv += ["--ignore-vuln", vuln_id]
    status = subprocess.run(argv, cwd=ROOT).returncode
    say(f"pip-audit ({service}): {'FAILED' if status or bad else 'no known vulnerability'}")
    return status == 0 and not bad


def main():
    ok = run_bandit()
    ok = run_pip_audit() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
