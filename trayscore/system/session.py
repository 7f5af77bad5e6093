"""The desktop session: its display and bus, read from the environment and the disk (no Qt).

The tray's notifications and ``trayscore doctor`` both need the session bus; they find it the same
way here, so doctor reports on the bus the tray will actually use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path


def session_bus_address(environ: Mapping[str, str]) -> str | None:
    """The session bus: the variable, else systemd's per-user socket; None when there is none."""
    if environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return environ["DBUS_SESSION_BUS_ADDRESS"]
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    return None


def has_display(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    wayland_plugin: Callable[[], bool] | None = None,
) -> bool:
    """False on a Linux console or SSH session where no window can be shown.

    A Wayland session without Xwayland counts only when this Qt has its Wayland plugin: the
    packaged app ships X11's alone (ADR 011), and Qt would abort there instead of saying so.
    """
    if not platform.startswith("linux"):
        return True
    if environ.get("DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return True
    if environ.get("WAYLAND_DISPLAY"):
        return (wayland_plugin or qt_has_wayland_plugin)()
    return False


def qt_has_wayland_plugin() -> bool:
    """Whether the installed Qt can talk Wayland itself (found on disk, nothing loaded)."""
    import importlib.util  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return False
    platforms = Path(spec.origin).parent / "Qt" / "plugins" / "platforms"
    return any(platforms.glob("libqwayland*"))
