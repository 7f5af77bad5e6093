"""``trayscore --demo``: a simulated tenant on loopback, read like a real one.

The demo's score moves every minute: it crosses a band soon after the quiet first minute, so a
notification shows within three minutes, and then only every few minutes. Its history starts
with 90 simulated days (:func:`demo_past`), so the first popup already has a chart and changes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    from trayscore.core.models import Reading
    from trayscore.simulator import Simulator

DEMO_STEP_SECONDS: Final = 60.0
DEMO_INTERVAL: Final = timedelta(seconds=10)


def start_simulator(tenants: int = 1) -> Simulator:
    """The demo's simulated tenants, serving on loopback until the app stops them."""
    from trayscore.clients import DEMO_SEED  # noqa: PLC0415
    from trayscore.simulator import Simulator  # noqa: PLC0415 - only the demo needs it

    return Simulator(seed=DEMO_SEED, step_seconds=DEMO_STEP_SECONDS, tenants=tenants).start()


def demo_past(
    simulator: Simulator, clock: Callable[[], datetime], tenant: int = 1
) -> Callable[[], list[Reading]]:
    """What the demo's empty history starts with: ``tenant``'s simulated past up to now."""
    return lambda: simulator.past_readings(tenant, clock())


def leaving_demo_box(text: str, leave: Callable[[], None]) -> QMessageBox:
    """The demo's answer to Settings: ``text``, and "Set up my tenant..." that calls ``leave``."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
    box = QMessageBox(QMessageBox.Icon.Information, translate("TrayApp", "trayscore - demo"), text)
    box.setObjectName("leaveDemo")
    button = box.addButton(
        translate("TrayApp", "Set up my tenant..."), QMessageBox.ButtonRole.AcceptRole
    )
    button.setObjectName("setUpMyTenant")
    box.addButton(QMessageBox.StandardButton.Close)
    button.clicked.connect(leave)
    box.setModal(False)
    box.show()
    return box
