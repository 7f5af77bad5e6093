"""A real X11 desktop for tests: Xvfb as the screen, a tray host, xdotool, screenshots.

Two tray hosts: trayer (XEmbed, the old X11 protocol) and xfce4-panel's systray plugin (a
StatusNotifierItem host over D-Bus, as KDE Plasma, XFCE 4.18, GNOME with AppIndicator and waybar
are). Missing programs skip these tests with the Debian packages to install, except in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from trayscore.ui.icon import BAND_FILL

# program -> the Debian package that ships it (scripts/apt-test-packages.txt lists them)
PROGRAMS = {"Xvfb": "xvfb", "trayer": "trayer", "xdotool": "xdotool", "import": "imagemagick"}
XFCE_PROGRAMS = {
    "xfce4-panel": "xfce4-panel",
    "dbus-daemon": "dbus-daemon",
    "dbus-send": "dbus-bin",
}
XFCONFD = Path("/usr/lib/x86_64-linux-gnu/xfce4/xfconf/xfconfd")  # Debian xfconf, not on PATH
SCREEN = "1024x600x24"  # room for the popup below a pointer mid-screen
START_TIMEOUT = 10.0
ICON_TIMEOUT = 30.0
TRAY_AREA = (0, 0, 200, 40)
BAND_COLOURS = [QColor(colour) for colour in BAND_FILL.values()]
WATCHER = "org.kde.StatusNotifierWatcher"
# One panel along the top holding only the systray plugin (xfconf's channel file format).
XFCE_PANEL_XML = """<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="32"/>
      <property name="plugin-ids" type="array"><value type="int" value="1"/></property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
  </property>
