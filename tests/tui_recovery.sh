#!/bin/sh
# Crash-safe editing in the designer, driven as tests/tui.sh does (the real
# binary in a tmux pane, send-keys in, capture-pane out):
#
# 1. edits made through the keys survive a SIGKILL: the recovery file
#    written after every edit is offered at the next start, accepted and
#    saved, and the saved design holds every edit;
# 2. a save that cannot be written (a full tmpfs, when root may mount one;
#    otherwise an immutable folder) says so in the status line and leaves
#    the old file byte for byte as it was.
set -u
H=${HATOPO:-./hatopo}
case "$H" in
/*) ;;
*) H="$PWD/$H" ;;
esac
# Run from inside tmux too: the test's own server is named, never $TMUX.
unset TMUX TMUX_PANE
tmp=$(mktemp -d)
sock="hatopo-recovery-$$"
tm() { tmux -f /dev/null -L "$sock" "$@"; }
sockpath=
mnt=
immutable=
cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ -n "$immutable" ]; then
		chattr -i "$immutable" >/dev/null 2>&1
	fi
	if [ -n "$mnt" ]; then
		umount "$mnt" >/dev/null 2>&1
	fi
	if [ -n "$sockpath" ]; then
		rm -f "$sockpath"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

failures=0
ok() { echo "PASS: $1"; }
bad() {
	echo "FAIL: $1"
	failures=$((failures + 1))
	if [ -n "${2:-}" ]; then
		echo "--- screen of $2 ---"
		tm capture-pane -p -t "$2" 2>/dev/null | sed 's/^/| /'
		echo "---"
	fi
}
check() {   # check NAME SESSION COMMAND...: PASS when the command succeeds
	_name=$1 _session=$2
	shift 2
	if "$@"; then ok "$_name"; else bad "$_name" "$_session"; fi
}

if ! command -v tmux >/dev/null 2>&1; then
	bad "tmux is installed (make test-deps installs it)"
	exit 1
fi
if [ ! -x "$H" ]; then
	bad "$H is built"
	exit 1
fi

# One idle session keeps the server up for the whole run: a server whose
# last session is killed exits, and a session created at that moment
# would die with it.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 3600'
sockpath=$(tm display-message -p -t keep '#{socket_path}')

# start SESSION COLS ROWS ARGS...: open a session whose pane runs hatopo
# with ARGS once the test signals the channel SESSION (so pipe-pane and
# the like can be set up first).  hatopo's pid lands in $tmp/SESSION.pid.
# $pane_env is put before the command (e.g. NO_COLOR=1).  The locale is
# pinned to C.UTF-8 so the screen is the same wherever the test runs.
pane_env=
start() {
	s=$1 cols=$2 rows=$3
	shift 3
	{
		echo "tmux wait-for $s"
		echo "echo READY"
		printf 'env -u LANG LC_ALL=C.UTF-8 %s ' "$pane_env"
		printf 'sh -c '\''echo $$ >"%s"; exec "$0" "$@"'\'' "%s"' \
		    "$tmp/$s.pid" "$H"
		for a in "$@"; do printf ' "%s"' "$a"; done
		echo
		echo 'echo "EXITED $?"'
		printf 'stty -a >"%s.tmp"; mv "%s.tmp" "%s"\n' "$tmp/$s.stty" \
		    "$tmp/$s.stty" "$tmp/$s.stty"
		echo 'exec sleep 600'
	} >"$tmp/$s.sh"
	rm -f "$tmp/$s.pid" "$tmp/$s.stty"
	tm new-session -d -s "$s" -x "$cols" -y "$rows" "sh $tmp/$s.sh"
}
go() { tm wait-for -S "$1"; }
screen() { tm capture-pane -p -t "$1"; }
alt_on() { tm display-message -p -t "$1" '#{alternate_on}'; }
pid_of() { cat "$tmp/$1.pid" 2>/dev/null; }

# wait_for SESSION EXTENDED-REGEX: poll the screen for up to 3 s.
wait_for() {
	i=0
	while [ $i -lt 60 ]; do
		if screen "$1" | grep -Eq -- "$2"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# wait_gone SESSION EXTENDED-REGEX: poll until the text has left the screen.
wait_gone() {
	i=0
	while [ $i -lt 60 ]; do
		if ! screen "$1" | grep -Eq -- "$2"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# The pane's terminal modes after hatopo (stty -a, run in the pane once
# hatopo has gone): canonical input and echo are back on.
tty_sane() {
	i=0
	while [ ! -e "$tmp/$1.stty" ] && [ $i -lt 60 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	grep -Eq '(^| )icanon( |$)' "$tmp/$1.stty" 2>/dev/null &&
	    grep -Eq '(^| )echo( |$)' "$tmp/$1.stty"
}
# The main screen has gone and the shell's normal screen is back.
left_screen() {
	[ "$(alt_on "$1")" = 0 ] && ! screen "$1" | grep -q '^ hatopo  ' &&
	    screen "$1" | grep -q '^READY'
}
sample=samples/multi-dc.cfg
ESC=$(printf '\033')

on_screen() { screen "$1" | grep -Eq -- "$2"; }
# Is TEXT drawn in reverse video?  Colour changes (SGR 30-49) are dropped
# first; the last attribute change before the text must switch reverse
# video (SGR 7) on.
attrs() {
	tm capture-pane -e -p -t "$1" | sed "s/$ESC\[[34][0-9]m//g"
}
selected() {
	attrs "$1" | grep -Eq "$ESC\[([0-9;]*;)?7(;[0-9;]*)?m[^$ESC]*$2"
}
# Foreground or background colour (SGR 30-37, 40-47, 90-97, 38;5;N ...)
# anywhere on the screen, as capture-pane -e reports it.
has_colour() {
	tm capture-pane -e -p -t "$1" |
	    grep -Eq "$ESC\[([0-9;]*;)?([34][0-7]|9[0-7]|[34]8;[0-9;]+)m"
}
no_colour() { ! has_colour "$1"; }
not() { ! "$@"; }
finish() { tm kill-session -t "$1" >/dev/null 2>&1; }

# --- edits survive SIGKILL ----------------------------------------------------
# Four edits through the keys: a data center, a WAN link from it, a second
# data center and a WAN link from that one.  Then SIGKILL: no handler runs,
# so only what was written after each edit can be there.
cp "$sample" "$tmp/crash.cfg"
cp "$sample" "$tmp/crash.before"
s=kill1
start $s 120 40 "$tmp/crash.cfg"
go $s
check "the designer opens the copy" $s wait_for $s '║ VPC prod'
tm send-keys -t $s a Enter
check "the data center form proposes dc3" $s wait_for $s '│ name +dc3 '
tm send-keys -t $s Enter
check "dc3 is added" $s wait_for $s 'dc3 · 10\.2\.0\.0/16'
tm send-keys -t $s a 5
check "the WAN link form starts at dc3" $s wait_for $s '│ a +dc3 '
tm send-keys -t $s Tab Tab C-u 2 5 Enter
check "the WAN link dc3-dc1 is added" $s wait_for $s \
    'added WAN link dc3-dc1'
tm send-keys -t $s a Enter
check "the next data center form proposes dc4" $s wait_for $s '│ name +dc4 '
tm send-keys -t $s Enter
check "dc4 is added" $s wait_for $s 'dc4 · 10\.3\.0\.0/16'
tm send-keys -t $s a 5
check "the WAN link form starts at dc4" $s wait_for $s '│ a +dc4 '
tm send-keys -t $s Tab Tab C-u 4 0 Enter
check "the WAN link dc4-dc1 is added" $s wait_for $s \
    'added WAN link dc4-dc1'
check "the recovery file holds the last edit before the kill" $s \
    grep -Eq 'a = "dc4"; b = "dc1"; gbps = (40|4e\+01)' "$tmp/crash.cfg.recover"
pid=$(pid_of $s)
if [ -n "$pid" ]; then
	kill -s KILL "$pid"
	# No handler runs: the screen stays as hatopo left it (alternate
	# screen, raw mode) and the shell's line lands wherever the cursor is.
	check "SIGKILL ends the designer (exit 137)" $s wait_for $s 'EXITED 137'
else
	bad "the designer's pid is known" $s
fi
check "the design file is untouched after SIGKILL" $s \
    cmp -s "$tmp/crash.cfg" "$tmp/crash.before"
check "the recovery file survives SIGKILL" $s [ -s "$tmp/crash.cfg.recover" ]
finish $s

s=kill2
start $s 120 40 "$tmp/crash.cfg"
go $s
check "the restart offers the recovery file" $s wait_for $s \
    'holds unsaved changes from an earlier session: r recover, d discard'
tm send-keys -t $s r
check "r recovers: dc4 is back" $s wait_for $s 'dc4 · 10\.3\.0\.0/16'
check "r recovers: dc3 is back" $s on_screen $s 'dc3 · 10\.2\.0\.0/16'
check "the recovered changes are unsaved" $s on_screen $s 'crash\.cfg \+'
tm send-keys -t $s s
check "s saves the recovered design" $s wait_for $s "saved .*crash\\.cfg"
check "saving removes the recovery file" $s [ ! -e "$tmp/crash.cfg.recover" ]
tm send-keys -t $s q
check "q after saving exits 0" $s wait_for $s '^EXITED 0$'
finish $s
check "the saved design is valid" - "$H" validate "$tmp/crash.cfg"
check "edit 1: dc3 and its prefix are saved" - \
    grep -Eq 'name = "dc3";.*"10\.2\.0\.0/16"' "$tmp/crash.cfg"
check "edit 2: the WAN link dc3-dc1 (25G) is saved" - \
    grep -Eq 'a = "dc3"; b = "dc1"; gbps = (25|2\.5e\+01)' "$tmp/crash.cfg"
check "edit 3: dc4 and its prefix are saved" - \
    grep -Eq 'name = "dc4";.*"10\.3\.0\.0/16"' "$tmp/crash.cfg"
check "edit 4: the WAN link dc4-dc1 (40G) is saved" - \
    grep -Eq 'a = "dc4"; b = "dc1"; gbps = (40|4e\+01)' "$tmp/crash.cfg"
check "the original WAN link dc1-dc2 is still there" - \
    grep -Eq 'a = "dc1"; b = "dc2"; gbps = (10|1e\+01)' "$tmp/crash.cfg"
check "the previous version is kept as DESIGN~" - \
    cmp -s "$tmp/crash.cfg~" "$tmp/crash.before"

# --- a save that cannot be written ----------------------------------------------
# Root may mount a 64 KiB tmpfs and fill it: the temporary file of the
# atomic save cannot be written.  Where mounting is not allowed, an
# immutable folder (chattr +i) refuses the temporary file instead.
full="$tmp/full"
mkdir "$full"
how=
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k,mode=0755 hatopo-test \
    "$full" 2>/dev/null; then
	mnt=$full
	how="a full tmpfs"
	cp "$sample" "$full/design.cfg"
	# Fill it: the last byte that fits, then nothing more.
	dd if=/dev/zero of="$full/filler" bs=1024 count=128 2>/dev/null
	dd if=/dev/zero of="$full/filler2" bs=1 count=8192 2>/dev/null
elif cp "$sample" "$full/design.cfg" && chattr +i "$full" 2>/dev/null; then
	immutable=$full
	how="an immutable folder"
fi
if [ -z "$how" ]; then
	echo "SKIP: no full tmpfs (mount refused) and no chattr +i here:" \
	    "the failed-save case needs one of them"
else
	echo "failed save: $how"
	cp "$sample" "$tmp/full.before"
	s=full
	start $s 120 40 "$full/design.cfg"
	go $s
	check "($how) the designer opens the design" $s wait_for $s '║ VPC prod'
	tm send-keys -t $s a Enter Enter
	check "($how) an edit is made" $s wait_for $s 'dc3 · 10\.2\.0\.0/16'
	tm send-keys -t $s s
	check "($how) the status line says the design was not saved" $s \
	    wait_for $s 'not saved: .*design\.cfg: '
	check "($how) the message gives the reason" $s on_screen $s \
	    'not saved: .*(No space left on device|Operation not permitted|Permission denied)'
	check "($how) the design is still marked unsaved" $s on_screen $s \
	    'design\.cfg \+'
	check "($how) the old file is byte for byte intact" $s \
	    cmp -s "$full/design.cfg" "$tmp/full.before"
	check "($how) no temporary file is left beside it" $s \
	    sh -c "! ls -a '$full' | grep -v -e '^\\.\\.\\?\$' -e '^design\\.cfg\$' \
	    -e '^filler2\\?\$' -e '^design\\.cfg\\.recover\$' | grep -q ."
	tm send-keys -t $s q d
	check "($how) discarding exits 0" $s wait_for $s '^EXITED 0$'
	check "($how) the old file is still intact after quitting" $s \
	    cmp -s "$full/design.cfg" "$tmp/full.before"
	finish $s
fi

echo "tui_recovery.sh: $failures failure(s)"
[ "$failures" -eq 0 ]
