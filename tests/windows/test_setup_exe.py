"""The per-user setup.exe under Wine: install, the console command, policy, autostart, uninstall.

One prefix for the module, installed once with ``/S``; the uninstall test comes last in the file
(pytest keeps file order) because it removes what the others use.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from trayscore.simulator import Simulator

from tests.conftest import TEST_TOKEN
from tests.helpers.desktop import BAND_COLOURS, TRAY_AREA, colour_box, trayer, wait_for, xvfb
from tests.helpers.net import closed_port
from tests.helpers.wine import ROOT, RUN_KEY, WinePrefix
from tests.windows.conftest import VERSION, Installers, install_setup_exe

pytestmark = [pytest.mark.windows, pytest.mark.timeout(30 * 60)]
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\trayscore"
POLICY_KEY = r"HKLM\SOFTWARE\Policies\trayscore"
CHECK_WORDS = {0: "OK", 1: "WARNING", 2: "CRITICAL"}
DEMO_TIMEOUT = 90.0  # Wine's first start of a Qt program in a fresh prefix is slow
SCREENSHOT = ROOT / "build" / "windows-demo-tray.png"


@pytest.fixture(scope="module")
def installed(prefix: WinePrefix, installers: Installers) -> Path:
    """setup.exe /S /NOAUTOSTART: the program folder on the Linux side."""
    folder = install_setup_exe(prefix, installers.setup_exe, "/NOAUTOSTART")
    assert (folder / "trayscore.exe").is_file()
    return folder


def program(prefix: WinePrefix, name: str) -> str:
    r"""The installed program as Windows names it: C:\users\<user>\AppData\Local\Programs\..."""
    user = prefix.user_folder().name
    return rf"C:\users\{user}\AppData\Local\Programs\trayscore\{name}"


def cli(prefix: WinePrefix, *args: str, extra: dict[str, str] | None = None) -> tuple[int, str]:
    """trayscore-cli.exe ARGS: its exit code and standard output."""
    result = prefix.run(program(prefix, "trayscore-cli.exe"), *args, extra=extra)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert TEST_TOKEN not in result.stdout + result.stderr
    return result.returncode, result.stdout


def test_setup_installs_per_user_with_a_start_menu_entry_and_an_apps_entry(
    prefix: WinePrefix, installed: Path
) -> None:
    """Apps & features lists per-user programs from HKCU's Uninstall key (Microsoft Learn,
    "Uninstall Registry Key"); NSIS' /S runs silently (NSIS manual, 3.2 "Silent")."""
    # GIVEN setup.exe run with /S /NOAUTOSTART (the fixture)
    # THEN the app, its console twin and the uninstaller are in %LOCALAPPDATA%\Programs\trayscore
    for name in ("trayscore.exe", "trayscore-cli.exe", "uninstall.exe"):
        assert (installed / name).is_file(), name
    # AND the Start menu has its entry
    start_menu = prefix.user_folder() / "AppData" / "Roaming" / "Microsoft" / "Windows"
    assert (start_menu / "Start Menu" / "Programs" / "trayscore.lnk").is_file()
    # AND Apps & features lists it with its version and a silent uninstall command
    assert prefix.reg_query(UNINSTALL_KEY, "DisplayVersion") == VERSION
    quiet = prefix.reg_query(UNINSTALL_KEY, "QuietUninstallString") or ""
    assert quiet.endswith("/S")
    assert "uninstall.exe" in quiet
    # AND start at login was left off, as asked
    assert prefix.reg_query(RUN_KEY, "trayscore") is None


def test_the_console_program_prints_its_version(prefix: WinePrefix, installed: Path) -> None:
    # WHEN trayscore-cli.exe --version runs THEN it prints the version and exits 0
    code, out = cli(prefix, "--version")
    assert (code, out.strip()) == (0, f"trayscore {VERSION}")


