#!/bin/sh
# Run test programs (cmocka binaries and shell scripts), keep going after a
# failure, and close with one "N passed, N failed" line.
#   VALGRIND=1  run the cmocka binaries under valgrind (errors and leaks fail)
set -u

passed=0
failed=0
failed_names=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$@"; do
	case "$t" in
	*.sh) cmd="sh $t" ;;
	*)
		if [ "${VALGRIND:-}" = 1 ]; then
			cmd="valgrind -q --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect,possible --track-origins=yes $t"
		else
			cmd="$t"
		fi
		;;
	esac
	# Each test runs from the repository root with its own output kept.
	$cmd >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^PASS: .*/1/p' "$log" |
	    awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^FAIL: .*/1/p' "$log" |
	    awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# Crashed, leaked or failed without saying which test.
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ]; then
		failed_names="$failed_names $t"
	fi
done

if [ -n "$failed_names" ]; then
	echo "failing:$failed_names"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failed_names" ]
