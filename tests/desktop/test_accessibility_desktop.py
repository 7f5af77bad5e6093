"""The popup as a screen reader gets it: AT-SPI over a real accessibility bus, and the keyboard.

The app runs with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 (Qt exports its tree only when asked to or
when a screen reader runs) on a private session bus where at-spi-bus-launcher owns org.a11y.Bus;
Debian's own Python with pyatspi reads the tree (tests/helpers/atspi_tree.py).
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.atspi import EXPORT_TREE, atspi_bus, tree
from tests.helpers.desktop import Desktop, finish, wait_for

pytestmark = pytest.mark.desktop
POPUP = "trayscore - history"
CONTROLS = {"push button", "radio button", "check box", "combo box", "text", "spin button"}


@pytest.fixture
def accessible_desktop(xserver: Desktop, session_bus: str) -> Iterator[Desktop]:
    """The display, a private session bus, and the AT-SPI bus launched on it."""
    xserver.env["DBUS_SESSION_BUS_ADDRESS"] = session_bus
    with atspi_bus(xserver) as desktop:
        yield desktop


def popup_nodes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The popup window's node and everything below it."""
    start = next(i for i, node in enumerate(nodes) if node["name"] == POPUP)
    depth = nodes[start]["depth"]
    end = next((i for i in range(start + 1, len(nodes)) if nodes[i]["depth"] <= depth), len(nodes))
    return nodes[start:end]


def test_the_popup_reads_well_over_at_spi_and_works_from_the_keyboard(
    accessible_desktop: Desktop,
) -> None:
    """WCAG 2.2 4.1.2 Name, Role, Value and 2.1.1 Keyboard; EN 301 549 11.4.1.2, 11.2.1.1."""
    desktop = accessible_desktop
    env = EXPORT_TREE
    # GIVEN trayscore --demo with its tree exported, and its popup opened by a second start
    # (no mouse: as from a launcher or a keyboard shortcut)
    first = desktop.trayscore("--demo", env=env)
    try:
        # (with no tray host the glance window stands in, named with the score)
        wait_for(
            lambda: any(n["name"].startswith("trayscore: ") for n in tree(desktop)),
            30,
            "the glance window in the app's tree",
        )
        second = desktop.trayscore("--demo", env=env)
        assert finish(second)[0] == 0
        wait_for(lambda: desktop.visible_window(POPUP), 10, "the popup")
        nodes = popup_nodes(tree(desktop))
        (tree_path := desktop.folder / "popup-tree.json").write_text(json.dumps(nodes, indent=1))
        # THEN every control in it has a name
        controls = [n for n in nodes if n["role"] in CONTROLS]
        assert controls, tree_path
        assert all(n["name"] for n in controls), [n for n in controls if not n["name"]]
        # AND the period switch is four radio buttons, "30 days" checked
        radios = [n for n in nodes if n["role"] == "radio button"]
        assert [n["name"] for n in radios] == ["7 days", "30 days", "90 days", "1 year"]
        assert [n["name"] for n in radios if "checked" in n["states"]] == ["30 days"]
        # AND the chart is named and summarised: range, first and last, min, max, band now
        (chart,) = [n for n in nodes if n["name"] == "History chart"]
        # (the demo starts with 90 simulated days: a whole month is drawn)
        assert chart["description"].startswith("Exposure score over 30 days: from ")
        assert ", minimum " in chart["description"]
        assert ", now " in chart["description"]
        # AND each change says its period and which way, in words (an arrow says nothing)
        changes = [n["name"] for n in nodes if n["name"].startswith("Change over ")]
        assert [name.split(":")[0] for name in changes] == [
            "Change over 24 hours", "Change over 7 days", "Change over 30 days",
        ], tree_path  # fmt: skip
        assert all(name.endswith(("better", "worse", "unchanged")) for name in changes)
        # WHEN, with the keyboard only, Left and Enter choose the previous period
        desktop.xdotool("key", "Left", "Return")

        def checked() -> list[str]:
            found = popup_nodes(tree(desktop))
            return [n["name"] for n in found if "checked" in n["states"]]

        # THEN 7 days is checked, and the chart's summary follows
        wait_for(lambda: checked() == ["7 days"], 10, "7 days checked")
        # WHEN Escape
        desktop.xdotool("key", "Escape")
        # THEN the popup closes
        wait_for(lambda: not desktop.visible_window(POPUP), 10, "the popup to close")
    finally:
        first.send_signal(signal.SIGTERM)
        code, stderr = finish(first)
    assert code == 0, stderr
