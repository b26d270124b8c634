#!/usr/bin/env bash
# Install the Debian packages the app needs, only those that are missing.
#
#   scripts/system-deps.sh run    # WeasyPrint (Pango) + document fonts + LibreOffice + python venv
#   scripts/system-deps.sh test   # run + Chromium and its driver for the browser tests
#   scripts/system-deps.sh ci     # test + PostgreSQL and Redis servers
#
# Several groups may be given at once; apt-get update runs at most once.
# As root the packages are installed with apt-get; otherwise the exact command
# to run is printed and the script exits with status 1.
set -euo pipefail

# WeasyPrint renders through Pango; documents use Liberation Serif (metric-compatible
# with Times New Roman, see docs/documents-form.md). python3-venv: `python3 -m venv`.
# LibreOffice (headless, no GUI) converts to PDF the Word files made from templates the Office
# edited, and the Word/Excel files uploaded into a dossier.
RUN_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fontconfig python3-venv
              libreoffice-writer-nogui libreoffice-calc-nogui)
# --- q2-report-charts: cairosvg draws the reports' SVG charts as PNG for Word (docxtpl) ---
RUN_PACKAGES+=(libcairo2)
# Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
TEST_PACKAGES=(chromium chromium-driver)
# .ci/run runs the database tests a second time against a real PostgreSQL server, and the
# two-process test (tests/ops/test_two_processes.py) with huey on a Redis server it starts.
CI_PACKAGES=(postgresql redis-server)

usage() { echo "usage: $0 run|test|ci [...]" >&2; exit 2; }
[ $# -ge 1 ] || usage

wanted=()
for group in "$@"; do
  case "$group" in
    run)  wanted+=("${RUN_PACKAGES[@]}") ;;
    test) wanted+=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
    ci)   wanted+=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${CI_PACKAGES[@]}") ;;
    *)    usage ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian system; make sure these are installed: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
