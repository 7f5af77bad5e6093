"""Fixtures the e2e modules share, imported by name from tests/helpers.

doctor's end-to-end run borrows the real X11 desktop (Xvfb + trayer) of the desktop tests; the
sign-in modules share the guarded API (the simulator over TLS, accepting only the fake identity
platform's live tokens).
"""

from tests.helpers.desktop_fixtures import desktop, xserver  # noqa: F401 - fixtures, used by name
from tests.helpers.sign_in import guarded_api, guarded_simulator  # noqa: F401 - fixtures, by name
