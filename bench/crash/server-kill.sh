#!/bin/bash
# Crash safety of the server: fleet-sim (retrying like real agents) reports to
# parc-server while parc-server is SIGKILLed and restarted, CYCLES times. Then every
# report acknowledged before a kill must be in the store, and none stored twice.
#
#   bench/crash/server-kill.sh [--build DIR] [--cycles N] [--agents N] [--work DIR]
#
# Exits 0 when every check holds; prints what failed otherwise.
set -euo pipefail

build=build
cycles=20
agents=300
work=""
inventory=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --cycles) cycles=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --inventory) inventory=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--cycles N] [--agents N] [--work DIR] [--inventory FILE]" >&2; exit 64 ;;
  esac
done
here=$(cd "$(dirname "$0")/../.." && pwd)
server_bin=$build/server/parc-server
sim_bin=$build/bench/fleet-sim
agent_bin=$build/agent/parc-agent
for bin in "$server_bin" "$sim_bin"; do
  [ -x "$bin" ] || { echo "missing $bin (build it first)" >&2; exit 2; }
done
[ -n "$work" ] || work=$(mktemp -d /tmp/parc-crash.XXXXXX)
data=$work/data
mkdir -p "$work"
rm -rf "$data" "$work/acks.txt"

server_pid=""
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

admin() { "$server_bin" admin --data-dir "$data" "$@" | tail -1; }
collectivity=$(admin collectivity add "Crash test")
site=$(admin site add --collectivity "$collectivity" "Site")
token=$(admin token create --site "$site" --uses $((agents * 2)) --expires 1d)

if [ -z "$inventory" ]; then
  inventory=$work/inventory.json
  if [ -x "$agent_bin" ]; then
    "$agent_bin" inventory --root "$here/tests/fixtures/roots/laptop" > "$inventory"
  else
    echo "missing $agent_bin and no --inventory" >&2; exit 2
  fi
fi

start_server() {
  "$server_bin" serve --data-dir "$data" --plain-http --listen "127.0.0.1:$port" \
    --port-file "$work/port" --log-level warn >> "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    if [ -s "$work/port" ] && curl -fs "http://127.0.0.1:$port/healthz" > /dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  echo "the server did not come up; see $work/server.log" >&2
  exit 1
}

rm -f "$work/port"
start_server
# One full inventory per agent, then state reports for as long as the kills last.
duration=$((cycles * 2 + 4))
"$sim_bin" --server "http://127.0.0.1:$port" --token "$token" --agents "$agents" --connections 64 \
  --inventory "$inventory" --state-duration "$duration" --state-rate 1500 --retry-errors \
  --ack-log "$work/acks.txt" > "$work/fleet-sim.log" 2>&1 &
sim_pid=$!

# Kills start once every agent is enrolled (an enrollment cut off is another matter).
for _ in $(seq 1 600); do
  grep -q '^enroll' "$work/fleet-sim.log" && break
  sleep 0.1
done
grep -q '^enroll' "$work/fleet-sim.log" || { echo "fleet-sim did not enroll; see $work/fleet-sim.log" >&2; exit 1; }

for cycle in $(seq 1 "$cycles"); do
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  acked=$(wc -l < "$work/acks.txt" 2>/dev/null || echo 0)
  echo "cycle $cycle: SIGKILL with $acked reports acknowledged so far"
  rm -f "$work/port"
  start_server
done

sim_status=0
wait "$sim_pid" || sim_status=$?
sim_pid=""
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
cat "$work/fleet-sim.log"

python3 - "$data/parc.db" "$work/acks.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
acked = [tuple(line.split()) for line in open(sys.argv[2]) if line.strip()]
stored = {}
for agent, seq, n in db.execute("SELECT agent_id, seq, count(*) FROM reports GROUP BY agent_id, enrollment, seq"):
    stored[(agent, str(seq))] = stored.get((agent, str(seq)), 0) + n
missing = [a for a in acked if a not in stored]
twice = [k for k, n in stored.items() if n > 1]
print(f"acknowledged {len(acked)} (distinct {len(set(acked))}), stored {sum(stored.values())}, "
      f"missing {len(missing)}, stored twice {len(twice)}")
for a in missing[:10]: print("missing:", *a)
for k in twice[:10]: print("stored twice:", *k)
sys.exit(1 if missing or twice or not acked else 0)
PY
check=$?
if [ "$sim_status" -ne 0 ]; then
  echo "fleet-sim reported errors (exit $sim_status)"; exit 1
fi
exit $check
