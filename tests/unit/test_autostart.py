"""Start at login: the content per platform, and real writes in a temporary folder."""

from __future__ import annotations

import plistlib
import stat
from pathlib import Path

import pytest
from trayscore.system.autostart import (
    AutostartError,
    FileAutostart,
    WindowsAutostart,
    desktop_entry,
    for_platform,
    launch_agent_file,
    launch_agent_plist,
    launch_command,
    windows_run_value,
    write_atomically,
    xdg_autostart_file,
)

from tests.helpers.desktop_entry import exec_argv, parse_entry

VENV_PYTHON = "/home/u/.venvs/trayscore/bin/python"
SPACED_PYTHON = "/home/u/My Apps/venv/bin/python"


# --- the launch command ----------------------------------------------------------------------


def test_a_frozen_build_launches_itself() -> None:
    # GIVEN a frozen executable WHEN its command is built THEN it is the executable alone
    exe = r"C:\Program Files\trayscore\trayscore.exe"
    assert launch_command(exe, frozen=True, platform="win32") == [exe]


def test_a_python_install_runs_the_package_isolated() -> None:
    """``python -I``: "Isolate Python from the user's environment ... Neither the script's
    directory nor the user's site-packages directory is in sys.path" (Python docs, command line).
    """
    # GIVEN a venv python on Linux, not started as the console script
    command = launch_command(VENV_PYTHON, frozen=False, platform="linux")
    # THEN the command is python -I -m trayscore with that python
    assert command == [VENV_PYTHON, "-I", "-m", "trayscore"]


def test_the_running_console_script_is_the_command() -> None:
    # GIVEN the process was started as the installed console script
    script = "/home/u/.venvs/trayscore/bin/trayscore"
    # THEN the login entry runs that script (Python puts its folder, not the cwd, on sys.path)
    assert launch_command(VENV_PYTHON, frozen=False, platform="linux", script=script) == [script]


@pytest.mark.parametrize(
    "script", ["/work/trayscore/trayscore/__main__.py", "trayscore", "/usr/bin/pytest"]
)
def test_anything_but_an_absolute_trayscore_script_runs_the_package_isolated(script: str) -> None:
    # GIVEN python -m trayscore, a relative name, or another program as argv[0]
    command = launch_command(VENV_PYTHON, frozen=False, platform="linux", script=script)
    # THEN the package is run isolated by the interpreter
    assert command == [VENV_PYTHON, "-I", "-m", "trayscore"]


def test_a_user_site_install_keeps_the_user_site_but_not_the_working_folder() -> None:
    """``-I`` would hide a ``pip install --user`` trayscore; ``-E -P`` keeps out the cwd and
    the PYTHON* variables all the same (Python docs, command line, -P and -E)."""
    command = launch_command("/usr/bin/python3", frozen=False, platform="linux", user_site=True)
    assert command == ["/usr/bin/python3", "-E", "-P", "-m", "trayscore"]


def test_windows_uses_pythonw_so_no_console_opens() -> None:
    # GIVEN python.exe in a venv WHEN the command is built on Windows THEN pythonw.exe runs it
    command = launch_command(
        r"C:\Users\Ann Lee\venv\Scripts\python.exe",
        frozen=False,
        platform="win32",
        script=r"C:\Users\Ann Lee\venv\Scripts\trayscore.exe",
    )
    assert command == [r"C:\Users\Ann Lee\venv\Scripts\pythonw.exe", "-I", "-m", "trayscore"]


# --- Linux / XDG -----------------------------------------------------------------------------


def test_the_desktop_entry_has_every_key() -> None:
    # GIVEN a venv python WHEN the entry is built THEN it parses back with the expected keys
    entry = parse_entry(desktop_entry([VENV_PYTHON, "-m", "trayscore"]))
    assert entry == {
        "Type": "Application",
        "Name": "trayscore",
        "Comment": "Microsoft Defender exposure score in the tray",
        "Exec": f"{VENV_PYTHON} -m trayscore",
        "Icon": "trayscore",
        "Terminal": "false",
        "X-GNOME-Autostart-enabled": "true",
        "X-GNOME-Autostart-Delay": "10",
        "X-KDE-autostart-after": "panel",
    }


