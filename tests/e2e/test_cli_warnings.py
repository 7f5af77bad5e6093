"""Warnings the command line repeats only where they help: a missing keyring once a day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import UNTRANSLATED, assert_clean, private_environment, run

NO_KEYRING = "keyring.backends.fail.Keyring"


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs Debian's faketime")
def test_a_missing_keyring_is_told_by_the_first_command_of_the_day_only(tmp_path: Path) -> None:
    # GIVEN a set-up user on a machine without a keyring
    env = private_environment(tmp_path, also_hide=UNTRANSLATED) | {
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
        "TRAYSCORE_TENANT": "contoso.onmicrosoft.com",
        "TRAYSCORE_CLIENT_ID": "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    }
    # WHEN status runs three times, as a script would
    results = [run(["status"], env) for _ in range(3)]
    # THEN each says "not signed in", but only the first also says the keyring is missing
    assert [result.returncode for result in results] == [4, 4, 4]
    assert "No working keyring" in results[0].stderr
    assert "No working keyring" not in results[1].stderr + results[2].stderr
    for result in results:
        assert_clean(result)
    # AND the next day (the user's clock) it is told again
    tomorrow = run(["status"], env, prefix=("faketime", "-f", "+1d"))
    assert "No working keyring" in tomorrow.stderr
