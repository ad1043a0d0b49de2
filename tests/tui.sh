#!/bin/sh
# The designer as a user sees it: the real binary in a tmux pane of a fixed
# size, driven with send-keys and read back with capture-pane.  Each case
# runs in its own session; the pane runs a small script that waits for the
# test to be ready, starts hatopo, then prints "EXITED <status>" and keeps
# the terminal modes (stty -a) it finds afterwards in a file.
set -u
tui_name=test
. "$(dirname "$0")/tui_lib.sh"


# --- the main screen ----------------------------------------------------------
# The session edits (drags a data center): it works on a copy, so no
# recovery file can land beside the sample.
cp "$sample" "$tmp/multi-dc.cfg"
s=main
start $s 120 40 "$tmp/multi-dc.cfg"
go $s
check "main screen opens with the file and the design's name" $s wait_for $s \
    '^ hatopo  /.*/multi-dc\.cfg  Two data centers, DX primary'
check "the canvas draws the VPC at the top" $s on_screen $s \
    '║ VPC prod · VGW · AS64512 · 172\.31\.0\.0/16 ║'
check "the canvas draws dc1 with its device" $s on_screen $s \
    '│ cgw1 cisco-ios AS65001 │'
check "the canvas draws the DX location on dx1" $s on_screen $s \
    '│ EqDC2 · Zayo │'
check "dx1 is labelled with its speed" $s on_screen $s '┃ dx1 10G'
check "vpn1 is drawn dashed" $s on_screen $s '┆ vpn1'
check "the WAN link is drawn double and labelled" $s on_screen $s \
    '╚═+ wan 10G ═+╝'
check "both data centers fit side by side at 120 columns" $s on_screen $s \
    'dc1 · 10\.0\.0\.0/16 .*dc2 · 10\.1\.0\.0/16'
check "the VPC is selected and shown in the inspector" $s on_screen $s \
    '│ gateway +virtual private gateway +│$'
check "the selection is reverse video" $s selected $s 'VPC prod'
check "the findings list counts the rules' findings" $s on_screen $s \
    'findings  2 E  0 W  1 I'
check "findings show rule and severity" $s on_screen $s '│ E HA002   single point'
check "the status line has the key hints" $s on_screen $s \
    '^ 2E 0W 1I  a add  e edit  d del  f fail  F clear  m matrix  u undo  s save  / find  x export  Tab panels  \? help  q quit'

# --- the mouse (xterm reports: ESC [ M, button + 32, column + 33, row + 33)
click $s 29 13
check "a click on cgw1's box selects it" $s wait_for $s '┌ device cgw1'
click $s 25 2
check "a click on the VPC selects it again" $s wait_for $s '┌ VPC prod'
# The add list is 50 wide and 11 high, centred: its second item, device,
# is on row 16 (0-based), and column 40 is inside it.
tm send-keys -t $s a
check "a opens the add list over the canvas" $s wait_for $s '┌─ add ─+┐'
click $s 40 16
check "a click on an item of the list chooses it" $s wait_for $s 'add device'
tm send-keys -t $s Escape
check "Esc leaves the form without a change" $s wait_gone $s 'add device'
tm send-keys -t $s a
check "the add list opens again" $s wait_for $s '┌─ add ─+┐'
click $s 1 1
check "a click outside the list closes it" $s wait_gone $s '┌─ add ─+┐'
check "and changes nothing" $s wait_gone $s 'multi-dc\.cfg \+'

tm send-keys -t $s -H 1b 5b 4d 20 4f 30
tm send-keys -t $s -H 1b 5b 4d 23 24 2e
check "dragging dc2 onto dc1's left half puts it first" $s wait_for $s \
    'dc2 · 10\.1\.0\.0/16 .*dc1 · 10\.0\.0\.0/16'
check "the move is an edit (unsaved)" $s on_screen $s 'multi-dc\.cfg \+'
tm send-keys -t $s L
check "L moves the selected data center right again" $s wait_for $s \
    'dc1 · 10\.0\.0\.0/16 .*dc2 · 10\.1\.0\.0/16'
tm send-keys -t $s L
check "L at the end of the row says so and changes nothing" $s wait_for $s \
    'dc2 is already the last in its row'
tm send-keys -t $s H
check "H moves it left" $s wait_for $s \
    'dc2 · 10\.1\.0\.0/16 .*dc1 · 10\.0\.0\.0/16'
tm send-keys -t $s H
check "H at the start of the row says so" $s wait_for $s \
    'dc2 is already the first in its row'
check "and the layout stays valid" $s wait_gone $s 'layout\.'
tm send-keys -t $s K
check "K in the top row says so" $s wait_for $s 'dc2 is already in the top row'
tm send-keys -t $s u u u
check "undo takes the three moves back" $s wait_gone $s 'multi-dc\.cfg \+'
check "back at the saved state the recovery file goes" $s \
    [ ! -e "$tmp/multi-dc.cfg.recover" ]
# Snapshots more than four steps from the current one are kept as text:
# undo and redo walk through them and back to the saved state.
tm send-keys -t $s H L H L H L H L u u u u u u u u
check "eight moves undone, through the snapshots kept as text" $s \
    wait_for $s 'undone \(0 of 8\)'
