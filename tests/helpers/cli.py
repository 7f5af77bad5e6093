"""The ``trayscore`` command run as a user runs it: a subprocess with private XDG folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final

from tests.conftest import TEST_TOKEN

TIMEOUT: Final = 60
_HIDDEN: Final = ("TRAYSCORE_", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def private_environment(tmp_path: Path) -> dict[str, str]:
    """This process's environment without trayscore's variables or a display, and with its
    own config, data, state and cache folders under ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_HIDDEN)}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    return env


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` with ``env``; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "trayscore", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no token anywhere in what the user sees."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert TEST_TOKEN not in stream
