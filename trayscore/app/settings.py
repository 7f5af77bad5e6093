"""The settings in force: the dialog, saving what it applies, autostart, and a broken file.

:class:`SettingsController` holds the current :class:`~trayscore.settings.model.Settings` and the
problem they were loaded with, saves what the dialog applies, and puts new settings in force at
once: the reader drops what they change, the refresh takes the new interval, and another
account (:func:`~trayscore.settings.model.same_account`) signs the previous one out. It reaches the
rest of the app through :class:`SettingsActions` only.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trayscore.app.restart import RestartNotice
from trayscore.clients import TOKEN_VARIABLE
from trayscore.core.display_state import Tracker
from trayscore.settings.model import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from trayscore.app.options import AppOptions
    from trayscore.app.reading import ScoreReader
    from trayscore.app.refresh import RefreshController
    from trayscore.app.sign_in import SignInController
    from trayscore.app.state import AppState, Clock
    from trayscore.core.errors import ConfigError
    from trayscore.system.paths import AppPaths
    from trayscore.ui.notifications.center import NotificationCenter
    from trayscore.ui.settings_dialog import SettingsDialog

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class SettingsActions(Protocol):
    """What new settings ask of the app."""

    def refresh_now(self) -> None:
        """Read the score with the settings now in force."""

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""

    def restyle(self, settings: Settings) -> None:
        """Draw the icon the way these settings ask (colour or grey, number or not)."""

    def show_runs(self) -> None:
        """The history changed (emptied for another tenant): show it."""


def foreign_hosts(settings: Settings, *, demo: bool) -> tuple[str, ...]:
    """What the tooltip warns of: overrides sending tokens to non-Microsoft hosts."""
    if demo:
        return ()
    return tuple(dict.fromkeys(host for _key, host in settings.foreign_token_hosts))


class SettingsController(QObject):
    """The settings in force, the dialog that changes them, and the file they are saved to."""

    leave_demo_wanted = Signal()  # the demo's "Set up my tenant...": start for real, quit this
    restart_wanted = Signal()  # a new list of tenants was saved and the user told: start again

    def __init__(
        self,
        settings: Settings,
        *,
        paths: AppPaths,
        environ: dict[str, str],
        options: AppOptions,
        reader: ScoreReader,
        refresh: RefreshController,
        sign_in: SignInController,
        notifications: NotificationCenter,
        state: AppState,
        actions: SettingsActions,
        clock: Clock,
        problem: ConfigError | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.current = settings  # the settings in force
        self.problem = problem  # what was wrong in the file this run started from
        self._paths = paths
        self._environ = environ
        self._demo = options.demo
        self._reader = reader
        self._refresh = refresh
        self._sign_in = sign_in
        self._notifications = notifications
        self._state = state
        self._actions = actions
        self._clock = clock
        self.dialog: SettingsDialog | None = None
        self.problem_box: QMessageBox | None = None
        self.demo_box: QMessageBox | None = None  # the demo's offer to set up a real tenant
        self.restart = RestartNotice(self)  # says trayscore restarts, then asks for it
        self.restart.restart_wanted.connect(self.restart_wanted)

    def notice(self) -> str | None:
        """The settings file's problem as the tray says it beside the score; None when none."""
        if self.problem is None:
            return None
        return translate("TrayApp", "Settings file problem: {problem}").format(
            problem=self.problem.message
        )

    def needs_welcome(self) -> bool:
        """Nothing configured yet: no tenant or app, no token from the environment, no demo."""
        return (
            not self.current.is_set_up
            and not self._demo
            and self.problem is None
            and not self._environ.get(TOKEN_VARIABLE)
        )

    # ---- in force ------------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """New settings in force at once; another tenant, app or cloud signs the old one out.

        Settings that complete a setup (the dialog's "OK & sign in") start the sign-in at once:
        the user's next step is the browser, not a notification saying they must sign in.
        """
        completes_setup = (
            not self.current.is_set_up
            and settings.is_set_up
            and not self._demo
            and not self._environ.get(TOKEN_VARIABLE)
        )
        self.current = settings
        self.problem = None
        self._refresh.settings_changed()
        self._notifications.apply(settings.notifications)
        self._actions.restyle(settings)
        tracker = self._state.tracker
        if not self._demo:
            interval = timedelta(minutes=settings.refresh_minutes)
            self._refresh.set_interval(interval)
            tracker = replace(tracker, interval=interval, notice=None)
        hosts = foreign_hosts(settings, demo=self._demo)
        self._state.tracker = replace(tracker, foreign_hosts=hosts, tenant=settings.tenant)
        change = self._reader.use(settings)
        if change.new_series:
            self._new_series()
        if change.signed_out is not None:
            self._sign_in.sign_out_previous(change.signed_out)
            return
        if completes_setup:
            self._sign_in.sign_in(keep_account=True)  # reads the score once signed in
            return
        self._actions.refresh_now()

    def _new_series(self) -> None:
        """Another cloud, tenant or primary score: nothing shown or told so far belongs to it."""
        tracker = self._state.tracker
        source = self.current.source
        self._state.tracker = Tracker(
            tracker.interval,
            source=source,
            foreign_hosts=tracker.foreign_hosts,
            tenant=tracker.tenant,
            demo=tracker.demo,
        )
        self._state.runs = []
        self._notifications.new_series(source)
        self._actions.show_runs()
        self._actions.render()

    def save(self, settings: Settings) -> None:
        """What the dialog applied: written to the user's file, then in force (admin keys kept).

        A new list of tenants is not put in force here: one tenant and several are different
        apps, so trayscore says so and restarts (:attr:`restart_wanted`) to read it.
        """
        from trayscore.app.restart import tenants_changed, write_settings  # noqa: PLC0415

        if self._demo:  # the demo never writes the real settings file
            self.apply(settings)
            return
        settings = replace(
            settings, locked=self.current.locked, from_environment=self.current.from_environment
        )
        if settings == self.current and self.problem is None:
            return
        try:
            broken = self.problem is not None
            write_settings(self._paths, settings, broken=broken, now=self._clock())
        except OSError as error:
            self.show_problem(
                translate("TrayApp", "Could not save the settings to {path}: {reason}").format(
                    path=self._paths.settings_file, reason=error.strerror or error
                )
            )
            return
        if tenants_changed(self.current, settings):
            self.current, self.problem = settings, None
            self.restart.tell(tenants=True)
            return
        self.apply(settings)

    def can_switch(self) -> bool:
        """Whether the user may choose the primary score (no administrator or variable set it)."""
        return "source" not in self.current.locked and "source" not in (
            self.current.from_environment
        )

    def switch_to_secure_score(self) -> None:
        """The one-click switch: Secure Score becomes the primary score, saved like Settings."""
        from trayscore.core.catalog import SECURE_SCORE  # noqa: PLC0415

        if not self.can_switch() or self.current.source == SECURE_SCORE.name:
            return
        wanted = replace(self.current, source=SECURE_SCORE.name)
        if self._demo:
            self.apply(wanted)  # the demo never writes the real settings file
        else:
            self.save(wanted)

    # ---- the dialog ----------------------------------------------------------------------

    def open_dialog(self) -> None:
        """The settings dialog; what it applies is saved and takes effect at once.

        The demo has no settings of its own to edit and never writes the real file: it offers
        to leave the demo and set up the user's tenant instead.
        """
        from trayscore.app.restart import show_settings_dialog  # noqa: PLC0415

        if self._demo:
            self._offer_leaving_demo()
            return
        self.dialog = show_settings_dialog(
            self.dialog, self.current, self._environ, applied=self._applied,
            autostart_wanted=self._autostart_wanted, finished=self._closed,
        )  # fmt: skip

    def _offer_leaving_demo(self) -> None:
        from trayscore.app.demo import leaving_demo_box  # noqa: PLC0415

        text = translate(
            "TrayApp",
            "This is the demo: it shows a simulated tenant, and its settings are not saved. "
            "Set up my tenant... leaves the demo and starts trayscore for your organisation.",
        )
        self.demo_box = leaving_demo_box(text, self.leave_demo_wanted.emit)

    def close(self) -> None:
        """The app stops: close the dialog if it is open."""
        if self.dialog is not None:
            self.dialog.close()

    def _applied(self, settings: object) -> None:
        assert isinstance(settings, Settings)  # noqa: S101 - what the dialog's signal carries
        self.save(settings)

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _autostart_wanted(self, wanted: bool) -> None:
        from trayscore.app.restart import set_autostart  # noqa: PLC0415

        problem = set_autostart(self._environ, wanted)
        if problem is not None:
            self.show_problem(problem)

    # ---- problems ------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """A settings action failed: say so in a message box."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.warning(None, translate("TrayApp", "trayscore"), text)

    def show_file_problem(self) -> None:
        """Started on defaults: say what was wrong, that the file is kept, and offer the fix."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        if self.problem is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("TrayApp", "trayscore - settings problem"),
            translate(
                "TrayApp",
                "Some settings could not be used, so trayscore started with their defaults.",
            ),
        )
        box.setObjectName("settingsProblem")
        box.setInformativeText(
            translate(
                "TrayApp",
                "{problem}\n\nYour file {path} was left as it is. Saving from Settings keeps "
                "a copy of it beside the new one.",
            ).format(problem=self.problem.message, path=self._paths.settings_file)
        )
        fix = box.addButton(
            translate("TrayApp", "Open &Settings..."), QMessageBox.ButtonRole.AcceptRole
        )
        fix.setObjectName("openSettings")
        box.addButton(QMessageBox.StandardButton.Close)
        box.setModal(False)
        fix.clicked.connect(self.open_dialog)
        box.show()
        self.problem_box = box
