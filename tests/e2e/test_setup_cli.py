"""``trayscore setup`` and "not set up" on the command line: one path, one exit code, real paths.

Sign-in after setup against the fake identity platform is in test_sign_in.py; here nothing
signs in (``--no-login``) and no network is needed.
"""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from trayscore.core.errors import ExitStatus

from tests.helpers.cli import UNTRANSLATED, assert_clean, private_environment, run

CLIENT_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TENANT = "contoso.onmicrosoft.com"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A brand-new user: private folders, no settings file, no token, English output."""
    return private_environment(tmp_path, also_hide=UNTRANSLATED)


def settings_file(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"


@pytest.mark.parametrize("command", [["score"], ["groups"], ["status"], ["login"], ["logout"]])
def test_not_set_up_is_one_exit_code_and_one_message_naming_the_real_file(
    env: dict[str, str], command: list[str]
) -> None:
    # GIVEN no settings at all  WHEN any command that needs the tenant runs
    result = run(command, env)
    # THEN it exits with the settings code, on one line naming the real file and the way out
    assert result.returncode == ExitStatus.SETTINGS, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("trayscore: Not set up yet: the tenant and the client ID are")
    assert str(settings_file(env)) in lines[0]
    assert "`trayscore setup`" in lines[0]
    assert_clean(result)


def test_setup_asks_again_until_each_answer_is_valid_and_saves_a_private_file(
    env: dict[str, str],
) -> None:
    # GIVEN a new user who mistypes the tenant and the client ID once each, and keeps the cloud
    answers = f"not a tenant\n{TENANT}\nxyz\n{CLIENT_ID}\n\n"
    # WHEN they run setup without signing in yet
    result = run(["setup", "--no-login"], env, answers=answers)
    # THEN each mistake is named, asked again, and the good values are saved
    assert result.returncode == ExitStatus.OK, result.stderr
    assert 'tenant is "not a tenant"; allowed:' in result.stderr
    assert 'client id is "xyz"; allowed:' in result.stderr
    assert "Cloud (commercial, gcc, gcc-high, dod) [commercial]: " in result.stdout
    assert f"Saved to {settings_file(env)}." in result.stdout
    saved = tomllib.loads(settings_file(env).read_text("utf-8"))
    assert (saved["tenant"], saved["client_id"], saved["cloud"]) == (
        TENANT,
        CLIENT_ID,
        "commercial",
    )
    # AND the file is the owner's alone, in a folder that is the owner's alone
    assert stat.S_IMODE(settings_file(env).stat().st_mode) == 0o600
    assert stat.S_IMODE(settings_file(env).parent.stat().st_mode) == 0o700
    # AND the next command no longer says "not set up"
    assert "Not set up" not in run(["status"], env).stderr


def test_setup_from_flags_asks_nothing_and_keeps_the_other_settings(env: dict[str, str]) -> None:
    # GIVEN a settings file with a refresh interval of the user's own
    settings_file(env).parent.mkdir(parents=True)
    settings_file(env).write_text("refresh_minutes = 30\n", "utf-8")
    # WHEN setup gets every value as a flag, with no input at all
    result = run(
        [
            "setup",
            "--tenant",
            TENANT.upper(),
            "--client-id",
            CLIENT_ID,
            "--cloud",
            "gcc",
            "--no-login",
        ],
        env,
    )
    # THEN nothing is asked, the values are saved as the validators write them, the rest is kept
    assert result.returncode == ExitStatus.OK, result.stderr
    assert "[" not in result.stdout  # no prompt with a default
    saved = tomllib.loads(settings_file(env).read_text("utf-8"))
    assert (saved["tenant"], saved["cloud"], saved["refresh_minutes"]) == (TENANT, "gcc", 30)


def test_a_bad_flag_value_is_a_settings_error_and_nothing_is_written(env: dict[str, str]) -> None:
    result = run(["setup", "--tenant", TENANT, "--client-id", "nope", "--no-login"], env)
    assert result.returncode == ExitStatus.SETTINGS
    assert '--client-id is "nope"; allowed:' in result.stderr
    assert not settings_file(env).exists()


def test_input_that_ends_early_names_the_flag_and_writes_nothing(env: dict[str, str]) -> None:
    # GIVEN no terminal to answer (cron, a script) and no flags
    result = run(["setup"], env)
    # THEN setup says which value it needs and how to give it, and saves nothing
    assert result.returncode == ExitStatus.USAGE
    assert "setup needs tenant (give --tenant); nothing was saved." in result.stderr
    assert not settings_file(env).exists()
    assert_clean(result)


def test_a_broken_settings_file_is_named_before_anything_is_asked(env: dict[str, str]) -> None:
    settings_file(env).parent.mkdir(parents=True)
    settings_file(env).write_text("tenant = [\n", "utf-8")
    result = run(["setup"], env, answers=f"{TENANT}\n{CLIENT_ID}\n\n")
    assert result.returncode == ExitStatus.SETTINGS
    assert "is not valid TOML" in result.stderr
    assert settings_file(env).read_text("utf-8") == "tenant = [\n"  # left for the user to see
