#!/bin/bash
# The disk fills under load: fleet-sim (retrying like real agents) reports to
# parc-server whose data directory is a small tmpfs. Once the server answers
# 503 storage_full, space returns (the tmpfs is grown while the server runs); the
# agents' reports must then all be delivered: everything acknowledged is stored,
# nothing twice, the database intact.
#
#   bench/crash/disk-full.sh [--build DIR] [--agents N] [--work DIR] [--size 6m]
#
# Needs to mount a tmpfs (root). Without that, --pages N caps the database with the
# server's test-only --test-max-db-pages instead, and space "returns" by a restart
# without the cap.
set -euo pipefail

build=build
agents=400
work=""
size=6m
pages=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--agents N] [--work DIR] [--size 6m] [--pages N]" >&2; exit 64 ;;
  esac
done
here=$(cd "$(dirname "$0")/../.." && pwd)
server_bin=$build/server/parc-server
sim_bin=$build/bench/fleet-sim
agent_bin=$build/agent/parc-agent
[ -n "$work" ] || work=$(mktemp -d /tmp/parc-full.XXXXXX)
data=$work/data
mkdir -p "$work"
rm -f "$work/acks.txt" "$work/server.log"

mounted=""
server_pid=""
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
  [ -n "$mounted" ] && umount "$data" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$data"
umount "$data" 2>/dev/null || true
rm -rf "${data:?}"/*
if [ -z "$pages" ]; then
  if mount -t tmpfs -o "size=$size" tmpfs "$data" 2>/dev/null; then
    mounted=yes
  else
    pages=1500
    echo "cannot mount a tmpfs here: capping the database at $pages pages instead"
  fi
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
admin() { "$server_bin" admin --data-dir "$data" "$@" | tail -1; }
collectivity=$(admin collectivity add "Disk full test")
site=$(admin site add --collectivity "$collectivity" "Site")
token=$(admin token create --site "$site" --uses $((agents * 2)) --expires 1d)
inventory=$work/inventory.json
"$agent_bin" inventory --root "$here/tests/fixtures/roots/laptop" > "$inventory"

start_server() {
  rm -f "$work/port"
  "$server_bin" serve --data-dir "$data" --plain-http --listen "127.0.0.1:$port" --port-file "$work/port" \
    --log-level warn "$@" >> "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    if [ -s "$work/port" ]; then return 0; fi
    sleep 0.05
  done
  echo "the server did not come up; see $work/server.log" >&2
  exit 1
}
if [ -n "$pages" ]; then start_server --test-max-db-pages "$pages"; else start_server; fi

# Full inventories fill the disk fastest; the state phase keeps reports coming.
"$sim_bin" --server "http://127.0.0.1:$port" --token "$token" --agents "$agents" --connections 32 \
  --inventory "$inventory" --full-duration 0 --state-duration 20 --state-rate 400 --retry-errors \
  --max-retry-after 1 --ack-log "$work/acks.txt" > "$work/fleet-sim.log" 2>&1 &
sim_pid=$!

full=""
for _ in $(seq 1 300); do
  if grep -q "storage_full" "$work/server.log"; then full=yes; break; fi
  kill -0 "$sim_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$full" ] || { cat "$work/fleet-sim.log"; echo "the disk never filled (raise --agents or lower --size)" >&2; exit 1; }
refusals=$(grep -c "storage_full" "$work/server.log" || true)
echo "the server answers storage_full ($refusals refusals logged); space returns in 2 s"
sleep 2
if [ -n "$pages" ]; then
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  start_server
else
  mount -o remount,size=256m "$data"
fi
curl -fs "http://127.0.0.1:$port/healthz" > /dev/null || { echo "the server is not answering after the disk filled" >&2; exit 1; }

sim_status=0
wait "$sim_pid" || sim_status=$?
sim_pid=""
cat "$work/fleet-sim.log"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
server_pid=""

python3 - "$data/parc.db" "$work/acks.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
acked = [tuple(line.split()) for line in open(sys.argv[2]) if line.strip()]
stored = {}
for agent, seq, n in db.execute("SELECT agent_id, seq, count(*) FROM reports GROUP BY agent_id, enrollment, seq"):
    stored[(agent, str(seq))] = stored.get((agent, str(seq)), 0) + n
missing = [a for a in acked if a not in stored]
twice = [k for k, n in stored.items() if n > 1]
print(f"integrity {integrity}; acknowledged {len(acked)}, stored {sum(stored.values())}, "
      f"missing {len(missing)}, stored twice {len(twice)}")
sys.exit(1 if missing or twice or integrity != "ok" or not acked else 0)
PY
check=$?
grep -q "throttled" "$work/fleet-sim.log" || { echo "no report was refused with Retry-After while the disk was full"; exit 1; }
[ "$sim_status" -eq 0 ] || { echo "fleet-sim reported errors (exit $sim_status)"; exit 1; }
exit $check