check "and the design is as saved" $s wait_gone $s 'multi-dc\.cfg \+'
tm send-keys -t $s C-r C-r C-r C-r C-r C-r C-r C-r
check "and redone" $s wait_for $s 'redone \(8 of 8\)'
check "to the last move's order" $s on_screen $s \
    'dc1 · 10\.0\.0\.0/16 .*dc2 · 10\.1\.0\.0/16'
tm send-keys -t $s H
check "and H after them still works" $s wait_for $s \
    'dc2 · 10\.1\.0\.0/16 .*dc1 · 10\.0\.0\.0/16'
tm send-keys -t $s u u u u u u u u u
check "back at the saved state again" $s wait_for $s 'undone \(0 of 9\)'
check "with no unsaved mark" $s wait_gone $s 'multi-dc\.cfg \+'
tm send-keys -t $s g

# --- finding and selecting ---------------------------------------------------
tm send-keys -t $s / v p n 1 Enter
check "/vpn1 selects vpn1" $s wait_for $s '┌ vpn1 · Site-to-Site VPN'
check "the inspector shows vpn1's tunnels" $s on_screen $s \
    '│ tunnel 2 +169\.254\.10\.4/30 1\.25 Gbps'
check "the inspector shows vpn1's live load" $s on_screen $s \
    '│ to on-prem +0\.00 / 1\.25 Gbps 0%'
tm send-keys -t $s j
check "j moves the selection down to vpn1's device" $s wait_for $s \
    '┌ device cgw1'
tm send-keys -t $s Tab Enter
check "Tab and Enter on a finding select its subject (wan:dc1-dc2)" $s \
    wait_for $s '┌ WAN link wan:dc1-dc2'
tm send-keys -t $s Tab
check "the finding in focus shows its whole message" $s wait_for $s \
    '│ +\(10\.0\.0\.0/15\), and dc2 has +│$'
check "and its fix" $s on_screen $s '│ +fix: advertise 10\.0\.0\.0/16 +│$'
check "the findings out of focus stay at three rows" $s on_screen $s \
    '│ +whose tunnel carries 1\.25\.\.\. +│$'
# A finding takes several rows: a click on the third one's first row
# chooses the third one.
row=$(screen $s | grep -n 'I HA020' | cut -d: -f1)
click $s 85 $((${row:-1} - 1))
check "a click on a finding chooses the finding drawn there" $s wait_for $s \
    '│ +fix: add a second DX on a +│$'
check "and selects its subject" $s on_screen $s '┌ VPC prod'
check "the key hints follow the focus to the findings" $s on_screen $s \
    '^ 2E 0W 1I  Up/Down choose  Enter select its subject  Esc canvas'
tm send-keys -t $s Escape
check "Esc gives the keys back to the canvas" $s wait_for $s \
    '^ 2E 0W 1I  a add  e edit'
check "and closes the finding" $s wait_gone $s 'fix: add a second DX'

# --- what-if ------------------------------------------------------------------
tm send-keys -t $s / d x 1 Enter
wait_for $s '┌ dx1 · Direct Connect' >/dev/null
tm send-keys -t $s f
check "f fails the selected dx1: the scenario is in the title line" $s \
    wait_for $s 'what-if: connection:dx1 *$'
check "dx1 is crossed out by its label (seen without colours too)" $s \
    on_screen $s '╳ dx1 10G'
check "failing dx1 adds what it breaks to the findings" $s on_screen $s \
    '│ W what-if 10\.0\.0\.0/16 vpn1 ⇒'
check "the finding says vpn1 is overloaded" $s on_screen $s \
    '│ +OVERLOADED 3\.5/1\.25'
check "the findings counts change" $s on_screen $s 'findings  2 E  2 W  1 I'
check "the inspector says dx1 is failed" $s on_screen $s \
    '│ what-if +FAILED \(f restores\)'
check "dx1's load is gone" $s on_screen $s '│ to on-prem +down'
check "the status line counts change at once" $s on_screen $s '^ 2E 2W 1I '
tm send-keys -t $s f
check "f again restores dx1" $s wait_gone $s 'what-if: connection:dx1'
check "and its line is whole again" $s on_screen $s '┃ dx1 10G'
check "the inspector says what f and p do" $s on_screen $s \
    '│ what-if +up: f fails it, p a '
tm send-keys -t $s p
check "p offers dx1's location and provider" $s wait_for $s '│provider:Zayo'
tm send-keys -t $s j Enter
check "the location can be failed through the picker" $s wait_for $s \
    'what-if: location:EqDC2'
check "failing the location takes dx1 down" $s on_screen $s \
    '│ to on-prem +down'
check "the inspector says which failure took dx1 down" $s on_screen $s \
    '│ what-if +down with location:EqDC2 '
tm send-keys -t $s F
check "F clears every failure" $s wait_gone $s 'what-if:'
check "the findings are back to the baseline" $s on_screen $s \
    'findings  2 E  0 W  1 I'
tm send-keys -t $s / w a n Enter
check "/ finds a WAN link by its component ID" $s wait_for $s \
    'found wan:dc1-dc2'
tm send-keys -t $s / p r o d Enter
check "/ finds the VPC" $s wait_for $s '┌ VPC prod'
tm send-keys -t $s f
check "f on the VPC points to p" $s wait_for $s 'the VPC does not fail: p picks'
tm send-keys -t $s p
check "p on the VPC offers AWS's endpoints first" $s wait_for $s \
    '│aws-endpoint:1'
