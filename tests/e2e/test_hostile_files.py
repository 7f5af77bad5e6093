"""The CLI against files an administrator, another local user or a damaged disk left behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from trayscore.simulator import Simulator

from tests.helpers.cli import cli_environment, run
from tests.helpers.local_attacker import (
    admin_settings,
    deep_toml,
    give_away,
    needs_root,
    plant_link,
)


@pytest.fixture
def env(tmp_path: Path, simulator: Simulator) -> dict[str, str]:
    """Private folders, a token, and the simulator as the API."""
    return cli_environment(tmp_path, simulator.url)


def user_settings(env: dict[str, str], text: str) -> Path:
    folder = Path(env["XDG_CONFIG_HOME"]) / "trayscore"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


@needs_root  # the administrator's file must belong to root
def test_the_administrators_file_in_the_second_xdg_entry_locks_the_api(
    env: dict[str, str], simulator: Simulator, tmp_path: Path
) -> None:
    """XDG Base Directory Specification 0.8, "Environment variables": every XDG_CONFIG_DIRS
    entry is a base directory to search, as Ubuntu GNOME's /etc/xdg/xdg-ubuntu:/etc/xdg needs.
    """
    # GIVEN XDG_CONFIG_DIRS with an empty first entry and, in the second, an administrator's
    # file that sets and locks the API
    first, second = tmp_path / "xdg-ubuntu", tmp_path / "xdg"
    first.mkdir()
    admin_settings(second, f'api_url = "{simulator.url}"\nlocked = ["api_url"]\n')
    del env["TRAYSCORE_API_URL"]
    env["XDG_CONFIG_DIRS"] = f"{first}:{second}"
    # AND a user file that points elsewhere
    user_settings(env, 'api_url = "http://127.0.0.1:9"\n')
    # WHEN the user reads the score
    result = run(["score", "--json"], env)
    # THEN the administrator's API answers, and the user is told why their value is ignored
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "exposure-score"
    assert "'api_url' is set by your administrator" in result.stderr


@needs_root  # to give the planted file to another user
def test_an_administrators_file_another_user_owns_is_refused_and_named(
    env: dict[str, str], simulator: Simulator, tmp_path: Path
) -> None:
    # GIVEN an "administrator's" file another user owns, in the first XDG_CONFIG_DIRS entry,
    # that points the API at a dead port and locks it
    planted = admin_settings(
        tmp_path / "kde", 'api_url = "http://127.0.0.1:9"\nlocked = ["api_url"]\n'
    )
    give_away(planted)
    env["XDG_CONFIG_DIRS"] = str(tmp_path / "kde")
    # WHEN the user reads the score
    result = run(["score", "--json"], env)
    # THEN the user's own API is used, and the refused file is named on stderr
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "exposure-score"
    assert f"administrator's settings file {planted} ignored: it belongs to uid 65534" in (
        result.stderr
    )


def test_a_10000_deep_settings_file_is_a_settings_problem_naming_the_file(
    env: dict[str, str],
) -> None:
    # GIVEN a settings file whose one value nests 10,000 arrays deep
    path = user_settings(env, deep_toml())
    # WHEN the score is asked for (strict settings)
    result = run(["score"], env)
    # THEN it is the settings error (exit 3) naming the file, not an internal error
    assert result.returncode == 3, result.stderr
    expected = f"trayscore: settings file {path} is nested too deeply to be settings.\n"
    assert result.stderr == expected
    assert "internal error" not in result.stderr
    # AND a command that reads settings leniently says so and goes on with the defaults
    result = run(["history", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert f"settings file {path} is nested too deeply" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_link_planted_at_the_journal_is_refused_by_the_cli_and_its_target_untouched(
    env: dict[str, str], tmp_path: Path
) -> None:
    # GIVEN another user's link at the history journal, pointing at a file of the user's
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    journal = Path(env["XDG_DATA_HOME"]) / "trayscore" / "history.json.journal"
    plant_link(journal, victim)
    # WHEN the user reads (and so records) the score
    result = run(["score"], env)
    # THEN the score is shown, the journal is refused by name, and the target is untouched
    assert result.returncode == 0, result.stderr
    assert f"refused {journal}: it is a symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "Traceback" not in result.stderr
