#!/usr/bin/env bash
# ./scripts/test.sh [--dry-run]: the whole test suite (npm test) from a fresh clone. Installs what is
# missing first: Node 22 when the machine's is older, dependencies when node_modules does not match the
# lockfile, and Chromium for the browser tests where apt-get can (as root). --dry-run prints the plan.
set -euo pipefail
DRY_RUN=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    *) echo "Usage: scripts/test.sh [--dry-run]" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/bootstrap.sh"

# The browser journeys drive Chromium at CHROMIUM_PATH or /usr/bin/chromium (playwright.config.ts).
ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$chromium" ]; then
    step "Chromium: $chromium"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
    if is_dry_run; then step "Chromium: missing; would install it with apt-get"; return; fi
    step "Chromium: missing; installing it with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $chromium: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
}

ensure_node
ensure_dependencies
ensure_chromium
run_or_plan npm test
