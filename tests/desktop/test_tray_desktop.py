"""`trayscore --demo` on a real X11 desktop: the icon in the tray, its menu, quitting, the glance.

Under both tray protocols: XEmbed (trayer) and StatusNotifierItem (xfce4-panel), where Qt sends
the icon's pixmaps over D-Bus, the menu through dbusmenu, and Activate in place of a click.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor

from tests.helpers.desktop import (
    BAND_COLOURS,
    WATCHER,
    Desktop,
    colour_box,
    finish,
    wait_for,
    wait_for_icon,
    xfce_panel,
)

pytestmark = pytest.mark.desktop


def test_demo_shows_a_coloured_number_in_the_tray(tray_host: Desktop) -> None:
    # GIVEN a desktop with a tray (XEmbed or StatusNotifierItem)  WHEN trayscore --demo starts
    desktop = tray_host
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


def test_right_click_opens_the_menu_and_quit_exits_0(tray_host: Desktop) -> None:
    # GIVEN trayscore in the tray (under xfce4-panel the menu comes through dbusmenu)
    desktop = tray_host
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


@pytest.fixture
def sni_host(xserver: Desktop, session_bus: str) -> Iterator[Desktop]:
    """Only the StatusNotifierItem host: these tests ask it over D-Bus."""
    with xfce_panel(xserver, session_bus) as running:
        yield running


def item_property(desktop: Desktop, service: str, name: str) -> str:
    return desktop.dbus_send(
        f"--dest={service}",
        "/StatusNotifierItem",
        "org.freedesktop.DBus.Properties.Get",
        "string:org.kde.StatusNotifierItem",
        f"string:{name}",
    )


def registered_items(desktop: Desktop) -> list[str]:
    reply = desktop.dbus_send(
        f"--dest={WATCHER}",
        "/StatusNotifierWatcher",
        "org.freedesktop.DBus.Properties.Get",
        f"string:{WATCHER}",
        "string:RegisteredStatusNotifierItems",
    )
    return re.findall(r'string "([^"]+)"', reply)


def test_under_a_status_notifier_host_the_item_carries_the_score_and_activate_opens_the_popup(
    sni_host: Desktop,
) -> None:
    """StatusNotifierItem spec (freedesktop.org): properties ToolTip, Status; Activate(x, y)."""
    desktop = sni_host
    # GIVEN trayscore --demo under xfce4-panel, the pointer in the middle of the screen
    desktop.xdotool("mousemove", "400", "150")
    process = desktop.trayscore("--demo")
    try:
        wait_for_icon(desktop)
        # THEN one item is registered with the watcher
        (item,) = registered_items(desktop)
        service = item.split("/", 1)[0]
        # AND its tool tip carries the score with its band, and its status is Active
        tooltip: list[str] = []

        def score_in_tooltip() -> bool:
            tooltip.append(item_property(desktop, service, "ToolTip"))
            return re.search(r"\d+\.\d \((Low|Medium|High)\)", tooltip[-1]) is not None

        wait_for(score_in_tooltip, 10, "the score in the item's ToolTip")
        assert "Exposure score" in tooltip[-1]
        assert 'string "Active"' in item_property(desktop, service, "Status")
        # WHEN the host calls Activate (a left click): SNI gives no icon geometry
        desktop.dbus_send(
            f"--dest={service}",
            "/StatusNotifierItem",
            "org.kde.StatusNotifierItem.Activate",
            "int32:400",
            "int32:150",
        )
        # THEN the history popup opens on screen, near the pointer
        wait_for(lambda: desktop.visible_window("trayscore - history"), 10, "the popup")
        geometry = desktop.window_geometry("trayscore - history")
        assert geometry is not None
        x, y, width, height = geometry
        assert x >= 0
        assert y >= 0
        assert x + width <= 1024
        assert y + height <= 600
        assert x <= 400 <= x + width
        if 150 + height <= 600 or height <= 150:  # it fits below or above the pointer
            assert abs(y - 150) <= 20 or abs(y + height - 150) <= 20  # just below or above it
    finally:
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    assert code == 0, stderr
