#!/usr/bin/env bash
# Runs every bench and regenerates BENCHMARKS.md from bench/BENCHMARKS.template.md and their results: the file's
# figures are always the scripts' own output.
#   bash bench/all.sh       (root, after ./parity tools install, on a quiet machine)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash bench/run.sh
bash bench/probes.sh 200
bash bench/deploy-overhead.sh
bash bench/remote.sh 20
python3 - <<'PY'
import datetime, pathlib
bench = pathlib.Path("bench")
text = (bench / "BENCHMARKS.template.md").read_text()
text = text.replace("{{date}}", datetime.date.today().isoformat())
for name in ("results.md", "results-probes.md", "results-deploy.md", "results-remote.md"):
    text = text.replace("{{%s}}" % name, (bench / name).read_text().strip())
pathlib.Path("BENCHMARKS.md").write_text(text)
PY
echo "bench: BENCHMARKS.md regenerated"
