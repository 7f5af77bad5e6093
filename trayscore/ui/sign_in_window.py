"""The sign-in window: what is happening while the user signs in, and a way to stop it.

A browser sign-in can take minutes and happens in another window; a device code has to be
typed on another device. Without a window of its own the tray seemed to do nothing. This one
says which step is running ("Waiting for your browser..."), shows a device code large and
selectable with Copy code and Open link, offers Cancel throughout, and closes itself when the
sign-in succeeds. What the identity platform sent (the code, the address) is shown as plain
text, never as rich text: a hostile server cannot put a link or an image here.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _plain(label: QLabel) -> QLabel:
    from PySide6.QtCore import Qt  # noqa: PLC0415 - the Qt namespace is slow to build

    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def openable(url: str) -> bool:
    """Only an https address from the network is offered to the browser."""
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    return parsed.isValid() and parsed.scheme() == "https" and bool(parsed.host())


class SignInWindow(QDialog):
    """Progress of one sign-in; ``cancelled`` when the user stops it."""

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInWindow")
        self.setWindowTitle(self.tr("Sign in to trayscore"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(False)
        self.status = _plain(QLabel(self))
        self.status.setObjectName("signInStatus")
        self.status.setAccessibleName(self.tr("Sign-in progress"))
        self.code = _plain(QLabel(self))
        self.code.setObjectName("deviceCode")
        self.code.setAccessibleName(self.tr("Device code"))
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.code.setFont(font)
        from PySide6.QtCore import Qt  # noqa: PLC0415

        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.hide()
        self.buttons = QDialogButtonBox(self)
        self.copy_button = self._button("copyCode", self.tr("&Copy code"))
        self.open_button = self._button("openLink", self.tr("&Open link"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelSignIn")
        self.copy_button.clicked.connect(self._copy)
        self.open_button.clicked.connect(self._open)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.code)
        layout.addWidget(self.buttons)
        self._url = ""
        self._done = False

    def _button(self, name: str, text: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.hide()
        return button

    # ---- the steps -----------------------------------------------------------------------

    def waiting_for_browser(self) -> None:
        """The system browser was asked to open Microsoft's sign-in page."""
        self.status.setText(
            self.tr("Waiting for your browser... Finish signing in there; this closes by itself.")
        )
        self.show()

    def asking_for_code(self) -> None:
        """A device code is being requested from Microsoft."""
        self.status.setText(self.tr("Asking Microsoft for a sign-in code..."))
        self.show()

    def show_code(self, url: str, code: str) -> None:
        """Where to enter which code: both from the network, shown as plain text."""
        self._url = url
        self.status.setText(
            self.tr("On any device, open {url} and enter this code:").format(url=url)
        )
        self.code.setText(code)
        self.code.show()
        self.copy_button.show()
        self.open_button.setVisible(openable(url))
        self.show()

    def failed(self, message: str) -> None:
        """Sign-in did not finish: say why; Cancel becomes Close."""
        self._done = True
        self.status.setText(message)
        self.code.hide()
        self.copy_button.hide()
        self.open_button.hide()
        self.cancel_button.setText(self.tr("Close"))

    def succeeded(self) -> None:
        """Signed in: nothing left to show."""
        self._done = True
        self.accept()

    # ---- the buttons ---------------------------------------------------------------------

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.code.text())
        self.copy_button.setText(self.tr("Copied"))

    def _open(self) -> None:
        if openable(self._url) and not QDesktopServices.openUrl(QUrl(self._url)):
            self.status.setText(
                self.tr("No browser opened. On any device, open {url} and enter this code:").format(
                    url=self._url
                )
            )

    def _cancel(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Escape and the window's close button cancel as Cancel does."""
        if not self._done:
            self._done = True
            self.cancelled.emit()
        super().reject()
