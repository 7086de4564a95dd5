#!/usr/bin/env bash
# Orchestration overhead: `parity deploy --env local` from scratch against a shell script that runs the same engine
# and ansible-playbook commands directly on the same rendered inputs. Writes bench/results-deploy.md.
# Every run, parity's and the script's, must leave the same answer: `parity assert --env local` passes (checked,
# untimed, before the next run). Best of RUNS (default 5).
#   bash bench/deploy-overhead.sh     (run as root, after ./parity tools install; uses the repository's work dir)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bench_work=$(mktemp -d)
trap 'rm -rf "$bench_work"' EXIT
source bench/lib.sh
home=$PWD
env=local
tofu=$(ls ~/.cache/parity/opentofu/*/tofu | head -1)
ansible_bin=$(dirname "$(ls ~/.cache/parity/ansible-core/*/bin/ansible-playbook | head -1)")
dir=$home/.parity/$env
# From scratch: services stopped, node data and state removed. A run that left services behind would let the next one
# find them running and skip its real work, so anything still running is an error here.
fresh() {
  once "$bench_work/down.out" 0 ./parity down --env "$env"
  rm -f "$dir/terraform/terraform.tfstate"* "$dir/inventory.json"
  if pgrep -f "$home/.parity/nodes/$env/" >/dev/null; then
    echo "bench: services of $env still running after down" >&2; exit 1
  fi
}

# One parity deploy first: it renders the inputs the script reuses (engine root, tfvars, inventory).
fresh; once "$bench_work/deploy.out" 0 ./parity deploy --env "$env"
python3 - "$dir" <<'PY'
import getpass, json, os, sys
d = sys.argv[1]
tfvars = json.load(open(d + "/plan/terraform.tfvars.json"))
tfvars.pop("node_root")
tfvars.pop("lab", None)
root = getpass.getuser() == "root"
builds = os.path.expanduser("~/.cache/parity/postgresql")
# the archive of the declared build that parity's own deploy packed (how the role installs PostgreSQL)
archive = "%s/archives/postgresql-%s-linux-x86_64.tar.gz" % (builds, tfvars["services"]["postgresql"]["version"])
runtime = {"service_user": "parity" if root else getpass.getuser(),
           "tools": {"postgresql": builds, "memcached": "/usr/bin/memcached",
                     "postgresql_archive": {"path": archive, "sha256": open(archive + ".sha256").read().strip(),
                                            "arch": "x86_64"}}}
json.dump({"parity": tfvars, "parity_runtime": runtime}, open(d + "/bench-extra-vars.json", "w"))
PY
cat > "$dir/bench-script.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
export TF_CLI_CONFIG_FILE=\$HOME/.cache/parity/tofurc TF_DATA_DIR=$dir/terraform/data TF_IN_AUTOMATION=1 TF_INPUT=0
$tofu -chdir=$dir/terraform/root init -input=false -no-color >/dev/null
$tofu -chdir=$dir/terraform/root plan -input=false -no-color -var-file=$dir/plan/terraform.tfvars.json -out=$dir/bench.tfplan >/dev/null
$tofu -chdir=$dir/terraform/root show -json $dir/bench.tfplan >/dev/null
$tofu -chdir=$dir/terraform/root apply -input=false -no-color $dir/bench.tfplan >/dev/null
$tofu -chdir=$dir/terraform/root output -json | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["inventory"]["value"]))' > $dir/inventory.json
cd $home/playbooks
LC_ALL=C.UTF-8 ANSIBLE_ROLES_PATH=$home/playbooks/roles ANSIBLE_PIPELINING=1 PARITY_SECRET_DB_PASSWORD=\$(cat $home/.parity/secrets/$env/db_password) \
  $ansible_bin/ansible-playbook -i $dir/ansible/inventory.json -e @$dir/bench-extra-vars.json $home/playbooks/site.yml >/dev/null
SH
chmod +x "$dir/bench-script.sh"
# The answer of a deploy: the environment runs the declared services at the declared versions.
deployed() { once "$bench_work/assert.out" 0 ./parity assert --env "$env"; }
p=(); s=()
for run in $(seq 1 "$RUNS"); do
  fresh; t0=$(date +%s.%N); once "$bench_work/deploy.out" 0 ./parity deploy --env "$env"; p+=("$(seconds_since "$t0")")
  deployed
  fresh; t0=$(date +%s.%N); once "$bench_work/script.out" 0 "$dir/bench-script.sh"; s+=("$(seconds_since "$t0")")
  deployed
done
fresh
[[ -n ${KEEP:-} ]] || rm -f "$dir/bench-script.sh" "$dir/bench-extra-vars.json" "$dir/bench.tfplan"
bp=$(best_of "${p[@]}"); bs=$(best_of "${s[@]}")
mp=$(median_of "${p[@]}"); ms=$(median_of "${s[@]}")
runs=${#p[@]}
{
  echo "| environment | parity deploy s (best of $runs) | shell script s (best of $runs) | ratio | ratio of the medians |"
  echo "| --- | --- | --- | --- | --- |"
  printf '| %s (from scratch: 2 nodes, plan, apply, configure%s) | %.1f | %.1f | %.2f | %.2f |\n' "$env" ", assert" \
    "$bp" "$bs" "$(echo "$bp / $bs" | bc -l)" "$(echo "$mp / $ms" | bc -l)"
  echo
  echo "all runs: parity ${p[*]}; script ${s[*]}"
} | tee bench/results-deploy.md
