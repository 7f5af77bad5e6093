"""trayscore in a Wayland session: weston, headless, with no tray (docs/adr/011-wayland.md).

Two ways an app runs there: natively through Qt's Wayland plugin (a pip install: PySide6 ships
it), and through Xwayland with Qt's xcb plugin (the packaged app, which leaves the Wayland plugin
out). Either way, with no tray the glance window must appear with the score. weston's debug
protocol (``--debug``) lets ``weston-debug scene-graph`` list the mapped windows, and
``weston-screenshooter`` read the compositor's pixels; an X11 client is read on Xwayland's side.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.desktop import BAND_COLOURS, colour_box, finish, require, stop, wait_for

pytestmark = pytest.mark.desktop
SIZE = (1024, 600)
GLANCE = re.compile(r"position: \((\d+), (\d+)\) -> \((\d+), (\d+)\)")


@dataclass
class Session:
    """A running weston: its environment for clients, and its folder."""

    env: dict[str, str]
    folder: Path
    log: Path

    def scene(self) -> str:
        """weston's scene graph: every mapped view with its role, title and position."""
        result = subprocess.run(
            ["weston-debug", "scene-graph"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        return result.stdout

    def screenshot(self) -> QImage:
        """The compositor's output, as weston-screenshooter writes it into the folder."""
        shots = self.folder / "shots"
        shots.mkdir(exist_ok=True)
        for old in shots.glob("*.png"):
            old.unlink()
        subprocess.run(["weston-screenshooter"], cwd=shots, env=self.env, check=True, timeout=10)
        (path,) = shots.glob("*.png")
        return QImage(str(path))


@pytest.fixture
def weston(tmp_path: Path) -> Iterator[Session]:
    """weston --backend=headless (pixman rendering, so screenshots have pixels), with Xwayland."""
    require({"weston": "weston", "Xwayland": "xwayland", "xdotool": "xdotool"})
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRAYSCORE_", "DBUS_", "WAYLAND", "QT_", "DISPLAY"))
    }
    env |= {"XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8"}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    log = tmp_path / "weston.log"
    process = subprocess.Popen(
        [
            "weston",
            "--backend=headless-backend.so",  # weston 10 (Debian 12) names the module
            "--use-pixman",
            f"--width={SIZE[0]}",
            f"--height={SIZE[1]}",
            "--socket=wayland-test",
            "--debug",
            "--xwayland",
            "--idle-time=0",
            f"--log={log}",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for((runtime / "wayland-test").exists, 10, "weston's socket")
        env["WAYLAND_DISPLAY"] = "wayland-test"
        displays: list[str] = []

        def xwayland_listening() -> bool:
            displays.extend(re.findall(r"listening on display (:\d+)", log.read_text()))
            return bool(displays)

        wait_for(xwayland_listening, 10, "Xwayland's display number in weston's log")
        yield Session(env | {"DISPLAY": displays[0]}, tmp_path, log)
    finally:
        stop(process)


def trayscore(session: Session, platform: str) -> subprocess.Popen[str]:
    """``trayscore --demo`` as a client of this session, through Qt's ``platform`` plugin."""
    env = session.env | {"QT_QPA_PLATFORM": platform}
    if platform == "wayland":
        del env["DISPLAY"]  # no X11 at all: the native path must not lean on Xwayland
    return subprocess.Popen(
        [sys.executable, "-m", "trayscore", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def native_glance(scene: str) -> tuple[int, int, int, int] | None:
    """The box of the xdg_toplevel titled "trayscore" in weston's scene graph, if mapped."""
    for view in scene.split("View ")[1:]:
        found = GLANCE.search(view)
        if "top-level window 'trayscore'" in view.splitlines()[0] and found is not None:
            x1, y1, x2, y2 = (int(value) for value in found.groups())
            return x1, y1, x2 - x1, y2 - y1
    return None


def wait_for_native_glance(session: Session) -> tuple[int, int, int, int]:
    boxes: list[tuple[int, int, int, int]] = []

    def mapped() -> bool:
        box = native_glance(session.scene())
        if box is not None:
            boxes.append(box)
        return box is not None

    wait_for(mapped, 30, "the glance window in weston's scene graph")
    return boxes[-1]


def wait_for_x11_glance(session: Session) -> str:
    """The X11 id of the visible glance window on weston's Xwayland display."""
    found: list[str] = []

    def visible() -> bool:
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^trayscore$"],
            env=session.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        found.extend(result.stdout.split())
        return bool(found)

    wait_for(visible, 30, "the glance window on Xwayland")
    return found[0]


@pytest.mark.parametrize("platform", ["wayland", "xcb"])
def test_with_no_tray_the_glance_window_appears_in_a_wayland_session(
    weston: Session, platform: str
) -> None:
    """xdg-shell (wayland.freedesktop.org): the compositor maps and places toplevels."""
    # GIVEN a Wayland session with no tray, and trayscore natively (wayland) or via Xwayland (xcb)
    process = trayscore(weston, platform)
    try:
        if platform == "wayland":
            # THEN a glance-sized toplevel is mapped on the output, placed by the compositor
            x, y, width, height = wait_for_native_glance(weston)
            assert x >= 0
            assert x + width <= SIZE[0]
            assert y >= 0
            assert y + height <= SIZE[1]
            assert 100 <= width <= 500
            assert 30 <= height <= 120
            # AND the compositor shows its band-coloured icon
            shot = weston.screenshot()
            assert colour_box(shot, BAND_COLOURS, (x, y, width, height)) is not None
        else:
            # THEN Xwayland has the glance window mapped, with its band-coloured icon. Read on
            # the X11 side: weston 10's headless output composes Xwayland surfaces unreliably
            # (black, or never sized), which is weston's business, not the app's.
            window = wait_for_x11_glance(weston)
            path = weston.folder / "x11-glance.png"
            subprocess.run(
                ["import", "-window", window, str(path)], env=weston.env, check=True, timeout=20
            )
            image = QImage(str(path))
            assert 100 <= image.width() <= 500
            area = (0, 0, image.width(), image.height())
            assert colour_box(image, BAND_COLOURS, area) is not None
    finally:
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    # AND it ends cleanly
    assert code == 0, stderr
    assert "Traceback" not in stderr
