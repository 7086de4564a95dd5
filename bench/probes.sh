#!/usr/bin/env bash
# Probes over N live memcached processes on loopback (two services of N/2 nodes each): `parity assert`, through the
# launcher, against `ansible` reading the same versions from the same N hosts (bash /dev/tcp through the shell
# module, forks 50). Both answers (host -> version) are compared before anything is timed; best of RUNS (default 3).
# Writes bench/results-probes.md (bench/all.sh puts it into BENCHMARKS.md).
#   bash bench/probes.sh [N]     (default 200; run as root, after ./parity tools install)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-200}
base=30000   # above the test suite's port blocks (10000-29999), below the ephemeral range
RUNS=${RUNS:-3}
./parity --version >/dev/null
command -v jq >/dev/null || { apt-get update -q && apt-get install -y -q jq; }
bench_work=$(mktemp -d /tmp/parity-probes-XXXX)
source bench/lib.sh
work=$bench_work
chmod 755 "$work"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq 0 $((n - 1))); do
  memcached -l 127.0.0.1 -p $((base + i)) -U 0 -m 8 -t 1 -u parity & pids+=($!)
done
for i in $(seq 0 $((n - 1))); do   # every one listening before anything is asked
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$((base + i))) 2>/dev/null && break; sleep 0.1; done
done
mkdir -p "$work/vars" "$work/.parity/bench"
cat > "$work/vars/common.yml" <<YAML
schema: parity/v1
project: bench
services:
  memcached: { version: "1.6.18", role: cache, port: $base }
  sessions: { version: "1.6.18", role: cache2, port: $((base + n / 2)), probe: { type: memcached } }
topology: { cache: $((n / 2)), cache2: $((n - n / 2)) }
YAML
printf 'environment: bench\n' > "$work/vars/bench.yml"
python3 - "$n" "$base" "$work" <<'PY'
import json, sys
n, base, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
half = n // 2
nodes = [{"name": "bench-cache-%d" % i, "role": "cache" if i < half else "cache2", "index": i % half,
          "address": "127.0.0.1", "ports": {("memcached" if i < half else "sessions"): base + i},
          "data_dir": "/nonexistent"} for i in range(n)]
json.dump({"environment": "bench", "nodes": nodes}, open(work + "/.parity/bench/inventory.json", "w"))
hosts = {"bench-cache-%d" % i: {"ansible_connection": "local", "port": base + i} for i in range(n)}
json.dump({"all": {"hosts": hosts}}, open(work + "/inventory.json", "w"))
PY
ansible=$(ls -d ~/.cache/parity/ansible-core/*/bin | head -1)/ansible
parity=(./parity assert --format json --env bench --vars "$work/vars" --work-dir "$work/.parity")
ansible_cmd=(env LC_ALL=C.UTF-8 ANSIBLE_HOST_KEY_CHECKING=0 "$ansible" all -i "$work/inventory.json" -f 50
  -m ansible.builtin.shell -a 'exec 3<>/dev/tcp/127.0.0.1/{{ port }}; printf "version\r\n" >&3; head -1 <&3'
  -e ansible_shell_executable=/bin/bash -e ansible_python_interpreter="$(dirname "$ansible")/python")

# The answers: "host version" per node, sorted.
once "$work/parity.out" 0 "${parity[@]}"
jq -r '.. | objects | select(.check? == "version") | "\(.node) \(.observed)"' "$work/parity.out" | sort \
  > "$work/parity.answer"
once "$work/ansible.out" 0 "${ansible_cmd[@]}"
awk '/ \| CHANGED \| rc=0/ {host=$1; next} host && /^VERSION / {print host, $2; host=""}' "$work/ansible.out" \
  | sort > "$work/ansible.answer"
[[ $(wc -l < "$work/parity.answer") == "$n" ]] \
  || { echo "bench: parity read $(wc -l < "$work/parity.answer") of $n versions" >&2; exit 1; }
same "versions of $n memcached processes" "$work/ansible.answer" "$work/parity.answer"

timed "$work/parity.out" 0 "${parity[@]}"
p=$T_S
timed "$work/ansible.out" 0 "${ansible_cmd[@]}"
a=$T_S
{
  echo "| live endpoints | parity assert s (best of $RUNS) | ansible (forks 50) s (best of $RUNS) | ansible / parity | versions read, the same by both |"
  echo "| --- | --- | --- | --- | --- |"
  printf '| %d | %.2f | %.2f | %.1f | %d |\n' "$n" "$p" "$a" "$(echo "$a / $p" | bc -l)" "$(wc -l < "$work/parity.answer")"
} | tee bench/results-probes.md
