"""Offscreen Qt for every UI test: widgets and QPainter work, no screen is needed."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
