"""The ``trayscore`` command as a user runs it: a subprocess with a private environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
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


def cli_environment(
    home: Path, api_url: str, graph_url: str | None = None, token: str | None = TEST_TOKEN
) -> dict[str, str]:
    """A :func:`private_environment` with the APIs (and a bearer token) set as given."""
    env = private_environment(home)
    env["TRAYSCORE_API_URL"] = api_url
    if graph_url is not None:
        env["TRAYSCORE_GRAPH_URL"] = graph_url
    if token is not None:
        env["TRAYSCORE_ACCESS_TOKEN"] = token
    return env


def run(
    args: list[str], env: dict[str, str], prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` (behind ``prefix``, e.g. faketime); output as text."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "trayscore", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


run_cli = run


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no token anywhere in what the user sees."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert TEST_TOKEN not in stream
