#!/bin/sh
# The command line as a user runs it: exit codes, where messages go.
set -u
H=${HATOPO:-./hatopo}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS: $1"; }
bad() { echo "FAIL: $1"; }

expect() {  # expect NAME EXPECTED-RC COMMAND...
	name=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else
		bad "$name (exit $rc, wanted $want)"; cat "$tmp/err"; fi
}

expect "--help exits 0" 0 "$H" --help
grep -q "hatopo validate DESIGN" "$tmp/out" && ok "--help lists validate" ||
    bad "--help lists validate"
expect "--version exits 0" 0 "$H" --version
grep -q "^hatopo [0-9]" "$tmp/out" && ok "--version prints a version" ||
    bad "--version prints a version"
for s in samples/*.cfg; do
	expect "validate $s" 0 "$H" validate "$s"
	grep -q "valid:" "$tmp/out" && ok "validate $s says valid" ||
	    bad "validate $s says valid"
done
expect "validate a bad file exits 2" 2 "$H" validate tests/fixtures/bad/dangling-device.cfg
[ -s "$tmp/err" ] && [ ! -s "$tmp/out" ] && ok "errors go to stderr only" ||
    bad "errors go to stderr only"
grep -q "dangling-device.cfg:[0-9]*: connections\[0\].device" "$tmp/err" &&
    ok "error names file, line and field" || bad "error names file, line and field"
expect "validate a missing file exits 2" 2 "$H" validate "$tmp/none.cfg"
expect "validate without a file exits 2" 2 "$H" validate
for c in check matrix export availability; do
	expect "$c says not built yet" 2 "$H" $c samples/multi-dc.cfg
	grep -q "not built yet" "$tmp/err" && ok "$c message" || bad "$c message"
	[ ! -s "$tmp/out" ] && ok "$c prints no result" || bad "$c prints no result"
done
expect "unknown option exits 2" 2 "$H" --bogus
expect "TUI refuses an invalid design" 2 "$H" tests/fixtures/bad/dangling-device.cfg
expect "TUI without a terminal exits 2" 2 "$H" samples/multi-dc.cfg
