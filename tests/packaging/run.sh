#!/usr/bin/env bash
# The packaging test: builds parc-agent and parc-server .deb packages (an older
# version and the current one), runs lintian, then in a fresh Debian 12 root made
# with debootstrap (or on this machine with PARC_PACKAGING_ROOT=host):
#   1. installs the older server and agent, the agent preseeded with debconf
#      (server URL, CA fingerprint, enrollment token, room), nothing asked;
#   2. runs the installed server as user parc and the installed agent, and checks
#      through the server's API that the agent enrolled and reported;
#   3. upgrades both to the current packages and checks that the agent's identity
#      and configuration and the server's data were kept, and that it reports on;
#   4. purges the agent, installs it again over an agent.conf placed beforehand
#      and checks the file is left byte for byte;
#   5. purges both and checks nothing is left.
# Needs root, dpkg, lintian, debootstrap (or PARC_PACKAGING_ROOT=host) and a few
# minutes. Prints the time of each stage. Exits non-zero on the first failure.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${PARC_PACKAGING_WORK:-$repo/build-packaging-test}"
build_dir="${PARC_PACKAGE_BUILD_DIR:-$repo/build-package}"
cache="${PARC_PACKAGING_CACHE:-/var/cache/parc-packaging}"
mirror="${PARC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mode="${PARC_PACKAGING_ROOT:-debootstrap}"
old_version="0.0.1"

start_time=$SECONDS
stage_time=$SECONDS
passed=0
failed=0
stage() {
  echo "[packaging] $(( SECONDS - stage_time ))s; next: $*"
  stage_time=$SECONDS
}
check() {  # check DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@"; then
    echo "  ok   $what"; passed=$((passed + 1))
  else
    echo "  FAIL $what"; failed=$((failed + 1))
    summary; exit 1
  fi
}
summary() {
  echo "[packaging] total $(( SECONDS - start_time ))s"
  echo "$passed passed, $failed failed"
}

[ "$(id -u)" -eq 0 ] || { echo "the packaging test needs root" >&2; exit 1; }

root=""
mounts=()
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

in_root() {
  if [ -n "$root" ]; then chroot "$root" "$@"; else "$@"; fi
}
# Background processes are started through this array, not through in_root, so
# that $! is the process itself (chroot execs it) and not a subshell.
root_cmd=()
file_in_root() { echo "$root$1"; }

# ---- 1. Packages --------------------------------------------------------------
stage "build the packages"
rm -rf "$work"
mkdir -p "$work/old" "$work/new"
"$repo/scripts/package" --build-dir "$build_dir" --version "$old_version" --out "$work/old" >/dev/null
"$repo/scripts/package" --build-dir "$build_dir" --out "$work/new" >/dev/null
new_agent="$(ls "$work"/new/parc-agent_*_amd64.deb)"
new_server="$(ls "$work"/new/parc-server_*_amd64.deb)"
old_agent="$(ls "$work"/old/parc-agent_${old_version}-*_amd64.deb)"
old_server="$(ls "$work"/old/parc-server_${old_version}-*_amd64.deb)"
echo "  $(basename "$new_agent") $(basename "$new_server")"

stage "inspect the packages"
check "agent conffiles: none (agent.conf is written by postinst)" \
  test -z "$(dpkg-deb --ctrl-tarfile "$new_agent" | tar -t | grep -x './conffiles' || true)"
check "server conffile /etc/parc/server.conf" \
  sh -c "dpkg-deb --ctrl-tarfile '$new_server' | tar -xO ./conffiles | grep -qx /etc/parc/server.conf"
for deb in "$new_agent" "$new_server"; do
  name="$(dpkg-deb -f "$deb" Package)"
  contents="$(dpkg-deb -c "$deb" | awk '{print $NF}')"
  for path in ./usr/bin/$name ./lib/systemd/system/$name.service ./usr/share/man/man1/$name.1.gz \
              ./usr/share/doc/$name/copyright ./usr/share/doc/$name/changelog.Debian.gz; do
    check "$name ships $path" grep -qx "$path" <<< "$contents"
  done
  check "$name Depends computed by dpkg-shlibdeps (libc6)" \
    sh -c "dpkg-deb -f '$deb' Depends | grep -q 'libc6 (>='"
