#!/usr/bin/env bash
# Orchestration overhead: `parity deploy --env local` from scratch against a shell script that runs the same engine
# and ansible-playbook commands directly on the same rendered inputs. Writes bench/results-deploy.md.
#   bash bench/deploy-overhead.sh     (run as root, after ./parity tools install; uses the repository's work dir)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
home=$PWD
env=local
tofu=$(ls ~/.cache/parity/opentofu/*/tofu | head -1)
ansible_bin=$(dirname "$(ls ~/.cache/parity/ansible-core/*/bin/ansible-playbook | head -1)")
dir=$home/.parity/$env
# From scratch: services stopped, node data and state removed. A run that left services behind would let the next one
# find them running and skip its real work, so anything still running is an error here.
fresh() {
  ./parity down --env "$env" >/dev/null 2>&1 || true
  rm -f "$dir/terraform/terraform.tfstate"* "$dir/inventory.json"
  if pgrep -f "$home/.parity/nodes/$env/" >/dev/null; then
    echo "bench: services of $env still running after down" >&2; exit 1
  fi
}

# One parity deploy first: it renders the inputs the script reuses (engine root, tfvars, inventory).
fresh; ./parity deploy --env "$env" >/dev/null
python3 - "$dir" <<'PY'
import json, sys, getpass
d = sys.argv[1]
tfvars = json.load(open(d + "/plan/terraform.tfvars.json"))
tfvars.pop("node_root")
root = getpass.getuser() == "root"
runtime = {"service_user": "parity" if root else getpass.getuser(), "is_root": root,
           "run_as": ["runuser", "-u", "parity", "--"] if root else [],
           "tools": {"postgresql": __import__("os").path.expanduser("~/.cache/parity/postgresql"),
                     "memcached": "/usr/bin/memcached"}}
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
p=(); s=()
for run in $(seq 1 "${RUNS:-3}"); do
  fresh; t0=$(date +%s.%N); ./parity deploy --env "$env" >/dev/null; t1=$(date +%s.%N); p+=("$(echo "$t1 - $t0" | bc)")
  fresh; t0=$(date +%s.%N); "$dir/bench-script.sh"; t1=$(date +%s.%N); s+=("$(echo "$t1 - $t0" | bc)")
done
fresh
[[ -n ${KEEP:-} ]] || rm -f "$dir/bench-script.sh" "$dir/bench-extra-vars.json" "$dir/bench.tfplan"
best() { printf '%s\n' "$@" | sort -n | head -1; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
bp=$(best "${p[@]}"); bs=$(best "${s[@]}")
mp=$(median "${p[@]}"); ms=$(median "${s[@]}")
runs=${#p[@]}
{
  echo "| environment | parity deploy s (best of $runs) | shell script s (best of $runs) | ratio | ratio of the medians |"
  echo "| --- | --- | --- | --- | --- |"
  printf '| %s (from scratch: 2 nodes, plan, apply, configure%s) | %.1f | %.1f | %.2f | %.2f |\n' "$env" ", assert" \
    "$bp" "$bs" "$(echo "$bp / $bs" | bc -l)" "$(echo "$mp / $ms" | bc -l)"
  echo
  echo "all runs: parity ${p[*]}; script ${s[*]}"
} | tee bench/results-deploy.md
