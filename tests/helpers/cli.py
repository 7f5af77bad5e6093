"""Run the ``trayscore`` command as a subprocess in a private, predictable environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

TIMEOUT = 60


def cli_environment(home: Path, **variables: str) -> dict[str, str]:
    """This process's environment without trayscore's variables or a display, with private XDG
    folders under ``home``, plus ``variables``."""
    hidden = ("TRAYSCORE_", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if not k.startswith(hidden)}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return env | variables


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` to the end, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "trayscore", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def dead_port() -> int:
    """A loopback port nobody listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
