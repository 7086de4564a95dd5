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
bash bench/plan-readers.sh
python3 bench/render.py
echo "bench: BENCHMARKS.md regenerated"
