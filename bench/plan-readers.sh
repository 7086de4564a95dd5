#!/usr/bin/env bash
# The plan scanner parity ships against a Jackson streaming reader of the same rules (JacksonPlanSummarizer, tests),
# in one JMH run, each fork -Xmx64m as bench/run.sh gives parity, on the same files: generated plans of 1k, 10k and
# 100k changes (tests/java/dev/parity/terraform/BenchPlans.java: every action kind, nested modules,
# unicode addresses, ephemeral resources in the configuration) and OpenTofu's own show-json documents.
#   warm: average time after warm-up (a long-lived JVM);
#   cold: one read in a fresh JVM per fork (what `parity summarize-plan` and each plan a pipeline reads cost).
# Writes bench/results-plan-readers.md (bench/all.sh puts it into BENCHMARKS.md).
#   bash bench/plan-readers.sh
# Before anything is timed, PlanSummarizersAgreeTest proves both readers give the same summaries and refusals.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v jq >/dev/null || { apt-get update -q && apt-get install -y -q jq; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl pipeline-lib test -Dspotless.check.skip=true -Dtest=PlanSummarizersAgreeTest \
  -Dsurefire.failIfNoSpecifiedTests=false
mvn -B -q -pl pipeline-lib dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp"
cd pipeline-lib
cp="target/test-classes:target/classes:$(cat "$work/cp")"
jmh() { java -cp "$cp" org.openjdk.jmh.Main PlanReadersBenchmark -jvmArgs -Xmx64m "$@" >>"$work/jmh.log" 2>&1 \
  || { tail -n 40 "$work/jmh.log" >&2; exit 1; }; }
jmh -bm avgt -tu ms -f "${FORKS:-1}" -wi "${WARMUPS:-3}" -i "${ITERATIONS:-5}" -w 2s -r 2s -prof gc \
  -rf json -rff "$work/warm.json"
jmh -bm ss -tu ms -f "${COLD_FORKS:-8}" -wi 0 -i 1 -p changes=10000,100000 -rf json -rff "$work/cold.json"
cd ..
docs=$(ls tests/resources/show-json/opentofu/*.json | wc -l)
table() { # $1: results json, $2: sizes
  jq -r --arg sizes "$2" --arg docs "$docs" '
    def score(b; p): map(select(.benchmark | endswith("." + b)) | select((.params.changes // "") == p)) | .[0];
    def ms(x): (x.primaryMetric.score * 100 | round / 100);
    def err(x): (x.primaryMetric.scoreError | if type == "number" then (. * 100 | round / 100) else "n/a" end);
    def ratio(a; b): (b.primaryMetric.score / a.primaryMetric.score * 100 | round / 100);
    . as $all
    | ( ($sizes | split(" "))[] as $n
        | [$all | score("scannerOneThread"; $n), score("jacksonOneThread"; $n), score("scannerAsShipped"; $n), score("jacksonAsShipped"; $n)]
        | "| \($n) changes (generated) | \(ms(.[0])) ± \(err(.[0])) | \(ms(.[1])) ± \(err(.[1])) | **\(ratio(.[0]; .[1]))** | \(ms(.[2])) ± \(err(.[2])) | \(ms(.[3])) ± \(err(.[3])) | **\(ratio(.[2]; .[3]))** |" ),
      ( [$all | score("scannerOpenTofuDocuments"; ""), score("jacksonOpenTofuDocuments"; "")]
        | "| OpenTofu'"'"'s \($docs) documents, all of them | \(ms(.[0])) ± \(err(.[0])) | \(ms(.[1])) ± \(err(.[1])) | **\(ratio(.[0]; .[1]))** | | | |" )
  ' "$1"
}
header="| plan | scanner, one thread ms | Jackson, one thread ms | Jackson / scanner | scanner as shipped ms | Jackson as shipped ms | Jackson / scanner |"
out=bench/results-plan-readers.md
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1); JMH $(jq -r '.[0].jmhVersion' "$work/warm.json"), -Xmx64m. \"As shipped\": plans of 8 MiB and more in two halves on two cores."
  echo
  echo "**Cold**: one read in a fresh JVM, $(jq -r '.[0].forks' "$work/cold.json") forks (what a CLI run costs)"
  echo
  echo "$header"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  table "$work/cold.json" "10000 100000"
  echo
  echo "**Warm**: average after warm-up, $(jq -r '.[0].forks' "$work/warm.json") fork(s) x $(jq -r '.[0].measurementIterations' "$work/warm.json") iterations of 2 s (a long-lived JVM)"
  echo
  echo "$header"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  table "$work/warm.json" "1000 10000 100000"
  echo
  echo "Allocated per read, warm (KiB): $(jq -r 'map(select(.params.changes == "100000")) | map("\(.benchmark | split(".") | last) \(.secondaryMetrics["gc.alloc.rate.norm"].score / 1024 | round)") | join(", ")' "$work/warm.json") (100k changes)."
} | tee "$out"
