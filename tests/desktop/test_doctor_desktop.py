"""``trayscore doctor``'s system tray check on a real X11 display: Qt's own tray test.

The check runs ``trayscore doctor --probe-tray`` as a child process, so a display Qt cannot
open (Qt aborts then) costs one broken line, never the doctor.
"""

from __future__ import annotations

import pytest
from trayscore.core.errors import DoctorExit
from trayscore.simulator import Simulator

from tests.conftest import TEST_TOKEN
from tests.helpers.cli import DOCTOR_CHECKS, assert_clean, check_of, line_of
from tests.helpers.desktop import Desktop, dead_display

pytestmark = pytest.mark.desktop


def tenant(simulator: Simulator) -> dict[str, str]:
    """The API at the simulator, with a token: every check has something to check."""
    return {"TRAYSCORE_API_URL": simulator.url, "TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN}


def test_under_a_tray_host_the_system_tray_check_passes(
    tray_host: Desktop, simulator: Simulator
) -> None:
    # GIVEN a display with a tray host (trayer's XEmbed tray, or xfce4-panel's SNI host)
    # WHEN doctor --json runs on it
    result = tray_host.run_trayscore("doctor", "--json", env=tenant(simulator))
    # THEN the system tray check passes: a tray host answered Qt
    assert_clean(result)
    assert check_of(result, "system tray") == {
        "check": "system tray",
        "ok": True,
        "detail": "a tray host answers (X11 system tray or StatusNotifierItem)",
        "fix": "",
    }


def test_on_a_bare_display_the_check_is_a_warning_naming_the_small_window(
    xserver: Desktop, simulator: Simulator
) -> None:
    # GIVEN a display with no tray host
    # WHEN doctor runs on it
    result = xserver.run_trayscore("doctor", env=tenant(simulator))
    # THEN the system tray line is a warning: trayscore shows a small window instead, and the
    # fix says how to get a tray
    assert_clean(result)
    assert line_of(result, "system tray") == (
        "! system tray: no tray host: trayscore shows its score in a small window → start a "
        "panel with a system tray (on GNOME: the AppIndicator extension)"
    )


def test_a_display_that_does_not_exist_is_broken_and_doctor_prints_every_line(
    xserver: Desktop, simulator: Simulator
) -> None:
    # GIVEN DISPLAY naming a display no server holds (Qt aborts when it cannot open it)
    env = tenant(simulator) | {"DISPLAY": dead_display()}
    # WHEN doctor runs, human and JSON
    human = xserver.run_trayscore("doctor", env=env)
    machine = xserver.run_trayscore("doctor", "--json", env=env)
    # THEN doctor itself does not crash: every check has its line, and it exits as usual
    for result in (human, machine):
        assert_clean(result)
        assert result.returncode in {DoctorExit.PASSED, DoctorExit.FAILED}, result.stderr
    assert [line[2:].split(":")[0] for line in human.stdout.splitlines()] == list(DOCTOR_CHECKS)
    # AND the system tray line is broken, naming how Qt's probe ended and what to set
    line = line_of(human, "system tray")
    assert line.startswith("✗ system tray: the display cannot be opened (signal SIGABRT) → ")
    assert "DISPLAY" in line.split(" → ")[1]
    tray = check_of(machine, "system tray")
    assert (tray["ok"], tray["detail"]) == (False, "the display cannot be opened (signal SIGABRT)")
