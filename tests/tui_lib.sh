# Shared by the designer's tmux tests (tests/tui*.sh): the real binary in
# a tmux pane of a fixed size, driven with send-keys and read back with
# capture-pane.  The caller sets tui_name (names the tmux server) and then
# sources this file.
H=${HATOPO:-./hatopo}
case "$H" in
/*) ;;
*) H="$PWD/$H" ;;
esac
# Run from inside tmux too: the test's own server is named, never $TMUX.
unset TMUX TMUX_PANE
tmp=$(mktemp -d)
sock="hatopo-${tui_name:-test}-$$"
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
# pinned to C.UTF-8 so the screen is the same wherever the test runs, and
# a new design's recovery file goes to the test's folder, not $HOME.
pane_env=
start() {
	s=$1 cols=$2 rows=$3
	shift 3
	{
		echo "tmux wait-for $s"
		echo "echo READY"
		printf 'env -u LANG LC_ALL=C.UTF-8 XDG_STATE_HOME="%s" %s ' \
		    "$tmp" "$pane_env"
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

# wait_for SESSION EXTENDED-REGEX: poll the screen for up to 6 s (the
# machine may be busy with other jobs).
wait_for() {
	i=0
	while [ $i -lt 120 ]; do
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
	while [ $i -lt 120 ]; do
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

# on_screen SESSION EXTENDED-REGEX: the text is there, or comes within the
# wait (a redraw can reach tmux in more than one piece).
on_screen() { wait_for "$1" "$2"; }
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
# click SESSION COLUMN ROW: a left click (press, release) on a cell counted
# from 0, sent as the terminal's X10 mouse report.
click() {
	cx=$(printf %x $((33 + $2)))
	cy=$(printf %x $((33 + $3)))
	tm send-keys -t "$1" -H 1b 5b 4d 20 "$cx" "$cy"
	tm send-keys -t "$1" -H 1b 5b 4d 23 "$cx" "$cy"
}
finish() { tm kill-session -t "$1" >/dev/null 2>&1; }
