#!/usr/bin/env bash
# Benchmarks, side by side in one run on this machine; writes bench/results.md (copied into BENCHMARKS.md).
#   bash bench/run.sh
# Needs: the built jar (./parity --version builds it), python3, jq and GNU time (installed here if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./parity --version >/dev/null   # builds the jar and its class-data archive when needed
for tool in jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { apt-get update -q && apt-get install -y -q jq time; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=bench/results.md
measure() { # label, command...: prints "seconds peak_rss_MiB" (best of 5 by time: the machines are shared)
  local best="" rss=""
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/t" "${@:2}" >/dev/null 2>&1 || true
    read -r s k < <(tail -n 1 "$work/t")
    if [[ -z $best ]] || awk "BEGIN{exit !($s < $best)}"; then best=$s; rss=$((k / 1024)); fi
  done
  echo "$best $rss"
}
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
  echo
  echo "### Plan summary: parity summarize-plan vs jq (best of 5)"
  echo
  echo "| resource changes | file MiB | parity s | parity peak RSS MiB (-Xmx64m) | jq s | jq peak RSS MiB | jq / parity |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  jqprog='[.resource_changes[].change.actions | if . == ["delete","create"] or . == ["create","delete"] then "replace" else join("+") end] | group_by(.) | map({(.[0]): length}) | add'
  for n in 1000 10000 100000; do
    python3 bench/make_plan.py "$n" "$work/plan.json" pipeline-lib/src/test/resources/show-json/captured/bundled-dev-create.json
    mib=$(( $(stat -c %s "$work/plan.json") / 1048576 ))
    read -r ps pr < <(measure parity env PARITY_JAVA_OPTS=-Xmx64m ./parity summarize-plan --format json "$work/plan.json")
    read -r js jr < <(measure jq jq "$jqprog" "$work/plan.json")
    echo "| $n | $mib | $ps | $pr | $js | $jr | $(awk "BEGIN{printf \"%.1f\", $js / $ps}") |"
  done
  echo
  echo "### parity check: N environments x 50 services (best of 5)"
  echo
  echo "| environments | seconds | peak RSS MiB |"
  echo "| --- | --- | --- |"
  for n in 10 100 1000; do
    rm -rf "$work/vars"; python3 bench/make_varsets.py "$n" 50 "$work/vars"
    read -r s r < <(measure check ./parity check --vars "$work/vars" --work-dir "$work/w")
    echo "| $n | $s | $r |"
  done
  echo
  echo "### CLI start, cold JVM, through the launcher (best of 5)"
  echo
  echo "| command | PARITY_CDS=off s | with the launcher's AppCDS archive s |"
  echo "| --- | --- | --- |"
  read -r v1 _ < <(measure v env PARITY_CDS=off ./parity --version)
  read -r v2 _ < <(measure v ./parity --version)
  read -r c1 _ < <(measure c env PARITY_CDS=off ./parity check --vars vars --work-dir "$work/w")
  read -r c2 _ < <(measure c ./parity check --vars vars --work-dir "$work/w")
  echo "| parity --version | $v1 | $v2 |"
  echo "| parity check (bundled vars) | $c1 | $c2 |"
} | tee "$out"
