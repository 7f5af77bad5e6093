"""Building the tray app in tests: fake sleep clocks, and apps the fixture shuts down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from trayscore.app.launch import AppOptions
from trayscore.app.root import TrayApp
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths


class FakeSleepClocks:
    """The wall and monotonic clocks the sleep check reads; tests move them by hand."""

    def __init__(self) -> None:
        self.wall, self.monotonic = 1000.0, 50.0

    def __call__(self) -> tuple[float, float]:
        return self.wall, self.monotonic


def started(app: TrayApp, made: list[TrayApp]) -> TrayApp:
    """Start ``app`` and hand it to the ``app_factory`` fixture, which shuts it down."""
    made.append(app)
    app.start()
    return app


def app_with(
    paths: AppPaths,
    settings: Settings,
    *,
    token: str | None = "tok",
    clock: Callable[[], datetime] | None = None,
    bus: str | None = None,
) -> TrayApp:
    """A tray app on these settings, with a static token unless ``token`` is None, on the
    session bus ``bus`` when given."""
    extra = {"clock": clock} if clock is not None else {}
    environ = {"TRAYSCORE_ACCESS_TOKEN": token} if token else {}
    if bus is not None:
        environ["DBUS_SESSION_BUS_ADDRESS"] = bus
    return TrayApp(
        settings=settings,
        paths=paths,
        environ=environ,
        options=AppOptions(tray_grace_ms=50),
        sleep_clocks=FakeSleepClocks(),
        **extra,  # type: ignore[arg-type]
    )
