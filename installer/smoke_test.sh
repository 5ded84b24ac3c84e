#!/usr/bin/env bash
# Runs a built tafdesk as a user's machine would: no virtualenv, no Python on
# the path, nothing of the source tree. Usage: installer/smoke_test.sh [BUNDLE]
# (default dist/tafdesk; an installed /opt/tafdesk works too).
set -euo pipefail
bundle=$(cd "${1:-dist/tafdesk}" && pwd)
program="$bundle/tafdesk"
[ -x "$program" ] || { echo "smoke test: no built program at $program (run make dist)" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# A clean environment: the system's PATH only, a fresh home, Qt offscreen.
run() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$scratch/home" LANG=C.UTF-8 \
    TAFDESK_HOME="$scratch/tafdesk-home" QT_QPA_PLATFORM=offscreen "$program" "$@"
}
step() { echo "smoke: $*"; }
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

step "tafdesk --version"
run --version | grep -qx "tafdesk [0-9][0-9.]*" || fail "--version"

step "tafdesk --self-test (files, libraries, the sign-in dialog offscreen)"
run --self-test > self-test.txt || { cat self-test.txt; fail "--self-test"; }
grep -q "the sign-in dialog" self-test.txt || fail "the self-test did not open the sign-in dialog"

step "tafdesk demo (the schema's migrations, the row writer process)"
run demo --db demo.sqlite --today 2026-11-25 > demo.txt || { cat demo.txt; fail "demo"; }
run db check --db demo.sqlite > check.txt || { cat check.txt; fail "db check"; }

step "tafdesk export minutes (PDF) and a meeting pack (PDF and Word, rendered by worker processes)"
echo demo | run export minutes "North 2026-11-17" --edition full --db demo.sqlite --out minutes.pdf \
  --user manager.north --password-stdin > /dev/null || fail "export minutes"
[ "$(head -c 5 minutes.pdf)" = "%PDF-" ] || fail "minutes.pdf is not a PDF"
if command -v pdftotext > /dev/null; then
  pdftotext minutes.pdf - | grep -q "North" || fail "minutes.pdf does not name the locality"
fi
echo demo | run export pack "North 2026-11-17" --db demo.sqlite --out pack \
  --user manager.north --password-stdin > /dev/null || fail "export pack"
files=$(find pack -name "*.pdf" -o -name "*.docx" | wc -l)
[ "$files" -ge 8 ] || fail "the pack has $files files, fewer than the 8 that start the worker processes"

step "all well ($files files in the pack)"
