"""The ``trayscore`` command as a user runs it: a subprocess with a private environment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from trayscore.simulator import Answer, Simulator

from tests.conftest import TEST_TOKEN

TIMEOUT: Final = 60
UNTRANSLATED: Final = ("LANG", "LC_")  # for also_hide: human output in English on any machine
_FOLDERS: Final = ("CONFIG", "DATA", "STATE", "CACHE")
_HIDDEN: Final = ("TRAYSCORE_", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
# `trayscore doctor`'s checks, in the order it prints them, once it has settings to check
DOCTOR_CHECKS: Final = (
    "settings",
    "keyring",
    "notifications",
    "system tray",
    "authority",
    "api",
    "token hosts",
    "account",
    "score",
    "history",
    "versions",
)


def private_environment(tmp_path: Path, *, also_hide: tuple[str, ...] = ()) -> dict[str, str]:
    """This process's environment without trayscore's variables or a display, and with its
    own config, data, state and cache folders under ``tmp_path``.

    ``also_hide`` drops more variables by prefix, e.g. ``("LANG", "LC_")`` for untranslated
    output whatever the developer's locale.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(_HIDDEN + also_hide)}
    return env | private_folders(tmp_path)


def private_folders(tmp_path: Path) -> dict[str, str]:
    """The XDG config, data, state and cache folders under ``tmp_path``, by variable."""
    return {f"XDG_{name}_HOME": str(tmp_path / name.lower()) for name in _FOLDERS}


def cli_environment(
    home: Path,
    api_url: str,
    graph_url: str | None = None,
    token: str | None = TEST_TOKEN,
    *,
    also_hide: tuple[str, ...] = (),
) -> dict[str, str]:
    """A :func:`private_environment` with the APIs (and a bearer token) set as given."""
    env = private_environment(home, also_hide=also_hide)
    env["TRAYSCORE_API_URL"] = api_url
    if graph_url is not None:
        env["TRAYSCORE_GRAPH_URL"] = graph_url
    if token is not None:
        env["TRAYSCORE_ACCESS_TOKEN"] = token
    return env


def run(
    args: list[str],
    env: dict[str, str],
    prefix: Sequence[str] = (),
    timeout: float = TIMEOUT,
    *,
    answers: str = "",
) -> subprocess.CompletedProcess[str]:
    """``python -m trayscore ARGS`` (behind ``prefix``, e.g. faketime); output as text.

    ``answers`` is what the user types (stdin); by default the input is empty, as under cron.
    """
    return subprocess.run(
        [*prefix, sys.executable, "-m", "trayscore", *args],
        env=env,
        input=answers,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Simulation:
    """``trayscore simulate`` running in its own process, and the URLs it printed."""

    process: subprocess.Popen[str]
    url: str  # the banner's: the simulator's root, tenant 1
    tenant_urls: tuple[str, ...]  # with --tenants N (N > 1): "tenant i: URL", one a line


@contextmanager
def simulation(
    args: Sequence[str], env: dict[str, str], *, tenants: int = 1
) -> Iterator[Simulation]:
    """``python -m trayscore simulate ARGS`` while the block runs, killed after it if still up.

    Reads the banner and, for ``tenants`` > 1 (pass ``--tenants`` in ``args`` too), one line
    per tenant; stderr is left to the caller (``process.stderr``).
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "trayscore", "simulate", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", banner)
        assert match, banner
        lines = [process.stdout.readline() for _ in range(tenants)] if tenants > 1 else []
        urls = []
        for number, line in enumerate(lines, start=1):
            label, _, url = line.rstrip("\n").partition(": ")
            assert label == f"tenant {number}", line
            urls.append(url)
        yield Simulation(process, match.group(0), tuple(urls))
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(TIMEOUT)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def run_clean(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """:func:`run`, then :func:`assert_clean` on what it printed."""
    result = run(args, env)
    assert_clean(result)
    return result


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no token anywhere in what the user sees."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert TEST_TOKEN not in stream


def score_answer(score: float, time: str = "2026-11-28T09:30:00Z") -> Answer:
    """The Defender API's answer with one exposure score at ``time``."""
    return Answer(200, json.dumps({"time": time, "score": score}).encode())


def record_scores(env: dict[str, str], simulator: Simulator, *scores: tuple[float, str]) -> None:
    """Record each (score, time) into the history with ``trayscore score``, as a user would."""
    for score, time in scores:
        simulator.script(score_answer(score, time))
        result = run(["score", "--json"], env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""


def line_of(result: subprocess.CompletedProcess[str], name: str) -> str:
    """The human line of doctor's check ``name`` (``"✓ name: detail → fix"``)."""
    for line in result.stdout.splitlines():
        if line[2:].startswith(f"{name}:"):
            return line
    raise AssertionError(f"no {name} line in:\n{result.stdout}")


def check_of(result: subprocess.CompletedProcess[str], name: str) -> dict[str, object]:
    """Doctor's check ``name`` from its ``--json`` output."""
    for check in json.loads(result.stdout):
        if check["check"] == name:
            return dict(check)
    raise AssertionError(f"no {name} check in:\n{result.stdout}")
