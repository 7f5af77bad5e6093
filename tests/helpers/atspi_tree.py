"""Print the accessible tree of one application as JSON, as a screen reader reads it over AT-SPI.

Run by Debian's /usr/bin/python3 (package python3-pyatspi), not by the project's venv: pyatspi
comes from Debian only. Usage: ``/usr/bin/python3 atspi_tree.py APP_NAME``. Each node is
``{"depth", "role", "name", "description", "states", "box"}``, where ``box`` is the node's
``[x, y, width, height]`` on the screen (what a test clicks, as a user would) or None; an app not
(yet) on the bus prints ``[]``.
This file must not import anything from the project.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pyatspi  # type: ignore[import-not-found]

STATES = {
    pyatspi.STATE_CHECKED: "checked",
    pyatspi.STATE_FOCUSABLE: "focusable",
    pyatspi.STATE_FOCUSED: "focused",
    pyatspi.STATE_SHOWING: "showing",
    pyatspi.STATE_VISIBLE: "visible",
}


def box(node: Any) -> list[int] | None:
    """Where the node is on the screen, or None for a node with no component (or no place)."""
    try:
        extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return None
    return [extents.x, extents.y, extents.width, extents.height]


def walk(node: Any, depth: int, out: list[dict[str, Any]]) -> None:
    states = node.getState().getStates()
    out.append(
        {
            "depth": depth,
            "role": node.getRoleName(),
            "name": node.name,
            "description": node.description,
            "states": sorted(STATES[s] for s in states if s in STATES),
            "box": box(node),
        }
    )
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            walk(child, depth + 1, out)


def main() -> int:
    wanted = sys.argv[1]
    nodes: list[dict[str, Any]] = []
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == wanted:
            walk(app, 0, nodes)
    print(json.dumps(nodes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
