#!/bin/sh
# The exported configs against real software (SPEC section 10):
#   - FRR's own parser (vtysh -C -f) on every FRR file;
#   - every swanctl.conf loaded into a real charon, each tunnel's IKE SA
#     brought up against a charon configured as AWS, in network namespaces
#     joined by veth pairs (each charon in its own mount namespace);
#   - Graphviz renders topology.dot; terraform fmt, where terraform exists;
#   - the BGP lab: one bgpd per device and one that selects as the AWS
#     gateway, every single-failure scenario of the matrix failed for real
#     (link down or bgpd stopped), AWS's best paths checked against the
#     matrix's via.
# Prints PASS:/FAIL: lines (tests/run.sh counts them).  Needs root.
#   LAB_DESIGNS="a.cfg b.cfg"   what to export (default: samples and
#                               tests/lab/*.cfg)
#   LAB_BGP=0                   skip the BGP lab
#   LAB_KEEP=1                  keep the work folder (logs, configs)
set -u

H=${HATOPO:-./hatopo}
case "$H" in /*) ;; *) H="$(pwd)/$H" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
designs=${LAB_DESIGNS:-"samples/vpn-active-active.cfg samples/multi-dc.cfg samples/dx-active-active.cfg $(ls tests/lab/*.cfg 2>/dev/null | tr '\n' ' ')"}
P="hxl$$"                       # prefix of our network namespaces
work=$(mktemp -d /tmp/hatopo-lab.XXXXXX)
# What we started, to stop on every way out: per context (the main shell,
# each design's BGP lab running beside the others).
pidfile="$work/pids"
nsfile="$work/netns"
: >"$pidfile"
: >"$nsfile"

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
note() { echo "note: $*"; }

cleanup() {
	trap - EXIT INT TERM HUP
	cat "$work/pids" "$work"/*/pids 2>/dev/null >"$work/all.pids"
	while read -r pid; do
		kill "$pid" 2>/dev/null
	done <"$work/all.pids"
	sleep 0.3
	while read -r pid; do
		kill -9 "$pid" 2>/dev/null
	done <"$work/all.pids"
	cat "$work/netns" "$work"/*/netns 2>/dev/null | while read -r ns; do
		ip netns del "$ns" 2>/dev/null
	done
	if [ "${LAB_KEEP:-0}" = 1 ]; then
		echo "note: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

now() { date +%s.%N; }
elapsed() { echo "$1 $(now)" | awk '{ printf "%.1f", $2 - $1 }'; }

netns_add() {
	ip netns add "$1" && echo "$1" >>"$nsfile" && ip -n "$1" link set lo up
}

netns_del() {
	ip netns del "$1" 2>/dev/null
	grep -vx "$1" "$nsfile" >"$nsfile.new"
	mv "$nsfile.new" "$nsfile"
}

# Stop one process we started, by its id (SIG: TERM, or KILL for a crash).
stop_pid() {   # stop_pid PID [KILL]
	kill -"${2:-TERM}" "$1" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	grep -vx "$1" "$pidfile" >"$pidfile.new"
	mv "$pidfile.new" "$pidfile"
}

if [ "$(id -u)" != 0 ]; then
	fail "the lab needs root (network namespaces)"
	exit 1
fi
for tool in vtysh swanctl dot jq ip unshare /usr/lib/ipsec/charon \
    /usr/lib/frr/bgpd; do
	if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "$tool" ]; then
		fail "missing $tool (make test-deps installs it)"
		exit 1
	fi
done

lab_start=$(now)

# Each design's number names its namespaces.
i=0
for d in $designs; do
	i=$((i + 1))
	echo "$(basename "$d" .cfg) $i" >>"$work/tags"
done
tag() { awk -v n="$1" '$1 == n { print $2 }' "$work/tags"; }

# ---- export every design into the work folder -----------------------------
for d in $designs; do
	n=$(basename "$d" .cfg)
	mkdir -p "$work/$n"
	cp "$d" "$work/$n/$n.cfg"
	if "$H" export "$work/$n/$n.cfg" --out "$work/$n/out" \
	    --lab "$work/$n/lab" >"$work/$n/export.log" 2>&1; then
		pass "$n: hatopo export --out --lab"
	else
		fail "$n: hatopo export --out --lab"
		cat "$work/$n/export.log"
	fi
done

# ---- FRR's parser -----------------------------------------------------------
for f in "$work"/*/out/*.frr.conf "$work"/*/lab/*.frr.conf; do
	[ -f "$f" ] || continue
	rel=${f#"$work"/}
	if out=$(vtysh -C -f "$f" 2>&1); then
		pass "vtysh -C -f $rel"
	else
		fail "vtysh -C -f $rel"
		echo "$out"
	fi
done

# The check bites: a broken statement makes vtysh -C fail.
printf 'router bgp 65000\n neighbor 192.0.2.1 remote-ass 64512\n' >"$work/broken.frr.conf"
if vtysh -C -f "$work/broken.frr.conf" >/dev/null 2>&1; then
	fail "vtysh -C -f rejects a broken file"
else
	pass "vtysh -C -f rejects a broken file"
fi

# ---- Graphviz, terraform fmt ------------------------------------------------
for f in "$work"/*/out/topology.dot; do
	rel=${f#"$work"/}
	if dot -Tsvg "$f" -o "$f.svg" 2>"$f.err" && [ -s "$f.svg" ] &&
	    [ ! -s "$f.err" ]; then
		pass "dot -Tsvg $rel"
	else
		fail "dot -Tsvg $rel"
		cat "$f.err"
	fi
done
if command -v terraform >/dev/null 2>&1; then
	for f in "$work"/*/out/aws.tf "$work"/*/out/secrets.auto.tfvars; do
		rel=${f#"$work"/}
		if terraform fmt -check -diff "$f" >"$f.fmt" 2>&1; then
			pass "terraform fmt -check $rel"
		else
			fail "terraform fmt -check $rel"
			cat "$f.fmt"
		fi
	done
else
	note "terraform is not installed: aws.tf's formatting is checked by the golden files only"
fi

# ---- strongSwan: every tunnel's IKE SA -------------------------------------
swan_conf() {   # swan_conf DIR: strongswan.conf for a charon of our own
	mkdir -p "$1"
	for sub in x509 x509ca x509ocsp x509aa x509ac x509crl pubkey private \
	    rsa ecdsa bliss pkcs8 pkcs12; do
		mkdir -p "$1/$sub"
	done
	cat >"$1/strongswan.conf" <<EOF
charon {
	load_modular = yes
	install_routes = no
	install_virtual_ip = no
	retransmit_timeout = 1.0
	retransmit_base = 1.4
	plugins {
		include /etc/strongswan.d/charon/*.conf
		vici {
			socket = unix://$1/charon.vici
		}
	}
	filelog {
		lab {
			path = $1/charon.log
			time_format = %T
			default = 1
			flush_line = yes
		}
	}
	syslog {
		daemon {
			default = -1
		}
	}
}
swanctl {
	load = pem pkcs1 x509 revocation constraints pubkey openssl random
}
EOF
}

start_charon() {   # start_charon NS DIR
	ip netns exec "$1" unshare -m sh -c "mount -t tmpfs tmpfs /run &&
	    STRONGSWAN_CONF=$2/strongswan.conf exec /usr/lib/ipsec/charon" \
	    >"$2/charon.out" 2>&1 &
	echo $! >>"$pidfile"
	echo $! >"$2/pid"
	for _ in $(seq 1 50); do
		[ -S "$2/charon.vici" ] && return 0
		sleep 0.1
	done
	return 1
}

swanctl_in() {   # swanctl_in DIR ARGS...
	d=$1
	shift
	STRONGSWAN_CONF=$d/strongswan.conf swanctl "$@" \
	    --uri "unix://$d/charon.vici"
}

# Load a swanctl.conf: exit 0, every connection and secret loaded, no error.
load_swan() {   # load_swan DIR FILE COUNT
	swanctl_in "$1" --load-all --file "$2" >"$1/load.out" 2>"$1/load.err"
	rc=$?
	[ "$rc" -eq 0 ] &&
	    grep -q "successfully loaded $3 connections, 0 unloaded" "$1/load.out" &&
	    [ "$(grep -c "^loaded ike secret" "$1/load.out")" -eq "$3" ] &&
	    ! grep -qiE "error|invalid|failed" "$1/load.out"
}

# Replace a placeholder token, whole words only (names may hold '.').
subst_token() {   # subst_token FILE TOKEN VALUE
	tok=$(printf '%s' "$2" | sed 's/[.]/\\./g')
	sed -i "s/$tok\\([^A-Za-z0-9_.-]\\|\$\\)/$3\\1/g" "$1"
}

ike_lab() {   # ike_lab NAME
	n=$1
	map="$work/$n/lab/lab.map"
	grep -q "^ike " "$map" || return 0
	aws="${P}i$(tag "$n")a"
	ikew="$work/$n/ike"
	mkdir -p "$ikew"
	netns_add "$aws"
	swan_conf "$ikew/aws"
	# One namespace per FRR device with VPNs, a veth to the AWS side.
	idx=0
	for dev in $(awk '$1 == "ike" { print $2 }' "$map" | uniq); do
		idx=$((idx + 1))
		ns="${P}i$(tag "$n")$idx"
		netns_add "$ns"
		ip link add "v$idx" netns "$ns" type veth peer name "a$idx" netns "$aws"
		ip -n "$ns" link set "v$idx" up
		ip -n "$aws" link set "a$idx" up
		cust=$(awk -v d="$dev" '$1 == "ike" && $2 == d { print $5; exit }' "$map")
		ip -n "$ns" addr add "$cust/32" dev "v$idx"
		ip -n "$aws" route add "$cust/32" dev "a$idx"
		for a in $(awk -v d="$dev" '$1 == "ike" && $2 == d { print $7 }' "$map"); do
			ip -n "$aws" addr add "$a/32" dev "a$idx"
			ip -n "$ns" route add "$a/32" dev "v$idx"
		done
		echo "$dev $ns" >>"$ikew/devices"
	done
	if ! start_charon "$aws" "$ikew/aws"; then
		fail "$n: AWS-side charon starts"
		return 1
	fi
	cnt=$(grep -c "^ike " "$map")
	# The check bites: an unknown algorithm or a syntax error fails it.
	sed '0,/proposals = /s/proposals = /proposals = aes999-/' \
	    "$work/$n/lab/aws.lab.swanctl.conf" >"$ikew/broken1.conf"
	sed '0,/version = /s/version = \(.*\)/version = \1 }/' \
	    "$work/$n/lab/aws.lab.swanctl.conf" >"$ikew/broken2.conf"
	for b in broken1 broken2; do
		if load_swan "$ikew/aws" "$ikew/$b.conf" "$cnt"; then
			fail "$n: swanctl --load-all check rejects $b.conf"
		else
			pass "$n: swanctl --load-all check rejects $b.conf"
		fi
	done
	if load_swan "$ikew/aws" "$work/$n/lab/aws.lab.swanctl.conf" "$cnt"; then
		pass "$n: AWS side (aws.lab.swanctl.conf) loads into charon: $cnt connections"
	else
		fail "$n: AWS side (aws.lab.swanctl.conf) loads into charon"
		cat "$ikew/aws/load.out" "$ikew/aws/load.err"
	fi
	while read -r dev ns; do
		dw="$ikew/$dev"
		swan_conf "$dw"
		# The exported file, its placeholders filled in as an engineer
		# would: the lab's addresses for AWS's (and the device's) outside.
		cp "$work/$n/out/$dev.swanctl.conf" "$dw/swanctl.conf"
		awk -v d="$dev" '$1 == "ike" && $2 == d { print $4, $5; print $6, $7 }' \
		    "$map" | sort -u | while read -r tok addr; do
			[ "$tok" = "$addr" ] || subst_token "$dw/swanctl.conf" "$tok" "$addr"
		done
		if ! start_charon "$ns" "$dw"; then
			fail "$n: $dev: charon starts"
			continue
		fi
		dcnt=$(awk -v d="$dev" '$1 == "ike" && $2 == d' "$map" | wc -l)
		if load_swan "$dw" "$dw/swanctl.conf" "$dcnt"; then
			pass "$n: $dev.swanctl.conf loads into charon (swanctl --load-all): $dcnt connections, $dcnt secrets, no error"
		else
			fail "$n: $dev.swanctl.conf loads into charon (swanctl --load-all)"
			cat "$dw/load.out" "$dw/load.err"
		fi
	done <"$ikew/devices"
	# Each enabled tunnel's IKE SA, initiated by the device (start_action).
	awk '$1 == "link" && $3 == "tunnel" { print $5 "-" $6, $11 }' "$map" |
	    sed 's/[.]/_/g' >"$ikew/enabled"
	while read -r dev ns; do
		dw="$ikew/$dev"
		for name in $(awk -v d="$dev" '$1 == "ike" && $2 == d { print $3 }' "$map"); do
			en=$(awk -v s="$name" '$1 == s { print $2 }' "$ikew/enabled")
			if [ "$en" = 0 ]; then
				note "$n: $dev $name is disabled in the design: not started"
				continue
			fi
			t0=$(now)
			up=""
			for _ in $(seq 1 100); do
				up=$(swanctl_in "$dw" --list-sas --ike "$name" 2>/dev/null |
				    grep -A3 "ESTABLISHED" || true)
				[ -n "$up" ] && break
				sleep 0.1
			done
			if [ -n "$up" ]; then
				alg=$(echo "$up" | awk 'NR == 4 { print $1 }')
				ver=$(echo "$up" | sed -n '1s/.*ESTABLISHED, \(IKEv[12]\).*/\1/p')
				pass "$n: $dev $name: IKE SA established against the AWS side ($ver, $alg, $(elapsed "$t0") s)"
				want=$(awk -v s="$name" '$1 == s { print $2 }' "$here/ike.expect")
				if [ -n "$want" ]; then
					[ "$want" = "$ver/$alg" ] &&
					    pass "$n: $dev $name negotiated $want" ||
					    fail "$n: $dev $name negotiated $ver/$alg, wanted $want"
				fi
			else
				fail "$n: $dev $name: IKE SA established against the AWS side"
				tail -20 "$dw/charon.log"
			fi
		done
	done <"$ikew/devices"
	# The CHILD_SAs: AWS's side must select an ESP proposal for every
	# enabled tunnel (this kernel has no ESP, so none is installed).
	want=$(awk '$1 == "link" && $3 == "tunnel" && $11 == 1' "$map" |
	    while read -r _ _ _ dev _; do
		    grep -q "^$dev " "$ikew/devices" && echo x
	    done | wc -l)
	got=$(grep -c "selected proposal: ESP:" "$ikew/aws/charon.log")
	if [ "$got" -ge "$want" ] && ! grep -q "no acceptable proposal\|NO_PROPOSAL_CHOSEN notify, no CHILD" "$ikew/aws/charon.log"; then
		pass "$n: ESP proposals agreed for all $want enabled tunnels (CHILD_SAs not installed: no ESP in this kernel)"
	else
		fail "$n: ESP proposals agreed for $got of $want enabled tunnels"
	fi
	while read -r dev ns; do
		stop_pid "$(cat "$ikew/$dev/pid")"
		netns_del "$ns"
	done <"$ikew/devices"
	stop_pid "$(cat "$ikew/aws/pid")"
	netns_del "$aws"
}

# ---- the BGP lab ------------------------------------------------------------
start_bgpd() {   # start_bgpd NS DIR CONF
	mkdir -p "$2"
	chmod 755 "$2"
	ip netns exec "$1" /usr/lib/frr/bgpd -Z -n -S -P 0 --vty_socket "$2" \
	    -i "$2/bgpd.pid" -f "$3" --log "file:$2/bgpd.log" \
	    >"$2/bgpd.out" 2>&1 &
	echo $! >>"$pidfile"
	echo $! >"$2/pid"
}

# AWS's best paths for every destination against scenario J's expectations;
# prints the first mismatch.
check_scenario() {   # check_scenario MAP VTYDIR J
	vtysh --vty_socket "$2" -d bgpd -c "show ip bgp json" >"$2/table.json" \
	    2>/dev/null || { echo "vtysh failed"; return 1; }
	awk -v j="$3" '$1 == "expect" && $2 == j' "$1" >"$2/expect"
	while read -r _ _ i status mode via; do
		[ "$status" = origin-down ] && continue
		cands=$(awk -v i="$i" '$1 == "dest" && $2 == i { for (k = 5; k <= NF; k++) print $k }' "$1")
		dest=$(awk -v i="$i" '$1 == "dest" && $2 == i { print $3 }' "$1")
		got=""
		best=""
		for c in $cands; do
			peers=$(jq -r --arg p "$c" '(.routes[$p] // [])[] |
			    select(.valid == true and (.bestpath == true or .multipath == true)) |
			    .peerId' "$2/table.json" | sort -u)
			if [ -n "$peers" ]; then
				best=$(jq -r --arg p "$c" '(.routes[$p] // [])[] |
				    select(.bestpath == true) | .peerId' "$2/table.json")
				got=$c
				break
			fi
		done
		if [ "$status" = unreachable ]; then
			[ -z "$got" ] && continue
			echo "$dest: AWS has $got, the matrix says unreachable"
			return 1
		fi
		if [ -z "$got" ]; then
			echo "$dest: AWS has no route, the matrix says $via"
			return 1
		fi
		conns=$(for p in $peers; do
			awk -v p="$p" '$1 == "link" && $8 == p { print $5 }' "$1"
		done | sort -u | tr '\n' ',' | sed 's/,$//')
		bestc=$(awk -v p="$best" '$1 == "link" && $8 == p { print $5 }' "$1")
		case "$mode" in
		one-of)
			case ",$via," in
			*",$bestc,"*) ;;
			*) echo "$dest: AWS uses $bestc ($got), the matrix says one of $via"
			   return 1 ;;
			esac ;;
		ecmp)
			want=$(echo "$via" | tr ',' '\n' | sort -u | tr '\n' ',' | sed 's/,$//')
			if [ "$conns" != "$want" ]; then
				echo "$dest: AWS shares over $conns ($got), the matrix says $via"
				return 1
			fi ;;
		*)
			if [ "$conns" != "$via" ]; then
				echo "$dest: AWS uses $conns ($got), the matrix says $via"
				return 1
			fi ;;
		esac
	done <"$2/expect"
	return 0
}

# Wait until the AWS side's sessions are as a scenario leaves them: the
# links in DOWN-FILE not established, every other enabled link established.
wait_sessions() {   # wait_sessions MAP VTYDIR DOWN-FILE TIMEOUT-TENTHS
	awk '$1 == "link" && $11 == 1 { print $8 }' "$1" | sort >"$2/enabled"
	sort "$3" >"$2/down.sorted"
	k=0
	while [ "$k" -lt "$4" ]; do
		vtysh --vty_socket "$2" -d bgpd -c "show ip bgp summary json" 2>/dev/null |
		    jq -r '.ipv4Unicast.peers // {} | to_entries[] |
		    select(.value.state == "Established") | .key' |
		    sort >"$2/established"
		if comm -23 "$2/enabled" "$2/down.sorted" | cmp -s - "$2/established"; then
			return 0
		fi
		sleep 0.2
		k=$((k + 2))
	done
	echo "sessions up: $(tr '\n' ' ' <"$2/established"), wanted all enabled but: $(tr '\n' ' ' <"$2/down.sorted")"
	return 1
}

wait_scenario() {   # wait_scenario MAP VTYDIR J TIMEOUT-TENTHS
	k=0
	while [ "$k" -lt "$4" ]; do
		why=$(check_scenario "$1" "$2" "$3") && return 0
		sleep 0.2
		k=$((k + 2))
	done
	echo "$why"
	return 1
}

bgp_lab() {   # bgp_lab NAME
	n=$1
	map="$work/$n/lab/lab.map"
	bw="$work/$n/bgp"
	mkdir -p "$bw"
	aws="${P}b$(tag "$n")a"
	netns_add "$aws"
	awk '$1 == "device" { print $2, $3 }' "$map" >"$bw/devices"
	while read -r idx dev; do
		netns_add "${P}b$(tag "$n")$idx"
	done <"$bw/devices"
	awk '$1 == "link"' "$map" | while read -r _ k _ dev _ _ awsip cust plen _ _; do
		idx=$(awk -v d="$dev" '$2 == d { print $1 }' "$bw/devices")
		ns="${P}b$(tag "$n")$idx"
		ip link add "l$k" netns "$ns" type veth peer name "l$k" netns "$aws"
		ip -n "$ns" addr add "$cust/$plen" dev "l$k"
		ip -n "$aws" addr add "$awsip/$plen" dev "l$k"
		ip -n "$ns" link set "l$k" up
		ip -n "$aws" link set "l$k" up
	done
	start_bgpd "$aws" "$bw/aws" "$work/$n/lab/aws.lab.frr.conf"
	while read -r idx dev; do
		start_bgpd "${P}b$(tag "$n")$idx" "$bw/$dev" "$work/$n/lab/$dev.lab.frr.conf"
	done <"$bw/devices"
	t0=$(now)
	: >"$bw/none"
	if why=$(wait_sessions "$map" "$bw/aws" "$bw/none" 300) &&
	    why=$(wait_scenario "$map" "$bw/aws" 0 100); then
		pass "$n: BGP lab baseline: AWS's best paths are the matrix's ($(elapsed "$t0") s to converge)"
	else
		fail "$n: BGP lab baseline: $why"
		tail -5 "$bw/aws/bgpd.log"
		return 1
	fi
	mstart=$(now)
	"$H" matrix "$work/$n/$n.cfg" --format csv >/dev/null 2>&1
	mtime=$(echo "$mstart $(now)" | awk '{ printf "%.6f", $2 - $1 }')
	agreed=0
	total=0
	labtime=0
	for j in $(awk '$1 == "scenario" && $2 > 0 { print $2 }' "$map"); do
		name=$(awk -v j="$j" '$1 == "scenario" && $2 == j { print $3 }' "$map")
		total=$((total + 1))
		t0=$(now)
		awk -v j="$j" '$1 == "fail" && $2 == j { print $3, $4 }' "$map" >"$bw/fail"
		# The sessions the scenario takes down: its links, and every link
		# of a device whose bgpd it stops.
		while read -r what arg; do
			case $what in
			link) awk -v k="$arg" '$1 == "link" && $2 == k { print $8 }' "$map" ;;
			device) awk -v d="$arg" '$1 == "link" && $4 == d { print $8 }' "$map" ;;
			esac
		done <"$bw/fail" | sort -u >"$bw/down"
		# A link goes down as a router sees it: the interface, and with it
		# the BGP session's socket at both ends.  A device's bgpd is killed.
		while read -r what arg; do
			case $what in
			link)
				ip -n "$aws" link set "l$arg" down
				awk -v k="$arg" '$1 == "link" && $2 == k { print $4, $7, $8 }' \
				    "$map" | while read -r dev awsip cust; do
					idx=$(awk -v d="$dev" '$2 == d { print $1 }' "$bw/devices")
					ip netns exec "$aws" ss -K dst "$cust" >/dev/null 2>&1
					ip netns exec "${P}b$(tag "$n")$idx" ss -K dst "$awsip" \
					    >/dev/null 2>&1
				done ;;
			device) stop_pid "$(cat "$bw/$arg/pid")" KILL ;;
			esac
		done <"$bw/fail"
		if why=$(wait_sessions "$map" "$bw/aws" "$bw/down" 150) &&
		    why=$(wait_scenario "$map" "$bw/aws" "$j" 50); then
			dt=$(elapsed "$t0")
			agreed=$((agreed + 1))
			labtime=$(echo "$labtime $dt" | awk '{ print $1 + $2 }')
			pass "$n: BGP lab $name: AWS's best paths are the matrix's ($dt s)"
		else
			fail "$n: BGP lab $name: $why"
		fi
		while read -r what arg; do
			case $what in
			link) ip -n "$aws" link set "l$arg" up ;;
			device)
				idx=$(awk -v d="$arg" '$2 == d { print $1 }' "$bw/devices")
				start_bgpd "${P}b$(tag "$n")$idx" "$bw/$arg" \
				    "$work/$n/lab/$arg.lab.frr.conf" ;;
			esac
		done <"$bw/fail"
		if ! why=$(wait_sessions "$map" "$bw/aws" "$bw/none" 200) ||
		    ! why=$(wait_scenario "$map" "$bw/aws" 0 50); then
			fail "$n: BGP lab back to the baseline after $name: $why"
		fi
	done
	nsc=$((total + 1))
	echo "$n: BGP lab: $agreed of $total scenarios agreed with the matrix;" \
	    "lab $(echo "$labtime $agreed" | awk '{ printf "%.1f", $2 ? $1 / $2 : 0 }') s" \
	    "per scenario to converge, matrix $(echo "$mtime $nsc" | awk '{ printf "%.2f", $1 * 1000 / $2 }') ms" \
	    "per scenario (hatopo matrix, process start included)"
	while read -r idx dev; do
		[ -f "$bw/$dev/pid" ] && stop_pid "$(cat "$bw/$dev/pid")"
		netns_del "${P}b$(tag "$n")$idx"
	done <"$bw/devices"
	stop_pid "$(cat "$bw/aws/pid")"
	netns_del "$aws"
}

for d in $designs; do
	n=$(basename "$d" .cfg)
	[ -f "$work/$n/lab/lab.map" ] || continue
	ike_lab "$n"
done
# The designs' BGP labs run side by side: each mostly waits for BGP.
if [ "${LAB_BGP:-1}" != 0 ]; then
	for d in $designs; do
		n=$(basename "$d" .cfg)
		[ -f "$work/$n/lab/lab.map" ] || continue
		(
			pidfile="$work/$n/pids"
			nsfile="$work/$n/netns"
			: >"$pidfile"
			: >"$nsfile"
			bgp_lab "$n"
		) >"$work/$n/bgp.log" 2>&1 &
		echo $! >>"$pidfile"
	done
	wait
	for d in $designs; do
		n=$(basename "$d" .cfg)
		[ -f "$work/$n/bgp.log" ] && cat "$work/$n/bgp.log"
	done
fi
echo "lab: $(elapsed "$lab_start") s"
