"""The CLI's history as a cron job records it: answers to script and commands to run.

Shared by the tests that compare what the CLI recorded with what the tray shows; the commands
run as subprocesses with private XDG folders, pointed at the simulator with TEST_TOKEN.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Final

from trayscore.simulator import Answer, Simulator

from tests.conftest import TEST_TOKEN

TIMEOUT: Final = 60
_HIDDEN: Final = ("TRAYSCORE_", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANG", "LC_")


def cli_environment(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """Private XDG folders under ``tmp_path``, the simulator as the API, TEST_TOKEN."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_HIDDEN)}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    env["TRAYSCORE_API_URL"] = simulator.url
    env["TRAYSCORE_ACCESS_TOKEN"] = TEST_TOKEN
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` in ``env``; output as text."""
    return subprocess.run(
        [sys.executable, "-m", "trayscore", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def body(score: float, time: str = "2026-11-28T09:30:00Z") -> Answer:
    """The Defender API's answer with this exposure score at this time."""
    return Answer(200, json.dumps({"time": time, "score": score}).encode())


def record(env: dict[str, str], simulator: Simulator, *scores: tuple[float, str]) -> None:
    """Record each (score, time) with `trayscore score --json`, as a cron job would."""
    for score, time in scores:
        simulator.script(body(score, time))
        result = run(["score", "--json"], env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
