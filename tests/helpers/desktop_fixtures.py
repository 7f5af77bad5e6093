"""Desktop fixtures: a bare X display, and the same display with a tray host.

``tray_host`` runs each test under both kinds of tray: trayer (XEmbed) and xfce4-panel
(StatusNotifierItem over D-Bus). The desktop tests and the packaging test's conftest import these
by name; the helpers they use live in tests/helpers/desktop.py.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.notification_server import running_bus
from tests.helpers.desktop import Desktop, trayer, xfce_panel, xvfb


@pytest.fixture
def xserver(tmp_path: Path) -> Iterator[Desktop]:
    """A private Xvfb display, no window manager, no tray yet, no session bus."""
    with xvfb(tmp_path) as desktop:
        yield desktop


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private session bus with no service activation (nothing starts that we did not)."""
    with tempfile.TemporaryDirectory(prefix="ts-db-") as folder, running_bus(Path(folder)) as bus:
        yield bus


@pytest.fixture
def desktop(xserver: Desktop) -> Iterator[Desktop]:
    """The display with trayer running as the system tray host (XEmbed)."""
    with trayer(xserver) as running:
        yield running


@pytest.fixture(params=["trayer", "xfce4-panel"])
def tray_host(request: pytest.FixtureRequest, xserver: Desktop) -> Iterator[Desktop]:
    """The display with an XEmbed host (trayer) or a StatusNotifierItem host (xfce4-panel)."""
    if request.param == "trayer":
        with trayer(xserver) as running:
            yield running
        return
    bus = request.getfixturevalue("session_bus")
    with xfce_panel(xserver, bus) as running:
        yield running
