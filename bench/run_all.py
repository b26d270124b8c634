"""Run every benchmark script in bench/ in turn and summarise time and peak memory.

Each bench/*.py prints its own numbers; this runner adds, per script, the wall time
and the peak resident memory of the process (from wait4's rusage), then a table.
Usage: .venv/bin/python bench/run_all.py [name-fragment ...]
Exit status 1 when any benchmark fails.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def scripts(fragments):
    """List the benchmark scripts, optionally only those whose name contains a fragment."""
    found = sorted(p for p in BENCH_DIR.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))
    if fragments:
        found = [p for p in found if any(f in p.name for f in fragments)]
    return found


def run(script):
    """Run one script with this interpreter; return (status, seconds, peak RSS in MiB)."""
    print(f"\n=== {script.relative_to(ROOT)}", flush=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return proc.returncode, seconds, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def main(argv):
    found = scripts(argv)
    if not found:
        print("no benchmark scripts in bench/", file=sys.stderr)
        return 1
    results = [(p.name, *run(p)) for p in found]
    print("\n=== summary")
    print(f"{'script':<36} {'status':>6} {'seconds':>9} {'peak MiB':>9}")
    for name, status, seconds, peak in results:
        print(f"{name:<36} {status:>6} {seconds:>9.2f} {peak:>9.1f}")
    failed = [name for name, status, *_ in results if status != 0]
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
