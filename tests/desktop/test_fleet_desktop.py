"""Several tenants on a real desktop: the worst tenant's number in the tray, every tenant listed.

``trayscore --demo --tenants 5`` under trayer (XEmbed), with the AT-SPI bus on a private session
bus so the popup's rows are read as a screen reader reads them. Screenshots: fleet-icon,
fleet-popup.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from trayscore.core.bands import Band
from trayscore.ui.icon import BAND_FILL

from tests.helpers.atspi import EXPORT_TREE, atspi_bus, on_screen, tree
from tests.helpers.desktop import (
    BAND_COLOURS,
    Desktop,
    colour_box,
    finish,
    wait_for,
    wait_for_icon,
)

pytestmark = pytest.mark.desktop
POPUP = "trayscore - tenants"
NAMES = ("Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove")


@pytest.fixture
def readable_desktop(desktop: Desktop, session_bus: str) -> Iterator[Desktop]:
    """trayer's desktop with a session bus and AT-SPI on it."""
    desktop.env["DBUS_SESSION_BUS_ADDRESS"] = session_bus
    with atspi_bus(desktop) as running:
        yield running


def rows(desktop: Desktop) -> list[str]:
    """The tenant rows the popup's list shows, top to bottom, as a screen reader hears them."""
    return [
        node["name"]
        for node in on_screen(tree(desktop))
        if node["role"] == "list item"
        and node["name"].endswith(tuple(NAMES)) is False
        and any(node["name"].startswith(f"{name} (demo): ") for name in NAMES)
    ]


def test_five_tenants_show_the_worst_in_the_icon_and_all_in_the_popup(
    readable_desktop: Desktop,
) -> None:
    desktop = readable_desktop
    # GIVEN the demo's five simulated tenants (every band has one at every moment)
    app = desktop.trayscore("--demo", "--tenants", "5", env=EXPORT_TREE)
    try:
        # THEN the tray shows the worst tenant: high's red, with a number (fleet-icon)
        x, y, width, height = wait_for_icon(desktop, "fleet-icon")
        shot = desktop.screenshot("fleet-icon")
        red = colour_box(shot, [QColor(BAND_FILL[Band.HIGH])], (x, y, width, height), tolerance=30)
        assert red is not None
        # AND the count badge sits in its top-left corner: dark, unlike any band's fill
        corner = (x, y, max(4, width // 2), max(4, height // 2))
        assert colour_box(shot, [QColor("#212121")], corner, tolerance=25) is not None
        assert colour_box(shot, BAND_COLOURS, (x, y, width, height)) is not None
        # WHEN the icon is clicked
        desktop.xdotool("mousemove", str(x + width // 2), str(y + height // 2), "click", "1")
        wait_for(lambda: desktop.visible_window(POPUP), 10, "the list of tenants")
        # THEN five rows, one per tenant, the worst (a high score) first (fleet-popup)
        wait_for(lambda: len(rows(desktop)) == 5, 20, "five tenant rows over AT-SPI")
        listed = rows(desktop)
        desktop.screenshot("fleet-popup")
        assert sorted(name.split(" (demo)")[0] for name in listed) == sorted(NAMES)
        assert "(High)" in listed[0]
        desktop.xdotool("key", "Escape")
        wait_for(lambda: not desktop.visible_window(POPUP), 10, "the popup to close")
    finally:
        app.send_signal(signal.SIGTERM)
        code, stderr = finish(app)
    assert code == 0, stderr
    assert "Traceback" not in stderr
