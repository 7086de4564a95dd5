# Shared by the bench scripts (sourced). A benchmark times only runs that did what they were asked: every timed
# command must exit with an expected code, or the bench stops, printing what the command said.
RUNS=${RUNS:-5}

# timed OUT OKCODES COMMAND...: runs COMMAND RUNS times under GNU time, stdout to OUT (the last run's), and sets
# T_S (the best seconds) and T_RSS (that run's peak RSS in MiB). OKCODES is a space-separated list of acceptable
# exit codes ("0", "0 2"). Call it directly, not in $(...): its exit must stop the bench. If BEFORE_EACH names a
# command, it runs (untimed) before every run.
timed() {
  local out=$1 ok=$2; shift 2
  local best="" rss="" code s k
  for _ in $(seq 1 "$RUNS"); do
    code=0
    [[ -z ${BEFORE_EACH:-} ]] || $BEFORE_EACH
    /usr/bin/time -f "%e %M" -o "$bench_work/time" "$@" >"$out" 2>"$bench_work/stderr" || code=$?
    if [[ " $ok " != *" $code "* ]]; then
      echo "bench: '$*' exited $code (expected $ok); its output:" >&2
      tail -c 2000 "$out" >&2; tail -c 2000 "$bench_work/stderr" >&2
      exit 1
    fi
    read -r s k < <(tail -n 1 "$bench_work/time")
    if [[ -z $best ]] || awk "BEGIN{exit !($s < $best)}"; then best=$s; rss=$((k / 1024)); fi
  done
  T_S=$best T_RSS=$rss
}

# once OUT OKCODES COMMAND...: one untimed run whose answer is checked before any timing.
once() {
  local out=$1 ok=$2; shift 2
  local code=0
  "$@" >"$out" 2>"$bench_work/stderr" || code=$?
  if [[ " $ok " != *" $code "* ]]; then
    echo "bench: '$*' exited $code (expected $ok); its output:" >&2
    tail -c 2000 "$out" >&2; tail -c 2000 "$bench_work/stderr" >&2
    exit 1
  fi
}

# same LABEL A B: stops the bench unless files A and B hold the same answer.
same() {
  if ! cmp -s "$2" "$3"; then
    echo "bench: $1: the answers differ, nothing timed is comparable:" >&2
    diff "$2" "$3" | head -n 20 >&2
    exit 1
  fi
}

seconds_since() { echo "$(date +%s.%N) - $1" | bc; }
best_of() { printf '%s\n' "$@" | sort -n | head -1; }
median_of() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