done
agent_contents="$(dpkg-deb -c "$new_agent" | awk '{print $NF}')"
check "parc-agent ships its network module" \
  grep -qx ./usr/lib/parc-agent/libparc-agent-net.so <<< "$agent_contents"
check "parc-agent Depends on libcurl (the module's, through dpkg-shlibdeps)" \
  sh -c "dpkg-deb -f '$new_agent' Depends | grep -q 'libcurl4'"

stage "lintian"
lintian_out="$work/lintian.txt"
lintian --tag-display-limit 0 "$new_agent" "$new_server" > "$lintian_out" 2>&1 || true
sed 's/^/  /' "$lintian_out"
check "lintian reports no error" sh -c "! grep -q '^E:' '$lintian_out'"

stage "systemd-analyze verify"
verify_root="$work/verify-root"
mkdir -p "$verify_root"
dpkg-deb -x "$new_agent" "$verify_root"
dpkg-deb -x "$new_server" "$verify_root"
# The targets our units refer to (sysinit.target, ...) come from this machine's systemd.
cp -rn /lib/systemd/system/. "$verify_root/lib/systemd/system/"
for unit in parc-server parc-agent; do
  verify_out="$(systemd-analyze verify --man=no --root="$verify_root" "$verify_root/lib/systemd/system/$unit.service" 2>&1 || true)"
  [ -z "$verify_out" ] || echo "$verify_out" | sed 's/^/  /'
  check "systemd-analyze verify $unit.service is clean" test -z "$verify_out"
  echo "  $(systemd-analyze security --offline=true "$verify_root/lib/systemd/system/$unit.service" 2>/dev/null | tail -n 1)"
done

# ---- 2. A Debian 12 root ------------------------------------------------------
if [ "$mode" = "host" ]; then
  stage "install on this machine"
  root=""
else
  stage "a fresh Debian 12 root (debootstrap minbase)"
  root="$work/root"
  root_cmd=(chroot "$root")
  mkdir -p "$cache" "$root"
  base="$cache/bookworm-minbase.tar"
  if [ ! -s "$base" ]; then
    debootstrap --variant=minbase bookworm "$work/debootstrap" "$mirror" > "$work/debootstrap.log" 2>&1 ||
      { tail -n 20 "$work/debootstrap.log"; exit 1; }
    tar -C "$work/debootstrap" -cf "$base.tmp" . && mv "$base.tmp" "$base"
    rm -rf "$work/debootstrap"
  fi
  tar -C "$root" -xf "$base"
  for fs in proc sys dev; do
    mount --bind "/$fs" "$root/$fs"; mounts+=("$root/$fs")
  done
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  in_root apt-get update -qq > "$work/apt.log" 2>&1
fi
cp "$old_agent" "$old_server" "$new_agent" "$new_server" "$(file_in_root /tmp)/"
pkg() { echo "/tmp/$(basename "$1")"; }
apt_install() {
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >> "$work/apt.log" 2>&1 < /dev/null || { tail -n 30 "$work/apt.log"; return 1; }
}

# ---- 3. The older server, initialised and running ------------------------------
stage "install parc-server $old_version"
apt_install "$(pkg "$old_server")"
check "system user parc exists" sh -c "chroot '${root:-/}' getent passwd parc >/dev/null"
check "/var/lib/parc-server is parc's, mode 750" \
  test "$(in_root stat -c '%U %a' /var/lib/parc-server)" = "parc 750"
check "the database was initialised at install" test -s "$(file_in_root /var/lib/parc-server/parc.db)"

