"""The CLI's words and exit codes, byte for byte, for a fixed set of commands.

Recorded before the restructuring of issue 18 (``RECORD_CLI_GOLDEN=1`` rewrites the files) and
kept since: a refactoring that changes what a user or a monitoring script reads fails here.
Changed on purpose once since, by issue 19: "not set up" is one line naming the real settings
file with exit 3 in every command, and ``--help`` lists ``setup``. And by issue 21: ``--tenant``
and ``--all`` in the helps, the demo's ``--tenants N``, and ``--demo score`` prints the
simulated score (marked as the demo's) where it said "not set up".
The simulator stands still, the CLI's clock starts at a fixed moment and the time zone is UTC,
so the same command always prints the same bytes; the temporary folders, the URL and the port
are written as ``$HOME``, ``$API`` and ``$HOST``, and the CLI's own running seconds as ``$NOW``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pytest
from trayscore.simulator import Simulator

from tests.conftest import TEST_TOKEN
from tests.helpers.cli import cli_environment, run
from tests.helpers.net import closed_port

GOLDEN: Final = Path(__file__).parent.parent / "golden" / "cli"
RECORD: Final = os.environ.get("RECORD_CLI_GOLDEN") == "1"
STILL: Final = datetime(2026, 11, 30, 9, 30, 0, 123456, tzinfo=UTC)
# The CLI's own clock starts at a fixed moment (Debian's faketime; the monotonic clock stays real
# so timeouts still expire); the seconds it runs on are written as $NOW.
FROZEN: Final = ("faketime", "2026-11-30 10:00:00")
RUNNING_SECONDS: Final = re.compile(r"2026-11-30T10:0\d:\d\d(\.\d+)?Z")
pytestmark = pytest.mark.skipif(shutil.which("faketime") is None, reason="needs Debian's faketime")

# (name, arguments, simulator failure or None); run in this order in one private home, so the
# history commands see the readings the score commands recorded.
CASES: Final[list[tuple[str, list[str], str | None]]] = [
    ("help", ["--help"], None),
    ("score-help", ["score", "--help"], None),
    ("history-help", ["history", "--help"], None),
    ("score", ["score"], None),
    ("score-json", ["score", "--json"], None),
    ("score-check", ["score", "--check", "--no-record"], None),
    ("device", ["score", "--source", "device-secure-score"], None),
    ("device-json", ["score", "--source", "device-secure-score", "--json"], None),
    ("device-check", ["score", "--source", "device-secure-score", "--check"], None),
    ("secure", ["score", "--source", "secure-score"], None),
    ("secure-json", ["score", "--source", "secure-score", "--json"], None),
    ("secure-check", ["score", "--source", "secure-score", "--check"], None),
    ("groups", ["groups"], None),
    ("groups-json", ["groups", "--json"], None),
    ("history", ["history"], None),
    ("history-json", ["history", "--json"], None),
    ("history-csv", ["history", "--csv"], None),
    ("history-source", ["history", "--source", "secure-score", "--json"], None),
    ("history-since-bad", ["history", "--since", "someday"], None),
    ("usage-bad-flag", ["score", "--bogus"], None),
    ("usage-bad-source", ["score", "--source", "nope"], None),
    ("status", ["status"], None),
    ("status-json", ["status", "--json"], None),
    ("autostart-status", ["autostart", "status", "--json"], None),
    ("unauthorized", ["score"], "unauthorized"),
    ("forbidden", ["score"], "forbidden"),
    ("not-found", ["score", "--json"], "not-found"),
    ("gone", ["score"], "gone"),
    ("throttled", ["score"], "throttled"),
    ("server-error", ["score", "--check"], "server-error"),
    ("unavailable", ["score"], "unavailable"),
    ("disabled-feature", ["score"], "disabled-feature"),
    ("graph-forbidden", ["score", "--source", "secure-score"], "graph-forbidden"),
    ("not-json", ["score"], "not-json"),
    ("wrong-type", ["score"], "wrong-type"),
    ("out-of-range", ["score", "--check"], "out-of-range"),
    ("redirect", ["groups"], "redirect"),
    ("retired", ["score"], "retired"),
]


@pytest.fixture(scope="module")
def still_simulator() -> Iterator[Simulator]:
    """The simulator at one moment: the same answers whenever the test runs."""
    with Simulator(seed=5, token=TEST_TOKEN, monotonic=lambda: 0.0, wall=lambda: STILL) as running:
        yield running


def _normalised(text: str, home: Path, api: str) -> str:
    host_and_port = api.removeprefix("http://").removeprefix("https://")
    text = text.replace(str(home), "$HOME").replace(api, "$API").replace(host_and_port, "$HOST")
    return RUNNING_SECONDS.sub("$NOW", text)


def _record(
    name: str, args: list[str], env: dict[str, str], home: Path, api: str
) -> dict[str, object]:
    result = run(args, {**env, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}, FROZEN)
    return {
        "args": args,
        "exit": result.returncode,
        "stdout": _normalised(result.stdout, home, api),
        "stderr": _normalised(result.stderr, home, api),
    }


def _compare(name: str, got: dict[str, object]) -> None:
    path = GOLDEN / f"{name}.json"
    if RECORD:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, f"{name}: the CLI's output changed"


def test_every_recorded_command_prints_the_same_bytes_and_exit_code(
    tmp_path: Path, still_simulator: Simulator
) -> None:
    # GIVEN a private home, UTC, and the still simulator for both the Defender API and Graph
    env = cli_environment(tmp_path, still_simulator.url, f"{still_simulator.url}/v1.0")
    env["TZ"] = "UTC"
    env["COLUMNS"] = "100"
    for name, args, failure in CASES:
        still_simulator.fail_always(failure)
        # WHEN each command runs  THEN its stdout, stderr and exit code are the recorded ones
        _compare(name, _record(name, args, env, tmp_path, still_simulator.url))
    still_simulator.fail_always(None)


def test_the_setup_and_network_failures_print_the_same_bytes(tmp_path: Path) -> None:
    # GIVEN no settings and no token, then an API that nobody answers
    bare = cli_environment(tmp_path, "https://api.securitycenter.microsoft.com", token=None)
    bare["TZ"] = "UTC"
    bare.pop("TRAYSCORE_API_URL")
    unreachable = f"http://127.0.0.1:{closed_port()}"
    down = cli_environment(tmp_path, unreachable)
    down["TZ"] = "UTC"
    cases = [
        ("no-setup-score", ["score"], bare, unreachable),
        ("no-setup-status", ["status"], bare, unreachable),
        ("no-setup-login", ["login", "--timeout", "1"], bare, unreachable),
        ("no-setup-demo-score", ["--demo", "score"], bare, unreachable),
        ("unreachable", ["score"], down, unreachable),
        ("unreachable-check", ["score", "--check"], down, unreachable),
    ]
    for name, args, env, api in cases:
        # WHEN each runs  THEN the words and exit code are the recorded ones
        _compare(name, _record(name, args, env, tmp_path, api))
