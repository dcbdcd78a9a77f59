#!/usr/bin/env bash
# Runs the renderer and integration suites under CPU load, several times in a row, and stops at the
# first failure: a change lands only when the suites pass on a busy 2-core machine (CI's kind).
# Usage: scripts/suite-under-load.sh [rounds, default 5] [extra vitest arguments, e.g. test paths]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
shift || true
extra=("$@")
# Sourced with arguments, with-node22.sh would run them as a command: it is sourced with none.
set --
source scripts/with-node22.sh >/dev/null
cores="$(node -e 'console.log(require("node:os").availableParallelism())')"

# One busy loop per core, at normal priority, for as long as the suites run.
hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
for _ in $(seq "$cores"); do
  node -e 'for (;;) Math.sqrt(Math.random())' &
  hogs+=("$!")
done

for round in $(seq "$rounds"); do
  echo "== round $round of $rounds, with $cores busy loops beside the suites"
  if ! npx vitest run --project renderer --project integration "${extra[@]}"; then
    echo "== failed in round $round of $rounds"
    exit 1
  fi
done
echo "== the renderer and integration suites passed $rounds times in a row under load"
