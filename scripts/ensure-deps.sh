#!/usr/bin/env bash
# Installs what Quipu needs from Debian's packages when it is missing: the wide-character ncurses
# headers (and pkg-config, which SwiftPM asks for them) to build, and tmux (and git) for the end-to-end tests.
# Usage: scripts/ensure-deps.sh [--with-tmux]
set -euo pipefail

need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ "${1:-}" = "--with-tmux" ]; then
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  command -v pgrep >/dev/null 2>&1 || need+=(procps)
  # A journal replaced by `git checkout` under the open screens is one of the end-to-end cases,
  # and `quipu sync` is tested against real git.
  command -v git >/dev/null 2>&1 || need+=(git)
  # The tests run the screens under a UTF-8 locale.
  locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || need+=(locales)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "installing: ${need[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
