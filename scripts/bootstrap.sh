# Sourced by scripts/try.sh and scripts/test.sh: what a fresh clone needs before any npm script runs.
# Each step either acts or, with DRY_RUN=1, prints what it would do, so CI can check the plan cheaply.
# Needs only bash and some Node >= 18 with npm: everything else comes from the npm registry.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

is_dry_run() { [ "${DRY_RUN:-0}" = 1 ]; }
step() { echo "== $*"; }

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Agent Connections needs Node and npm to start with (any version from 18); install Node 22 from https://nodejs.org." >&2
    exit 1
  fi
  if node scripts/check-node.cjs >/dev/null 2>&1; then
    step "Node: $(node --version)"
  elif is_dry_run; then
    step "Node: $(node --version) is too old; would fetch Node 22 from the npm registry (scripts/with-node22.sh)"
  else
    step "Node: $(node --version) is too old; using Node 22 from the npm registry (scripts/with-node22.sh)"
    # shellcheck source=with-node22.sh
    source scripts/with-node22.sh
    step "Node: $(node --version)"
  fi
}

# Why node_modules does not match package-lock.json; nothing when it does. npm writes
# node_modules/.package-lock.json on every install, so a lockfile newer than it changed since.
dependencies_stale_because() {
  if [ ! -d node_modules ]; then echo "node_modules is missing"
  elif [ ! -f node_modules/.package-lock.json ]; then echo "node_modules was not installed by npm"
  elif [ package-lock.json -nt node_modules/.package-lock.json ]; then echo "package-lock.json changed since the last install"
  fi
}

ensure_dependencies() {
  local reason
  reason="$(dependencies_stale_because)"
  if [ -z "$reason" ]; then
    step "Dependencies: up to date"
  elif is_dry_run; then
    step "Dependencies: $reason; would run npm ci"
  else
    step "Dependencies: $reason; running npm ci"
    npm ci --no-audit --no-fund
  fi
}

# Runs the command, or with DRY_RUN=1 only names it.
run_or_plan() {
  if is_dry_run; then
    step "Would run: $*"
  else
    step "Running: $*"
    exec "$@"
  fi
}