tm send-keys -t $s Enter
check "and fails the one chosen" $s wait_for $s 'what-if: aws-endpoint:1 *$'
tm send-keys -t $s F
check "F clears it" $s wait_gone $s 'what-if:'

# --- the failover matrix ------------------------------------------------------
tm send-keys -t $s m
check "m opens the failover matrix" $s wait_for $s 'failover matrix \(k=1\): [0-9]+ scenarios'
check "the matrix has a column per destination" $s on_screen $s \
    '10\.0\.0\.0/16 \(dc1\)'
check "the matrix shows the WAN link's blackhole" $s on_screen $s \
    '^ wan:dc1-dc2 .*BLACKHOLED at dc2'
check "the matrix's columns are as wide as their cells" $s on_screen $s \
    '^ connection:dx1 +vpn1 ⇒ OVERLOADED 3\.5/1\.25  vpn1 ⇒ dc1 ⇒ wan ⇒ OVERLOADED 3\.5/1\.25  vpn1 '
check "the status line has the matrix's keys" $s on_screen $s \
    'Up/Down choose  Enter apply to the canvas  < > columns'
tm send-keys -t $s j
check "a scenario that changes nothing says so" $s wait_for $s \
    '^ connection:vpn1: every column as in the baseline'
tm send-keys -t $s j j j
check "the scenario chosen is shown where it differs from the baseline" $s \
    wait_for $s '^ connection:dx1: 4 of 4 columns differ from the baseline'
check "in full, beside the baseline" $s on_screen $s \
    '^   10\.1\.0\.0/16 \(dc2\) +vpn1 ⇒ dc1 ⇒ wan ⇒ OVERLOADED 3\.5/1\.25  \(baseline: dx1\)'
click $s 5 12
check "a click on a row of the matrix chooses its scenario" $s wait_for $s \
    '^ wan:dc1-dc2: [0-9]+ of 4 columns differ from the baseline'
tm send-keys -t $s g
check "g goes back to the baseline" $s wait_for $s '^ baseline *$'
tm send-keys -t $s j Enter
check "Enter applies the row's scenario to the canvas" $s wait_for $s \
    'what-if: connection:vpn1 *$'
tm send-keys -t $s F
check "F clears the applied scenario" $s wait_gone $s 'what-if:'
# Rows are computed as they come on screen; leaving with Esc puts the
# canvas back as it was, however far the list was scrolled.
tm send-keys -t $s m
check "m opens the matrix again" $s wait_for $s 'failover matrix \(k=1\)'
tm send-keys -t $s j j j j Escape
check "Esc leaves the matrix" $s wait_gone $s 'failover matrix'
check "and no scenario is applied" $s wait_gone $s 'what-if:'
check "the findings are the baseline's" $s on_screen $s \
    'findings  2 E  0 W  1 I'

# --- help -------------------------------------------------------------------
tm send-keys -t $s '?'
check "? opens the help" $s wait_for $s '^  hatopo keys'
for key in 'f +fail or restore' 'F +clear every failure' 'm +failover matrix' \
    'a +add' 'e, Enter +edit' 'd, Delete +delete' 'u, Ctrl-R +undo, redo' \
    's, S +save, save as' 'n +new design from a template' '/ +find by name' \
    'Tab +focus the canvas, the findings \(the chosen one' 'q +quit \(asks'; do
	check "the help lists $(echo "$key" | sed 's/ +.*//; s/\\//g')" $s \
	    on_screen $s "^    $key"
done
tm send-keys -t $s x
check "any key (x) closes the help" $s wait_gone $s 'hatopo keys'
tm send-keys -t $s F1
check "F1 opens the help" $s wait_for $s '^  hatopo keys'
tm send-keys -t $s j
check "j closes the help" $s wait_gone $s 'hatopo keys'

# --- resizing ---------------------------------------------------------------
tm resize-window -t $s -x 60 -y 20
check "60x20 shows terminal too small" $s wait_for $s \
    '^terminal too small: 60x20, hatopo needs 80x24$'
check "too small hides the canvas" $s wait_gone $s 'VPC prod'
tm resize-window -t $s -x 79 -y 30
check "79x30 is too small" $s wait_for $s '^terminal too small: 79x30'
tm resize-window -t $s -x 100 -y 23
check "100x23 is too small" $s wait_for $s '^terminal too small: 100x23'
tm resize-window -t $s -x 80 -y 24
check "80x24 is big enough" $s wait_for $s '┃ dx1 10G'
check "80x24: the data centers wrap onto a trunk" $s on_screen $s \
    '^│║ └─+┐'
check "80x24: the status line is whole" $s on_screen $s 'q quit *$'
check "80x24: the hints that fit, help and quit last" $s on_screen $s \
    '^ [0-9]E [0-9]W [0-9]I  a add  e edit  d del  f fail  F clear  m matrix  \? help  q quit$'
tm resize-window -t $s -x 140 -y 40
check "growing re-lays out at once" $s wait_for $s \
    'dc1 · 10\.0\.0\.0/16 .*dc2 · 10\.1\.0\.0/16'
check "hatopo runs on the alternate screen" $s [ "$(alt_on $s)" = 1 ]

# --- q ------------------------------------------------------------------------
tm send-keys -t $s q
check "q without changes exits 0" $s wait_for $s '^EXITED 0$'
check "q leaves the alternate screen" $s left_screen $s
check "q restores the terminal modes" $s tty_sane $s
finish $s