def test_score_json_reads_the_simulator(
    prefix: WinePrefix, installed: Path, simulator: Simulator
) -> None:
    # GIVEN the simulator on 127.0.0.1 and a token
    extra = {"TRAYSCORE_API_URL": simulator.url, "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN}
    # WHEN score --json runs on Windows
    code, out = cli(prefix, "score", "--json", extra=extra)
    # THEN it exits 0 with one JSON reading from the simulator
    assert code == 0, out
    reading = json.loads(out)
    assert reading["source"] == "exposure-score"
    assert 0 <= reading["score"] <= 100
    assert reading["band"] in {"low", "medium", "high"}


def test_check_exit_codes_are_the_monitoring_plugin_ones(
    prefix: WinePrefix, installed: Path, simulator: Simulator
) -> None:
    """Monitoring plugins exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios plugin API,
    "Plugin Return Codes"), which monitoring agents on Windows read too."""
    extra = {"TRAYSCORE_API_URL": simulator.url, "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN}
    # WHEN score --check reads the simulator THEN the exit code matches the line's state word
    code, out = cli(prefix, "score", "--check", extra=extra)
    assert code in CHECK_WORDS, out
    assert f" {CHECK_WORDS[code]} - " in out
    # WHEN nothing listens at the API THEN it is UNKNOWN, exit 3
    extra["TRAYSCORE_API_URL"] = f"http://127.0.0.1:{closed_port()}"
    code, out = cli(prefix, "score", "--check", extra=extra)
    assert code == 3
    assert " UNKNOWN - " in out


def test_doctor_into_a_file_writes_every_line(
    prefix: WinePrefix, installed: Path, simulator: Simulator
) -> None:
    """cmd.exe's ``>`` gives the program a file handle, encoded in the ANSI code page
    (Python docs, sys.stdout: "the ANSI code page when not a console")."""
    extra = {"TRAYSCORE_API_URL": simulator.url, "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN}
    report = prefix.drive_c / "doctor.txt"
    # WHEN doctor's output is redirected to a file by cmd.exe, as an Intune script does
    command = f"{program(prefix, 'trayscore-cli.exe')} doctor > C:\\doctor.txt 2>&1"
    result = prefix.run("cmd", "/c", command, extra=extra)
    # THEN the file has one line per check and no internal error, and the API check passed
    text = report.read_text(encoding="cp1252")
    assert "internal error" not in text
    lines = text.splitlines()
    names = [line.split(":")[0].split(" ", 1)[1] for line in lines]
    assert names[:4] == ["settings", "keyring", "notifications", "system tray"]
    assert any(line.startswith("OK api:") for line in lines), text
    assert "Settings > System > Notifications" in text  # Windows' advice, not dunst's
    assert result.returncode == 0, text


def test_a_policy_value_is_applied_and_locked_and_an_unknown_one_is_warned(
    prefix: WinePrefix, installed: Path
) -> None:
    """Group Policy writes HKLM\\SOFTWARE\\Policies (Microsoft Learn, "Registry Keys" of
    ADMX-backed policies); trayscore.admx offers Cloud and Locked there."""
    try:
        # GIVEN the policy key presets the registration, sets the cloud and locks it
        prefix.reg_add(POLICY_KEY, "Tenant", "REG_SZ", "contoso.onmicrosoft.com")
        prefix.reg_add(POLICY_KEY, "ClientId", "REG_SZ", "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b")
        prefix.reg_add(POLICY_KEY, "Cloud", "REG_SZ", "gcc")
        prefix.reg_add(POLICY_KEY, "Locked", "REG_MULTI_SZ", "Cloud")
        # WHEN doctor reads the settings THEN the cloud is the policy's, named as in force
        settings = doctor_settings(prefix)
        assert settings["ok"] is True, settings
        assert "cloud gcc" in str(settings["detail"])
        assert "HKLM\\SOFTWARE\\Policies\\trayscore" in str(settings["detail"])
        # GIVEN the user's own file sets another cloud, and the policy holds an unknown value
        config = prefix.local_appdata() / "trayscore"
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.toml").write_text('cloud = "commercial"\n', encoding="utf-8")
        prefix.reg_add(POLICY_KEY, "refresh_minutes", "REG_DWORD", "5")
        # WHEN doctor reads them THEN the user's value is ignored and the unknown one named
        detail = str(doctor_settings(prefix)["detail"])
        assert "'cloud' is set by your administrator" in detail
        assert "unknown value 'refresh_minutes' ignored" in detail
    finally:
        prefix.run("reg", "delete", POLICY_KEY, "/f")
        (prefix.local_appdata() / "trayscore" / "settings.toml").unlink(missing_ok=True)


def doctor_settings(prefix: WinePrefix) -> dict[str, object]:
    _code, out = cli(prefix, "doctor", "--json")
    checks = {check["check"]: check for check in json.loads(out)}
    return dict(checks["settings"])


def test_the_demo_shows_the_band_coloured_icon_in_an_xembed_tray(
    prefix: WinePrefix, installed: Path, tmp_path: Path
) -> None:
    """Wine docks a program's notification-area icon into an X11 tray through XEmbed
    (freedesktop System Tray Protocol); Explorer's own tray is not tested here."""
    with xvfb(tmp_path) as desktop, trayer(desktop) as tray:
        # GIVEN an X display with trayer as the tray host
        # WHEN the installed windowed trayscore.exe starts in demo mode
        process = prefix.popen(program(prefix, "trayscore.exe"), "--demo", extra={
            "DISPLAY": tray.display,
        })  # fmt: skip
        try:
            # THEN a band-coloured icon of at least 10 x 10 pixels appears in the tray
            found: list[tuple[int, int, int, int]] = []

            def drawn() -> bool:
                box = colour_box(tray.screenshot("wine-tray"), BAND_COLOURS, TRAY_AREA)
                if box is not None and box[2] >= 10 and box[3] >= 10:
                    found.append(box)
                return bool(found)

            wait_for(drawn, DEMO_TIMEOUT, "the band-coloured icon of the frozen app in trayer")
            shutil.copyfile(tmp_path / "wine-tray.png", SCREENSHOT)  # for the build's report
        finally:
            prefix.stop()
            process.communicate(timeout=30)


def test_autostart_sets_the_run_value_and_the_uninstaller_removes_it_keeping_data(
    prefix: WinePrefix, installed: Path
) -> None:
    """The Run key starts programs at sign-in (Microsoft Learn, "Run and RunOnce Registry
    Keys"). Last in the module: it uninstalls."""
    # GIVEN autostart turned on with the installed console program
    code, out = cli(prefix, "autostart", "on")
    assert code == 0, out
    # THEN the Run value names the windowed trayscore.exe (no console window at sign-in)
    value = prefix.reg_query(RUN_KEY, "trayscore")
    assert value == f'"{program(prefix, "trayscore.exe")}"'
    # GIVEN the user's data folder holds something of theirs
    data = prefix.local_appdata() / "trayscore"
    data.mkdir(parents=True, exist_ok=True)
    (data / "keep.txt").write_text("mine", encoding="utf-8")
    # WHEN the uninstaller runs silently, as Apps & features' quiet command does
    result = prefix.run(program(prefix, "uninstall.exe"), "/S", timeout=300)
    assert result.returncode == 0, result.stderr
    prefix.wait()  # NSIS' uninstaller finishes in a copy of itself
    # THEN the Run value, the program, its Start menu entry and its Apps entry are gone
    assert prefix.reg_query(RUN_KEY, "trayscore") is None
    assert not (installed / "trayscore.exe").exists()
    assert prefix.reg_query(UNINSTALL_KEY, "DisplayVersion") is None
    # AND the user's data stays
    assert (data / "keep.txt").read_text(encoding="utf-8") == "mine"
