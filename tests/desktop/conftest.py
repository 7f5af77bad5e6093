"""A real X11 desktop for tests: Xvfb as the screen, trayer as the system tray host.

Screenshots come from ImageMagick's ``import``, clicks and keys from ``xdotool``. Missing
programs skip these tests with the Debian packages to install, except in CI, which must run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

PROGRAMS = {"Xvfb": "xvfb", "trayer": "trayer", "xdotool": "xdotool", "import": "imagemagick"}
SCREEN = "800x300x24"
START_TIMEOUT = 10.0


def _require() -> None:
    missing = sorted(
        {package for program, package in PROGRAMS.items() if not shutil.which(program)}
    )
    if not missing:
        return
    reason = f"desktop tests need the Debian packages: {' '.join(missing)}"
    if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
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
    """One X display; ``env`` is what a program needs to appear on it."""

    display: str
    env: dict[str, str]
    folder: Path

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

    def trayscore(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "trayscore", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture
def xserver(tmp_path: Path) -> Iterator[Desktop]:
    """A private Xvfb display, no window manager, no tray yet."""
    _require()
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
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
        k: v for k, v in os.environ.items() if not k.startswith(("TRAYSCORE_", "DBUS_", "WAYLAND"))
    }
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    try:
        yield Desktop(display, env, tmp_path)
    finally:
        _stop(xvfb)


@pytest.fixture
def desktop(xserver: Desktop) -> Iterator[Desktop]:
    """The display with trayer running as the system tray host."""
    trayer = subprocess.Popen(
        [
            "trayer",
            "--edge",
            "top",
            "--align",
            "left",
            "--widthtype",
            "pixel",
            "--width",
            "200",
            "--height",
            "40",
            "--SetDockType",
            "false",
            "--transparent",
            "false",
        ],
        env=xserver.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: xserver.visible_window("panel"), START_TIMEOUT, "trayer")
        yield xserver
    finally:
        _stop(trayer)


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
