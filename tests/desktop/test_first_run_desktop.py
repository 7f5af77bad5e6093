"""A brand-new analyst's first run, on a real desktop, clicked through as a user clicks it.

From no settings at all to a score in the icon, without reading the README: the welcome, its
"Set up trayscore..." button, the settings' Account group, "OK & sign in", the browser, the
score. The parts are real wherever a user meets them: Xvfb with trayer as the tray, a real
gnome-keyring on a private session bus, the real msal against the fake identity platform over
TLS, the real requests client against the simulator behind TLS, and a browser (tests/fakes/
browser.py) that signs in on the fake platform's page as a user would. Controls are found by
their accessible names over AT-SPI and clicked with xdotool where they are on the screen.

Each step leaves a screenshot in the test's folder: 1-welcome, 2-settings, 3-filled-in,
4-signing-in, 5-score, 5-popup, 6-restarted; and demo-after-welcome when the welcome's "Try the
demo" hands over to the demo.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from trayscore.simulator import Simulator
from trayscore.ui.icon import SIGN_IN_FILL

from tests.fakes.browser import browser_env
from tests.fakes.identity import FakeIdentityPlatform
from tests.fakes.secret_service import running_secret_service
from tests.helpers.atspi import EXPORT_TREE, atspi_bus, click, showing, wait_showing
from tests.helpers.desktop import (
    TRAY_AREA,
    Desktop,
    colour_box,
    finish,
    wait_for,
    wait_for_icon,
)
from tests.helpers.tls_front import TlsFront

pytestmark = pytest.mark.desktop
TENANT = "contoso.onmicrosoft.com"
CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"  # the app registration the admin created
WELCOME = "Welcome to trayscore"
SETTINGS = "trayscore - settings"
SIGN_IN = "Sign in to trayscore"
POPUP = "trayscore - history"


@pytest.fixture
def fresh_session(desktop: Desktop) -> Iterator[Desktop]:
    """trayer's desktop for a user who never ran trayscore: empty HOME and XDG folders, a real
    gnome-keyring on the session bus, and AT-SPI on the same bus to find the controls."""
    with (
        tempfile.TemporaryDirectory(prefix="ts-fr-") as folder,  # short: unix socket paths
        running_secret_service(Path(folder)) as session,
    ):
        desktop.env |= session
        with atspi_bus(desktop) as running:
            yield running


def blue_set_up_icon(desktop: Desktop, name: str) -> bool:
    """The "not set up" look (a white plus on blue) is in the tray."""
    box = colour_box(desktop.screenshot(name), [QColor(SIGN_IN_FILL)], TRAY_AREA, tolerance=20)
    return box is not None and box[2] >= 10


def type_into(desktop: Desktop, name: str, text: str) -> None:
    """Click the text field named ``name`` and type ``text`` into it, key by key."""
    click(desktop, wait_showing(desktop, name, "text"))
    desktop.xdotool("type", "--delay", "20", text)


def walk_to_sign_in(desktop: Desktop) -> None:
    """The steps from the first start to "OK & sign in", with screenshots 1 to 3."""
    # WHEN trayscore starts  THEN the welcome is on screen, and the tray shows the blue
    # "set up" icon (1-welcome)
    set_up = wait_showing(desktop, "Set up trayscore\u2026", "push button", timeout=30)
    wait_for(lambda: blue_set_up_icon(desktop, "1-welcome"), 20, "the set-up icon")
    assert desktop.visible_window(WELCOME)
    # WHEN the user clicks "Set up trayscore..."
    click(desktop, set_up)
    # THEN the settings open with the Account group first (2-settings)
    wait_showing(desktop, "Tenant:", "text")
    wait_for(lambda: desktop.visible_window(SETTINGS), 10, "the settings window")
    desktop.screenshot("2-settings")
    # WHEN the user types the tenant and the client ID the admin gave them
    type_into(desktop, "Tenant:", TENANT)
    type_into(desktop, "Client ID:", CLIENT)
    desktop.screenshot("3-filled-in")
    # AND clicks "OK & sign in"
    click(desktop, wait_showing(desktop, "OK & sign in", "push button"))


def open_and_close_the_popup(desktop: Desktop, icon: tuple[int, int, int, int]) -> None:
    """A click on the icon opens the popup, which says what the score means; Escape closes it."""
    x, y, width, height = icon
    desktop.xdotool("mousemove", str(x + width // 2), str(y + height // 2), "click", "1")
    wait_for(lambda: desktop.visible_window(POPUP), 10, "the popup")
    # a dot in the band's colour, the band in words, and which way is better
    wait_showing(desktop, lambda name: name.endswith(", lower is better"), timeout=10)
    desktop.screenshot("5-popup")
    desktop.xdotool("key", "Escape")
    wait_for(lambda: not desktop.visible_window(POPUP), 10, "the popup to close")


def test_a_new_user_goes_from_first_start_to_a_score_in_the_icon(
    fresh_session: Desktop, identity_platform: FakeIdentityPlatform
) -> None:
    desktop, platform = fresh_session, identity_platform
    with (
        Simulator(seed=2, accept=platform.is_valid_access_token) as simulator,
        TlsFront(simulator.url, platform.ca) as api,  # account tokens never go over plain http
    ):
        # GIVEN a first start: no settings, only where Microsoft's hosts are (here: the fakes)
        env = EXPORT_TREE | browser_env(platform.ca_file, log=str(desktop.folder / "browser.log"))
        env |= {
            "TRAYSCORE_AUTHORITY": platform.authority_for(TENANT),
            "TRAYSCORE_API_URL": api.url,
            "REQUESTS_CA_BUNDLE": platform.ca_file,
        }
        settings_file = Path(desktop.env["XDG_CONFIG_HOME"]) / "trayscore" / "settings.toml"
        assert not settings_file.exists()
        app = desktop.trayscore(env=env)
        try:
            # WHEN the user follows the welcome's "Set up trayscore..." to "OK & sign in"
            walk_to_sign_in(desktop)
            # THEN sign-in starts at once, in the browser, with a window that says so
            # (4-signing-in: the fake browser is quick, so the window may already be closing)
            wait_for(lambda: platform.grants["authorization_code"] == 1, 30, "the browser")
            desktop.screenshot("4-signing-in")
            # AND the score appears in the icon: a band's colour with the number on it (5-score)
            x, y, width, height = wait_for_icon(desktop, "5-score")
            assert 14 <= width <= 40
            assert 14 <= height <= 40
            # WHEN the user clicks the icon  THEN the popup shows the score and what it means
            open_and_close_the_popup(desktop, (x, y, width, height))
            # AND the sign-in window closed by itself, and the welcome is gone
            wait_for(lambda: showing(desktop, SIGN_IN) is None, 10, "the sign-in window to close")
            assert not desktop.visible_window(WELCOME)
            # AND the file holds what the user typed, not the environment's hosts
            saved = settings_file.read_text(encoding="utf-8")
            assert TENANT in saved
            assert CLIENT in saved
            assert "authority" not in saved
        finally:
            app.send_signal(signal.SIGTERM)
            code, stderr = finish(app)
        assert code == 0, stderr
        assert "Traceback" not in stderr
        # WHEN the user logs in the next day and trayscore starts again
        again = desktop.trayscore(env=env)
        try:
            # THEN the score comes back from the keyring's sign-in, with no browser (6-restarted)
            wait_for_icon(desktop, "6-restarted")
            assert platform.grants["authorization_code"] == 1
            assert showing(desktop, WELCOME) is None
        finally:
            again.send_signal(signal.SIGTERM)
            code, stderr = finish(again)
        assert code == 0, stderr


def processes_of(desktop: Desktop) -> list[int]:
    """trayscore processes started with this desktop's folders (a detached one included)."""
    found = []
    wanted = f"XDG_CONFIG_HOME={desktop.env['XDG_CONFIG_HOME']}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if wanted in environ and b"trayscore" in command:
            found.append(int(entry.name))
    return found


def test_try_the_demo_from_the_welcome_hands_over_to_the_demo(fresh_session: Desktop) -> None:
    desktop = fresh_session
    # GIVEN a first start, the welcome on screen
    app = desktop.trayscore(env=EXPORT_TREE)
    try:
        demo = wait_showing(desktop, "Try the demo", "push button", timeout=30)
        # WHEN the user clicks "Try the demo"
        click(desktop, demo)
        # THEN this trayscore leaves, and the demo starts after it (the single-instance name
        # free by then: started before, the demo would have found this one and left)
        # (its output pipes stay open: the demo, started detached, holds them)
        assert app.wait(timeout=20) == 0
        box = wait_for_icon(desktop, "demo-after-welcome")
        assert box[2] >= 10
        assert len(processes_of(desktop)) == 1
    finally:
        for pid in processes_of(desktop):
            os.kill(pid, signal.SIGTERM)
        wait_for(lambda: not processes_of(desktop), 15, "the demo to stop")
