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

step "tafdesk --self-test (files, libraries, the sign-in dialog and first-run wizard offscreen)"
run --self-test > self-test.txt || { cat self-test.txt; fail "--self-test"; }
grep -q "the sign-in dialog" self-test.txt || fail "the self-test did not open the sign-in dialog"
grep -q "the first-run wizard" self-test.txt || fail "the self-test did not open the first-run wizard"

step "a first run without the window (a new database and its first administrator, who signs in)"
secret="smoke test password"
printf '%s\n%s\n' "$secret" "$secret" | run users add first.admin --role admin --display-name "First Administrator" \
  --db office.sqlite --password-stdin > first.txt || { cat first.txt; fail "users add on a new database"; }
printf '%s\n' "$secret" | run users list --db office.sqlite --user first.admin --password-stdin > users.txt \
  || { cat users.txt; fail "the first administrator could not sign in"; }
grep -q "first.admin" users.txt || fail "users list does not show the first administrator"

step "tafdesk db backup, the file damaged, tafdesk db restore"
run db backup --db office.sqlite kept/ > backup.txt || { cat backup.txt; fail "db backup"; }
copy=$(find kept -name "office-*.sqlite")
[ -n "$copy" ] || fail "db backup made no copy in kept/"
head -c 8192 office.sqlite > cut.sqlite && mv cut.sqlite office.sqlite  # the file cut short
if run db check --db office.sqlite > damaged.txt 2>&1; then fail "db check passed a damaged file"; fi
run db restore --db office.sqlite "$copy" > restore.txt || { cat restore.txt; fail "db restore"; }
run db check --db office.sqlite > restored.txt || { cat restored.txt; fail "db check after the restore"; }
printf '%s\n' "$secret" | run users list --db office.sqlite --user first.admin --password-stdin > users.txt \
  || { cat users.txt; fail "the first administrator could not sign in to the restored file"; }
[ -n "$(find . -maxdepth 1 -name "office-*-before-restore.sqlite")" ] || fail "the damaged file was not kept aside"

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
