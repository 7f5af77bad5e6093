"""Regenerate trayscore/resources/no-data-*.png after changing the "no data yet" drawing."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from trayscore.ui.icon import write_start_icons

if __name__ == "__main__":
    app = QApplication([])
    write_start_icons()
