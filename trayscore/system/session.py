"""The desktop session: its display and bus, read from the environment and the disk (no Qt).

The tray's notifications and ``trayscore doctor`` both need the session bus; they find it the same
way here, so doctor reports on the bus the tray will actually use. The exit codes of the tray
probe (``trayscore doctor --probe-tray``) live here too: the app sets them, the doctor reads them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from enum import IntEnum, unique
from pathlib import Path


@unique
class TrayProbe(IntEnum):
    """How ``trayscore doctor --probe-tray`` exits: Qt's own answer to "is there a tray?".

    The probe only starts Qt on the platform the environment names and asks
    ``QSystemTrayIcon.isSystemTrayAvailable()``. Any other exit means Qt could not start at all
    (it aborts when the display cannot be opened), or the program is not a trayscore that knows
    the probe. ``NO_TRAY_HOST`` is outside every code the command line returns otherwise
    (:class:`~trayscore.core.errors.ExitStatus`), so a failure is never read as an answer.
    """

    AVAILABLE = 0  # a tray host answers: an X11 system tray or a StatusNotifierItem host
    NO_TRAY_HOST = 20  # Qt started, but no tray host: the score is shown in a small window


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
