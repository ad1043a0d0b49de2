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
for c in check export availability; do
	expect "$c says not built yet" 2 "$H" $c samples/multi-dc.cfg
	grep -q "not built yet" "$tmp/err" && ok "$c message" || bad "$c message"
	[ ! -s "$tmp/out" ] && ok "$c prints no result" || bad "$c prints no result"
done
expect "matrix exits 0" 0 "$H" matrix samples/multi-dc.cfg
grep -q "^wan:dc1-dc2 *BLACKHOLED at dc2" "$tmp/out" && ok "matrix shows the blackhole" ||
    bad "matrix shows the blackhole"
grep -q "Single points of failure" "$tmp/out" && ok "matrix lists single points of failure" ||
    bad "matrix lists single points of failure"
expect "matrix --format json exits 0" 0 "$H" matrix samples/multi-dc.cfg --format json
grep -q '"scenarios"' "$tmp/out" && ok "matrix json has scenarios" || bad "matrix json has scenarios"
expect "matrix --format=csv exits 0" 0 "$H" matrix --format=csv samples/dx-active-active.cfg
head -1 "$tmp/out" | grep -q "^scenario,direction,target" && ok "matrix csv header" ||
    bad "matrix csv header"
expect "matrix --k 2 exits 0" 0 "$H" matrix samples/multi-dc.cfg --k 2
grep -q "of 106 scenarios listed" "$tmp/out" && ok "matrix --k 2 counts" || bad "matrix --k 2 counts"
expect "matrix --fail exits 0" 0 "$H" matrix samples/multi-dc.cfg --fail connection:dx1,isp:isp-a --format md
grep -q "| connection:dx1 + isp:isp-a " "$tmp/out" && ok "matrix --fail row" || bad "matrix --fail row"
expect "matrix --fail with an unknown ID exits 2" 2 "$H" matrix samples/multi-dc.cfg --fail device:nope
grep -q "no component device:nope" "$tmp/err" && ok "matrix names the unknown ID" ||
    bad "matrix names the unknown ID"
expect "matrix --k 3 exits 2" 2 "$H" matrix samples/multi-dc.cfg --k 3
expect "matrix --format html exits 2" 2 "$H" matrix samples/multi-dc.cfg --format html
expect "matrix of a bad design exits 2" 2 "$H" matrix tests/fixtures/bad/dangling-device.cfg
grep -q "dangling-device.cfg:[0-9]*: connections\[0\].device" "$tmp/err" &&
    ok "matrix reports the load error" || bad "matrix reports the load error"
expect "matrix without a design exits 2" 2 "$H" matrix
expect "matrix in the C locale exits 0" 0 env LC_ALL=C LANG=C "$H" matrix samples/multi-dc.cfg
grep -q "dx1 => dc2 => wan" "$tmp/out" && ok "matrix is ASCII outside UTF-8" ||
    bad "matrix is ASCII outside UTF-8"
expect "unknown option exits 2" 2 "$H" --bogus
expect "TUI refuses an invalid design" 2 "$H" tests/fixtures/bad/dangling-device.cfg
expect "TUI without a terminal exits 2" 2 "$H" samples/multi-dc.cfg
