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
tui_name=recovery
. "$(dirname "$0")/tui_lib.sh"

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
