#!/usr/bin/env bash
# ./scripts/try.sh [--web] [--dry-run]: Agent Connections on the demo org (the bundled Salesforce org
# emulator), from a fresh clone. Installs what is missing, then starts the desktop app where Electron
# can start and browser mode otherwise, saying why. --web always picks browser mode; --dry-run prints
# the plan and changes nothing.
set -euo pipefail
DRY_RUN=0
WEB_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --web) WEB_ONLY=1 ;;
    *) echo "Usage: scripts/try.sh [--web] [--dry-run]" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/bootstrap.sh"

electron_installed() {
  local dir=node_modules/electron
  [ -f "$dir/path.txt" ] && [ -e "${ELECTRON_OVERRIDE_DIST_PATH:-$dir/dist}/$(cat "$dir/path.txt")" ]
}

# Electron 45 fetches its binary from GitHub on first start; a short timeout keeps a blocked network
# from hanging the start. Its stack trace goes to a log: the admin gets one line.
ELECTRON_LOG=node_modules/.cache/electron-download.log
download_electron() {
  step "Electron: downloading its binary (first start only)"
  mkdir -p "$(dirname "$ELECTRON_LOG")"
  local limit=()
  if command -v timeout >/dev/null 2>&1; then limit=(timeout 180); fi
  ${limit[@]+"${limit[@]}"} node node_modules/electron/install.js >"$ELECTRON_LOG" 2>&1
}

# Why the desktop app cannot start here; nothing when it can. Downloads Electron's binary when that
# is all that is missing (a dry run only says it would).
no_desktop_because() {
  if [ "$WEB_ONLY" = 1 ]; then echo "--web asks for browser mode"; return; fi
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "there is no display here (DISPLAY and WAYLAND_DISPLAY are not set)"; return
  fi
  if electron_installed; then return; fi
  if is_dry_run; then
    step "Electron: its binary is not installed; would download it, and start browser mode instead if that fails" >&2
  elif ! download_electron >&2; then
    echo "Electron's binary is not installed and could not be downloaded ($ELECTRON_LOG says why)"
  fi
}

ensure_node
ensure_dependencies
reason="$(no_desktop_because)"
if [ -z "$reason" ]; then
  step "Start: the desktop app on the demo org"
  run_or_plan npm run demo
else
  step "Start: browser mode on the demo org, because $reason; open the address it prints"
  # The page a reload or an old link shows names this script, the command the admin ran.
  launched=./scripts/try.sh
  if [ "$WEB_ONLY" = 1 ]; then launched="$launched --web"; fi
  export AGENT_CONNECTIONS_LAUNCHED_BY="$launched"
  run_or_plan npm run web -- --demo
fi
