#!/usr/bin/env bash
# Installs what Quipu needs from Debian's packages when it is missing: the wide-character ncurses
# headers (and pkg-config, which SwiftPM asks for them) to build; tmux (and git) for the end-to-end
# tests, and gettext's msgfmt for the catalogue test; and for the HTML pages' tests, chromium and poppler-utils (a headless browser prints the
# pages to PDF, pdftotext reads them) and html5lib from PyPI (the strict HTML parser). Those last
# may fail to install without failing the build: their tests then say they were skipped, and why.
# Usage: scripts/ensure-deps.sh [--with-tmux] [--with-browser]
set -euo pipefail

tmux=no browser=no
for arg in "$@"; do
  case "$arg" in
    --with-tmux) tmux=yes ;;
    --with-browser) browser=yes ;;
    *) echo "ensure-deps: unknown argument $arg" >&2; exit 2 ;;
  esac
done

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=no
apt_install() {
  if [ $updated = no ]; then $sudo apt-get update -qq && updated=yes; fi
  $sudo apt-get install -y -qq "$@" >/dev/null
}

need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ $tmux = yes ]; then
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  command -v pgrep >/dev/null 2>&1 || need+=(procps)
  # A journal replaced by `git checkout` under the open screens is one of the end-to-end cases,
  # and `quipu sync` is tested against real git.
  command -v git >/dev/null 2>&1 || need+=(git)
  # The catalogue test checks every .po file with msgfmt, as translators' tools will.
  command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
  # The tests run the screens under a UTF-8 locale.
  locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || need+=(locales)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt_install "${need[@]}"
fi

[ $browser = yes ] || exit 0
web=()
command -v chromium >/dev/null 2>&1 || web+=(chromium)
command -v pdftotext >/dev/null 2>&1 || web+=(poppler-utils)
if [ ${#web[@]} -gt 0 ]; then
  echo "installing: ${web[*]}" >&2
  apt_install "${web[@]}" || echo "ensure-deps: could not install ${web[*]}: the browser checks of the HTML pages will be skipped" >&2
fi
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import html5lib' 2>/dev/null; then
  echo "installing: html5lib (pip)" >&2
  python3 -m pip install -q html5lib 2>/dev/null || apt_install python3-html5lib \
    || echo "ensure-deps: could not install html5lib: the HTML validator will be skipped" >&2
fi
exit 0
