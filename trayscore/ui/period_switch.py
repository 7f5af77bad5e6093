"""The history popup's chart period switch: 7 d, 30 d, 90 d, 1 y as one exclusive group.

Qt reports a checkable auto-exclusive button as a radio button (and a checkable one that is not
as a check box), so assistive technology sees a radio group and the arrow keys move between the
periods. Its strings keep the popup's translation context, "HistoryPopup".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QPushButton, QWidget

from trayscore.ui.popup_texts import RANGES, period_name, period_spoken

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def period_switch(parent: QWidget) -> tuple[QGroupBox, QButtonGroup]:
    """The frameless box holding one button per :data:`RANGES` entry, and their group.

    The group's ids are the indexes into :data:`RANGES`; the second (30 d) starts checked.
    """
    box = QGroupBox(parent)  # a grouping, as a radio group is, with no frame
    box.setFlat(True)
    box.setObjectName("chartPeriod")
    box.setAccessibleName(translate("HistoryPopup", "Chart period"))
    group = QButtonGroup(box)
    buttons = QHBoxLayout(box)
    buttons.setContentsMargins(0, 0, 0, 0)
    for index, (name, _) in enumerate(RANGES):
        button = QPushButton(period_name(name), box)
        button.setObjectName(f"range{name}")
        button.setCheckable(True)
        button.setAutoExclusive(True)
        button.setFlat(True)
        button.setAccessibleName(period_spoken(name))
        button.setAccessibleDescription(translate("HistoryPopup", "Chart period"))
        group.addButton(button, index)
        buttons.addWidget(button)
    group.button(1).setChecked(True)
    return box, group
