"""Settings... with several tenants: the same dialog as one tenant's, saved the same way.

Everything a :class:`~trayscore.app.fleet.FleetApp` does is built from the settings when it
starts (one slot, reader and history per tenant; one schedule), so new settings are read by a
new process: saved, told in one line, then :attr:`FleetSettings.restart_wanted`. The demo never
writes the real file: it offers to leave the demo instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trayscore.app.restart import RestartNotice
from trayscore.settings.model import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from trayscore.app.state import Clock
    from trayscore.system.paths import AppPaths
    from trayscore.ui.settings_dialog import SettingsDialog

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class FleetSettings(QObject):
    """The settings dialog for several tenants, and the file it saves to."""

    restart_wanted = Signal()  # saved and told: start again to read them
    leave_demo_wanted = Signal()  # the demo's "Set up my tenant...": start for real, quit this

    def __init__(
        self,
        settings: Settings,
        *,
        paths: AppPaths,
        environ: dict[str, str],
        demo: bool,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.current = settings  # as loaded, environment included (the dialog greys those)
        self._paths, self._environ, self._demo, self._clock = paths, environ, demo, clock
        self.dialog: SettingsDialog | None = None
        self.demo_box: QMessageBox | None = None
        self.restart = RestartNotice(self)
        self.restart.restart_wanted.connect(self.restart_wanted)

    def open_dialog(self) -> None:
        """The settings dialog on the settings in force; in the demo, the offer to leave it."""
        from trayscore.app.restart import show_settings_dialog  # noqa: PLC0415

        if self._demo:
            from trayscore.app.demo import leaving_demo_box  # noqa: PLC0415

            text = translate(
                "FleetSurfaces",
                "These tenants are simulated. To watch your own, list them as [[tenants]] in "
                "{path} and start trayscore without --demo.",
            ).format(path=self._paths.settings_file)
            self.demo_box = leaving_demo_box(text, self.leave_demo_wanted.emit)
            return
        self.dialog = show_settings_dialog(
            self.dialog, self.current, self._environ, applied=self.save,
            autostart_wanted=self._autostart_wanted, finished=self._closed,
        )  # fmt: skip

    def save(self, settings: object) -> None:
        """What the dialog applied, written to the user's file; then trayscore restarts.

        Not what the environment set this session; the restart waits until the user has read
        why.
        """
        from trayscore.app.restart import tenants_changed, write_settings  # noqa: PLC0415

        assert isinstance(settings, Settings)  # noqa: S101 - what the dialog's signal carries
        settings = replace(
            settings, locked=self.current.locked, from_environment=self.current.from_environment
        )
        if settings == self.current:
            return
        try:
            write_settings(self._paths, settings, broken=False, now=self._clock())
        except OSError as error:
            self._warn(
                translate("TrayApp", "Could not save the settings to {path}: {reason}").format(
                    path=self._paths.settings_file, reason=error.strerror or error
                )
            )
            return
        relisted = tenants_changed(self.current, settings)
        self.current = settings
        self.restart.tell(tenants=relisted)

    def _autostart_wanted(self, wanted: bool) -> None:
        from trayscore.app.restart import set_autostart  # noqa: PLC0415

        problem = set_autostart(self._environ, wanted)
        if problem is not None:
            self._warn(problem)

    @staticmethod
    def _warn(text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.warning(None, translate("TrayApp", "trayscore"), text)

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def close(self) -> None:
        """The app stops: close what this opened."""
        for window in (self.dialog, self.demo_box, self.restart.box):
            if window is not None:
                window.close()
