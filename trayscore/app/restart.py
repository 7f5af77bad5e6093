"""Saving what the settings dialog applied, and starting again to read a new list of tenants.

One tenant (:class:`~trayscore.app.root.TrayApp`) and several
(:class:`~trayscore.app.fleet.FleetApp`) are different apps, so a changed ``[[tenants]]`` list is
read by a new process: the app says so in one line (:class:`RestartNotice`), then quits, and
``run_tray`` calls :func:`start_again` once this process has let go of its single-instance name
(started before, the new one would find this one still answering, ask it to show itself and
leave). Both apps save through :func:`write_settings` and set the autostart through
:func:`set_autostart`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    from trayscore.settings.model import Settings
    from trayscore.system.paths import AppPaths
    from trayscore.ui.settings_dialog import SettingsDialog

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def tenants_changed(old: Settings, new: Settings) -> bool:
    """Whether the list of tenants is another (added, edited, moved or removed entries)."""
    return old.tenants != new.tenants


def write_settings(paths: AppPaths, settings: Settings, *, broken: bool, now: datetime) -> None:
    """Write ``settings`` to the user's file, without what the environment set this session.

    A file this run could not fully use (``broken``, or found so now: a hand-written entry the
    load left out would be lost) is kept aside first. Raises OSError when it cannot be written.
    """
    from trayscore.settings.file import (  # noqa: PLC0415
        for_file,
        keep_broken_file,
        save_settings,
    )
    from trayscore.settings.model import load_settings  # noqa: PLC0415

    problems: list[str] = []
    file_only = load_settings(
        paths.settings_file, {}, paths.system_settings_files, problems=problems
    )
    if broken or problems:
        kept = keep_broken_file(paths.settings_file, now)
        if kept is not None:
            _log.warning("the broken settings file was kept as %s", kept)
    save_settings(paths.settings_file, for_file(settings, file_only))


def show_settings_dialog(
    existing: SettingsDialog | None,
    settings: Settings,
    environ: dict[str, str],
    *,
    applied: Callable[[object], None],
    autostart_wanted: Callable[[bool], None],
    finished: Callable[[int], None],
) -> SettingsDialog:
    """The settings dialog on ``settings`` (made on first use), shown and brought to the front."""
    from trayscore.ui.settings_dialog import SettingsDialog  # noqa: PLC0415

    dialog = existing
    if dialog is None:
        dialog = SettingsDialog(settings, autostart=autostart_enabled(environ))
        dialog.applied.connect(applied)
        dialog.autostart_wanted.connect(autostart_wanted)
        dialog.finished.connect(finished)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def autostart_enabled(environ: dict[str, str]) -> bool:
    """Whether trayscore starts at login now."""
    from trayscore.system.autostart import for_platform  # noqa: PLC0415

    home = environ.get("HOME")
    place = for_platform(sys.platform, environ, Path(home) if home else Path.home())
    return place.status().enabled


def set_autostart(environ: dict[str, str], wanted: bool) -> str | None:
    """Start trayscore at login, or not; the problem in one line when that failed."""
    from trayscore.core.errors import TrayscoreError  # noqa: PLC0415
    from trayscore.system.autostart import (  # noqa: PLC0415
        current_launch_command,
        for_platform,
    )

    home = environ.get("HOME")
    try:
        place = for_platform(sys.platform, environ, Path(home) if home else Path.home())
        place.enable(current_launch_command()) if wanted else place.disable()
    except TrayscoreError as error:
        return error.message
    return None


def start_again(extra: Sequence[str] = ()) -> bool:
    """Start trayscore anew, with ``extra`` arguments (``--demo``); True if it started."""
    from PySide6.QtCore import QProcess  # noqa: PLC0415

    from trayscore.system.autostart import current_launch_command  # noqa: PLC0415

    program, *arguments = current_launch_command()  # the frozen binary in a bundle
    arguments += list(extra)
    started, _pid = QProcess.startDetached(program, arguments)
    if not started:
        _log.error("could not start trayscore again: %s", " ".join([program, *arguments]))
    return bool(started)


class RestartNotice(QObject):
    """The one line said before trayscore restarts; closing it asks for the restart."""

    restart_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None

    def tell(self, *, tenants: bool) -> None:
        """Say why trayscore restarts (the list of ``tenants``, or other settings), then ask."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        text = (
            translate("TrayApp", "trayscore restarts to read the new list of tenants.")
            if tenants
            else translate("TrayApp", "trayscore restarts to use the new settings.")
        )
        box = QMessageBox(QMessageBox.Icon.Information, translate("TrayApp", "trayscore"), text)
        box.setObjectName("restartNotice")
        box.setAccessibleName(text)
        box.setModal(False)
        box.finished.connect(lambda _result: self.restart_wanted.emit())
        self.box = box
        box.show()