</channel>
"""


def ci() -> bool:
    """CI must run every desktop test: there a missing program is a failure, not a skip."""
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require(programs: dict[str, str]) -> None:
    """Skip (or, in CI, fail) naming the Debian packages when a program is missing."""
    missing = sorted(
        {package for program, package in programs.items() if not shutil.which(program)}
    )
    if not missing:
        return
    reason = f"desktop tests need the Debian packages: {' '.join(missing)}"
    if ci():
        pytest.fail(f"CI must run the desktop tests, but {reason}")
    pytest.skip(reason)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until true; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.1)


@dataclass
class Desktop:
    """One X display; ``env`` is what a program needs to appear on it (and its bus, if any)."""

    display: str
    env: dict[str, str]
    folder: Path
    host: str = "none"  # the tray host: "none", "trayer" or "xfce4-panel"

    def screenshot(self, name: str = "screen") -> QImage:
        path = self.folder / f"{name}.png"
        subprocess.run(
            ["import", "-display", self.display, "-window", "root", str(path)],
            check=True,
            capture_output=True,
            timeout=20,
        )
        image = QImage(str(path))
        assert not image.isNull()
        return image

    def xdotool(self, *args: str) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return result.stdout

    def visible_window(self, name: str) -> bool:
        return bool(self.xdotool("search", "--onlyvisible", "--name", name).strip())

    def window_geometry(self, name: str) -> tuple[int, int, int, int] | None:
        """The first visible window named ``name``: x, y, width, height."""
        found = self.xdotool("search", "--onlyvisible", "--name", name).split()
        if not found:
            return None
        shell = self.xdotool("getwindowgeometry", "--shell", found[0])
        values = dict(line.split("=", 1) for line in shell.splitlines() if "=" in line)
        return tuple(int(values[key]) for key in ("X", "Y", "WIDTH", "HEIGHT"))  # type: ignore[return-value]

    def trayscore(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "trayscore", *args],
            env=self.env | (env or {}),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run_trayscore(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """:meth:`trayscore` to its end: ``python -m trayscore ARGS`` on this display."""
        process = self.trayscore(*args, env=env)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        finally:
            stop(process)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def dbus_send(self, *args: str) -> str:
        """``dbus-send --print-reply`` on this desktop's session bus; its output."""
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return result.stdout + result.stderr

    def has_owner(self, name: str) -> bool:
        reply = self.dbus_send(
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        )
        return "boolean true" in reply


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """Terminate, then kill if it does not go within 5 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@contextmanager
def xvfb(folder: Path) -> Iterator[Desktop]:
    """A private Xvfb display, no window manager, no tray, no session bus."""
    require(PROGRAMS)
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()
    assert number, "Xvfb did not report a display"
    display = f":{number}"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRAYSCORE_", "DBUS_", "WAYLAND", "QT_", "AT_SPI"))
    }
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(folder / name.lower())
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    try:
        yield Desktop(display, env, folder)
    finally:
        stop(server)


def dead_display() -> str:
    """An X display that no server holds (no lock file, no socket): opening it must fail."""
    x11 = Path("/tmp")  # noqa: S108 - X11's own fixed places for its locks and sockets
    for number in range(990, 1100):
        taken = (x11 / f".X{number}-lock", x11 / ".X11-unix" / f"X{number}")
        if not any(path.exists() for path in taken):
            return f":{number}"
    raise AssertionError("every display from :990 to :1099 is taken")


@contextmanager
def trayer(desktop: Desktop) -> Iterator[Desktop]:
    """trayer as the XEmbed tray host, along the top left."""
    process = subprocess.Popen(
        [
            "trayer",
            *("--edge", "top", "--align", "left", "--widthtype", "pixel", "--width", "200"),
            *("--height", "40", "--SetDockType", "false", "--transparent", "false"),
        ],
        env=desktop.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: desktop.visible_window("panel"), START_TIMEOUT, "trayer")
        desktop.host = "trayer"
        yield desktop
    finally:
        stop(process)


@contextmanager
def xfce_panel(desktop: Desktop, bus: str) -> Iterator[Desktop]:
    """xfce4-panel with only its systray plugin, the StatusNotifierItem host, on ``bus``.

    xfconfd (the panel's settings store) starts first on the same private bus; the panel is
    ready when org.kde.StatusNotifierWatcher has an owner.
    """
    require(XFCE_PROGRAMS | {str(XFCONFD): "xfconf"})
    channel = desktop.folder / "config" / "xfce4" / "xfconf" / "xfce-perchannel-xml"
    channel.mkdir(parents=True, exist_ok=True)
    (channel / "xfce4-panel.xml").write_text(XFCE_PANEL_XML, "utf-8")
    desktop.env["DBUS_SESSION_BUS_ADDRESS"] = bus
    log = (desktop.folder / "xfce4-panel.log").open("wb")
    started = []
    try:
        for command in ([str(XFCONFD)], ["xfce4-panel", "--disable-wm-check"]):
            process = subprocess.Popen(
                command, env=desktop.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL
            )
            started.append(process)
        wait_for(lambda: desktop.has_owner(WATCHER), START_TIMEOUT, WATCHER)
        desktop.host = "xfce4-panel"
        yield desktop
    finally:
        for process in reversed(started):
            stop(process)
        log.close()


def colour_box(
    image: QImage, colours: list[QColor], area: tuple[int, int, int, int], tolerance: int = 30
) -> tuple[int, int, int, int] | None:
    """The bounding box of pixels close to any of ``colours`` inside ``area`` (x, y, w, h)."""
    x0, y0, width, height = area
    found: list[tuple[int, int]] = []
    for y in range(y0, min(y0 + height, image.height())):
        for x in range(x0, min(x0 + width, image.width())):
            pixel = image.pixelColor(x, y)
            for colour in colours:
                if (
                    abs(pixel.red() - colour.red()) <= tolerance
                    and abs(pixel.green() - colour.green()) <= tolerance
                    and abs(pixel.blue() - colour.blue()) <= tolerance
                ):
                    found.append((x, y))
                    break
    if not found:
        return None
    xs, ys = [p[0] for p in found], [p[1] for p in found]
    return min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1


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
    """Wait for ``process`` to end; its exit code and standard error."""
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr
