"""The command line against a server that answers with Microsoft's documented samples, and at
the Defender API's end (a real process at another date, through faketime)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from trayscore.simulator import Answer, Simulator

from tests.helpers.cli import assert_clean, cli_environment, run
from tests.helpers.contract import answer

RETIRED_DAY = "2027-02-03 09:00:00"


@pytest.fixture
def env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    return cli_environment(tmp_path, simulator.url, f"{simulator.url}/v1.0")


def test_score_prints_the_documented_exposure_score(
    env: dict[str, str], simulator: Simulator
) -> None:
    simulator.script(answer("exposure-score"))
    result = run(["score", "--json", "--no-record"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "source": "exposure-score",
        "score": 33.491554051195706,
        "band": "medium",
        "time": "2019-12-03T07:23:53.280499Z",
        "fetched_at": json.loads(result.stdout)["fetched_at"],
    }


def test_device_secure_score_prints_points_and_records_nothing(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN the documented 340 points, with no maximum
    simulator.script(answer("device-secure-score"))
    # WHEN read by a user  THEN it is points, with no invented percentage or band
    human = run(["score", "--source", "device-secure-score"], env)
    assert human.returncode == 0, human.stderr
    assert re.fullmatch(
        r"Device secure score 340 points at \d{4}-\d\d-\d\d \d\d:\d\d \S+ "
        r"\(Microsoft publishes no maximum for it, so no percentage or band\)\n",
        human.stdout,
    )
    # AND --json says so in machine form
    simulator.script(answer("device-secure-score"))
    machine = json.loads(run(["score", "--source", "device-secure-score", "--json"], env).stdout)
    assert (machine["score"], machine["band"], machine["unit"]) == (340, None, "points")
    assert (machine["current"], machine["max"]) == (340, None)
    # AND --check cannot judge it: UNKNOWN (3), with the points as perfdata
    simulator.script(answer("device-secure-score"))
    check = run(["score", "--source", "device-secure-score", "--check"], env)
    assert check.returncode == 3
    assert check.stdout.startswith("DEVICE-SECURE-SCORE UNKNOWN - device secure score 340 points")
    assert check.stdout.rstrip().endswith("| score=340;;;0;")
    # AND the percentage history was left alone
    history = run(["history", "--json"], env)
    assert json.loads(history.stdout) == []


def test_secure_score_prints_the_documented_snapshot(
    env: dict[str, str], simulator: Simulator
) -> None:
    simulator.script(answer("secure-scores"))
    result = run(["score", "--source", "secure-score", "--json", "--no-record"], env)
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["score"] == pytest.approx(55.523672883787655)
    assert (reading["band"], reading["current"], reading["max"]) == ("medium", 387.0, 697.0)


def test_groups_prints_the_documented_groups(env: dict[str, str], simulator: Simulator) -> None:
    simulator.script(answer("exposure-by-device-group"))
    result = run(["groups"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Device group  Score  Band    Id",
        "GroupOne       41.4  medium  GroupOne",
        "GroupTwo       37.4  medium  GroupTwo",
    ]
    simulator.script(answer("exposure-by-device-group"))
    rows = json.loads(run(["groups", "--json"], env).stdout)
    assert [row["id"] for row in rows] == ["GroupOne", "GroupTwo"]


def test_server_text_never_reaches_the_terminal_raw(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN group names that would retitle the terminal and clear the screen
    body = {
        "value": [
            {"time": "2026-11-28T09:00:00Z", "score": 50.0, "rbacGroupName": "A\x1b]0;pwn\x07B"},
            {"time": "2026-11-28T09:00:00Z", "score": 40.0, "rbacGroupName": "\x1b[2J\x9bC"},
        ]
    }
    simulator.script(Answer(200, json.dumps(body).encode()))
    # WHEN the groups are printed  THEN no escape or C1 control reaches stdout
    result = run(["groups"], env)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout)
    assert "A]0;pwnB" in result.stdout


def test_check_turns_an_out_of_range_time_into_unknown(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN a time that overflowed before (year 1 at +14:00)
    simulator.script(Answer(200, b'{"time": "0001-01-01T00:00:00+14:00", "score": 40.0}'))
    # WHEN monitoring runs --check  THEN one UNKNOWN line and exit 3, never 1 (WARNING)
    result = run(["score", "--check"], env)
    assert result.returncode == 3
    assert result.stdout.startswith("EXPOSURE UNKNOWN - The exposure score answer is unusable")
    assert len(result.stdout.splitlines()) == 1
    assert_clean(result)


def test_check_turns_a_settings_problem_into_unknown(env: dict[str, str]) -> None:
    result = run(["score", "--check"], {**env, "TRAYSCORE_API_URL": "http://example.com"})
    assert result.returncode == 3
    assert result.stdout.startswith("EXPOSURE UNKNOWN - ")


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs Debian's faketime")
def test_after_the_retirement_day_a_failing_defender_api_exits_13(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN the real CLI on 3 February 2027 (faketime) and a Defender API that refuses (403)
    simulator.fail_always("forbidden")
    # WHEN the exposure score is asked for
    result = run(["score", "--source", "exposure-score"], env, ["faketime", RETIRED_DAY])
    # THEN it is the retirement: exit 13, and the advice to switch to Secure Score
    assert result.returncode == 13, result.stderr
    assert "Microsoft retired the Defender for Endpoint API" in result.stderr
    assert 'source = "secure-score"' in result.stderr
    assert_clean(result)


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs Debian's faketime")
def test_a_first_run_after_the_retirement_day_reads_secure_score(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN no settings file and no source set anywhere, on 3 February 2027
    simulator.fail_always(Answer(410, b"{}", only_under="/api/"))
    # WHEN the score is asked for  THEN it is Microsoft Secure Score, read from Graph
    result = run(["score", "--json", "--no-record"], env, ["faketime", RETIRED_DAY])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "secure-score"


def test_doctor_quotes_the_correlation_id_of_a_failing_read(
    env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN a Defender API that refuses with its documented error body
    simulator.fail_always("forbidden")
    # WHEN doctor runs  THEN its score check quotes the id an administrator opens a ticket with
    result = run(["doctor", "--json"], env)
    checks = {check["check"]: check for check in json.loads(result.stdout)}
    assert checks["score"]["ok"] is False
    detail = checks["score"]["detail"]
    assert "correlation id 00000000-0000-0000-0000-000000005eed" in detail
    assert_clean(result)
