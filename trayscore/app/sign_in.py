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

from trayscore.core.errors import SignInRequired, TrayscoreError

if TYPE_CHECKING:
    from trayscore.app.reading import ScoreReader
    from trayscore.app.state import AppState
    from trayscore.auth.service import AccountInfo, AuthService, DeviceCodePrompt
    from trayscore.ui.sign_in_window import SignInWindow
    from trayscore.ui.worker import Workers

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class SignInRefresh(Protocol):
    """What signing in asks of the refresh (the tray's controller, or one tenant's of several)."""

    def refresh_now(self) -> None:
        """Signed in: read at once."""

    def show_failure(self, error: TrayscoreError) -> None:
        """The sign-in failed: show why."""

    def shown_error(self, error: TrayscoreError) -> TrayscoreError:
        """The error in the tray's words."""

    def unschedule(self) -> None:
        """Signed out: no timed refresh until the user acts."""


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
        refresh: SignInRefresh,
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
        self.window: SignInWindow | None = None  # the sign-in in progress, if any

    def sign_in(self, *, keep_account: bool = False) -> None:
        """The chosen method (a device code when no browser opens); all off the GUI thread.

        A :class:`~trayscore.ui.sign_in_window.SignInWindow` shows each step and offers Cancel.
        ``keep_account``: an account already cached for this registration (set up again after
        a reinstall) is used as it is, with no browser and no window.
        """
        if self._demo:
            return
        if keep_account:
            clients = self._reader.clients

            def cached() -> AccountInfo | None:
                return clients.auth().account()

            self._workers.submit(
                cached,
                lambda account: self._refresh.refresh_now() if account else self.sign_in(),
                self._refresh.show_failure,
            )
            return
        self._cancel.set()  # a sign-in still running gives way to this one
        self._cancel = threading.Event()
        cancel = self._cancel
        settings = self._reader.settings
        # The broker (WAM) opens over a window of ours, not a console: the popup's native
        # handle, made here on the GUI thread (winId() creates it without showing anything).
        parent_window = self._actions.window_handle() if settings.use_broker else None
        clients = self._reader.clients
        window = self._new_window(cancel)
        if settings.sign_in_method == "device_code":
            window.asking_for_code()
        else:
            window.waiting_for_browser()

        def work() -> AccountInfo | DeviceCodePrompt:
            from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

            service = clients.auth()
            if settings.sign_in_method == "device_code":
                return service.start_device_flow()
            try:
                return service.sign_in_browser(cancel=cancel, parent_window=parent_window)
            except BrowserUnavailable:
                return service.start_device_flow()

        self._workers.submit(work, self._step, lambda error: self._failed(error, cancel))

    def _new_window(self, cancel: threading.Event) -> SignInWindow:
        from trayscore.ui.sign_in_window import SignInWindow  # noqa: PLC0415

        if self.window is not None:
            self.window.deleteLater()
        window = SignInWindow()
        window.cancelled.connect(cancel.set)
        self.window = window
        return window

    def _step(self, result: AccountInfo | DeviceCodePrompt) -> None:
        from trayscore.auth.service import DeviceCodePrompt  # noqa: PLC0415

        if isinstance(result, DeviceCodePrompt):
            self.show_device_code(result)
            cancel = self._cancel
            service = self._reader.clients.auth()
            self._workers.submit(
                lambda: service.finish_device_flow(result, cancel),
                self._step,
                lambda error: self._failed(error, cancel),
            )
            return
        if self.window is not None:
            self.window.succeeded()
        self._refresh.refresh_now()

    def _failed(self, error: TrayscoreError, cancel: threading.Event) -> None:
        """Said in the window and the tray, unless the sign-in was cancelled.

        Cancelled by the user, or giving way to a newer sign-in: nothing shown changes.
        """
        if cancel.is_set():
            _log.info("sign-in cancelled: %s", error.message)
            return
        if self.window is not None:
            self.window.failed(self._refresh.shown_error(error).message)
        self._refresh.show_failure(error)

    def show_device_code(self, prompt: DeviceCodePrompt) -> None:
        """Say where to enter which code; what the network sent is shown as plain text."""
        if self.window is None:
            self.window = self._new_window(self._cancel)
        self.window.show_code(prompt.verification_uri, prompt.user_code)

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
