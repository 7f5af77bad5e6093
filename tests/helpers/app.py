"""Building the tray app in tests: fake clocks, a spy tray, and apps the fixture shuts down.

Every UI test that needs the whole app builds it here, so they agree on the options (a short
tray grace period, fake sleep clocks) and reach it only through its public seams:
``app.refresh`` (``tick()``, ``network_changed()``, ``timer``, ``in_flight``),
``app.surfaces`` (``popup``, ``existing_popup``, ``glance``, ``welcome``), ``app.settings``
(``current``, ``dialog``, ``problem_box``), ``app.sign_in``, ``app.reader`` and ``app.clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtWidgets import QSystemTrayIcon
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.clients import TOKEN_VARIABLE, StoreOpener
from trayscore.core.errors import ConfigError
from trayscore.settings.model import Settings, load_settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths

TRAY_GRACE_MS = 50


class FakeSleepClocks:
    """The wall and monotonic clocks the sleep check reads; tests move them by hand."""

    def __init__(self) -> None:
        self.wall, self.monotonic = 1000.0, 50.0

    def __call__(self) -> tuple[float, float]:
        return self.wall, self.monotonic

    def advance(self, wall: float, monotonic: float) -> None:
        """Move both clocks: a wall jump far beyond monotonic time is a sleep."""
        self.wall += wall
        self.monotonic += monotonic


class FakeClock:
    """The app's wall clock, moved by the test."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class SpyTray(QSystemTrayIcon):
    """A tray icon that remembers the balloons it was asked to show."""

    def __init__(self) -> None:
        super().__init__()
        self.balloons: list[tuple[str, str]] = []

    def showMessage(self, title: str, body: str, *args: object) -> None:  # noqa: N802
        self.balloons.append((title, body))


def started(app: TrayApp, made: list[TrayApp]) -> TrayApp:
    """Start ``app`` and hand it to the ``app_factory`` fixture, which shuts it down."""
    made.append(app)
    app.start()
    return app


def environment(token: str | None = "tok", bus: str | None = None) -> dict[str, str]:
    """The app's environment: a static token unless ``token`` is None, a session bus if given."""
    environ = {TOKEN_VARIABLE: token} if token else {}
    if bus is not None:
        environ["DBUS_SESSION_BUS_ADDRESS"] = bus
    return environ


def app_with(
    paths: AppPaths,
    settings: Settings,
    *,
    token: str | None = "tok",
    clock: Callable[[], datetime] | None = None,
    bus: str | None = None,
    environ: dict[str, str] | None = None,
    demo: bool = False,
    sleep_clocks: FakeSleepClocks | None = None,
    tray: QSystemTrayIcon | None = None,
    open_store: StoreOpener | None = None,
    settings_error: ConfigError | None = None,
) -> TrayApp:
    """A tray app on these settings, with a static token unless ``token`` is None, on the
    session bus ``bus`` when given (``environ`` replaces both)."""
    extra = {"clock": clock} if clock is not None else {}
    return TrayApp(
        settings=settings,
        paths=paths,
        environ=environ if environ is not None else environment(token, bus),
        options=AppOptions(demo=demo, tray_grace_ms=TRAY_GRACE_MS),
        sleep_clocks=sleep_clocks or FakeSleepClocks(),
        tray=tray,
        open_store=open_store,
        settings_error=settings_error,
        **extra,  # type: ignore[arg-type]
    )


def make_app(
    paths: AppPaths,
    sim: Simulator | None,
    *,
    token: str | None = "tok",
    clocks: FakeSleepClocks | None = None,
) -> TrayApp:
    """The app reading the simulator's Defender API (Microsoft's when ``sim`` is None)."""
    settings = Settings(api_url=sim.url if sim else None)
    return app_with(paths, settings, token=token, sleep_clocks=clocks)


def app_from_file(
    paths: AppPaths, environ: dict[str, str], open_store: StoreOpener | None = None
) -> TrayApp:
    """The app as `trayscore` starts it: settings loaded leniently from the user's file."""
    problems: list[str] = []
    settings = load_settings(paths.settings_file, environ, problems=problems)
    error = ConfigError(" ".join(problems)) if problems else None
    return app_with(paths, settings, environ=environ, open_store=open_store, settings_error=error)
