#!/usr/bin/env bash
# The plan reader parity ships, in one JMH run: one thread and as shipped (two halves from 8 MiB), -Xmx64m as
# bench/run.sh gives parity, on generated plans of 1k, 10k and 100k changes
# (pipeline-lib/src/test/java/dev/parity/terraform/BenchPlans.java: every action kind, nested modules, unicode
# addresses, ephemeral resources in the configuration) and on OpenTofu's own show-json documents. Writes
# bench/results-plan-readers.md (bench/all.sh puts it into BENCHMARKS.md).
#   bash bench/plan-readers.sh
# Each benchmark checks the number of changes it read; PlanSummarizerTest proves the answers first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v jq >/dev/null || { apt-get update -q && apt-get install -y -q jq; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl pipeline-lib test -Dspotless.check.skip=true -Dtest=PlanSummarizerTest \
  -Dsurefire.failIfNoSpecifiedTests=false
mvn -B -q -pl pipeline-lib dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp"
cd pipeline-lib
java -cp "target/test-classes:target/classes:$(cat "$work/cp")" org.openjdk.jmh.Main PlanReadersBenchmark \
  -f "${FORKS:-2}" -wi "${WARMUPS:-3}" -i "${ITERATIONS:-5}" -w 2s -r 2s -jvmArgs -Xmx64m -prof gc \
  -rf json -rff "$work/jmh.json" >"$work/jmh.log" 2>&1 || { tail -n 40 "$work/jmh.log" >&2; exit 1; }
cd ..
docs=$(ls pipeline-lib/src/test/resources/show-json/opentofu/*.json | wc -l)
out=bench/results-plan-readers.md
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1); JMH $(jq -r '.[0].jmhVersion' "$work/jmh.json"), $(jq -r '.[0].forks' "$work/jmh.json") forks x $(jq -r '.[0].measurementIterations' "$work/jmh.json") iterations, -Xmx64m"
  echo
  echo "| plan | one thread ms | as shipped ms | one thread / as shipped | allocated KiB/op (one thread) |"
  echo "| --- | --- | --- | --- | --- |"
  jq -r '
    def score(b; p): map(select(.benchmark | endswith("." + b)) | select((.params.changes // "") == p)) | .[0];
    def ms(x): (x.primaryMetric.score * 100 | round / 100);
    def err(x): (x.primaryMetric.scoreError | if type == "number" then (. * 100 | round / 100) else "n/a" end);
    def kib(x): (x.secondaryMetrics["gc.alloc.rate.norm"].score / 1024 | round);
    . as $all
    | ( ["1000", "10000", "100000"][] as $n
        | [$all | score("oneThread"; $n), score("asShipped"; $n)]
        | "| \($n) changes (generated) | \(ms(.[0])) ± \(err(.[0])) | \(ms(.[1])) ± \(err(.[1])) | \((.[0].primaryMetric.score / .[1].primaryMetric.score * 100 | round / 100)) | \(kib(.[0])) |" ),
      ( [$all | score("openTofuDocuments"; "")]
        | "| OpenTofu'"'"'s '"$docs"' documents, all of them | \(ms(.[0])) ± \(err(.[0])) | (same: small plans are read in one thread) | - | \(kib(.[0])) |" )
  ' "$work/jmh.json"
} | tee "$out"
