"""The desktop session's addresses, read from the environment only (no Qt, no D-Bus library).

The tray's notifications and ``trayscore doctor`` both need the session bus; they find it the same
way here, so doctor reports on the bus the tray will actually use.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def session_bus_address(environ: Mapping[str, str]) -> str | None:
    """The session bus: the variable, else systemd's per-user socket; None when there is none."""
    if environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return environ["DBUS_SESSION_BUS_ADDRESS"]
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    return None
