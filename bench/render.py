#!/usr/bin/env python3
"""Writes BENCHMARKS.md from bench/BENCHMARKS.template.md and the results the bench scripts wrote (bench/all.sh runs
them all, then this). The figures in BENCHMARKS.md are always the scripts' own output."""
import datetime
import pathlib

bench = pathlib.Path(__file__).resolve().parent
text = (bench / "BENCHMARKS.template.md").read_text()
text = text.replace("{{date}}", datetime.date.today().isoformat())
for name in ("results.md", "results-probes.md", "results-deploy.md", "results-remote.md", "results-plan-readers.md"):
    text = text.replace("{{%s}}" % name, (bench / name).read_text().strip())
(bench.parent / "BENCHMARKS.md").write_text(text)
