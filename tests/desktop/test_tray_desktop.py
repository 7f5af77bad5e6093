"""`trayscore --demo` on a real X11 desktop: the icon in trayer, its menu, quitting, the glance."""

from __future__ import annotations

import signal
import subprocess

import pytest
from PySide6.QtGui import QColor
from trayscore.ui.icon import BAND_FILL

from tests.desktop.conftest import Desktop, colour_box, wait_for

pytestmark = pytest.mark.desktop
BAND_COLOURS = [QColor(colour) for colour in BAND_FILL.values()]
TRAY_AREA = (0, 0, 200, 40)
ICON_TIMEOUT = 30.0


def wait_for_icon(desktop: Desktop, name: str = "tray") -> tuple[int, int, int, int]:
    """The box of the band-coloured score icon in the tray, once it is drawn."""
    found: list[tuple[int, int, int, int]] = []

    def drawn() -> bool:
        box = colour_box(desktop.screenshot(name), BAND_COLOURS, TRAY_AREA)
        if box is not None and box[2] >= 10 and box[3] >= 10:
            found.append(box)
            return True
        return False

    wait_for(drawn, ICON_TIMEOUT, "the coloured score icon in the tray")
    return found[-1]


def finish(process: subprocess.Popen[str], timeout: float = 15) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr


def test_demo_shows_a_coloured_number_in_the_tray(desktop: Desktop) -> None:
    # GIVEN a desktop with a tray  WHEN trayscore --demo starts
    process = desktop.trayscore("--demo")
    try:
        # THEN a band-coloured icon of tray size appears in the tray, with a number on it
        x, y, width, height = wait_for_icon(desktop)
        assert 14 <= width <= 40
        assert 14 <= height <= 40
        shot = desktop.screenshot("icon")
        inks = [QColor("#FFFFFF"), QColor("#1A1A1A")]
        assert colour_box(shot, inks, (x + 2, y + 2, width - 4, height - 4), tolerance=60)
    finally:
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr


def test_right_click_opens_the_menu_and_quit_exits_0(desktop: Desktop) -> None:
    process = desktop.trayscore("--demo")
    x, y, width, height = wait_for_icon(desktop)
    before = desktop.screenshot("before-menu")
    # WHEN the icon is right-clicked
    desktop.xdotool("mousemove", str(x + width // 2), str(y + height // 2), "click", "3")

    def menu_open() -> bool:
        shot = desktop.screenshot("menu")
        below = (0, 45, 300, 250)
        return colour_box(shot, [QColor("#FFFFFF")], below, tolerance=12) != colour_box(
            before, [QColor("#FFFFFF")], below, tolerance=12
        )

    # THEN a menu opens below the tray
    wait_for(menu_open, 10, "the tray menu")
    # AND choosing its last entry, Quit, ends trayscore with exit code 0
    desktop.xdotool("key", "Up", "Return")
    code, stderr = finish(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr


def test_sigterm_exits_0_quickly(desktop: Desktop) -> None:
    process = desktop.trayscore("--demo")
    wait_for_icon(desktop)
    process.send_signal(signal.SIGTERM)
    code, stderr = finish(process, timeout=10)
    assert code == 0, stderr


def test_a_second_start_shows_the_popup_and_exits_0(desktop: Desktop) -> None:
    first = desktop.trayscore("--demo")
    try:
        wait_for_icon(desktop)
        second = desktop.trayscore("--demo")
        code, stderr = finish(second)
        assert code == 0, stderr
        wait_for(lambda: desktop.visible_window("trayscore - history"), 10, "the history popup")
    finally:
        first.send_signal(signal.SIGTERM)
        finish(first)


def test_without_a_tray_host_the_glance_window_appears(xserver: Desktop) -> None:
    # GIVEN a desktop with no system tray
    process = xserver.trayscore("--demo")
    try:
        # THEN after the grace period a small always-on-top window shows the score
        wait_for(lambda: xserver.visible_window("^trayscore$"), 20, "the glance window")
        shot = xserver.screenshot("glance")
        assert colour_box(shot, BAND_COLOURS, (0, 0, shot.width(), shot.height())) is not None
    finally:
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    assert code == 0, stderr
