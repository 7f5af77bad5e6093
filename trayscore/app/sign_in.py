"""Signing in and out from the tray: the browser (or a device code), all off the GUI thread.

:class:`SignInController` gets the sign-in service from the reader's
:class:`~trayscore.clients.Clients`, runs every step on a worker, and shows the device code when
no browser opens. It tells the app only through :class:`SignInActions`.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject

from trayscore.core.errors import SignInRequired

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from trayscore.app.reading import ScoreReader
    from trayscore.app.refresh import RefreshController
    from trayscore.app.state import AppState
    from trayscore.auth.service import AccountInfo, AuthService, DeviceCodePrompt
    from trayscore.ui.worker import Workers

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class SignInActions(Protocol):
    """What signing in asks of the app (the refresh is a collaborator of its own)."""

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""

    def window_handle(self) -> int:
        """A native window of ours for the broker (WAM) to open its dialog over."""


class SignInController(QObject):
    """Sign in (browser, else device code), sign out, and sign the previous account out."""

    def __init__(
        self,
        reader: ScoreReader,
        workers: Workers,
        state: AppState,
        refresh: RefreshController,
        actions: SignInActions,
        *,
        demo: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._workers = workers
        self._state = state
        self._refresh = refresh
        self._actions = actions
        self._demo = demo
        self._cancel = threading.Event()
        self.device_box: QMessageBox | None = None  # the device code shown, if any

    def sign_in(self) -> None:
        """The chosen method (a device code when no browser opens); all off the GUI thread."""
        if self._demo:
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        settings = self._reader.settings
        # The broker (WAM) opens over a window of ours, not a console: the popup's native
        # handle, made here on the GUI thread (winId() creates it without showing anything).
        parent_window = self._actions.window_handle() if settings.use_broker else None
        clients = self._reader.clients

        def work() -> AccountInfo | DeviceCodePrompt:
            from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

            service = clients.auth()
            if settings.sign_in_method == "device_code":
                return service.start_device_flow()
            try:
                return service.sign_in_browser(cancel=cancel, parent_window=parent_window)
            except BrowserUnavailable:
                return service.start_device_flow()

        self._workers.submit(work, self._step, self._refresh.show_failure)

    def _step(self, result: AccountInfo | DeviceCodePrompt) -> None:
        from trayscore.auth.service import DeviceCodePrompt  # noqa: PLC0415

        if isinstance(result, DeviceCodePrompt):
            self.show_device_code(result)
            cancel = self._cancel
            service = self._reader.clients.auth()
            self._workers.submit(
                lambda: service.finish_device_flow(result, cancel),
                self._step,
                self._refresh.show_failure,
            )
            return
        self._refresh.refresh_now()

    def show_device_code(self, prompt: DeviceCodePrompt) -> None:
        """Say where to enter which code; what the network sent is shown as plain text."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - the Qt namespace is slow to build
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        box = QMessageBox(
            QMessageBox.Icon.Information, translate("TrayApp", "Sign in to trayscore"), ""
        )
        box.setObjectName("deviceCodeDialog")
        # The code and address come from the network: shown as text, never as rich text/links.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            translate("TrayApp", "Open {url} on any device and enter the code {code}.").format(
                url=prompt.verification_uri, code=prompt.user_code
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setModal(False)
        box.show()
        self.device_box = box

    def sign_out(self) -> None:
        """Forget the account and every stored token."""
        service = self._reader.clients.signed_in_service
        if service is None:
            return

        def signed_out(_result: AccountInfo | None) -> None:
            self._state.tracker = self._state.tracker.signed_in_as(None).failed(
                SignInRequired(translate("TrayApp", "Signed out. Sign in to see the score."))
            )
            self._refresh.unschedule()
            self._actions.render()

        self._workers.submit(service.sign_out, signed_out, self._refresh.show_failure)

    def sign_out_previous(self, service: AuthService) -> None:
        """The account settings changed: sign the previous account out, then read the new one."""
        _log.info("account settings changed: signing the previous account out")
        self._state.tracker = self._state.tracker.signed_in_as(None)
        self._workers.submit(
            service.sign_out, lambda _none: self._refresh.refresh_now(), self._refresh.show_failure
        )

    def cancel(self) -> None:
        """The app stops: a browser sign-in waiting for its answer gives up."""
        self._cancel.set()
