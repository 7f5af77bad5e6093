"""The per-machine MSI under Wine: what Intune, SCCM and Group Policy run, silently."""

from __future__ import annotations

import pytest

from tests.helpers.wine import WinePrefix, windows_path
from tests.windows.conftest import VERSION, Installers

pytestmark = [pytest.mark.windows, pytest.mark.timeout(30 * 60)]
PROGRAM = r"C:\Program Files\trayscore\trayscore-cli.exe"


def test_the_msi_installs_and_uninstalls_silently(
    prefix: WinePrefix, installers: Installers
) -> None:
    """``msiexec /i PACKAGE /qn`` and ``/x PACKAGE /qn``: no user interface (Microsoft Learn,
    "msiexec" command-line options), as deployment tools run them."""
    package = windows_path(installers.msi)
    # WHEN the MSI is installed with no user interface
    installed = prefix.run("msiexec", "/i", package, "/qn", timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # THEN the program is in Program Files, runs, and has its Start menu entry for every user
    assert prefix.linux_path(PROGRAM).is_file()
    assert prefix.linux_path(r"C:\Program Files\trayscore\trayscore.exe").is_file()
    version = prefix.run(PROGRAM, "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"trayscore {VERSION}")
    # (ALLUSERS=1 means the all-users Start menu on Windows; Wine 8's msi resolves
    # ProgramMenuFolder to the installing user's, so either place counts here)
    shortcuts = [
        prefix.linux_path(r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\trayscore.lnk"),
        prefix.user_folder()
        / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/trayscore.lnk",
    ]
    assert any(shortcut.is_file() for shortcut in shortcuts)
    # WHEN it is removed the same way
    removed = prefix.run("msiexec", "/x", package, "/qn", timeout=600)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    # THEN nothing of it is left in Program Files
    assert not prefix.linux_path(PROGRAM).exists()
    assert not any(shortcut.exists() for shortcut in shortcuts)
