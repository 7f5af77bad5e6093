"""doctor's end-to-end run borrows the real X11 desktop (Xvfb + trayer) of the desktop tests."""

from tests.helpers.desktop_fixtures import desktop, xserver  # noqa: F401 - fixtures, used by name