def test_a_path_with_spaces_is_quoted_in_exec() -> None:
    # GIVEN a python whose path holds a space WHEN the entry is built
    entry = parse_entry(desktop_entry([SPACED_PYTHON, "-m", "trayscore"]))
    # THEN only that argument is double-quoted, and it splits back into the same command
    assert entry["Exec"] == f'"{SPACED_PYTHON}" -m trayscore'
    assert exec_argv(entry["Exec"]) == [SPACED_PYTHON, "-m", "trayscore"]


def test_reserved_characters_are_escaped_in_exec() -> None:
    # GIVEN a path with $, a quote, a backslash and % WHEN the entry is built
    odd = '/opt/a$b "c"\\d 100%/python'
    entry = parse_entry(desktop_entry([odd, "-m", "trayscore"]))
    # THEN $ " \\ are backslash-escaped inside quotes, % is doubled, and \\ doubled again on disk
    assert entry["Exec"] == '"/opt/a\\\\$b \\\\"c\\\\"\\\\\\\\d 100%%/python" -m trayscore'
    assert exec_argv(entry["Exec"]) == [odd, "-m", "trayscore"]


def test_the_autostart_folder_follows_xdg_config_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # GIVEN XDG_CONFIG_HOME set THEN the entry lives under it
    set_one = xdg_autostart_file({"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, home)
    assert set_one == tmp_path / "cfg" / "autostart" / "trayscore.desktop"
    # GIVEN it unset, or relative (the spec says to ignore it) THEN ~/.config is used
    default = home / ".config" / "autostart" / "trayscore.desktop"
    assert xdg_autostart_file({}, home) == default
    assert xdg_autostart_file({"XDG_CONFIG_HOME": "relative/cfg"}, home) == default


def test_on_status_off_round_trip_for_real(tmp_path: Path) -> None:
    # GIVEN XDG_CONFIG_HOME pointed at an empty temporary folder
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    place = for_platform("linux", environ, tmp_path / "home")
    path = tmp_path / "cfg" / "autostart" / "trayscore.desktop"
    assert place.status().enabled is False
    # WHEN turned on THEN the entry is there, 0644, with this command, and nothing else is left
    state = place.enable([SPACED_PYTHON, "-m", "trayscore"])
    assert (state.enabled, state.location) == (True, str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert exec_argv(parse_entry(path.read_text("utf-8"))["Exec"])[0] == SPACED_PYTHON
    assert [p.name for p in path.parent.iterdir()] == ["trayscore.desktop"]
    assert place.status().enabled is True
    # WHEN turned on again with another command THEN the entry is replaced
    place.enable([VENV_PYTHON, "-m", "trayscore"])
    assert parse_entry(path.read_text("utf-8"))["Exec"] == f"{VENV_PYTHON} -m trayscore"
    # WHEN turned off THEN the file is gone and the status says off
    state = place.disable()
    assert (state.enabled, state.location) == (False, str(path))
    assert not path.exists()


def test_off_when_already_off_is_fine(tmp_path: Path) -> None:
    # GIVEN no autostart folder at all WHEN turned off THEN it says off and raises nothing
    place = for_platform("linux", {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, tmp_path)
    assert place.disable().enabled is False
    assert not (tmp_path / "cfg").exists()


def test_an_unwritable_folder_is_one_clear_error(tmp_path: Path) -> None:
    # GIVEN XDG_CONFIG_HOME is a file, so no folder can be made in it (also works as root)
    blocker = tmp_path / "cfg"
    blocker.write_text("not a folder", encoding="utf-8")
    place = for_platform("linux", {"XDG_CONFIG_HOME": str(blocker)}, tmp_path)
    # WHEN turned on THEN one AutostartError names the path, on one line
    with pytest.raises(AutostartError) as caught:
        place.enable([VENV_PYTHON, "-m", "trayscore"])
    assert str(blocker / "autostart" / "trayscore.desktop") in caught.value.message
    assert "\n" not in caught.value.message
    assert caught.value.exit_code != 0


# --- Windows ---------------------------------------------------------------------------------


def test_the_run_value_for_a_frozen_exe_is_quoted() -> None:
    # GIVEN a frozen trayscore.exe under Program Files THEN the value is that path in quotes
    exe = r"C:\Program Files\trayscore\trayscore.exe"
    assert windows_run_value([exe]) == f'"{exe}"'


def test_the_run_value_for_a_venv_python_with_spaces() -> None:
    # GIVEN a venv whose path holds a space WHEN the Run value is built
    command = launch_command(
        r"C:\Users\Ann Lee\venv\Scripts\python.exe", frozen=False, platform="win32"
    )
    # THEN pythonw.exe is quoted and the isolated module arguments follow
    assert windows_run_value(command) == (
        r'"C:\Users\Ann Lee\venv\Scripts\pythonw.exe" -I -m trayscore'
    )


class FakeRunKey:
    """The Run value in memory (the real winreg is Windows only and not run here)."""

    def __init__(self) -> None:
        self.value: str | None = None

    def read(self) -> str | None:
        return self.value

    def write(self, value: str) -> None:
        self.value = value

    def delete(self) -> None:
        self.value = None


def test_windows_on_off_goes_through_the_run_key() -> None:
    # GIVEN an empty Run key WHEN turned on THEN the value is the quoted command
    key = FakeRunKey()
    place = for_platform("win32", {}, Path("C:/Users/u"), run_key=key)
    assert isinstance(place, WindowsAutostart)
    exe = r"C:\Program Files\trayscore\trayscore.exe"
    state = place.enable([exe])
    assert key.value == f'"{exe}"'
    assert state.enabled is True
    assert state.location == r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run\trayscore"
    # WHEN turned off (twice) THEN the value is gone and it says off
    assert place.disable().enabled is False
    assert place.disable().enabled is False
    assert key.value is None


# --- macOS -----------------------------------------------------------------------------------


def test_the_launch_agent_plist_content() -> None:
    # GIVEN an app bundle path with a space WHEN the plist is built THEN it loads back exactly
    program = "/Applications/Tray Score.app/Contents/MacOS/trayscore"
    agent = plistlib.loads(launch_agent_plist([program]))
    assert agent == {
        "Label": "com.trayscore.agent",
        "ProgramArguments": [program],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }


def test_the_launch_agent_is_written_and_removed_for_real(tmp_path: Path) -> None:
    # GIVEN a home folder with no LaunchAgents folder yet
    place = for_platform("darwin", {"XDG_CONFIG_HOME": str(tmp_path / "ignored")}, tmp_path)
    assert isinstance(place, FileAutostart)
    path = launch_agent_file(tmp_path)
    assert path == tmp_path / "Library" / "LaunchAgents" / "com.trayscore.agent.plist"
    # WHEN turned on THEN the plist exists, 0644, holding the command
    state = place.enable([VENV_PYTHON, "-m", "trayscore"])
    assert (state.enabled, state.location) == (True, str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert plistlib.loads(path.read_bytes())["ProgramArguments"] == [VENV_PYTHON, "-m", "trayscore"]
    assert not (tmp_path / "ignored").exists()
    # WHEN turned off twice THEN it is gone and the second time is no error
    assert place.disable().enabled is False
    assert place.disable().enabled is False
    assert not path.exists()


def test_the_entry_is_written_without_os_fchmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows Python has ``os.fchmod`` only from 3.13 (Python docs, os.fchmod)."""
    # GIVEN a Python without os.fchmod, as on Windows before 3.13
    monkeypatch.delattr("os.fchmod")
    target = tmp_path / "autostart" / "trayscore.desktop"
    # WHEN a file is written atomically
    write_atomically(target, b"[Desktop Entry]\n")
    # THEN it is there, whole
    assert target.read_bytes() == b"[Desktop Entry]\n"


def test_the_frozen_console_twin_starts_the_windowed_tray() -> None:
    # GIVEN the frozen Windows build run as its console twin, trayscore-cli.exe
    exe = r"C:\Users\u\AppData\Local\Programs\trayscore\trayscore-cli.exe"
    # WHEN its launch command is built THEN it names the windowed trayscore.exe beside it
    assert launch_command(exe, frozen=True, platform="win32") == [
        r"C:\Users\u\AppData\Local\Programs\trayscore\trayscore.exe"
    ]
