# parity_results: a notification callback that writes one JSON object per task result and the final per-host stats
# to the file named by PARITY_RESULTS_FILE, so parity reads structured results instead of scraping text. The human
# output stays with the stdout callback. Results of no_log tasks arrive here already censored by Ansible.
from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
    name: parity_results
    type: notification
    short_description: per-task, per-host results as JSON lines for parity
    description: Writes each task result and the play recap to $PARITY_RESULTS_FILE (one JSON object a line).
    requirements: [PARITY_RESULTS_FILE set in the environment]
"""

MAX_TEXT = 2000


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "parity_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._path = os.environ.get("PARITY_RESULTS_FILE")
        self._out = open(self._path, "a", encoding="utf-8") if self._path else None

    def _write(self, record):
        if self._out:
            self._out.write(json.dumps(record, sort_keys=True) + "\n")
            self._out.flush()

    def _text(self, value):
        if value is None:
            return ""
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        return text[-MAX_TEXT:]

    def _record(self, status, result):
        r = result._result
        reason = r.get("msg") or r.get("stderr") or r.get("module_stderr") or ""
        # "The module failed to execute correctly" or "non-zero return code" alone does not say why:
        # the node's own words do (a missing interpreter, a full disk, a command's error).
        detail = (r.get("module_stderr") or r.get("module_stdout") or r.get("stderr") or "").strip()
        if detail and r.get("msg") and detail not in reason:
            reason = "%s (%s)" % (reason, detail.splitlines()[-1][:300])
        self._write({
            "event": "task",
            "status": status,
            "host": result._host.get_name(),
            "task": result._task.get_name(),
            "role": result._task._role.get_name() if result._task._role else "",
            "changed": bool(r.get("changed", False)),
            "msg": self._text(reason) if status in ("failed", "unreachable") or r.get("changed") else "",
            "diff": bool(r.get("diff")),
        })

    def v2_runner_on_ok(self, result):
        self._record("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record("ignored" if ignore_errors else "failed", result)

    def v2_runner_on_skipped(self, result):
        self._record("skipped", result)

    def v2_runner_on_unreachable(self, result):
        self._record("unreachable", result)

    def v2_playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            summary = stats.summarize(host)
            self._write({"event": "stats", "host": host, **{k: int(v) for k, v in summary.items()}})
        if self._out:
            self._out.close()
            self._out = None
