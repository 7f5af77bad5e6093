"""``trayscore doctor --probe-tray``: Qt's own answer to "is there a system tray here?".

The doctor never imports QtWidgets and must survive a display Qt cannot open (Qt aborts the
process then), so it runs this in a child process and reads only the exit code
(:class:`~trayscore.system.session.TrayProbe`). The probe starts Qt exactly as the tray does,
on the platform the environment names, and shows nothing.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayscore.system.session import TrayProbe


def probe_tray() -> TrayProbe:
    """Whether a tray host answers (an X11 system tray, or a StatusNotifierItem host)."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)  # noqa: S101 - this process is the probe alone
    if QSystemTrayIcon.isSystemTrayAvailable():
        return TrayProbe.AVAILABLE
    return TrayProbe.NO_TRAY_HOST
