"""The login entry's command line, run as a desktop runs it: in the home folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from trayscore import __version__
from trayscore.system.autostart import current_launch_command, desktop_entry

from tests.helpers.desktop_entry import exec_argv, parse_entry


def test_the_login_entry_does_not_import_from_the_home_folder(tmp_path: Path) -> None:
    """A login entry runs in $HOME: a planted ``trayscore.py`` there must not be what runs."""
    # GIVEN a home folder holding a planted trayscore module
    home = tmp_path / "home"
    home.mkdir()
    planted = home / "planted-ran"
    (home / "trayscore.py").write_text(f"open({str(planted)!r}, 'w').close()\nprint('planted')\n")
    # AND the Exec line of the login entry written for this Python
    entry = parse_entry(desktop_entry(current_launch_command()))
    argv = exec_argv(entry["Exec"])
    # WHEN the desktop starts it in the home folder (asking only for the version)
    result = subprocess.run(
        [*argv, "--version"],
        cwd=home,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # THEN the installed trayscore answered and the planted module never ran
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"trayscore {__version__}"
    assert not planted.exists()
