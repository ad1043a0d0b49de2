#!/bin/sh
# The designer as a user sees it: the real binary in a tmux pane of a fixed
# size, driven with send-keys and read back with capture-pane.  Each case
# runs in its own session; the pane runs a small script that waits for the
# test to be ready, starts hatopo, then prints "EXITED <status>" and keeps
# the terminal modes (stty -a) it finds afterwards in a file.
set -u
H=${HATOPO:-./hatopo}
case "$H" in
/*) ;;
*) H="$PWD/$H" ;;
esac
# Run from inside tmux too: the test's own server is named, never $TMUX.
unset TMUX TMUX_PANE
tmp=$(mktemp -d)
sock="hatopo-test-$$"
tm() { tmux -f /dev/null -L "$sock" "$@"; }
sockpath=
cleanup() {
	tm kill-server >/dev/null 2>&1
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
# Outline rows: the text left of the divider on the lines between the
# title and the status line.
outline_rows() {
	screen "$1" | sed '1d;$d' | sed 's/│.*//; s/ *$//' | grep -c .
}
# Is the outline row starting with TEXT drawn in reverse video?  Colour
# changes (SGR 30-49) are dropped first; what stays before the text must
# switch reverse video (SGR 7) on.
attrs() {
	tm capture-pane -e -p -t "$1" | sed "s/$ESC\[[34][0-9]m//g"
}
selected() {
	attrs "$1" | grep -q "^$ESC\[\([0-9;]*;\)\{0,1\}7m *$2"
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

# --- the outline and the inspector ----------------------------------------
s=outline
start $s 100 30 "$sample"
go $s
check "main screen opens with the file and the design's name" $s wait_for $s \
    '^ hatopo  samples/multi-dc\.cfg  Two data centers, DX primary'
for row in 'VPC prod  VGW AS64512  172\.31\.0\.0/16' 'dc1  10\.0\.0\.0/16' \
    'dc2  10\.1\.0\.0/16' '  cgw1  cisco-ios AS65001' \
    '    vpn1  VPN bgp, 2 tunnels' '    dx1  DX EqDC2/Zayo 10G vlan 101'; do
	check "outline row: $(echo "$row" | sed 's/\\//g; s/^ *//')" $s \
	    on_screen $s "^ $row "
done
check "outline has 8 rows (VPC, 2 DCs, 2 devices, 2 connections, WAN)" $s \
    [ "$(outline_rows $s)" -eq 8 ]
check "the first row (the VPC) is selected" $s selected $s 'VPC prod'
check "inspector shows the selected VPC" $s \
    on_screen $s '^.{49}│ gateway +virtual private gateway$'
tm send-keys -t $s j j j
check "j j j selects vpn1" $s wait_for $s '│ vpn1 · Site-to-Site VPN'
check "vpn1's row is highlighted" $s selected $s 'vpn1  VPN'
check "the VPC row is no longer highlighted" $s not selected $s 'VPC prod'
check "inspector shows vpn1's device" $s on_screen $s \
    '│ device +cgw1 \(dc1\)$'
check "inspector shows vpn1's tunnels" $s on_screen $s \
    '│ tunnel 2 +169\.254\.10\.4/30 1\.25 Gbps$'
check "inspector shows vpn1's advertisement" $s on_screen $s \
    '│ advertises +10\.0\.0\.0/15$'
tm send-keys -t $s j j j
check "three more j select dx1" $s wait_for $s '│ dx1 · Direct Connect'
check "inspector shows dx1's location" $s on_screen $s \
    '│ location +EqDC2 via Zayo$'
check "inspector shows dx1's port" $s on_screen $s \
    '│ port +10 Gbps, VLAN 101, BFD on$'
tm send-keys -t $s j j j j
check "j stops at the last row (the WAN link)" $s wait_for $s \
    '│ WAN link wan:dc1-dc2'
tm send-keys -t $s g
check "g goes to the first row" $s wait_for $s '│ VPC prod$'
check "the status line counts the design" $s on_screen $s \
    '^ 2 data centers, 1 WAN link, 2 devices, 2 connections \(1 VPN, 1 DX\)'

# --- help -------------------------------------------------------------------
tm send-keys -t $s '?'
check "? opens the help" $s wait_for $s '^  hatopo keys'
check "the help lists q" $s on_screen $s '^    q +quit'
check "the help replaces the outline" $s wait_gone $s 'vpn1  VPN bgp'
tm send-keys -t $s x
check "any key (x) closes the help" $s wait_gone $s 'hatopo keys'
check "the outline is back after the help" $s wait_for $s 'vpn1  VPN bgp'
tm send-keys -t $s F1
check "F1 opens the help" $s wait_for $s '^  hatopo keys'
tm send-keys -t $s j
check "j closes the help" $s wait_gone $s 'hatopo keys'
check "the key that closed the help did not move the selection" $s \
    selected $s 'VPC prod'

# --- resizing ---------------------------------------------------------------
tm resize-window -t $s -x 60 -y 20
check "60x20 shows terminal too small" $s wait_for $s \
    '^terminal too small: 60x20, hatopo needs 80x24$'
check "too small hides the outline" $s wait_gone $s 'vpn1  VPN'
tm resize-window -t $s -x 79 -y 30
check "79x30 is too small" $s wait_for $s '^terminal too small: 79x30'
tm resize-window -t $s -x 100 -y 23
check "100x23 is too small" $s wait_for $s '^terminal too small: 100x23'
tm resize-window -t $s -x 80 -y 24
check "80x24 is big enough" $s wait_for $s '^     vpn1  VPN bgp'
check "80x24 puts the divider at column 40" $s on_screen $s \
    '^ VPC prod.{30}│ VPC prod'
tm resize-window -t $s -x 120 -y 40
check "growing re-lays out at once" $s wait_for $s '^ VPC prod.{50}│ VPC prod'
check "a wide status line shows the key hints" $s on_screen $s 'q quit *$'
check "hatopo runs on the alternate screen" $s [ "$(alt_on $s)" = 1 ]

# --- q ------------------------------------------------------------------------
tm send-keys -t $s q
check "q exits 0" $s wait_for $s '^EXITED 0$'
check "q leaves the alternate screen" $s left_screen $s
check "q restores the terminal modes" $s tty_sane $s
finish $s

s=small
start $s 60 20 "$sample"
go $s
check "starting at 60x20 shows terminal too small" $s wait_for $s \
    '^terminal too small: 60x20'
tm send-keys -t $s j '?'
tm resize-window -t $s -x 100 -y 30
check "enlarging shows the design" $s wait_for $s '^ VPC prod'
check "keys typed while too small were ignored" $s selected $s 'VPC prod'
check "keys typed while too small opened no help" $s \
    wait_gone $s 'hatopo keys'
tm resize-window -t $s -x 60 -y 20
check "shrinking again shows the notice" $s wait_for $s \
    '^terminal too small: 60x20'
tm send-keys -t $s q
check "q quits from the too-small notice" $s wait_for $s '^EXITED 0$'
check "quitting while too small restores the terminal" $s tty_sane $s
finish $s

# --- signals ------------------------------------------------------------------
# SIGTERM, SIGINT and SIGHUP end the main loop; hatopo restores the
# terminal and exits 128 + the signal number.
for sig in TERM:143 INT:130 HUP:129; do
	name=${sig%%:*} want=${sig#*:}
	s=sig$name
	start $s 100 30 "$sample"
	go $s
	if wait_for $s '^ VPC prod' && [ -n "$(pid_of $s)" ]; then
		kill -s "$name" "$(pid_of $s)"
		check "SIG$name exits $want" $s wait_for $s "^EXITED $want\$"
		check "SIG$name leaves the alternate screen" $s left_screen $s
		check "SIG$name restores the terminal modes" $s tty_sane $s
	else
		bad "SIG$name: hatopo started" $s
	fi
	finish $s
done

# A crash: the handler puts the terminal back and dies of the same signal.
for sig in SEGV:139 ABRT:134; do
	name=${sig%%:*} want=${sig#*:}
	s=crash$name
	start $s 100 30 "$sample"
	go $s
	if wait_for $s '^ VPC prod' && [ -n "$(pid_of $s)" ]; then
		kill -s "$name" "$(pid_of $s)"
		check "SIG$name kills hatopo with the signal ($want)" $s \
		    wait_for $s "^EXITED $want\$"
		check "SIG$name leaves the alternate screen" $s left_screen $s
		check "SIG$name restores the terminal modes" $s tty_sane $s
	else
		bad "SIG$name: hatopo started" $s
	fi
	finish $s
done

# --- a design that does not exist yet ---------------------------------------
s=new
start $s 100 30 "$tmp/brand-new.cfg"
go $s
check "a missing file opens as [new]" $s wait_for $s \
    "^ hatopo  $tmp/brand-new\\.cfg \\[new\\]"
check "the new design has only the VPC row" $s [ "$(outline_rows $s)" -eq 1 ]
check "the new design's VPC row" $s on_screen $s '^ VPC [a-z]+  VGW AS64512 '
check "the status line says it is empty" $s on_screen $s '^ an empty design '
tm send-keys -t $s j j k
check "moving in a one-row outline is harmless" $s selected $s 'VPC '
tm send-keys -t $s q
check "q on a new design exits 0" $s wait_for $s '^EXITED 0$'
check "quitting a new design creates no file" $s [ ! -e "$tmp/brand-new.cfg" ]
finish $s

# --- an invalid design ------------------------------------------------------
# Everything the pane receives is logged: no escape sequence at all means
# hatopo never initialised the screen.
sed 's/device = "cd2"/device = "nosuch"/' "$sample" >"$tmp/broken.cfg"
cp "$tmp/broken.cfg" "$tmp/broken.before"
s=invalid
start $s 100 30 "$tmp/broken.cfg"
tm pipe-pane -t $s -o "cat >'$tmp/invalid.raw'"
go $s
check "an invalid design exits 2" $s wait_for $s '^EXITED 2$'
check "the error names file, line and field" $s on_screen $s \
    'broken\.cfg:[0-9]+: connections\[1\]\.device: no device named "nosuch"'
check "the message says the design was not opened" $s on_screen $s \
    "hatopo: .*broken\\.cfg was not opened"
tty_sane $s >/dev/null
tm pipe-pane -t $s
check "the pane log was recorded" $s grep -q 'was not opened' "$tmp/invalid.raw"
check "an invalid design never touches the screen" $s \
    sh -c "! grep -q '$ESC' '$tmp/invalid.raw'"
check "an invalid design leaves the terminal modes alone" $s tty_sane $s
check "an invalid design is left as it was" $s \
    cmp -s "$tmp/broken.cfg" "$tmp/broken.before"
finish $s

# --- colour -----------------------------------------------------------------
s=colour
start $s 100 30 "$sample"
go $s
wait_for $s '^ VPC prod' >/dev/null
check "colour by default" $s has_colour $s
tm send-keys -t $s q
finish $s
s=nocolour
pane_env=NO_COLOR=1
start $s 100 30 "$sample"
pane_env=
go $s
wait_for $s '^ VPC prod' >/dev/null
check "NO_COLOR: no colour" $s no_colour $s
check "NO_COLOR: the selection is still reverse video" $s \
    selected $s 'VPC prod'
tm send-keys -t $s q
finish $s

echo "tui.sh: $failures failure(s)"
[ "$failures" -eq 0 ]
