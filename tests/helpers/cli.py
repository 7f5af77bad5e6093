"""The ``trayscore`` command as a user runs it: a subprocess with a private environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import TEST_TOKEN

TIMEOUT = 60
HIDDEN_PREFIXES = ("TRAYSCORE_", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def cli_environment(
    home: Path, api_url: str, graph_url: str | None = None, token: str | None = TEST_TOKEN
) -> dict[str, str]:
    """This process's environment without trayscore's variables, with private XDG folders
    under ``home`` and the APIs (and a bearer token) set as given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(HIDDEN_PREFIXES)}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    env["TRAYSCORE_API_URL"] = api_url
    if graph_url is not None:
        env["TRAYSCORE_GRAPH_URL"] = graph_url
    if token is not None:
        env["TRAYSCORE_ACCESS_TOKEN"] = token
    return env


def run(
    args: list[str], env: dict[str, str], prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` (behind ``prefix``, e.g. faketime) with a timeout."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "trayscore", *args],
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