s=small
start $s 60 20 "$sample"
go $s
check "starting at 60x20 shows terminal too small" $s wait_for $s \
    '^terminal too small: 60x20'
tm send-keys -t $s j '?'
# Let hatopo read the keys while still small: a key read after the
# resize is an ordinary key.
sleep 0.5
tm resize-window -t $s -x 100 -y 30
check "enlarging shows the design" $s wait_for $s '║ VPC prod'
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

# --- editing: add a data center, a device and a VPN, save, reload ----------
cp "$sample" "$tmp/edit.cfg"
s=edit
start $s 120 40 "$tmp/edit.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s a
check "a asks what to add" $s wait_for $s '│advertisement \(to the selected connection\)'
tm send-keys -t $s Enter
check "a data center form proposes a free name and prefix" $s wait_for $s \
    '│ name +dc3 '
check "the proposed prefix is free" $s on_screen $s '│ prefixes +10\.2\.0\.0/16 '
tm send-keys -t $s C-u 9
check "a name is checked as it is typed (the loader's message)" $s \
    wait_for $s 'a name starts with a letter'
tm send-keys -t $s BSpace d c 1
check "a duplicate name gives the loader's message" $s wait_for $s \
    'datacenters\[2\]\.name: .*dc1'
tm send-keys -t $s BSpace 3 Tab C-u 1 0 . 2 . 0 . 1 / 1 6
check "a prefix with host bits set names the network" $s wait_for $s \
    '10\.2\.0\.0/16'
tm send-keys -t $s C-u 1 0 . 2 . 0 . 0 / 1 6
check "a good form says Enter saves" $s wait_for $s 'ok: Enter saves the change'
tm send-keys -t $s Enter
check "the new data center is on the canvas" $s wait_for $s \
    'dc3 · 10\.2\.0\.0/16'
check "the title line marks unsaved changes" $s on_screen $s \
    '^ hatopo  .*edit\.cfg \+  '
check "a recovery file is written after an edit" $s \
    [ -s "$tmp/edit.cfg.recover" ]
tm send-keys -t $s a 2
check "a device form defaults to the selected data center" $s wait_for $s \
    '│ dc +dc3 '
tm send-keys -t $s Tab Tab Tab Tab 1 9 8 . 5 1 . 1 0 0 . 3 3 Tab i s p - c
tm send-keys -t $s Enter
check "the new device is drawn in dc3" $s wait_for $s '│ cgw2 frr AS65003 │'
tm send-keys -t $s a 3
check "a new VPN gets free tunnel /30s" $s wait_for $s \
    '│ tunnel 1 +169\.254\.10\.8/30 '
check "and the second one" $s on_screen $s '│ tunnel 2 +169\.254\.10\.12/30 '
check "a new VPN advertises its data center's prefixes" $s on_screen $s \
    '│ advertise +10\.2\.0\.0/16 '
tm send-keys -t $s Enter
check "the new VPN is on the canvas" $s wait_for $s '┆ vpn2'
check "the findings are re-run after the edit" $s on_screen $s \
    'findings  [0-9]+ E  [0-9]+ W  [0-9]+ I'
tm send-keys -t $s u
check "u undoes the VPN" $s wait_gone $s '┆ vpn2'
tm send-keys -t $s u
check "u again undoes the device" $s wait_gone $s 'cgw2 frr'
tm send-keys -t $s C-r C-r
check "Ctrl-R redoes both" $s wait_for $s '┆ vpn2'
tm send-keys -t $s s
check "s saves" $s wait_for $s "saved .*edit\\.cfg"
check "saving clears the unsaved mark" $s wait_gone $s 'edit\.cfg \+'
check "the previous version is kept as DESIGN~" $s \
    cmp -s "$sample" "$tmp/edit.cfg~"
check "saving removes the recovery file" $s [ ! -e "$tmp/edit.cfg.recover" ]
check "the saved file is valid" $s "$H" validate "$tmp/edit.cfg"
check "the saved file holds the new VPN's tunnels" $s \
    grep -q '169.254.10.12/30' "$tmp/edit.cfg"
tm send-keys -t $s q
check "q after saving exits at once" $s wait_for $s '^EXITED 0$'
finish $s
cp "$tmp/edit.cfg" "$tmp/edit.saved"
s=reload
start $s 120 40 "$tmp/edit.cfg"
go $s
check "the saved design reloads with the new objects" $s wait_for $s '┆ vpn2'
check "dc3 is there after reloading" $s on_screen $s 'dc3 · 10\.2\.0\.0/16'
tm send-keys -t $s s
check "saving the reloaded design" $s wait_for $s "saved .*edit\\.cfg"
check "reload and save give the same file" $s \
    cmp -s "$tmp/edit.cfg" "$tmp/edit.saved"

# --- delete asks; quit with unsaved changes asks ------------------------------
tm send-keys -t $s / d c 3 Enter
wait_for $s '┌ data center dc3' >/dev/null
tm send-keys -t $s d
check "deleting a data center with devices asks" $s wait_for $s \
    'delete datacenter:dc3 and what depends on it \(cgw2, vpn2\)\? y/n'
