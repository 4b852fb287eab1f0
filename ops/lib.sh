# Shared by the ops/ scripts: paths, ports, logging, running PostgreSQL tools as the postgres user.
set -euo pipefail
OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$OPS_DIR/.." && pwd)"
TOOLS_BIN="$REPO/ops/tools/node_modules/.bin"
DEVNET_DIR="${DEVNET_DIR:-$REPO/.devnet}"
DEVNET_PG_PORT="${DEVNET_PG_PORT:-55432}"
DEVNET_ETHEREUM_PORT="${DEVNET_ETHEREUM_PORT:-18545}"
DEVNET_BSC_PORT="${DEVNET_BSC_PORT:-18546}"
DEVNET_STRATOS_PORT="${DEVNET_STRATOS_PORT:-18547}"
DEVNET_SOLANA_PORT="${DEVNET_SOLANA_PORT:-18899}"
DEVNET_PRICES_PORT="${DEVNET_PRICES_PORT:-18560}"
DEVNET_STRATOS_COMPANION_PORT="${DEVNET_STRATOS_COMPANION_PORT:-18561}"
DEVNET_STRIPE_PORT="${DEVNET_STRIPE_PORT:-18562}"
SERVICE_PORT="${SERVICE_PORT:-5080}"
# The build ops/run and ops/devnet use (the service, the price fakes and the Stratos companion); tests set Debug, the
# build they already have.
OPS_CONFIGURATION="${OPS_CONFIGURATION:-Release}"
# name:chain-id:port of each devnet EVM chain
DEVNET_CHAINS=("ethereum:1:$DEVNET_ETHEREUM_PORT" "bsc:56:$DEVNET_BSC_PORT" "stratos:2048:$DEVNET_STRATOS_PORT")
# The devnet's three attesters (anvil's public dev keys #2, #5, #6; never use them anywhere else) and their addresses: the
# vaults need DEVNET_ATTESTER_THRESHOLD of them per release. ops/run starts each as its own process (Roles=attester).
DEVNET_ATTESTER_KEYS=(0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
  0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba
  0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e)
DEVNET_ATTESTERS=(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc 0x976EA74026E726554dB657fA54763abd0C3a0aa9)
DEVNET_ATTESTER_THRESHOLD=2

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
die_log() { # log message…: die, showing the log's last lines (a test's devnet folder is gone once it has failed)
  local log="$1"; shift
  printf '\033[31merror:\033[0m %s; see %s\n' "$*" "$log" >&2
  if [ -s "$log" ]; then tail -n 20 "$log" | sed 's/^/  | /' >&2; fi
  exit 1
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/local/bin /usr/bin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return; }
  done
  die "PostgreSQL's $1 not found: run ops/setup"
}

# initdb and pg_ctl refuse to run as root: run them as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" | cut -c1)" != Z ]; }

# stop_pids SIGNAL GRACE PID…: sends SIGNAL to each pid still alive, waits up to GRACE seconds for all of them to end,
# then SIGKILLs the ones left. Never waits longer than GRACE, whatever the processes do.
stop_pids() {
  local signal=$1 grace=$2 pid left=() until
  shift 2
  for pid in "$@"; do
    if alive "$pid"; then kill -"$signal" "$pid" 2>/dev/null || true; left+=("$pid"); fi
  done
  until=$(( $(date +%s) + grace ))
  while [ ${#left[@]} -gt 0 ] && [ "$(date +%s)" -lt "$until" ]; do
    sleep 0.2
    local still=()
    for pid in "${left[@]}"; do alive "$pid" && still+=("$pid"); done
    left=("${still[@]+"${still[@]}"}")
  done
  for pid in "${left[@]+"${left[@]}"}"; do
    warn "pid $pid did not end within ${grace} s of SIG$signal: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# wait_for SECONDS COMMAND…: runs COMMAND until it succeeds (0) or SECONDS have passed (1). Deadlines here are generous:
# on a busy machine a part can take a minute to answer, and a healthy start never waits for the deadline.
wait_for() {
  local until=$(( $(date +%s) + $1 ))
  shift
  until "$@"; do
    [ "$(date +%s)" -lt "$until" ] || return 1
    sleep 0.2
  done
}

chain_answers() { [ "$(rpc_chain_id "$1")" = "$2" ]; } # port chain-id

solana_health() { # port → "ok" when the Solana devnet answers getHealth
  curl -s -m 2 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' "http://127.0.0.1:$1" 2>/dev/null | sed -n 's/.*"result":"\([a-z]*\)".*/\1/p'
}

rpc_chain_id() { # port → decimal chain id, or empty
  local out
  out=$(curl -s -m 2 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$1" 2>/dev/null) || return 0
  out=$(printf '%s' "$out" | sed -n 's/.*"result":"\(0x[0-9a-fA-F]*\)".*/\1/p')
  [ -n "$out" ] && printf '%d' "$out"
}
