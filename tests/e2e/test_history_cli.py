"""`trayscore score` records into the history; `trayscore history` prints it (subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from trayscore.simulator import Simulator

from tests.helpers import cli
from tests.helpers.cli import UNTRANSLATED, record_scores, run, score_answer

KEYS = {"source", "score", "band", "time", "fetched_at"}


@pytest.fixture
def cli_env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """A process environment with private XDG folders, pointed at the simulator."""
    return cli.cli_environment(tmp_path, simulator.url, also_hide=UNTRANSLATED)


def history_file(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "trayscore" / "history.json"


def test_score_records_and_no_record_does_not(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN no history; WHEN `score --no-record` runs, THEN no file appears
    simulator.script(score_answer(12.5))
    assert run(["score", "--no-record"], cli_env).returncode == 0
    assert not history_file(cli_env).exists()
    # WHEN `score` runs, THEN its reading is in the history
    record_scores(cli_env, simulator, (33.25, "2026-11-28T09:30:00Z"))
    history = json.loads(run(["history", "--json"], cli_env).stdout)
    assert [entry["score"] for entry in history] == [33.25]


def test_history_json_is_oldest_first_with_the_reading_keys(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN three fetches: 40, 40 (coalesced), then 55
    record_scores(
        cli_env,
        simulator,
        (40.0, "2026-11-28T08:00:00Z"),
        (40.0, "2026-11-28T08:05:00Z"),
        (55.0, "2026-11-28T08:10:00Z"),
    )
    # WHEN the history is printed as JSON
    result = run(["history", "--json"], cli_env)
    # THEN it is an array, oldest first, each with the five reading keys
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [(e["score"], e["band"], e["time"]) for e in entries] == [
        (40.0, "medium", "2026-11-28T08:00:00Z"),
        (55.0, "medium", "2026-11-28T08:10:00Z"),
    ]
    assert all(set(entry) >= KEYS for entry in entries)
    assert all(entry["source"] == "exposure-score" for entry in entries)


def test_history_csv_has_a_header_and_iso_times(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    record_scores(
        cli_env, simulator, (12.0, "2026-11-28T08:00:00Z"), (75.5, "2026-11-28T09:00:00Z")
    )
    result = run(["history", "--csv"], cli_env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) >= KEYS
    assert [(r["score"], r["band"], r["time"]) for r in rows] == [
        ("12.0", "low", "2026-11-28T08:00:00Z"),
        ("75.5", "high", "2026-11-28T09:00:00Z"),
    ]
    assert all(r["fetched_at"].endswith("Z") for r in rows)


def test_since_keeps_only_recent_runs(cli_env: dict[str, str], simulator: Simulator) -> None:
    # GIVEN a history with one run long ago and one just now (written directly)
    path = history_file(cli_env)
    path.parent.mkdir(parents=True)
    old, new = "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z"
    rows = [
        {"score": 10.0, "time": old, "fetched_at": old, "last_confirmed": old},
        {"score": 20.0, "time": new, "fetched_at": new, "last_confirmed": new},
    ]
    path.write_text(json.dumps({"schema": 1, "sources": {"exposure-score": rows}}))
    # THEN --since 30d and --since 2030-01-01 show only the recent run; no --since shows both
    for since in (["--since", "30d"], ["--since", "2w"], ["--since", "2030-01-01"]):
        result = run(["history", "--json", *since], cli_env)
        assert [e["score"] for e in json.loads(result.stdout)] == [20.0], since
    assert len(json.loads(run(["history", "--json"], cli_env).stdout)) == 2
    assert run(["history", "--since", "soon"], cli_env).returncode == 2


def test_machine_output_is_the_same_in_any_locale(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    record_scores(
        cli_env, simulator, (33.45, "2026-11-28T08:00:00Z"), (61.0, "2026-11-28T09:00:00Z")
    )
    for form in ("--json", "--csv"):
        outputs = {
            lang: run(["history", form], {**cli_env, "LANG": lang, "LC_ALL": lang})
            for lang in ("fr_FR.UTF-8", "C.UTF-8")
        }
        assert outputs["fr_FR.UTF-8"].stdout == outputs["C.UTF-8"].stdout
        assert "33.45" in outputs["C.UTF-8"].stdout


def test_empty_history_in_every_form(cli_env: dict[str, str]) -> None:
    assert run(["history", "--json"], cli_env).stdout == "[]\n"
    assert run(["history", "--csv"], cli_env).stdout == (
        "source,score,band,time,fetched_at,last_confirmed\n"
    )
    human = run(["history"], cli_env)
    assert (human.returncode, human.stdout, human.stderr) == (0, "No history yet.\n", "")


def test_human_table_has_one_decimal_and_band(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    record_scores(cli_env, simulator, (33.491554051195706, "2026-11-28T08:00:00Z"))
    result = run(["history"], cli_env)
    assert result.returncode == 0
    [header, line] = result.stdout.splitlines()
    assert "Score" in header
    assert " 33.4  medium " in line


def test_a_corrupt_file_is_moved_aside_with_one_stderr_line(cli_env: dict[str, str]) -> None:
    # GIVEN a truncated history file
    path = history_file(cli_env)
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": 1, "sources": {"exposure-sc')
    # WHEN the history is printed
    result = run(["history", "--json"], cli_env)
    # THEN exit 0, an empty history, one stderr line, and the bad file kept aside
    assert (result.returncode, result.stdout) == (0, "[]\n")
    [line] = result.stderr.splitlines()
    assert line.startswith("trayscore: ")
    assert "moved it aside" in line
    assert len(list(path.parent.glob("history.json.corrupt-*"))) == 1


def test_a_failed_record_warns_but_keeps_the_score_and_exit_code(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN a data "folder" that is a file, so the history cannot be written
    data = Path(cli_env["XDG_DATA_HOME"])
    data.mkdir(parents=True)
    (data / "trayscore").write_text("not a folder")
    simulator.script(score_answer(75.0))
    # WHEN `score --check` runs
    result = run(["score", "--check"], cli_env)
    # THEN the monitoring line and exit code are as always, plus one warning line
    assert result.returncode == 2
    assert result.stdout.startswith("EXPOSURE CRITICAL")
    [warning] = result.stderr.splitlines()
    assert warning.startswith("trayscore: Could not write the history")


def test_each_tenant_keeps_its_own_history(cli_env: dict[str, str], simulator: Simulator) -> None:
    # GIVEN readings recorded for contoso, then for fabrikam
    contoso = {**cli_env, "TRAYSCORE_TENANT": "contoso.onmicrosoft.com"}
    fabrikam = {**cli_env, "TRAYSCORE_TENANT": "fabrikam.onmicrosoft.com"}
    record_scores(contoso, simulator, (20.0, "2026-11-28T09:30:00Z"))
    record_scores(fabrikam, simulator, (80.0, "2026-11-28T09:35:00Z"))
    # WHEN each one's history is printed  THEN it holds only its own tenant's readings
    for env, expected in ((contoso, [20.0]), (fabrikam, [80.0])):
        history = json.loads(run(["history", "--json"], env).stdout)
        assert [entry["score"] for entry in history] == expected
    data = Path(cli_env["XDG_DATA_HOME"]) / "trayscore"
    assert (data / "history-commercial-contoso.onmicrosoft.com.json").exists()
    assert not history_file(cli_env).exists()  # the unnamed series was never written


def test_history_with_a_broken_settings_file_still_prints_and_says_why(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN a reading in the history, then a settings file that is not TOML
    record_scores(cli_env, simulator, (33.0, "2026-11-28T09:30:00Z"))
    settings = Path(cli_env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('tenant = "half', encoding="utf-8")
    # WHEN the history is printed  THEN it is, and stderr names the file's problem
    result = run(["history", "--json"], cli_env)
    assert result.returncode == 0
    assert [entry["score"] for entry in json.loads(result.stdout)] == [33.0]
    assert "not valid TOML" in result.stderr


def test_machine_output_is_the_same_in_french_and_in_english(
    cli_env: dict[str, str], simulator: Simulator
) -> None:
    # GIVEN a history with a fractional score
    record_scores(
        cli_env, simulator, (33.46, "2026-11-28T09:30:00Z"), (71.5, "2026-11-28T10:30:00Z")
    )
    french = {**cli_env, "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr"}
    english = {**cli_env, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    # WHEN the machine formats are printed under each locale  THEN they are byte for byte equal
    for args in (["history", "--json"], ["history", "--csv"]):
        outputs = [run(args, env) for env in (french, english)]
        assert all(result.returncode == 0 for result in outputs)
        assert outputs[0].stdout == outputs[1].stdout
        assert "33.46" in outputs[0].stdout  # a decimal point, never a comma
    # AND so are `score --json` (but its fetch time) and `score --check` with its exit code
    for args in (["score", "--json", "--no-record"], ["score", "--check", "--no-record"]):
        outputs = []
        for env in (french, english):
            simulator.script(score_answer(33.46))
            outputs.append(run(args, env))
        assert outputs[0].returncode == outputs[1].returncode
        first, second = (re.sub(r'"fetched_at": "[^"]+"', "", r.stdout) for r in outputs)
        assert first == second


# tests/ui/test_app.py and tests/ui/test_translations.py still import these from here; when
# they import tests.helpers.cli instead (issue 18), remove this block.
__all__ = ["body", "cli_environment", "record", "run"]
body = score_answer
record = record_scores


def cli_environment(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """What ``cli_env`` gives, for tests that also build other things on the same folders."""
    return cli.cli_environment(tmp_path, simulator.url, also_hide=UNTRANSLATED)
