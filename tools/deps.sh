#!/bin/sh
# Install the Debian packages hatopo needs when they are missing, then
# print the compiler and linker flags for the Makefile.
#   tools/deps.sh build   libraries and pkg-config (for make)
#   tools/deps.sh test    also the tools the tests drive (for make test)
set -eu

want=${1:-build}
missing=""

need_pkg() {   # need_pkg PACKAGE CHECK-COMMAND...
	pkg=$1; shift
	if ! "$@" >/dev/null 2>&1; then
		missing="$missing $pkg"
	fi
}

have_header() { test -f "/usr/include/$1"; }
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
# libFuzzer's runtime archive, where clang looks for it.
have_fuzzer() {
	dir=$(clang -print-runtime-dir 2>/dev/null) &&
	    test -f "$dir/libclang_rt.fuzzer-$(uname -m).a"
}

need_pkg pkg-config command -v pkg-config
need_pkg libncurses-dev have_pc ncursesw
need_pkg libconfig-dev have_pc libconfig
need_pkg libcidr-dev have_header libcidr.h
need_pkg libjansson-dev have_pc jansson
need_pkg libcmocka-dev have_pc cmocka
if [ "$want" = test ]; then
	need_pkg tmux command -v tmux
	need_pkg iproute2 command -v ip
	need_pkg valgrind command -v valgrind
	need_pkg frr test -x /usr/lib/frr/bgpd
	need_pkg strongswan-charon test -x /usr/lib/ipsec/charon
	need_pkg strongswan-swanctl command -v swanctl
	# AES-GCM and the ECP groups (the default proposals) for the lab's charon.
	need_pkg libstrongswan-standard-plugins \
	    test -f /usr/lib/ipsec/plugins/libstrongswan-openssl.so
	need_pkg jq command -v jq
	need_pkg graphviz command -v dot
	need_pkg util-linux command -v unshare
	need_pkg clang command -v clang
	need_pkg libclang-rt-14-dev have_fuzzer
fi

if [ -n "$missing" ]; then
	echo "hatopo: installing missing Debian packages:$missing" >&2
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "hatopo: not root and no sudo; as root run:" >&2
		echo "  apt-get install -y$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have no package lists yet.
	$sudo apt-get update -qq >&2 || true
	# shellcheck disable=SC2086
	if ! $sudo apt-get install -y -qq --no-install-recommends $missing >&2; then
		echo "hatopo: could not install:$missing" >&2
		exit 1
	fi
fi
