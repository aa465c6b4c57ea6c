# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Sourced by fetch-kernels.sh and mksysroot.sh: apt with a PRIVATE state
# (lists, cache, status, architecture) under a work directory, so that
# packages of any Debian suite and architecture can be downloaded by name
# without touching the host's dpkg or apt configuration, and without root.
#
# The mirror is read at run time from this system's own apt sources, never
# written here. Signatures are checked by apt against the system keyrings.
#
#   apt_private_init WORKDIR SUITE ARCH [nosec]
#                                         sets APT_OPT (an array) and runs
#                                         apt-get update for SUITE and, unless
#                                         nosec, SUITE-security
#   apt_private_get PKG...                apt-get download into $PWD

# Mirror URIs from this system's apt configuration: deb822 (*.sources) first,
# then one-line sources.list files.
apt_private_uris() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr -s ' \t' '\n'
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' "$f"
	done
}

apt_private_init() {
	local st=$1 suite=$2 arch=$3 nosec=${4:-} all main sec keyring=/usr/share/keyrings/debian-archive-keyring.gpg signed=
	for tool in apt-get apt-cache dpkg-deb; do
		command -v $tool >/dev/null || { echo "apt-private: $tool not found (needs a Debian-family host)" >&2; return 1; }
	done
	all=$(apt_private_uris | sed '/^$/d; s:/*$::')
	main=$(printf '%s\n' "$all" | grep -E '^(https?|file)://.*/debian$' | head -n1 || true)
	sec=$(printf '%s\n' "$all" | grep -E '^(https?|file)://.*/debian-security$' | head -n1 || true)
	[ -n "$main" ] || { echo "apt-private: no Debian archive URI (…/debian) in this system's apt sources" >&2; return 1; }
	[ -n "$sec" ] || sec=${main}-security
	[ -r "$keyring" ] && signed="Signed-By: $keyring"
	rm -rf "$st/lists" "$st/cache"
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/etc"
	cat >"$st/etc/sources.sources" <<-EOS
	Types: deb
	URIs: $main
	Suites: $suite
	Components: main
	$signed
	EOS
	[ -n "$nosec" ] || cat >>"$st/etc/sources.sources" <<-EOS

	Types: deb
	URIs: $sec
	Suites: $suite-security
	Components: main
	$signed
	EOS
	: >"$st/status"
	APT_OPT=(
		-o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=$st/etc"
		-o "Dir::Etc::Preferences=/dev/null"
		-o "Dir::Etc::PreferencesParts=/dev/null"
		-o "Dir::State::Lists=$st/lists"
		-o "Dir::State::status=$st/status"
		-o "Dir::Cache=$st/cache"
		-o "APT::Architectures=$arch"
		-o "APT::Architecture=$arch"
		-o "Acquire::Languages=none"
		-o "APT::Sandbox::User=$(id -un)"
		-o "Debug::NoLocking=1"
	)
	if ! apt-get "${APT_OPT[@]}" -q update >"$st/update.log" 2>&1; then
		cat "$st/update.log" >&2
		echo "apt-private: apt-get update of $suite ($arch) from $main failed" >&2
		return 1
	fi
	# Warnings (an unreachable -security suite, say) are shown, not fatal.
	grep -E '^(W|E):' "$st/update.log" >&2 || true
}

apt_private_get() {
	apt-get "${APT_OPT[@]}" -q download "$@"
}
