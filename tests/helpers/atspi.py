"""The app as a screen reader and a user's pointer find it: AT-SPI on the desktop's session bus.

Qt exports its accessible tree when ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` and at-spi2-core's bus
launcher owns ``org.a11y.Bus``; Debian's own Python with pyatspi reads the tree
(tests/helpers/atspi_tree.py). Each node carries its place on the screen, so a test can click a
control by its accessible name with xdotool, where a user would click.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.desktop import Desktop, require, stop, wait_for

LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SYSTEM_PYTHON = "/usr/bin/python3"
TREE_SCRIPT = Path(__file__).parent / "atspi_tree.py"
EXPORT_TREE = {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}  # the app's environment: export it
Node = dict[str, Any]


def require_pyatspi() -> None:
    """Skip (or fail in CI) with the Debian packages to install when AT-SPI cannot be read."""
    require({LAUNCHER: "at-spi2-core", SYSTEM_PYTHON: "python3"})
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False, timeout=20
    )
    if found.returncode != 0:
        require({"python3-pyatspi (import pyatspi)": "python3-pyatspi"})


@contextmanager
def atspi_bus(desktop: Desktop) -> Iterator[Desktop]:
    """The AT-SPI bus launched on the desktop's session bus (which must be set)."""
    require_pyatspi()
    assert desktop.env.get("DBUS_SESSION_BUS_ADDRESS"), "AT-SPI needs a session bus"
    launcher = subprocess.Popen(
        [LAUNCHER, "--launch-immediately"],
        env=desktop.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: desktop.has_owner("org.a11y.Bus"), 10, "org.a11y.Bus")
        yield desktop
    finally:
        stop(launcher)


def tree(desktop: Desktop, app: str = "trayscore") -> list[Node]:
    """The app's accessible nodes, depth-first."""
    result = subprocess.run(
        [SYSTEM_PYTHON, str(TREE_SCRIPT), app],
        env=desktop.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    nodes: list[Node] = json.loads(result.stdout)
    return nodes


def on_screen(nodes: list[Node]) -> list[Node]:
    """The nodes a user can see: showing, with a place of some size."""
    return [
        node
        for node in nodes
        if "showing" in node["states"] and node["box"] is not None and node["box"][2] > 0
    ]


def showing(desktop: Desktop, name: str, role: str | None = None) -> Node | None:
    """The first node on screen named ``name`` (of ``role``, if given), or None."""
    for node in on_screen(tree(desktop)):
        if node["name"] == name and (role is None or node["role"] == role):
            return node
    return None


def wait_showing(
    desktop: Desktop,
    name: str | Callable[[str], bool],
    role: str | None = None,
    timeout: float = 20,
) -> Node:
    """The node named ``name`` (or whose name ``name`` accepts) once it is on screen; the
    failure lists what was on screen."""
    found: list[Node] = []
    seen: list[list[Node]] = [[]]
    accepts = name if callable(name) else name.__eq__

    def shown() -> bool:
        seen[0] = on_screen(tree(desktop))
        found.extend(n for n in seen[0] if accepts(n["name"]) and role in {None, n["role"]})
        return bool(found)

    try:
        wait_for(shown, timeout, f"{role or 'node'} {name!r} on screen")
    except pytest.fail.Exception:
        named = sorted({(n["role"], n["name"]) for n in seen[0] if n["name"]})
        pytest.fail(f"no {role or 'node'} {name!r} on screen; there were: {named}")
    return found[0]


def click(desktop: Desktop, node: Node) -> None:
    """A left click in the middle of ``node``, as the user's pointer would."""
    x, y, width, height = node["box"]
    desktop.xdotool("mousemove", str(x + width // 2), str(y + height // 2), "click", "1")