tm send-keys -t $s n
check "n keeps it" $s wait_for $s 'nothing deleted'
check "dc3 is still there" $s on_screen $s 'dc3 · 10\.2\.0\.0/16'
tm send-keys -t $s d y
check "y deletes it with its device and VPN" $s wait_gone $s '┆ vpn2'
check "dc3 is gone" $s wait_gone $s 'dc3 · '
tm send-keys -t $s q
check "q with unsaved changes asks" $s wait_for $s \
    'unsaved changes: s save and quit, d discard and quit'
tm send-keys -t $s x
check "any other key stays" $s wait_for $s 'not quitting'
tm send-keys -t $s q d
check "d discards and quits" $s wait_for $s '^EXITED 0$'
check "discarding leaves the file as saved" $s \
    cmp -s "$tmp/edit.cfg" "$tmp/edit.saved"
check "discarding removes the recovery file" $s \
    [ ! -e "$tmp/edit.cfg.recover" ]
finish $s

# --- a new design from a template, saved as ----------------------------------
s=template
cp "$sample" "$tmp/template-start.cfg"
start $s 120 40 "$tmp/template-start.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s n
check "n offers the three templates" $s wait_for $s \
    '│DX primary with VPN backup \(multi-DC\)'
tm send-keys -t $s Enter
check "the VPN active/active template opens as a new design" $s wait_for $s \
    '^ hatopo  \(new design\) \+'
check "the template's VPNs are drawn" $s on_screen $s '┆ vpn2'
tm send-keys -t $s S
check "S asks for a file name" $s wait_for $s '^ save as:'
tm send-keys -t $s -l "$tmp/from-template.cfg"
tm send-keys -t $s Enter
check "S saves under the new name" $s wait_for $s \
    "^ hatopo  $tmp/from-template\\.cfg  "
check "the saved template is valid" $s "$H" validate "$tmp/from-template.cfg"
tm send-keys -t $s q
check "q after save as exits at once" $s wait_for $s '^EXITED 0$'
check "no recovery file is left" $s \
    [ ! -e "$tmp/hatopo-untitled.recover" ] && [ ! -e "$tmp/from-template.cfg.recover" ]
finish $s

# --- the recovery file after a signal ---------------------------------------
s=recover1
start $s 120 40 "$tmp/edit.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s a Enter Enter
wait_for $s 'dc4 · ' >/dev/null
kill -s TERM "$(pid_of $s)"
check "SIGTERM after an edit exits 143" $s wait_for $s '^EXITED 143$'
check "the recovery file holds the edit" $s grep -q 'dc4' \
    "$tmp/edit.cfg.recover"
check "the design file was not touched" $s \
    cmp -s "$tmp/edit.cfg" "$tmp/edit.saved"
finish $s
s=recover2
start $s 120 40 "$tmp/edit.cfg"
go $s
check "the next start offers the recovery file" $s wait_for $s \
    'holds unsaved changes from an earlier session: r recover, d discard'
tm send-keys -t $s r
check "r recovers the edit" $s wait_for $s 'dc4 · '
check "recovered changes are unsaved" $s on_screen $s 'edit\.cfg \+'
tm send-keys -t $s q d
check "discarding the recovered session exits" $s wait_for $s '^EXITED 0$'
finish $s

# --- bytes sent to the terminal per keystroke --------------------------------
s=bytes
start $s 120 40 "$sample"
tm pipe-pane -t $s -o "cat >>'$tmp/bytes.raw'"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s / d x 1 Enter
wait_for $s '┌ dx1 · Direct Connect' >/dev/null
sleep 0.3
measure() {   # measure KEYS...: bytes the keys make hatopo send
	b0=$(wc -c <"$tmp/bytes.raw")
	tm send-keys -t $s "$@"
	sleep 0.4
	b1=$(wc -c <"$tmp/bytes.raw")
	echo $((b1 - b0))
}
sel_bytes=$(measure k)
sel_bytes2=$(measure j)
fail_bytes=$(measure f)
restore_bytes=$(measure f)
echo "bytes per keystroke: select $sel_bytes, $sel_bytes2; fail dx1 $fail_bytes; restore $restore_bytes"
check "moving the selection sends under 1 KB ($sel_bytes B)" $s \
    [ "$sel_bytes" -lt 1024 ]
check "failing a link sends under 1 KB ($fail_bytes B)" $s \
    [ "$fail_bytes" -lt 1024 ]
tm pipe-pane -t $s
tm send-keys -t $s q
finish $s

# --- ASCII when the locale is not UTF-8 -------------------------------------
s=ascii
pane_env=LC_ALL=C
start $s 120 40 "$sample"
pane_env=
go $s
check "ASCII locale: the VPC box is drawn in ASCII" $s wait_for $s \
    '\| VPC prod - VGW - AS64512 - 172\.31\.0\.0/16 \|'
check "ASCII locale: the DX link is drawn with #" $s on_screen $s '# dx1 10G'
check "ASCII locale: the VPN link is drawn with :" $s on_screen $s ': vpn1'
check "ASCII locale: the WAN link is drawn with =" $s on_screen $s \
    '\+=+ wan 10G =+\+'
check "ASCII locale: nothing beyond ASCII on the screen" $s \
    sh -c "! tmux -f /dev/null -L '$sock' capture-pane -p -t $s | LC_ALL=C grep -q '[^ -~]'"
tm send-keys -t $s q
finish $s

