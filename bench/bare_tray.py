"""The baseline: the smallest PySide6 tray app that shows an icon (a filled square).

With --load-libraries it also imports msal, requests, keyring and platformdirs once the icon is
up: the memory floor any app that signs in and fetches over HTTPS starts from.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon


def main() -> int:
    """Show one icon until terminated."""
    app = QApplication(sys.argv)
    app.setApplicationName("baretray")
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("#B71C1C"))
    tray = QSystemTrayIcon(QIcon(pixmap))
    tray.show()
    if "--load-libraries" in sys.argv:
        QTimer.singleShot(500, _load_libraries)
    return app.exec()


def _load_libraries() -> None:
    import keyring  # noqa: F401, PLC0415
    import msal  # noqa: F401, PLC0415
    import platformdirs  # noqa: F401, PLC0415
    import requests  # noqa: F401, PLC0415


if __name__ == "__main__":
    raise SystemExit(main())
