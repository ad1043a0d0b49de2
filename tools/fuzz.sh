#!/bin/sh
# Run every libFuzzer harness for a while and say what it found.
#   tools/fuzz.sh FUZZ-BUILD-DIR SECONDS
# Seeds come from samples/, tests/fixtures/ and tests/fuzz/seeds/ and are
# copied into build/fuzz-corpus-NAME/, where libFuzzer also keeps what it
# learns (so later runs start further on).  A crash, hang or leak leaves
# its input in build/fuzz-artifacts/ and makes this script fail.
set -u

bin=${1:?usage: tools/fuzz.sh FUZZ-BUILD-DIR SECONDS}
secs=${2:?usage: tools/fuzz.sh FUZZ-BUILD-DIR SECONDS}
out=build
arts=$out/fuzz-artifacts
mkdir -p "$arts"
failed=""

# seed NAME FILE...: copy files into NAME's corpus (each under a stable
# name, so repeated runs do not pile up copies).
seed() {
	dir=$out/fuzz-corpus-$1
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] || continue
		cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
	done
}

# Inputs that once crashed a harness (tests/fixtures/fuzz/HARNESS-what)
# go into every run, so a fixed bug stays fixed.
seed design samples/*.cfg tests/fixtures/*/*.cfg \
    tests/fixtures/fuzz/fuzz_design-*
seed secrets tests/fuzz/seeds/*.secrets tests/fixtures/*/*.secrets \
    samples/*.cfg tests/fixtures/fuzz/fuzz_secrets-*
seed prefix tests/fixtures/fuzz/fuzz_prefix-*
# Prefixes: every quoted address or prefix in the samples and fixtures,
# and the hand-picked ones of tests/fuzz/seeds/prefixes.txt, one a file.
mkdir -p "$out/fuzz-corpus-prefix"
{
	cat tests/fuzz/seeds/prefixes.txt
	cat samples/*.cfg tests/fixtures/*/*.cfg 2>/dev/null |
	    grep -ao '"[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:./]*"' | tr -d '"'
} | sort -u | while IFS= read -r p; do
	printf '%s' "$p" >"$out/fuzz-corpus-prefix/seed-$(printf '%s' "$p" |
	    tr '/:.%' '____')"
done

# Form fields (tests/fuzz/fuzz_fields.c): byte 0 a sample, byte 1 a form,
# byte 2 add or edit (bit 7) and the object, byte 3 the selection, then
# lines of a label byte and a value.  One seed per quoted value of the
# samples and fixtures, spread over the forms, fields and samples, plus
# the inputs that once crashed it.
seed fields tests/fixtures/fuzz/fuzz_fields-*
oct() { printf '\\%03o' "$1"; }
i=0
cat samples/*.cfg tests/fixtures/good/*.cfg tests/fixtures/export/*.cfg \
    2>/dev/null | grep -ao '"[^"]*"' | tr -d '"' | sort -u | head -400 |
    while IFS= read -r v; do
	# shellcheck disable=SC2059
	printf "$(oct $((i % 3)))$(oct $((i % 12)))$(oct $(((i / 12) % 2 * 128 + i % 5)))$(oct $((i % 6)))$(oct $((i % 40)))" \
	    >"$out/fuzz-corpus-fields/seed-$i"
	printf '%s\n' "$v" >>"$out/fuzz-corpus-fields/seed-$i"
	i=$((i + 1))
done

# run NAME MAX-LEN [DICT]: fuzz for $secs seconds, then run the whole
# corpus once more with leak detection.  Leak checks during fuzzing would
# cost 30 times the speed (libconfig's own leak, suppressed in
# tests/fuzz/lsan.supp, sets them off), and every input that reaches new
# code, a leaking path included, lands in the corpus anyway.
run() {
	name=$1 maxlen=$2 dict=${3:-}
	log=$out/fuzz-$name.log
	corpus=$out/fuzz-corpus-$name
	set -- "$bin/fuzz_$name" -timeout=10 -rss_limit_mb=2048 \
	    -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="$arts/fuzz_$name-"
	if [ -n "$dict" ]; then
		set -- "$@" -dict="$dict"
	fi
	echo "fuzz_$name: ${secs}s on $corpus"
	lsan=suppressions=tests/fuzz/lsan.supp:print_suppressions=0
	export LSAN_OPTIONS="${LSAN_OPTIONS:-$lsan}"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
	ASAN_OPTIONS=detect_leaks=0 "$@" -max_total_time="$secs" "$corpus" \
	    >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		ASAN_OPTIONS=detect_leaks=1 "$@" -runs=0 "$corpus" >>"$log" 2>&1
		rc=$?
	fi
	files=$(ls "$corpus" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$name: ok, ${execs:-?} executions, corpus $files inputs" \
		    "(no leak in any)"
	else
		echo "fuzz_$name: FAILED (exit $rc) after ${execs:-?} executions;" \
		    "log $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz_[a-z]+:|'\
'artifact_prefix|Test unit written|Direct leak|    #[0-9]+ )' "$log" |
		    grep -v ' in fuzzer::' | head -40
		failed="$failed fuzz_$name"
	fi
}

run design 16384 tests/fuzz/design.dict
run secrets 8192 tests/fuzz/secrets.dict
run prefix 256
run fields 2048

if [ -n "$failed" ]; then
	echo "fuzzing found problems in:$failed (inputs in $arts/)"
	exit 1
fi
echo "fuzzing: no crash, hang or leak in ${secs}s per harness"
