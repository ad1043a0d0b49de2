#!/bin/sh
# Secrets are never shown.  A design with a DESIGN.secrets holding known
# pre-shared keys and a BGP MD5 key:
#
# 1. the designer (tmux, as tests/tui.sh) never draws a key: every byte it
#    sends to the terminal is logged while the inspector of each VPN and DX
#    connection, the findings, the matrix view (m) and the help (?) are
#    visited, and each screen is captured too;
# 2. hatopo validate, check, matrix (every format), availability and the
#    export's review files (failover.md/csv, findings.md, availability.md,
#    topology.dot, aws.tf) never hold a key, while the router configs and
#    secrets.auto.tfvars that must hold them do (and are 0600).
set -u
tui_name=secrets
. "$(dirname "$0")/tui_lib.sh"


# Known keys, each with a distinctive stem: a screen or file holding even
# part of one is caught by the stems too.
PSK1=KnownPskStem_t1.vpn1_Xq7Lw2
PSK2=KnownPskStem_t2.vpn1_Zr9Mk4
MD5=KnownMd5Stem-dx1.Secret_42
PSK3=KnownPskStem_t1.vpn2_Bc5Nd8
PSK4=KnownPskStem_t2.vpn2_Fg1Hj6
stems='-e KnownPskStem -e KnownMd5Stem -e Xq7Lw2 -e Zr9Mk4 -e Bc5Nd8 -e Fg1Hj6 -e dx1.Secret_42'
# holds FILE: does FILE hold a key or a stem?
holds() { grep -a -q $stems "$1"; }

# multi-dc: a VPN and a DX (PSKs and an MD5 key); vpn-active-active: two
# VPNs.
cp samples/multi-dc.cfg "$tmp/d.cfg"
cat >"$tmp/d.cfg.secrets" <<SECRETS
version = 1;
tunnels = ( { connection = "vpn1"; tunnel = 1; psk = "$PSK1"; },
            { connection = "vpn1"; tunnel = 2; psk = "$PSK2"; } );
dx = ( { connection = "dx1"; md5 = "$MD5"; } );
SECRETS
chmod 600 "$tmp/d.cfg.secrets"
cp samples/vpn-active-active.cfg "$tmp/v.cfg"
cat >"$tmp/v.cfg.secrets" <<SECRETS
version = 1;
tunnels = ( { connection = "vpn1"; tunnel = 1; psk = "$PSK1"; },
            { connection = "vpn1"; tunnel = 2; psk = "$PSK2"; },
            { connection = "vpn2"; tunnel = 1; psk = "$PSK3"; },
            { connection = "vpn2"; tunnel = 2; psk = "$PSK4"; } );
SECRETS
chmod 600 "$tmp/v.cfg.secrets"

# --- the command line -----------------------------------------------------------
for d in d v; do
	f="$tmp/$d.cfg"
	n=0
	for cmd in "validate" "check" "check --format json" "check --strict" \
	    "matrix" "matrix --format text" "matrix --format md" \
	    "matrix --format csv" "matrix --format json" "matrix --k 2" \
	    "matrix --k 2 --format json" "matrix --fail connection:vpn1" \
	    "availability" "availability --format json"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$H" ${cmd%% *} "$f" $(echo "$cmd" | sed -n 's/^[a-z]* //p') \
		    >"$tmp/cli-$d-$n.out" 2>&1
		rc=$?
		if [ "$rc" -gt 2 ]; then
			bad "$d.cfg: hatopo $cmd ran (exit $rc)"
		elif holds "$tmp/cli-$d-$n.out"; then
			bad "$d.cfg: hatopo $cmd shows no key"
			grep -a -n $stems "$tmp/cli-$d-$n.out" | head -3
		else
			ok "$d.cfg: hatopo $cmd shows no key"
		fi
	done
done

# --- the export -------------------------------------------------------------------
for d in d v; do
	out="$tmp/out-$d"
	if "$H" export "$tmp/$d.cfg" --out "$out" >"$tmp/export-$d.out" 2>&1; then
		ok "$d.cfg: export runs"
	else
		bad "$d.cfg: export runs"
		cat "$tmp/export-$d.out"
		continue
	fi
	check "$d.cfg: the export's own output shows no key" - \
	    not holds "$tmp/export-$d.out"
	for f in failover.md failover.csv findings.md availability.md \
	    topology.dot aws.tf; do
		if [ ! -f "$out/$f" ]; then
			bad "$d.cfg: the export wrote $f"
		else
			check "$d.cfg: $f holds no key" - not holds "$out/$f"
		fi
	done
	# The files that must hold the keys do (so the grep can see them),
	# and only the owner may read them.
	for f in "$out"/*; do
		case "$f" in
		*.md|*.csv|*.dot|*/aws.tf|*/.hatopo-export) continue ;;
		esac
		if holds "$f"; then
			check "$d.cfg: $(basename "$f") holds keys and is 0600" - \
			    [ "$(stat -c %a "$f")" = 600 ]
		fi
	done
	check "$d.cfg: the keys do reach the configs (the grep can see them)" - \
	    sh -c "cat '$out'/* | grep -a -q -e '$PSK1' -e '$PSK2'"
	check "$d.cfg: secrets.auto.tfvars holds the keys" - \
	    grep -q "$PSK1" "$out/secrets.auto.tfvars"
done
check "the MD5 key reaches the DX router config" - \
    sh -c "cat '$tmp/out-d'/* | grep -a -q -e '$MD5'"