as_parc() { in_root runuser -u parc -- "$@"; }
server_pid=""
start_server() {
  rm -f "$(file_in_root /var/lib/parc-server/port)"
  "${root_cmd[@]}" runuser -u parc -- parc-server serve --listen 127.0.0.1:0 \
    --port-file /var/lib/parc-server/port > "$work/server.log" 2>&1 < /dev/null &
  server_pid=$!; pids+=("$server_pid")
  local i
  for i in $(seq 1 100); do
    [ -s "$(file_in_root /var/lib/parc-server/port)" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; return 1; }
    sleep 0.1
  done
  port="$(cat "$(file_in_root /var/lib/parc-server/port)")"
  # TLS when the server has a CA (parc-server admin ca-fingerprint), plain HTTP before.
  if fingerprint="$(as_parc parc-server admin ca-fingerprint 2>/dev/null)"; then
    server_url="https://127.0.0.1:$port"
  else
    fingerprint=""; server_url="http://127.0.0.1:$port"
  fi
}
stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  if kill -0 "$1" 2>/dev/null; then echo "process $1 did not stop" >&2; return 1; fi
}
api() { curl -sS -k --max-time 10 -H "Authorization: Bearer $api_token" "$server_url$1"; }

stage "start the installed server as parc, create a site and a token"
start_server
check "the server answers /healthz" sh -c "curl -sS -k --max-time 10 -o /dev/null -w '%{http_code}' '$server_url/healthz' | grep -qx 200"
collectivity="$(as_parc parc-server admin collectivity add "Département de l'Essai")"
site="$(as_parc parc-server admin site add --collectivity "$collectivity" --zone B "Collège de l'Essai")"
token="$(as_parc parc-server admin token create --site "$site" --uses 5)"
api_token="$(as_parc parc-server admin api-token create --all)"
check "admin commands printed ids and tokens" test -n "$collectivity" -a -n "$site" -a -n "$token" -a -n "$api_token"

# ---- 4. The older agent, preseeded ---------------------------------------------
stage "install parc-agent $old_version, preseeded"
in_root debconf-set-selections <<EOF
parc-agent parc-agent/server string $server_url
parc-agent parc-agent/ca_fingerprint string $fingerprint
parc-agent parc-agent/enroll_token password $token
parc-agent parc-agent/room string B12
EOF
apt_install "$(pkg "$old_agent")"
conf="$(file_in_root /etc/parc/agent.conf)"
check "agent.conf written from the preseeded answers" \
  sh -c "grep -qx 'server = $server_url' '$conf' && grep -qx 'enroll_token = $token' '$conf' && grep -qx 'room = B12' '$conf'"
check "agent.conf is 0600 root" test "$(in_root stat -c '%U %a' /etc/parc/agent.conf)" = "root 600"
check "debconf keeps no copy of the token" \
  sh -c "! grep -rqF -- '$token' '$(file_in_root /var/cache/debconf)'"
check "no identity before the first start (master images stay generic)" \
  test ! -e "$(file_in_root /var/lib/parc-agent/identity.json)"

device_count() { api /api/v1/devices | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["devices"]))'; }
wait_for() {  # wait_for COMMAND...: up to 60 tries, one second apart
  local i
  for i in $(seq 1 60); do "$@" && return 0; sleep 1; done
  return 1
}
agent_pid=""
start_agent() {
  "${root_cmd[@]}" parc-agent run > "$work/agent.log" 2>&1 < /dev/null &
  agent_pid=$!; pids+=("$agent_pid")
}
# The agent's last acknowledged report (progress.json), empty before the first.
last_success() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("last_success_at", ""))' \
    "$(file_in_root /var/lib/parc-agent/progress.json)" 2>/dev/null || true
}
has_reported() { [ -n "$(last_success)" ] && [ "$(device_count)" = "$1" ]; }

stage "run the installed agent: it enrolls and reports"
start_agent
check "the agent enrolled and reported (one device with a report)" wait_for has_reported 1
check "identity.json is 0600" test "$(stat -c '%a' "$(file_in_root /var/lib/parc-agent/identity.json)")" = "600"
identity_before="$(sha256sum < "$(file_in_root /var/lib/parc-agent/identity.json)")"
conf_before="$(sha256sum < "$conf")"
device_before="$(api /api/v1/devices | python3 -c 'import json,sys; print(json.load(sys.stdin)["devices"][0]["id"])')"
stop_pid "$agent_pid"
success_before="$(last_success)"
stop_pid "$server_pid"

