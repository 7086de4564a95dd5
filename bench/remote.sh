#!/usr/bin/env bash
# Configuration over SSH: a no-change `parity configure` over N lab hosts (default 20) against bare
# `ansible-playbook` with the same inventory, playbooks, extra vars and SSH settings; both with SSH pipelining and
# ControlPersist and without; then `parity assert` over the same hosts. Every timed run must report every host
# unchanged and nothing failed (checked before timing). Best of RUNS (default 5). Writes bench/results-remote.md.
#   bash bench/remote.sh [N]     (root, after ./parity tools install; makes N lab hosts in 10.231.5.0/24)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
n=${1:-20}
./parity --version >/dev/null
command -v jq >/dev/null || { apt-get update -q && apt-get install -y -q jq; }
bench_work=$(mktemp -d /tmp/parity-bench-remote-XXXX)
source bench/lib.sh
home=$bench_work/home
mkdir -p "$home/vars"
chmod 755 "$bench_work" "$home"
cp -r terraform playbooks "$home/"
export PARITY_HOME=$home
cleanup() { ./parity down --env bench >/dev/null 2>&1 || true; rm -rf "$bench_work"; }
trap cleanup EXIT

cat > "$home/vars/common.yml" <<YAML
schema: parity/v1
project: bench
services:
  memcached: { version: "1.6.18", role: cache, port: 11211, settings: { memory_mb: 8, threads: 1 } }
topology: { cache: $n }
YAML
lab() {  # the environment file: pipelining and ControlPersist on (true) or off (false)
  cat > "$home/vars/bench.yml" <<YAML
environment: bench
terraform: { module: terraform/lab }
network: { subnet: 10.231.5.0/24 }
ssh: { private_key_secret: ssh_key, pipelining: $1, control_persist: $1 }
secrets:
  ssh_key: { generate: true, kind: ssh-key }
YAML
}
lab true
once "$bench_work/deploy.out" 0 ./parity deploy --env bench

# Bare ansible-playbook gets what parity gives it: the inventory parity wrote (pipelining left to ANSIBLE_PIPELINING),
# the same extra vars, and its own
# copy of the SSH files (parity removes its own after each run).
work=$home/.parity/bench
ssh_dir=$bench_work/ssh
mkdir -p "$ssh_dir/cp" && chmod 700 "$ssh_dir" "$ssh_dir/cp"
cp "$home/.parity/secrets/bench/ssh_key" "$ssh_dir/id" && printf '\n' >> "$ssh_dir/id" && chmod 600 "$ssh_dir/id"
jq -r '.nodes[] | "\(.ssh.host) \(.ssh.host_key | split(" ")[0:2] | join(" "))"' "$work/inventory.json" \
  > "$ssh_dir/known_hosts"
ssh_config() {  # the ssh_config parity writes, with connection reuse on (true) or off (false)
  {
    printf 'Host *\n  IdentityFile %s/id\n  IdentitiesOnly yes\n  UserKnownHostsFile %s/known_hosts\n' "$ssh_dir" "$ssh_dir"
    printf '  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 10\n'
    if [[ $1 == true ]]; then
      printf '  ControlMaster auto\n  ControlPersist 60s\n  ControlPath %s/cp/%%C\n' "$ssh_dir"
    else
      printf '  ControlMaster no\n'
    fi
  } > "$ssh_dir/config"
}
jq --arg cfg "-F $ssh_dir/config" '.all.hosts |= map_values(.ansible_ssh_args = $cfg | del(.ansible_pipelining))' \
  "$work/ansible/inventory.json" > "$bench_work/inventory.json"
jq -n --slurpfile inv "$work/inventory.json" --arg mc "$(command -v memcached)" --arg pg "$HOME/.cache/parity/postgresql" '{
  parity: { project: "bench", environment: "bench", protected: false,
            services: { memcached: { version: "1.6.18", role: "cache", port: 11211,
                                     settings: { memory_mb: "8", threads: "1" } } },
            topology: { cache: ($inv[0].nodes | length) }, sizing: {},
            network: { port_offset: 0, bind_address: "127.0.0.1", subnet: "10.231.5.0/24", clients: ["10.231.5.0/24"] },
            secret_names: ["ssh_key"] },
  parity_runtime: { service_user: "parity", tools: { postgresql: $pg, memcached: $mc } } }' \
  > "$bench_work/extra-vars.json"
ansible_bin=$(dirname "$(ls ~/.cache/parity/ansible-core/*/bin/ansible-playbook | head -1)")
# bare ansible-playbook, pipelining on (1) or off (0): a script, so that GNU time can run it
bare=$bench_work/bare.sh
cat > "$bare" <<SH
#!/usr/bin/env bash
exec env LC_ALL=C.UTF-8 ANSIBLE_ROLES_PATH="$home/playbooks/roles" ANSIBLE_HOST_KEY_CHECKING=1 ANSIBLE_PIPELINING="\$1" \
  ANSIBLE_NOCOLOR=1 "$ansible_bin/ansible-playbook" -i "$bench_work/inventory.json" -e "@$bench_work/extra-vars.json" \
  --forks 5 "$home/playbooks/site.yml"
SH
chmod +x "$bare"
# parity ends its SSH masters after every run (a master left open would skip the next run's host key check), inside
# its timed run; bare ansible-playbook leaves them for ControlPersist's 60 s, so each of its runs would start on the
# previous run's connections. Every timed bare run starts without them, as parity's do (closed outside its timing).
close_masters() { pkill -f "ssh: $ssh_dir/cp/" 2>/dev/null || true; rm -rf "$ssh_dir/cp"; mkdir -m 700 "$ssh_dir/cp"; }
unchanged() {  # ANSWER_FILE: every host in the recap, none changed, none failed or unreachable
  local hosts
  hosts=$(grep -cE '^ *bench-cache-[0-9]+ +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$1" || true)
  [[ $hosts == "$n" ]] || { echo "bench: $1: $hosts of $n hosts unchanged and healthy" >&2; tail -n 30 "$1" >&2; exit 1; }
}

rows=()
for reuse in true false; do
  lab "$reuse"; ssh_config "$reuse"
  pipelining=$([[ $reuse == true ]] && echo 1 || echo 0)
  once "$bench_work/parity.out" 0 ./parity configure --env bench; unchanged "$bench_work/parity.out"
  once "$bench_work/bare.out" 0 "$bare" "$pipelining"; unchanged "$bench_work/bare.out"
  timed "$bench_work/parity.out" 0 ./parity configure --env bench; p=$T_S
  BEFORE_EACH=close_masters timed "$bench_work/bare.out" 0 "$bare" "$pipelining"; b=$T_S
  rows+=("| configure, no change, pipelining + ControlPersist $([[ $reuse == true ]] && echo on || echo off) | $p | $b | $(echo "$p / $b" | bc -l | xargs printf '%.2f') |")
  pon=${pon:-$p}; poff=$p
done
lab true
once "$bench_work/assert.out" 0 ./parity assert --env bench
grep -q "PASS  bench: $((n + 1)) of $((n + 1)) assertions passed" "$bench_work/assert.out" \
  || { echo "bench: assert did not pass every host" >&2; cat "$bench_work/assert.out" >&2; exit 1; }
timed "$bench_work/assert.out" 0 ./parity assert --env bench; a=$T_S
{
  echo "| over $n lab hosts (best of $RUNS) | parity s | bare ansible-playbook s | parity / bare |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo "| assert, every host live | $a | - | - |"
  echo
  echo "pipelining + ControlPersist: parity configure $(echo "$poff / $pon" | bc -l | xargs printf '%.2f')x faster than without"
} | tee bench/results-remote.md
