#!/usr/bin/env bash
# Plan summary against jq, check at scale, CLI start: side by side in one run on this machine, through the launcher,
# best of RUNS (default 5). Writes bench/results.md (bench/all.sh puts it into BENCHMARKS.md).
#   bash bench/run.sh
# Needs: the built jar (./parity --version builds it), python3, jq and GNU time (installed here if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./parity --version >/dev/null   # builds the jar and its class-data archive when needed
for tool in jq /usr/bin/time bc; do
  command -v "$tool" >/dev/null || { apt-get update -q && apt-get install -y -q jq time bc; }
done
bench_work=$(mktemp -d)
trap 'rm -rf "$bench_work"' EXIT
source bench/lib.sh
work=$bench_work
out=bench/results.md
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
  echo
  echo "### Plan summary: parity summarize-plan vs jq (best of $RUNS)"
  echo
  echo "Both answers (changes per action) are compared before anything is timed."
  echo
  echo "| resource changes | file MiB | parity s | parity peak RSS MiB (-Xmx64m) | jq s | jq peak RSS MiB | jq / parity |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  jqprog='[.resource_changes[].change.actions | if . == ["delete","create"] or . == ["create","delete"] then "replace" else join("+") end] | group_by(.) | map({(.[0]): length}) | add'
  for n in 1000 10000 100000; do
    python3 bench/make_plan.py "$n" "$work/plan.json" tests/resources/show-json/captured/bundled-dev-create.json
    mib=$(( $(stat -c %s "$work/plan.json") / 1048576 ))
    parity=(env PARITY_JAVA_OPTS=-Xmx64m ./parity summarize-plan --format json "$work/plan.json")
    # summarize-plan exits 2 when the plan has changes (as plan -detailed-exitcode does); these plans all have
    once "$work/parity.out" 2 "${parity[@]}"
    once "$work/jq.out" 0 jq "$jqprog" "$work/plan.json"
    jq -S '.counts | with_entries(select(.value > 0))' "$work/parity.out" >"$work/parity.answer"
    jq -S . "$work/jq.out" >"$work/jq.answer"
    same "plan summary of $n changes" "$work/jq.answer" "$work/parity.answer"
    timed "$work/parity.out" 2 "${parity[@]}"
    ps=$T_S pr=$T_RSS
    timed "$work/jq.out" 0 jq "$jqprog" "$work/plan.json"
    js=$T_S jr=$T_RSS
    echo "| $n | $mib | $ps | $pr | $js | $jr | $(awk "BEGIN{printf \"%.1f\", $js / $ps}") |"
  done
  echo
  echo "### parity check: N environments x 50 services (best of $RUNS)"
  echo
  echo "| environments | seconds | peak RSS MiB |"
  echo "| --- | --- | --- |"
  for n in 10 100 1000; do
    rm -rf "$work/vars"; python3 bench/make_varsets.py "$n" 50 "$work/vars"
    once "$work/check.out" 0 ./parity check --format json --vars "$work/vars" --work-dir "$work/w"
    [[ $(jq '.environments | length' "$work/check.out") == "$n" && $(jq .in_parity "$work/check.out") == true ]] \
      || { echo "bench: check of $n environments did not judge all $n in parity" >&2; exit 1; }
    timed "$work/check.out" 0 ./parity check --format json --vars "$work/vars" --work-dir "$work/w"
    s=$T_S r=$T_RSS
    echo "| $n | $s | $r |"
  done
  echo
  echo "### CLI start, cold JVM, through the launcher (best of $RUNS)"
  echo
  echo "| command | PARITY_CDS=off s | with the launcher's AppCDS archive s |"
  echo "| --- | --- | --- |"
  once "$work/v1" 0 env PARITY_CDS=off ./parity --version
  once "$work/v2" 0 ./parity --version
  same "--version" "$work/v1" "$work/v2"
  once "$work/c1" "0 2" env PARITY_CDS=off ./parity check --vars vars --work-dir "$work/w"
  once "$work/c2" "0 2" ./parity check --vars vars --work-dir "$work/w"
  same "check of the bundled vars" "$work/c1" "$work/c2"
  timed "$work/v1" 0 env PARITY_CDS=off ./parity --version
  v1=$T_S
  timed "$work/v2" 0 ./parity --version
  v2=$T_S
  timed "$work/c1" "0 2" env PARITY_CDS=off ./parity check --vars vars --work-dir "$work/w"
  c1=$T_S
  timed "$work/c2" "0 2" ./parity check --vars vars --work-dir "$work/w"
  c2=$T_S
  echo "| parity --version | $v1 | $v2 |"
  echo "| parity check (bundled vars) | $c1 | $c2 |"
} | tee "$out"