# --- signals ------------------------------------------------------------------
# SIGTERM, SIGINT and SIGHUP end the main loop; hatopo restores the
# terminal and exits 128 + the signal number.
for sig in TERM:143 INT:130 HUP:129; do
	name=${sig%%:*} want=${sig#*:}
	s=sig$name
	start $s 100 30 "$sample"
	go $s
	if wait_for $s '║ VPC prod' && [ -n "$(pid_of $s)" ]; then
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
	if wait_for $s '║ VPC prod' && [ -n "$(pid_of $s)" ]; then
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
check "the new design shows its VPC" $s on_screen $s '║ VPC [a-z]+ · VGW · AS64512'
tm send-keys -t $s j j k h l
check "moving in a one-object canvas is harmless" $s selected $s 'VPC '
# What needs something else first says so instead of opening a form that
# cannot be filled in.
for case in '2:add a data center first' '3:add a device first' \
    '5:a WAN link joins two data centers: add them first' \
    '8:traffic goes to a data center.s prefix: add a data center first' \
    '9:a risk group names components that fail together: add some first'; do
	tm send-keys -t $s a "${case%%:*}"
	check "a ${case%%:*} on an empty design: ${case#*:}" $s wait_for $s \
	    "${case#*:}"
done
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
wait_for $s '║ VPC prod' >/dev/null
check "colour by default" $s has_colour $s
tm send-keys -t $s q
finish $s
s=nocolour
pane_env=NO_COLOR=1
start $s 100 30 "$sample"
pane_env=
go $s
wait_for $s '║ VPC prod' >/dev/null
check "NO_COLOR: no colour" $s no_colour $s
check "NO_COLOR: the selection is still reverse video" $s \
    selected $s 'VPC prod'
tm send-keys -t $s q
finish $s

# --- every field: traffic, risk groups, IKE, single advertisements ----------
cp "$sample" "$tmp/fields.cfg"
s=fields
start $s 120 40 "$tmp/fields.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s o
check "o lists the objects without a box" $s wait_for $s \
    '│traffic 10\.1\.0\.0/16  0\.5 from AWS, 0\.25 to AWS'
check "o offers the availability classes and rule severities" $s \
    on_screen $s '│rule severities'
tm send-keys -t $s j d
check "d in the list deletes a traffic demand" $s wait_for $s \
    'deleted traffic 10\.1\.0\.0/16'
tm send-keys -t $s a 8
check "a traffic demand form proposes a prefix without a demand" $s \
    wait_for $s '│ prefix +10\.1\.0\.0/16 '
tm send-keys -t $s Tab C-u - 1
check "a negative demand is refused as typed" $s wait_for $s \
    'from_aws: must be 0 to'
tm send-keys -t $s C-u 2 . 5 Enter
check "the traffic demand is added" $s wait_for $s \
    'added traffic demand 10\.1\.0\.0/16'
tm send-keys -t $s a 9
check "a risk group form proposes a name" $s wait_for $s '│ name +risk1 '
check "a risk group needs a member (the loader's message)" $s on_screen $s \
    'members: a risk group has at least one member'
tm send-keys -t $s Tab v p n 1 Space c o n n e c t i o n : d C-n
check "Ctrl-N completes a component ID" $s wait_for $s \
    '│ members +vpn1 connection:dx1 '
tm send-keys -t $s Space d e v i c e : x
check "an unknown component is named as typed" $s wait_for $s \
    'device:x: no such component'
tm send-keys -t $s BSpace C-n Tab 0 . 9 9 9
check "the risk group form is good" $s wait_for $s 'ok: Enter saves the change'
tm send-keys -t $s Enter
check "the risk group is added" $s wait_for $s 'added risk group risk1'
tm send-keys -t $s / v p n 1 Enter
wait_for $s '┌ vpn1 · Site-to-Site VPN' >/dev/null
tm send-keys -t $s e Up Up Up Up Up Up Up Up
check "the VPN form scrolls to its IKE settings" $s wait_for $s \
    '│ p1 lifetime +28800 '
tm send-keys -t $s C-u 1 0 0
check "an IKE lifetime is checked as typed" $s wait_for $s \
    'p1 lifetime: must be 900 to 28800'
tm send-keys -t $s C-u 3 0 0 0
check "phase 2 must be shorter than phase 1 (the loader's message)" $s \
    wait_for $s 'ike\.phase2\.lifetime: 3600 s must be shorter'
tm send-keys -t $s Down Down Down Down C-u 1 8 0 0
check "the IKE form is good" $s wait_for $s 'ok: Enter saves the change'
tm send-keys -t $s Enter
check "the VPN is edited" $s wait_for $s 'edited VPN vpn1'
tm send-keys -t $s / d x 1 Enter
wait_for $s '┌ dx1 · Direct Connect' >/dev/null
tm send-keys -t $s o
check "o lists the selected connection's advertisements" $s wait_for $s \
    '│advertisement 10\.0\.0\.0/15 of dx1'
tm send-keys -t $s Enter
check "Enter edits one advertisement" $s wait_for $s \
    '│ local_pref +none  \(space: next\)'
tm send-keys -t $s Escape o d
check "d deletes one advertisement" $s wait_for $s \
    'deleted advertisement 10\.0\.0\.0/15 of dx1'
tm send-keys -t $s s
check "the edits save" $s wait_for $s "saved .*fields\\.cfg"
check "the saved file is valid" $s "$H" validate "$tmp/fields.cfg"
check "the file holds the new IKE lifetimes" $s \
    grep -q 'lifetime = 3000' "$tmp/fields.cfg"
check "the file holds the risk group" $s \
    grep -q 'name = "risk1"' "$tmp/fields.cfg"
check "the file holds the new traffic demand" $s \
    grep -q 'from_aws = 2.5' "$tmp/fields.cfg"
check "the advertisement of dx1 is gone" $s \
    [ "$(grep -c '10.0.0.0/15' "$tmp/fields.cfg")" -eq 1 ]

# --- a new VPN's keys go to DESIGN.secrets, never on the screen ----------------
tm send-keys -t $s / v p n 1 Enter
wait_for $s '┌ vpn1 · Site-to-Site VPN' >/dev/null
tm send-keys -t $s a 3 Enter
check "a new VPN proposes its PSKs in the secrets file" $s wait_for $s \
    'keys proposed in .*fields\.cfg\.secrets'
check "the secrets file is 0600" $s \
    [ "$(stat -c %a "$tmp/fields.cfg.secrets")" = 600 ]
psk=$(sed -n 's/.*psk = "\([^"]*\)".*/\1/p' "$tmp/fields.cfg.secrets" | head -1)
check "the secrets file holds a key" $s [ -n "$psk" ]
check "no key is on the screen" $s wait_gone $s "${psk:-none}"
tm send-keys -t $s s
wait_for $s "saved .*fields\\.cfg" >/dev/null

# --- x exports the saved design -----------------------------------------------
tm send-keys -t $s x
check "x asks for the folder, DESIGN-export/ by default" $s wait_for $s \
    "export into: .*fields-export/"
tm send-keys -t $s Enter
check "x reports what was written" $s wait_for $s \
    'exported [0-9]+ files into .*fields-export/'
check "the export folder holds the Terraform" $s \
    [ -s "$tmp/fields-export/aws.tf" ]
tm send-keys -t $s q
check "q after saving exits" $s wait_for $s '^EXITED 0$'
finish $s
cp "$tmp/fields.cfg" "$tmp/fields.saved"
s=fields2
start $s 120 40 "$tmp/fields.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s s
check "the edited design reloads and saves" $s wait_for $s "saved .*fields\\.cfg"
check "reload and save give the same file" $s \
    cmp -s "$tmp/fields.cfg" "$tmp/fields.saved"
tm send-keys -t $s q
finish $s

# --- the mouse: a device dragged, the wheel over the canvas and findings ------
# wait_selected SESSION TEXT: poll for up to 6 s until TEXT is selected.
wait_selected() {
	_i=0
	while [ $_i -lt 60 ]; do
		if selected "$1" "$2"; then
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
cp "$sample" "$tmp/drag.cfg"
s=drag
start $s 120 40 "$tmp/drag.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s -H 1b 5b 4d 20 29 2e
tm send-keys -t $s -H 1b 5b 4d 23 58 2e
check "a device dropped in another data center moves there" $s wait_for $s \
    'moved device cgw1 to dc2'
check "dc2 draws both devices" $s on_screen $s \
    '│ cd2 junos AS65001 │ │ cgw1 cisco-ios AS65001 │'
tm send-keys -t $s -H 1b 5b 4d 20 3f 34
tm send-keys -t $s -H 1b 5b 4d 23 29 34
check "a device dropped left of another goes first" $s wait_for $s \
    '│ cgw1 cisco-ios AS65001 │ │ cd2 junos AS65001 │'
tm send-keys -t $s s
check "the device order is saved in the layout" $s wait_for $s \
    "saved .*drag\\.cfg"
check "the layout holds both devices' places" $s \
    grep -q 'cgw1 = \[1, 0\]' "$tmp/drag.cfg"
# The same without a mouse: L and H move the selected device along its
# data center, and past the end into the neighbouring one.
tm send-keys -t $s / c g w 1 Enter L
check "L moves a device right within its data center" $s wait_for $s \
    '│ cd2 junos AS65001 │ │ cgw1 cisco-ios AS65001 │'
tm send-keys -t $s L
check "L on the last device of the last data center says so" $s wait_for $s \
    'cgw1 is already the last device on the canvas'
tm send-keys -t $s H H
check "H past the first device moves it into the data center on the left" \
    $s wait_for $s 'moved device cgw1 to dc1'
check "where it is drawn" $s on_screen $s \
    '│ │ cgw1 cisco-ios AS65001 │ │   │ │ cd2 junos AS65001 │ │'
tm send-keys -t $s s
check "and saved" $s wait_for $s "saved .*drag\\.cfg"
check "with cgw1 back in dc1" $s grep -q 'name = "cgw1"; dc = "dc1"' \
    "$tmp/drag.cfg"
tm send-keys -t $s q
finish $s
s=wheel
start $s 80 24 "$sample"
go $s
wait_for $s '║ VPC prod' >/dev/null
check "at 80x24 the canvas does not fit" $s on_screen $s ' 0,0 of [0-9]+x[0-9]+ '
tm send-keys -t $s -H 1b 5b 4d 61 2a 2a
check "the wheel scrolls the canvas down" $s wait_for $s ' 0,3 of [0-9]+x[0-9]+ '
check "the VPC has scrolled off" $s wait_gone $s '║ VPC prod'
tm send-keys -t $s -H 1b 5b 4d 60 2a 2a
check "and back up" $s wait_for $s '║ VPC prod'
# The wheel reads on through a finding taller than the panel (HA007 and
# its fix take 14 rows of 9 here), then moves to the next one.
tm send-keys -t $s -H 1b 5b 4d 61 6a 2e
check "the wheel over the findings focuses them" $s wait_selected $s 'E HA007'
tm send-keys -t $s -H 1b 5b 4d 61 6a 2e
check "the wheel scrolls in the open finding first" $s wait_for $s \
    '│ E HA007   3\.5 Gbps toward on '
check "and the border says more is above and below" $s on_screen $s \
    '─ \^ more v ─┘'
# wheel_until SESSION BUTTON TEXT: turn the wheel a notch at a time, up
# to 30, until TEXT is the selected finding.
wheel_until() {
	n=0
	while [ $n -lt 30 ] && ! selected "$1" "$3"; do
		tm send-keys -t "$1" -H 1b 5b 4d "$2" 6a 2e
		sleep 0.1
		n=$((n + 1))
	done
	[ $n -gt 1 ] && selected "$1" "$3"
}
check "then moves down the list" $s wheel_until $s 61 'I HA020'
check "the wheel up goes back through them" $s wheel_until $s 60 'E HA002'
tm send-keys -t $s '?'
check "a help taller than the screen says Space shows more" $s wait_for $s \
    '-- Space: more, any other key closes --'
tm send-keys -t $s Space
check "Space shows the rest of the help" $s wait_for $s \
    '^    x +export the saved design'
tm send-keys -t $s x
check "another key closes the help" $s wait_gone $s 'export the saved'
tm send-keys -t $s m
check "80x24: a matrix cell too wide for the screen ends in an ellipsis" $s \
    wait_for $s '^ connection:dx1 .* vpn1 ⇒ dc1 ⇒ wan ⇒ OVERLOADED 3\.5…$'
tm send-keys -t $s Escape
check "Esc closes it" $s wait_gone $s 'failover matrix'
tm send-keys -t $s q
finish $s

# --- at 80 columns the inspector wraps long values under their column -------
s=wrap
start $s 80 24 "$sample"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s / v p n 1 Enter
check "the inspector shows vpn1" $s wait_for $s '┌ vpn1 · Site-to-Site VPN'
check "a tunnel's capacity wraps under the value column" $s on_screen $s \
    '│ tunnel 1    169\.254\.10\.0/30 +│$'
check "and is not cut" $s on_screen $s '│             1\.25 Gbps +│$'
check "what does not fit is marked in the inspector's border" $s on_screen $s \
    '─ more v ─┘'
tm send-keys -t $s Tab Tab NPage
check "Tab Tab focuses the inspector and PgDn scrolls it" $s wait_for $s \
    '│ advertises  10\.0\.0\.0/15 +│'
check "the border says more is above (and below)" $s on_screen $s '─ \^ more v ─┘'
tm send-keys -t $s PPage
check "PgUp scrolls back" $s wait_for $s '│ device      cgw1 \(dc1\) +│'
tm send-keys -t $s Escape Down
check "Esc gives the arrows back to the canvas" $s wait_gone $s \
    '┌ vpn1 · Site-to-Site VPN '
tm send-keys -t $s q
finish $s

# --- a DX location renamed: every DX connection at it follows ---------------
cp "$sample" "$tmp/loc.cfg"
s=location
start $s 120 40 "$tmp/loc.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s / E q D C 2 Enter
check "/ finds the DX location" $s wait_for $s '┌ DX location EqDC2 '
tm send-keys -t $s e
check "e on a location asks for its new name" $s wait_for $s \
    'rename DX location EqDC2 to: EqDC2'
tm send-keys -t $s C-u 'bad name' Enter
check "a name the loader refuses is refused with its message" $s \
    wait_for $s 'not renamed: .*a name holds only'
tm send-keys -t $s e C-u Ashburn-1 Enter
check "a valid name renames the location" $s wait_for $s \
    'renamed DX location EqDC2 to Ashburn-1'
check "the location stays selected under its new name" $s on_screen $s \
    '┌ DX location Ashburn-1 '
check "the canvas shows it" $s on_screen $s '│ Ashburn-1 · Zayo │'
# Free text beyond ASCII is typed in a form like any other.
tm send-keys -t $s / d c 2 Enter
check "/ finds dc2" $s wait_for $s '┌ data center dc2 '
tm send-keys -t $s e Tab Tab Tab C-u 'Zürich Süd' BSpace
check "a description takes letters beyond ASCII" $s wait_for $s \
    'description   Zürich Sü +│'
tm send-keys -t $s Enter
check "and shows them in the inspector" $s wait_for $s '│ note        Zürich Sü +│'
tm send-keys -t $s s
check "s saves the renamed location" $s wait_for $s 'saved'
check "dx1 names the new location in the file" - \
    grep -q 'location = "Ashburn-1"' "$tmp/loc.cfg"
check "the description is saved in UTF-8" - \
    grep -q 'description = "Zürich Sü";' "$tmp/loc.cfg"
check "and the old name is gone" - not grep -q EqDC2 "$tmp/loc.cfg"
tm send-keys -t $s q
finish $s

echo "tui.sh: $failures failure(s)"
[ "$failures" -eq 0 ]
