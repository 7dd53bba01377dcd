#!/bin/bash
# Crash safety of the agent: `parc-agent once` (collect, spool, upload) is SIGKILLed
# at a random moment, CYCLES times, with the server up for 20 cycles and down for
# the next 20 (so kills land in spool writes and in uploads). After every kill the
# spool must reopen (`status` works); at the end everything is delivered: on the
# server the agent's reports arrive in seq order, none twice, and no seq was reused
# for another report (the server records that as an identity conflict). Then a
# 7-day outage at a 15-minute interval: OUTAGE collections against a stopped server
# (time is simulated by running the collections back to back: the agent's spool
# does not care when they happen), which must fit the spool bound and drain in
# order in one run once the server is back.
#
#   bench/crash/agent-kill.sh [--build DIR] [--cycles 200] [--outage 672] [--work DIR]
set -euo pipefail

build=build
cycles=200
outage=672
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --cycles) cycles=$2; shift 2 ;;
    --outage) outage=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--cycles N] [--outage N] [--work DIR]" >&2; exit 64 ;;
  esac
done
here=$(cd "$(dirname "$0")/../.." && pwd)
server_bin=$build/server/parc-server
agent_bin=$build/agent/parc-agent
[ -n "$work" ] || work=$(mktemp -d /tmp/parc-agent-kill.XXXXXX)
data=$work/data
state=$work/agent
root=$here/tests/fixtures/roots/laptop
spool_bound=$((4 << 20))
rm -rf "$data" "$state" "$work/server.log"
mkdir -p "$work"

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
admin() { "$server_bin" admin --data-dir "$data" "$@" | tail -1; }
collectivity=$(admin collectivity add "Agent kill test")
site=$(admin site add --collectivity "$collectivity" "Site")
token=$(admin token create --site "$site" --uses 5 --expires 1d)

start_server() {
  rm -f "$work/port"
  "$server_bin" serve --data-dir "$data" --plain-http --listen "127.0.0.1:$port" --port-file "$work/port" \
    --log-level warn >> "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do [ -s "$work/port" ] && return 0; sleep 0.05; done
  echo "the server did not come up; see $work/server.log" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
agent() {
  "$agent_bin" "$1" --state-dir "$state" --config /dev/null --spool_max_bytes "$spool_bound" \
    --server "http://127.0.0.1:$port" "${@:2}"
}
pending() { agent status | sed -n 's/.* \([0-9][0-9]*\) report(s) waiting.*/\1/p'; }

start_server
agent enroll --token "$token" --root "$root" > /dev/null

for cycle in $(seq 1 "$cycles"); do
  if [ $(((cycle - 1) / 20 % 2)) -eq 1 ]; then
    [ -n "$server_pid" ] && stop_server
  else
    [ -z "$server_pid" ] && start_server
  fi
  agent once --root "$root" > /dev/null 2>&1 &
  victim=$!
  sleep "0.$(printf '%03d' $((RANDOM % 250)))"
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
  if ! agent status > "$work/status.txt" 2>&1; then
    echo "cycle $cycle: the agent's state does not reopen after SIGKILL:"; cat "$work/status.txt"; exit 1
  fi
done
[ -z "$server_pid" ] && start_server
agent once --root "$root" > /dev/null 2>&1 || agent once --root "$root"
echo "after $cycles kills: $(pending) report(s) waiting"

# A 7-day outage: the collections queue in the spool, within its bound.
stop_server
for _ in $(seq 1 "$outage"); do
  agent once --root "$root" > /dev/null 2>&1 && { echo "a report was sent to a stopped server?" >&2; exit 1; }
done
waiting=$(pending)
spool_bytes=$(du -sb "$state" | cut -f1)
echo "outage of $outage collections: $waiting report(s) waiting, state directory $spool_bytes bytes (bound $spool_bound)"
start_server
agent once --root "$root"
left=$(pending)
stop_server

python3 - "$data/parc.db" "$waiting" "$outage" "$left" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
waiting, outage, left = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
# Order: the server records a report arriving with a seq below one already stored
# as an identity conflict (seq_backwards), as it does a seq reused for another
# report (seq_reused); and in seq order, no report was received before the previous.
rows = list(db.execute("SELECT seq, received_at FROM reports ORDER BY seq"))
seqs = [r[0] for r in rows]
conflicts = db.execute("SELECT count(*) FROM identity_conflicts").fetchone()[0]
disorder = sum(1 for a, b in zip(rows, rows[1:]) if b[1] < a[1])
gaps = sum(b - a - 1 for a, b in zip(seqs, seqs[1:]) if b > a + 1)
print(f"server: {len(seqs)} reports, seq {seqs[0] if seqs else '-'}..{seqs[-1] if seqs else '-'}, "
      f"out of order {disorder}, identity conflicts {conflicts}, seq numbers never stored {gaps}, "
      f"left in the spool {left}")
bad = disorder or conflicts or left or waiting < outage
sys.exit(1 if bad else 0)
PY