# --- the designer -------------------------------------------------------------------
# Every byte hatopo sends is logged (pipe-pane), so a key drawn and then
# overwritten is caught too; each screen visited is also captured.
screens() {   # screens SESSION NAME: keep the screen as NAME
	screen "$1" >"$tmp/screen-$1-$2.txt"
	if holds "$tmp/screen-$1-$2.txt"; then
		bad "designer ($1): the $2 screen shows no key" "$1"
	else
		ok "designer ($1): the $2 screen shows no key"
	fi
}
for d in d v; do
	s=tui$d
	start $s 120 40 "$tmp/$d.cfg"
	tm pipe-pane -t $s -o "cat >>'$tmp/$s.raw'"
	go $s
	if ! wait_for $s '║ VPC prod'; then
		bad "designer ($s): $d.cfg opens" $s
		finish $s
		continue
	fi
	screens $s main
	for c in vpn1 vpn2 dx1; do
		if ! grep -q "name = \"$c\"" "$tmp/$d.cfg"; then
			continue
		fi
		tm send-keys -t $s / $(echo $c | sed 's/./& /g') Enter
		if wait_for $s "┌ $c · "; then
			screens $s "inspector-$c"
			# Every line of the inspector: scroll it, if it scrolls.
			tm send-keys -t $s Tab Tab
			sleep 0.2
			screens $s "inspector-$c-focus"
			tm send-keys -t $s Escape
		else
			bad "designer ($s): /$c selects $c" $s
		fi
	done
	# The findings: focus the list and explain the first one.
	tm send-keys -t $s Tab
	sleep 0.2
	screens $s findings
	tm send-keys -t $s Enter
	sleep 0.2
	screens $s finding-subject
	tm send-keys -t $s Escape
	# Fail each VPN: findings and inspector change.
	tm send-keys -t $s / v p n 1 Enter f
	sleep 0.3
	screens $s what-if-vpn1
	tm send-keys -t $s F
	# The matrix view, with a row applied.
	tm send-keys -t $s m
	if wait_for $s 'failover matrix'; then
		screens $s matrix
		tm send-keys -t $s j
		sleep 0.2
		screens $s matrix-row
		tm send-keys -t $s Enter
		sleep 0.3
		screens $s matrix-applied
		tm send-keys -t $s F
	else
		bad "designer ($s): m opens the matrix" $s
	fi
	tm send-keys -t $s Escape
	tm send-keys -t $s '?'
	if wait_for $s 'hatopo keys'; then
		screens $s help
		tm send-keys -t $s j j j j j j j j j j
		sleep 0.2
		screens $s help-scrolled
	else
		bad "designer ($s): ? opens the help" $s
	fi
	tm send-keys -t $s q
	sleep 0.2
	# The edit form of each VPN (e on the selection), then cancelled.
	tm send-keys -t $s / v p n 1 Enter e
	sleep 0.3
	screens $s edit-form-vpn1
	tm send-keys -t $s Escape
	tm send-keys -t $s q
	if ! wait_for $s 'EXITED'; then
		tm send-keys -t $s d
		wait_for $s 'EXITED' >/dev/null
	fi
	tm pipe-pane -t $s
	check "designer ($s): the terminal log was recorded" $s \
	    [ -s "$tmp/$s.raw" ]
	if holds "$tmp/$s.raw"; then
		bad "designer ($s): no byte sent to the terminal holds a key"
		grep -a -o ".\{0,40\}KnownP.\{0,20\}" "$tmp/$s.raw" | head -3
	else
		ok "designer ($s): no byte sent to the terminal holds a key"
	fi
	finish $s
done
check "the designer left the secrets files as they were (0600)" - \
    [ "$(stat -c %a "$tmp/d.cfg.secrets")" = 600 ]

# --- a renamed connection keeps its keys and its what-if failure --------------
cp samples/multi-dc.cfg "$tmp/r.cfg"
cp "$tmp/d.cfg.secrets" "$tmp/r.cfg.secrets"
s=rename
start $s 120 40 "$tmp/r.cfg"
go $s
wait_for $s '║ VPC prod' >/dev/null
tm send-keys -t $s / v p n 1 Enter f
check "designer (rename): vpn1 is failed" $s wait_for $s \
    'what-if: connection:vpn1'
tm send-keys -t $s e
check "designer (rename): e opens vpn1's form" $s wait_for $s 'edit VPN'
tm send-keys -t $s C-u v p n A Enter
check "designer (rename): the keys follow the new name" $s wait_for $s \
    'keys carried to vpnA'
check "designer (rename): so does the failure" $s on_screen $s \
    'what-if: connection:vpnA'
check "designer (rename): vpnA's tunnel 1 has vpn1's key" - \
    grep -q "connection = \"vpnA\"; tunnel = 1; psk = \"$PSK1\"" \
    "$tmp/r.cfg.secrets"
check "designer (rename): and tunnel 2 its second" - \
    grep -q "connection = \"vpnA\"; tunnel = 2; psk = \"$PSK2\"" \
    "$tmp/r.cfg.secrets"
check "designer (rename): the secrets file stays 0600" - \
    [ "$(stat -c %a "$tmp/r.cfg.secrets")" = 600 ]
tm send-keys -t $s q d
wait_for $s 'EXITED' >/dev/null
finish $s

echo "tui_secrets.sh: $failures failure(s)"
[ "$failures" -eq 0 ]
