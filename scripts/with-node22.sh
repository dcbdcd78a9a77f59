#!/usr/bin/env bash
# Runs a command with Node >= 22 first on PATH. These machines ship Node 20 (end-of-life); when the
# machine's Node is older, Node 22 comes from the npm registry's `node@22` package, cached per user.
# Usage: scripts/with-node22.sh npm ci   |   source scripts/with-node22.sh (puts it on PATH for the shell)
set -euo pipefail
# The version rule lives in scripts/check-node.cjs (from package.json's engines), so 22.0-22.11 count as old too.
if ! node "$(dirname "${BASH_SOURCE[0]}")/check-node.cjs" >/dev/null 2>&1; then
  NODE22_DIR="${NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/node22}"
  if [ ! -x "$NODE22_DIR/node_modules/.bin/node" ]; then
    mkdir -p "$NODE22_DIR"
    npm install --prefix "$NODE22_DIR" --no-save --no-package-lock --no-audit --no-fund node@22 >&2
  fi
  export PATH="$NODE22_DIR/node_modules/.bin:$PATH"
fi
if [ "$#" -gt 0 ]; then exec "$@"; fi