# ---- 5. Upgrade ---------------------------------------------------------------
stage "upgrade both to the current packages"
apt_install "$(pkg "$new_server")" "$(pkg "$new_agent")"
check "parc-agent upgraded" sh -c "[ \"\$(chroot '${root:-/}' dpkg-query -W -f='\${Version}' parc-agent)\" = \"$(dpkg-deb -f "$new_agent" Version)\" ]"
check "agent identity kept" test "$(sha256sum < "$(file_in_root /var/lib/parc-agent/identity.json)")" = "$identity_before"
check "agent.conf kept" test "$(sha256sum < "$conf")" = "$conf_before"
start_server
check "server data kept: the same device" \
  test "$(api /api/v1/devices | python3 -c 'import json,sys; print(json.load(sys.stdin)["devices"][0]["id"])')" = "$device_before"
start_agent
reported_again() { [ "$(last_success)" != "$success_before" ] && has_reported 1; }
check "the upgraded agent reports on as the same device" wait_for reported_again
stop_pid "$agent_pid"

# ---- 6. An agent.conf placed beforehand ----------------------------------------
stage "purge the agent; install it over an agent.conf placed beforehand"
in_root dpkg --purge parc-agent >> "$work/apt.log" 2>&1
check "agent purge removed /var/lib/parc-agent and agent.conf" \
  test ! -e "$(file_in_root /var/lib/parc-agent)" -a ! -e "$conf"
mkdir -p "$(dirname "$conf")"
printf '# placed by the deployment tool\nserver = %s\nca_fingerprint = %s\nenroll_token = %s\nroom = C3\n' \
  "$server_url" "${fingerprint:-sha256:00}" "$token" > "$conf"
[ -n "$fingerprint" ] || sed -i '/^ca_fingerprint/d' "$conf"
chmod 0640 "$conf"
placed="$(sha256sum < "$conf")"
in_root debconf-set-selections <<EOF
parc-agent parc-agent/server string http://ignored.example:1
EOF
apt_install "$(pkg "$new_agent")"
check "the placed agent.conf is left byte for byte" test "$(sha256sum < "$conf")" = "$placed"
check "its mode is left too" test "$(stat -c '%a' "$conf")" = "640"
start_agent
check "the agent enrolls from the placed file (same device again)" wait_for has_reported 1
stop_pid "$agent_pid"
stop_pid "$server_pid"

# ---- 7. Remove keeps, purge removes --------------------------------------------
stage "remove, then purge both"
in_root dpkg --remove parc-agent parc-server >> "$work/apt.log" 2>&1
check "remove keeps the agent's state and configuration" \
  test -e "$(file_in_root /var/lib/parc-agent/identity.json)" -a -e "$conf"
check "remove keeps the server's data and conffile" \
  test -e "$(file_in_root /var/lib/parc-server/parc.db)" -a -e "$(file_in_root /etc/parc/server.conf)"
in_root dpkg --purge parc-agent parc-server >> "$work/apt.log" 2>&1
for path in /var/lib/parc-agent /var/lib/parc-server /etc/parc /usr/bin/parc-agent /usr/bin/parc-server \
            /lib/systemd/system/parc-agent.service /lib/systemd/system/parc-server.service \
            /usr/share/doc/parc-agent /usr/share/doc/parc-server /usr/share/parc-agent; do
  check "nothing left at $path" test ! -e "$(file_in_root "$path")"
done
check "dpkg knows neither package" \
  sh -c "! chroot '${root:-/}' dpkg-query -W -f='\${Status}\n' parc-agent parc-server 2>/dev/null | grep -q installed"
check "debconf forgot parc-agent" sh -c "[ -z \"\$(chroot '${root:-/}' debconf-show parc-agent 2>/dev/null)\" ]"

summary
