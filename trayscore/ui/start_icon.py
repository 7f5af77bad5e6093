"""The first icon: "no data yet", loaded from shipped PNGs instead of painted.

The first QPainter or QPen call in a process costs ~30 ms of PySide set-up, importing the painting
classes ~15 ms, and touching the ``Qt`` namespace ~45 ms more: none of that should delay the icon.
The PNGs are made by the real drawing code (``scripts/render_start_icons.py``) and a test keeps
them identical to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtGui import QIcon

START_SIDES: Final = (64, 128)


def start_icon_path(side: int) -> Path:
    """Where the shipped "no data yet" PNG of one size lives."""
    return Path(__file__).resolve().parent.parent / "resources" / f"no-data-{side}.png"


def start_icon() -> QIcon:
    """The "no data yet" icon from the shipped PNGs."""
    icon = QIcon()
    for side in START_SIDES:
        icon.addFile(str(start_icon_path(side)))
    return icon
