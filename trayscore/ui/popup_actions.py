"""The popup's action row: the one next step for the state, and ⋯ with every other.

A first-run user looks at the popup, not at a right-click menu: "not set up" offers Set up,
"sign-in needed" Sign in, a missing or old score Retry now, and a fresh score the portal page
that shows it. The ⋯ button opens the tray's own menu, so every action is reachable from the
keyboard too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from trayscore.core.display_state import DisplayState, Look
from trayscore.ui.texts import source_title


def primary_action(state: DisplayState) -> str | None:
    """The one next step the state asks for: "set-up", "sign-in", "retry", "portal" or None.

    Not set up: set up; sign-in needed: sign in; no score, or an old one: retry now; a fresh
    score: open the portal page that shows it. Nothing while a request is in flight.
    """
    if state.look is Look.SET_UP:
        return "set-up"
    if state.look is Look.SIGN_IN:
        return "sign-in"
    if state.refreshing:
        return None
    if state.look in {Look.ERROR, Look.STALE}:
        return "retry"
    if state.look is Look.SCORE:
        return "portal"
    return None


class ActionRow(QWidget):
    """The primary button and the ⋯ menu; ``requested`` carries the primary action's name."""

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("popupActions")
        self.primary = QPushButton(self)
        self.primary.setObjectName("primaryAction")
        self.primary.clicked.connect(self._clicked)
        self.primary.hide()
        self.more = QToolButton(self)
        self.more.setObjectName("moreActions")
        self.more.setText("\u22ef")  # the midline ellipsis: "more"
        self.more.setAccessibleName(self.tr("More actions"))
        self.more.setToolTip(self.tr("More actions"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.hide()
        self._action: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.primary)
        row.addStretch()
        row.addWidget(self.more)
        self.hide()  # until there is something to offer: no empty row in the popup

    def set_more_menu(self, menu: QMenu) -> None:
        """The tray's menu behind ⋯."""
        self.more.setMenu(menu)
        self.more.show()
        self.show()

    def show_state(self, state: DisplayState) -> None:
        """The primary button for ``state`` (hidden when there is no next step)."""
        self._action = primary_action(state)
        labels = {
            "set-up": self.tr("Set up trayscore..."),
            "sign-in": self.tr("Sign in..."),
            "retry": self.tr("Retry now"),
            "portal": self.tr("Open the {title} page").format(title=source_title(state.source)),
        }
        self.primary.setText(labels.get(self._action or "", ""))
        self.primary.setAccessibleName(self.primary.text())
        self.primary.setVisible(self._action is not None)
        self.setVisible(self._action is not None or self.more.menu() is not None)

    @property
    def action(self) -> str | None:
        """What the primary button does now."""
        return self._action

    def _clicked(self) -> None:
        if self._action is not None:
            self.requested.emit(self._action)
