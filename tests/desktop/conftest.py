"""Desktop fixtures (written once in tests/helpers/desktop_fixtures.py, shared with packaging)."""

from tests.helpers.desktop_fixtures import (  # noqa: F401 - fixtures, used by name
    desktop,
    session_bus,
    tray_host,
    xserver,
)
