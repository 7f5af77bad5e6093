"""The ``trayscore`` command as a user runs it: a subprocess against the real simulator."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from trayscore import __version__
from trayscore.core.bands import band_of
from trayscore.simulator import Answer, Simulator

from tests.conftest import TEST_TOKEN
from tests.helpers.cli import TIMEOUT, assert_clean, cli_environment, run, simulation
from tests.helpers.local_attacker import needs_root


@pytest.fixture
def cli_env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """A process environment with private XDG folders, pointed at the simulator."""
    return cli_environment(tmp_path, simulator.url)


def score_body(score: float) -> bytes:
    return json.dumps({"time": "2026-11-28T09:30:00.1234567Z", "score": score}).encode()


def test_version_is_the_same_for_the_script_and_python_m(cli_env: dict[str, str]) -> None:
    module = run(["--version"], cli_env)
    script = subprocess.run(
        [str(Path(sys.executable).parent / "trayscore"), "--version"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert module.returncode == script.returncode == 0
    assert module.stdout == script.stdout == f"trayscore {__version__}\n"


def test_score_prints_a_human_line(cli_env: dict[str, str], simulator: Simulator) -> None:
    simulator.script(Answer(200, score_body(33.491554051195706)))
    result = run(["score"], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"Exposure score 33\.4 \(medium\) at \d{4}-\d\d-\d\d \d\d:\d\d \S+\n", result.stdout
    )
    assert result.stderr == ""


def test_score_json_is_a_valid_reading(cli_env: dict[str, str]) -> None:
    # GIVEN the simulator's own series  WHEN score --json runs  THEN it prints one reading
    result = run(["score", "--json"], cli_env)
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert set(reading) == {"source", "score", "band", "time", "fetched_at"}
    assert reading["source"] == "exposure-score"
    assert 0 <= reading["score"] <= 100
    assert reading["band"] == band_of(reading["score"]).value
    assert reading["time"] == "2026-11-28T09:30:00Z"
    assert reading["fetched_at"].endswith("Z")
    assert_clean(result)


@pytest.mark.parametrize(
    ("score", "state", "code"),
    [
        (22.1, "OK", 0),
        (33.491554051195706, "WARNING", 1),
        (29.5, "WARNING", 1),
        (81.0, "CRITICAL", 2),
    ],
)
def test_check_prints_a_monitoring_line_and_exits_by_band(
    cli_env: dict[str, str], simulator: Simulator, score: float, state: str, code: int
) -> None:
    simulator.script(Answer(200, score_body(score)))
    result = run(["score", "--check"], cli_env)
    assert result.returncode == code
    assert result.stdout.startswith(f"EXPOSURE {state} - exposure score ")
    assert result.stdout.rstrip().endswith(f"| score={score:.2f};30;70;0;100")


@pytest.mark.parametrize(
    ("fault", "code", "fragment"),
    [
        ("unauthorized", 4, "HTTP 401"),
        ("forbidden", 5, "Score.Read"),
        ("not-found", 6, "HTTP 404"),
        ("gone", 13, "MC1220762"),
        ("throttled", 7, "retry in 42 s"),
        ("unavailable", 8, "HTTP 503"),
        ("not-json", 11, "not valid JSON"),
        ("out-of-range", 11, "outside 0 to 100"),
    ],
)
def test_each_failure_class_has_its_exit_code_and_one_stderr_line(
    cli_env: dict[str, str], simulator: Simulator, fault: str, code: int, fragment: str
) -> None:
    simulator.fail_always(fault)
    result = run(["score", "--json"], cli_env)
    assert result.returncode == code
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("trayscore: ")
    assert fragment in lines[0]
    assert_clean(result)
    # WHEN --check meets the same failure THEN it is UNKNOWN with exit 3 on stdout
    check = run(["score", "--check"], cli_env)
    assert check.returncode == 3
    assert check.stdout.startswith("EXPOSURE UNKNOWN - ")
    assert fragment in check.stdout
    assert_clean(check)


def test_unreachable_api_exits_9(cli_env: dict[str, str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        cli_env["TRAYSCORE_API_URL"] = f"http://127.0.0.1:{probe.getsockname()[1]}"
    result = run(["score"], cli_env)
    assert result.returncode == 9
    assert "Cannot reach 127.0.0.1" in result.stderr
    assert_clean(result)


def test_no_token_says_how_to_get_one(cli_env: dict[str, str]) -> None:
    del cli_env["TRAYSCORE_ACCESS_TOKEN"]
    del cli_env["TRAYSCORE_API_URL"]  # Microsoft's host: plain http would refuse sooner
    result = run(["score"], cli_env)
    assert result.returncode == 3  # not set up: a settings matter, whichever command meets it
    assert "TRAYSCORE_ACCESS_TOKEN" in result.stderr
    assert "trayscore setup" in result.stderr


def test_plain_http_to_a_remote_host_is_refused(cli_env: dict[str, str]) -> None:
    cli_env["TRAYSCORE_API_URL"] = "http://api.security.microsoft.com"
    result = run(["score"], cli_env)
    assert result.returncode == 3
    assert "https is required" in result.stderr
    assert_clean(result)


def test_a_bad_settings_file_names_the_key(cli_env: dict[str, str]) -> None:
    settings = Path(cli_env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("refresh_minutes = 0\n", encoding="utf-8")
    result = run(["score"], cli_env)
    assert result.returncode == 3
    assert "'refresh_minutes'" in result.stderr
    assert "from 1 to 1440" in result.stderr


def test_debug_shows_the_traceback_but_still_not_the_token(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    simulator.fail_always("forbidden")
    result = run(["--debug", "score"], cli_env)
    assert result.returncode == 5
    assert "Traceback" in result.stderr
    assert TEST_TOKEN not in result.stderr


def test_demo_reads_a_score_from_the_built_in_simulator(cli_env: dict[str, str]) -> None:
    for name in ("TRAYSCORE_API_URL", "TRAYSCORE_ACCESS_TOKEN"):
        del cli_env[name]
    # GIVEN a console with no graphical session (the tray itself is tested in tests/desktop)
    result = run(["--demo"], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.match(r"Exposure score \d+\.\d \((low|medium|high)\) at .*\(demo: ", result.stdout)
    assert "no graphical session" in result.stderr


def test_the_tray_without_a_graphical_session_says_what_to_use(cli_env: dict[str, str]) -> None:
    result = run([], cli_env)
    assert result.returncode == 12
    assert "No graphical session" in result.stderr
    assert "trayscore score" in result.stderr


def test_usage_errors_exit_2(cli_env: dict[str, str]) -> None:
    assert run(["score", "--json", "--check"], cli_env).returncode == 2
    assert run(["frobnicate"], cli_env).returncode == 2


@pytest.fixture
def standalone_simulator(cli_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    args = ["--port", "0", "--seed", "5", "--token", TEST_TOKEN]
    with simulation(args, cli_env) as running:
        yield running.process, running.url


def test_standalone_simulator_serves_score_json_and_stops_on_sigterm(
    cli_env: dict[str, str], standalone_simulator: tuple[subprocess.Popen[str], str]
) -> None:
    # GIVEN `trayscore simulate` running in its own process
    process, url = standalone_simulator
    cli_env["TRAYSCORE_API_URL"] = url
    # WHEN `trayscore score --json` reads from it
    result = run(["score", "--json"], cli_env)
    # THEN it prints a valid reading
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "exposure-score"
    # AND SIGTERM stops the simulator cleanly
    process.send_signal(signal.SIGTERM)
    assert process.wait(TIMEOUT) == 0
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read()


def test_simulator_port_in_use_is_one_clear_line(cli_env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run(["simulate", "--port", str(taken.getsockname()[1])], cli_env)
    assert result.returncode == 1
    assert "Cannot listen on 127.0.0.1:" in result.stderr
    assert "Choose another --port" in result.stderr
    assert_clean(result)


def autostart_entry(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "autostart" / "trayscore.desktop"


def test_autostart_on_status_off_writes_and_removes_the_desktop_entry(
    cli_env: dict[str, str],
) -> None:
    # GIVEN private XDG folders with no autostart entry
    entry = autostart_entry(cli_env)
    status = run(["autostart", "status", "--json"], cli_env)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) == {"enabled": False, "location": str(entry)}
    # WHEN `python -m trayscore autostart on` runs
    on = run(["autostart", "on"], cli_env)
    assert on.returncode == 0, on.stderr
    assert on.stdout == f"Start at login: on ({entry})\n"
    assert entry.is_file()
    # THEN the entry runs this very interpreter, isolated from the folder it starts in
    assert f"Exec={sys.executable} -I -m trayscore\n" in entry.read_text(encoding="utf-8")
    # AND `status --json` says so
    status = run(["autostart", "status", "--json"], cli_env)
    assert json.loads(status.stdout) == {"enabled": True, "location": str(entry)}
    # WHEN `autostart off` runs (twice) THEN the entry is gone and the second is no error
    for _ in range(2):
        off = run(["autostart", "off"], cli_env)
        assert off.returncode == 0, off.stderr
        assert off.stdout == f"Start at login: off ({entry})\n"
    assert not entry.exists()
    assert_clean(off)


def test_autostart_from_the_console_script_runs_that_script(cli_env: dict[str, str]) -> None:
    # GIVEN the installed `trayscore` console script
    script = Path(sys.executable).with_name("trayscore")
    assert script.is_file()
    # WHEN `trayscore autostart on` runs through it
    on = subprocess.run(
        [str(script), "autostart", "on"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert on.returncode == 0, on.stderr
    # THEN the login entry runs that script itself
    text = autostart_entry(cli_env).read_text(encoding="utf-8")
    assert f"Exec={script}\n" in text


def test_autostart_in_an_unwritable_folder_is_one_clear_line(cli_env: dict[str, str]) -> None:
    # GIVEN XDG_CONFIG_HOME is a file, so the autostart folder cannot be made
    blocker = Path(cli_env["XDG_CONFIG_HOME"])
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder", encoding="utf-8")
    # WHEN `autostart on` runs THEN one stderr line names the path, with a non-zero exit code
    result = run(["autostart", "on"], cli_env)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"trayscore: Cannot write {autostart_entry(cli_env)}: ")
    assert_clean(result)


def test_autostart_needs_an_action(cli_env: dict[str, str]) -> None:
    # GIVEN no action or an unknown one WHEN autostart runs THEN it is a usage error
    assert run(["autostart"], cli_env).returncode == 2
    assert run(["autostart", "maybe"], cli_env).returncode == 2


@needs_root  # the administrator's file must belong to root
def test_an_administrator_locks_the_api_for_every_user(
    cli_env: dict[str, str], simulator: Simulator, tmp_path: Path
) -> None:
    # GIVEN a system-wide settings file (XDG_CONFIG_DIRS) that sets and locks the API
    system = tmp_path / "etc-xdg" / "trayscore"
    system.mkdir(parents=True)
    (system / "settings.toml").write_text(f'api_url = "{simulator.url}"\nlocked = ["api_url"]\n')
    env = {k: v for k, v in cli_env.items() if k != "TRAYSCORE_API_URL"}
    env["XDG_CONFIG_DIRS"] = str(tmp_path / "etc-xdg")
    # AND a user file that points elsewhere
    user = Path(env["XDG_CONFIG_HOME"]) / "trayscore"
    user.mkdir(parents=True, exist_ok=True)
    (user / "settings.toml").write_text('api_url = "http://127.0.0.1:9"\n')
    # WHEN the user reads the score
    result = run(["score", "--json"], env)
    # THEN the administrator's API answers, and the user is told why their value is ignored
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "exposure-score"
    assert "'api_url' is set by your administrator" in result.stderr
