#!/usr/bin/env bash
# Probes over N live memcached processes on loopback (two services of N/2 nodes: topology allows 100 per role): `parity assert` against `ansible` reading the same versions
# from the same N local hosts (bash /dev/tcp through the shell module, forks 50). Appends to bench/results-probes.md.
#   bash bench/probes.sh [N]     (default 200; run as root, after ./parity tools install)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-200}
base=31000
./parity --version >/dev/null
work=$(mktemp -d /tmp/parity-probes-XXXX)
chmod 755 "$work"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq 0 $((n - 1))); do
  memcached -l 127.0.0.1 -p $((base + i)) -U 0 -m 8 -t 1 -u parity & pids+=($!)
done
sleep 2
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
t0=$(date +%s.%N)
java -jar pipeline-lib/target/parity.jar assert --env bench --vars "$work/vars" --work-dir "$work/.parity" \
  > "$work/parity.out"
t1=$(date +%s.%N)
LC_ALL=C.UTF-8 ANSIBLE_HOST_KEY_CHECKING=0 "$ansible" all -i "$work/inventory.json" -f 50 -m ansible.builtin.shell \
  -a 'exec 3<>/dev/tcp/127.0.0.1/{{ port }}; printf "version\r\n" >&3; head -1 <&3' \
  -e ansible_shell_executable=/bin/bash -e ansible_python_interpreter="$(dirname "$ansible")/python" \
  > "$work/ansible.out" 2>&1
t2=$(date +%s.%N)
ok_parity=$(grep -c 'assertions passed' "$work/parity.out" || true)
ok_ansible=$(grep -c 'VERSION 1.6.18' "$work/ansible.out" || true)
p=$(echo "$t1 - $t0" | bc); a=$(echo "$t2 - $t1" | bc)
{
  echo "| live endpoints | parity assert s | ansible (forks 50) s | ansible / parity | versions read by ansible |"
  echo "| --- | --- | --- | --- | --- |"
  printf '| %d | %.2f | %.2f | %.1f | %d |\n' "$n" "$p" "$a" "$(echo "$a / $p" | bc -l)" "$ok_ansible"
  echo
  tail -1 "$work/parity.out"
} | tee bench/results-probes.md
