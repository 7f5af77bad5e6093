"""``trayscore score --source``, ``groups`` and the retired Defender API, as a user runs them:
subprocesses against the real simulator (Defender paths and Graph's Secure Score)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from trayscore.simulator import GRAPH_DAYS_KEPT, Answer, Simulator

from tests.helpers.cli import assert_clean, cli_environment, run


@pytest.fixture
def cli_env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """Private XDG folders; the Defender API and Graph both pointed at the simulator."""
    return cli_environment(tmp_path, simulator.url, f"{simulator.url}/v1.0")


# A device secure score answer that states its maximum: only then is there a percentage.
STATED = Answer(200, b'{"time": "2026-11-28T09:30:00Z", "score": 712, "maxScore": 1000}')


def history(env: dict[str, str], source: str) -> list[dict[str, object]]:
    result = run(["history", "--source", source, "--json"], env)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_device_secure_score_with_a_stated_maximum_prints_percent_and_points(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN the API answering 712 points and, unlike its documented sample, a maximum
    simulator.script(STATED)
    # WHEN the device secure score is asked for  THEN it is a percentage, banded high is good
    result = run(["score", "--source", "device-secure-score"], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"Device secure score 71\.2% \(high\) at \d{4}-\d\d-\d\d \d\d:\d\d \S+ "
        r"\(712 of 1000 points\)\n",
        result.stdout,
    )
    # AND --json carries the points and --check says OK for a high secure score
    simulator.script(STATED)
    reading = json.loads(
        run(["score", "--source", "device-secure-score", "--json"], cli_env).stdout
    )
    assert reading == {
        "source": "device-secure-score",
        "score": 71.2,
        "band": "high",
        "time": "2026-11-28T09:30:00Z",
        "fetched_at": reading["fetched_at"],
        "current": 712.0,
        "max": 1000.0,
    }
    assert [row["score"] for row in history(cli_env, "device-secure-score")] == [71.2]


@pytest.mark.parametrize(
    ("points", "state", "code"),
    [(712, "OK", 0), (550, "WARNING", 1), (120, "CRITICAL", 2)],
)
def test_check_for_a_higher_is_better_score_alerts_when_it_is_low(
    cli_env: dict[str, str], simulator: Simulator, points: int, state: str, code: int
) -> None:
    body = json.dumps({"time": "2026-11-28T09:30:00Z", "score": points, "maxScore": 1000}).encode()
    simulator.script(Answer(200, body))
    result = run(["score", "--source", "device-secure-score", "--check"], cli_env)
    assert result.returncode == code
    assert result.stdout.startswith(f"DEVICE-SECURE-SCORE {state} - device secure score ")
    assert result.stdout.rstrip().endswith(f"| score={points / 10:.2f};70:;40:;0;100")


def test_secure_score_first_use_backfills_and_the_second_adds_nothing(
    cli_env: dict[str, str],
) -> None:
    # GIVEN no history  WHEN the Secure Score is read for the first time
    first = run(["score", "--source", "secure-score"], cli_env)
    # THEN it prints the newest snapshot's percentage with its points, and says it backfilled
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(
        r"Secure Score \d+\.\d% \((low|medium|high)\) at 2026-11-28 \d\d:\d\d \S+ "
        r"\([\d.]+ of [\d.]+ points\)\n",
        first.stdout,
    )
    assert f"recorded {GRAPH_DAYS_KEPT} daily snapshots" in first.stderr
    rows = history(cli_env, "secure-score")
    assert len(rows) == GRAPH_DAYS_KEPT
    assert rows[0]["time"] == "2026-08-31T00:00:00Z"
    assert rows[-1]["time"] == "2026-11-28T00:00:00Z"
    # WHEN it is read again (JSON this time)
    second = run(["score", "--source", "secure-score", "--json"], cli_env)
    assert second.returncode == 0, second.stderr
    assert second.stderr == ""
    reading = json.loads(second.stdout)
    assert set(reading) == {"source", "score", "band", "time", "fetched_at", "current", "max"}
    assert reading["score"] == pytest.approx(reading["current"] / reading["max"] * 100)
    # THEN the history has the same runs: nothing was backfilled twice
    again = history(cli_env, "secure-score")
    assert [(r["time"], r["score"]) for r in again] == [(r["time"], r["score"]) for r in rows]
    # AND the human history table reads the Secure Score with its own bands
    table = run(["history", "--source", "secure-score"], cli_env)
    assert table.returncode == 0
    assert table.stdout.count("secure-score") == GRAPH_DAYS_KEPT
    assert_clean(table)


def test_the_source_setting_chooses_what_score_reads(cli_env: dict[str, str]) -> None:
    cli_env["TRAYSCORE_SOURCE"] = "secure-score"
    result = run(["score", "--json", "--no-record"], cli_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "secure-score"
    assert history(cli_env, "secure-score") == []  # --no-record: no backfill either


def test_groups_table_and_json_are_worst_first(cli_env: dict[str, str]) -> None:
    # GIVEN the simulator's four device groups  WHEN `groups --json` runs
    result = run(["groups", "--json"], cli_env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    # THEN a list of {name, id, score, band}, highest exposure first
    assert [set(row) for row in rows] == [{"name", "id", "score", "band"}] * 4
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    # AND the table lists the same groups in the same order
    table = run(["groups"], cli_env)
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Device", "group", "Score", "Band", "Id"]
    assert [line.split("  ")[0].strip() for line in lines[1:]] == [row["name"] for row in rows]
    assert_clean(table)


@pytest.mark.parametrize("source", ["device-secure-score", "secure-score", "groups"])
@pytest.mark.parametrize(
    ("fault", "code"),
    [("unauthorized", 4), ("forbidden", 5), ("throttled", 7), ("unavailable", 8), ("not-json", 11)],
)
def test_each_source_has_the_same_exit_codes(
    cli_env: dict[str, str], simulator: Simulator, source: str, fault: str, code: int
) -> None:
    simulator.fail_always(fault)
    args = ["groups", "--json"] if source == "groups" else ["score", "--source", source, "--json"]
    result = run(args, cli_env)
    assert result.returncode == code
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert_clean(result)


def test_forbidden_graph_names_its_own_permission(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    simulator.fail_always("forbidden")
    result = run(["score", "--source", "secure-score"], cli_env)
    assert result.returncode == 5
    assert "SecurityEvents.Read.All" in result.stderr


def test_a_retired_defender_api_says_so_and_the_history_stays_readable(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN an exposure history recorded while the Defender API still answered
    assert run(["score"], cli_env).returncode == 0
    # WHEN Microsoft retires the Defender API
    simulator.fail_always("retired")
    result = run(["score"], cli_env)
    # THEN the CLI says it was retired, names the replacement setting, and exits 13
    assert result.returncode == 13
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("trayscore: Microsoft retired the Defender for Endpoint API")
    assert "MC1220762" in message
    assert 'source = "secure-score"' in message
    assert len(result.stderr.splitlines()) == 1
    check = run(["score", "--check"], cli_env)
    assert check.returncode == 3
    assert check.stdout.startswith("EXPOSURE UNKNOWN - Microsoft retired the Defender")
    groups = run(["groups"], cli_env)
    assert groups.returncode == 13
    # AND the exposure history is still there, and Secure Score still answers
    assert len(history(cli_env, "exposure-score")) == 1
    cli_env["TRAYSCORE_SOURCE"] = "secure-score"
    assert run(["score", "--json"], cli_env).returncode == 0
    assert_clean(result)


def test_simulate_knows_the_retired_mode(cli_env: dict[str, str]) -> None:
    result = run(["simulate", "--fail", "nonsense"], cli_env)
    assert result.returncode == 1
    assert "retired" in result.stderr
