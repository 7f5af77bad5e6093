"""What several tenants look like: the icon and menu, the list of tenants, one tenant's chart.

The icon wears the worst tenant's score with a count badge; the tooltip and the menu's status
line sum up the rest (:mod:`trayscore.ui.fleet_texts`). The list popup shows every tenant, worst
first; a row opens that tenant's own history popup, whose primary button acts on that tenant
(sign in, retry, open its portal page).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from trayscore.app.surfaces import open_in_browser, portal_page
from trayscore.core.fleet import TenantView, ranked, summarise
from trayscore.core.retirement import utc_day
from trayscore.core.trend import change_over, within
from trayscore.ui.fleet_popup import FleetPopup, TenantRow
from trayscore.ui.fleet_texts import FleetWords
from trayscore.ui.retirement_notice import retirement_text
from trayscore.ui.tray import FleetLines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QLocale

    from trayscore.app.state import Clock
    from trayscore.app.tenant_slot import TenantSlot
    from trayscore.system.paths import AppPaths
    from trayscore.ui.link_dialog import LinkDialog
    from trayscore.ui.notifications.fleet import FleetNotices
    from trayscore.ui.popup import HistoryPopup
    from trayscore.ui.tray import TrayView

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
WEEK: Final = timedelta(days=7)
MONTH: Final = timedelta(days=30)
SPARK_POINTS: Final = 60  # a sparkline's points at most: the month, thinned out


def sparkline(slot: TenantSlot, now: datetime) -> tuple[float, ...]:
    """The tenant's last month of scores, oldest first, at most :data:`SPARK_POINTS` of them."""
    scores = [run.score for run in within(slot.state.runs, now - MONTH)]
    step = max(1, -(-len(scores) // (SPARK_POINTS - 1)))  # room for the newest, added below
    thinned = scores[::step]
    if scores and thinned[-1] != scores[-1]:
        thinned.append(scores[-1])  # the newest is the one the row's dot stands for
    return tuple(thinned)


class FleetHost(Protocol):
    """What the views of several tenants ask of the app (FleetApp), and nothing more."""

    clock: Clock
    locale: QLocale
    view: TrayView
    notifications: FleetNotices

    @property
    def tenant_slots(self) -> Sequence[TenantSlot]:
        """Every tenant, in the settings' order."""

    def slot(self, name: str) -> TenantSlot | None:
        """The tenant of that name."""

    def views(self) -> list[TenantView]:
        """Each tenant's state now."""

    def sign_in(self, name: str) -> None:
        """Sign in to that tenant."""

    def refresh_tenant(self, name: str) -> None:
        """Read that tenant as soon as a slot is free."""

    def open_settings(self) -> None:
        """The settings dialog (in the demo, the offer to leave it)."""


class FleetSurfaces(QObject):
    """The views of several tenants; the app hands it their states and asks it to draw."""

    def __init__(
        self, fleet: FleetHost, *, paths: AppPaths, demo: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fleet = fleet
        self._paths = paths
        self._demo = demo
        self.words = FleetWords(self)
        self.list_popup: FleetPopup | None = None
        self.detail: HistoryPopup | None = None
        self.chosen: str | None = None  # whose chart the detail popup shows
        self.note: QMessageBox | None = None
        self.link_dialog: LinkDialog | None = None  # shown when no browser opened a link

    # ---- drawing ----------------------------------------------------------------------------

    def render(self, views: list[TenantView], now: datetime) -> None:
        """The worst tenant in the icon, the rest in the tooltip; open popups follow."""
        fleet = self._fleet
        summary = summarise(views)
        order = ranked(views)
        shown = summary.worst or order[0]
        lines = FleetLines(
            count=len(views),
            tooltip=self.words.tooltip(summary, demo=self._demo),
            status=self.words.status(summary, fleet.locale, demo=self._demo),
        )
        fleet.view.show_snooze(fleet.notifications.snoozed_until_text(now))
        fleet.view.show_state(shown.state, now, fleet.locale, lines)
        if self.list_popup is not None and self.list_popup.isVisible():
            self.list_popup.show_tenants(self.rows(order, now), fleet.locale, demo=self._demo)
        if self.detail is not None and self.detail.isVisible():
            self._render_detail(now)

    def rows(self, order: list[TenantView], now: datetime) -> list[TenantRow]:
        """Each tenant's row, in the given (worst first) order."""
        rows = []
        for view in order:
            slot = self._fleet.slot(view.name)
            if slot is None:
                continue
            change = change_over(slot.state.runs, now, WEEK) if slot.state.runs else None
            rows.append(TenantRow(view.name, view.state, change, sparkline(slot, now)))
        return rows

    # ---- the list ---------------------------------------------------------------------------

    @property
    def popup(self) -> FleetPopup:
        """The list of tenants, made on first use."""
        if self.list_popup is None:
            popup = FleetPopup()
            popup.tenant_chosen.connect(self.show_tenant)
            popup.export_requested.connect(self._export_all)
            self.list_popup = popup
        return self.list_popup

    def show_list(self) -> None:
        """The list of tenants near the icon (menu, notification, a second start)."""
        now = self._fleet.clock()
        order = ranked(self._fleet.views())
        self.popup.show_tenants(self.rows(order, now), self._fleet.locale, demo=self._demo)
        self.popup.show_now(self._fleet.view.tray.geometry())

    def toggle_list(self) -> None:
        """A click on the icon: the list, or away with it (and with a tenant's chart)."""
        if self.detail is not None and self.detail.isVisible():
            self.detail.hide()
            return
        if self.list_popup is not None and self.list_popup.isVisible():
            self.list_popup.hide()
            return
        self.show_list()

    # ---- one tenant -------------------------------------------------------------------------

    def show_tenant(self, name: str) -> None:
        """That tenant's own chart and details, in place of the list."""
        from trayscore.ui.popup import HistoryPopup  # noqa: PLC0415

        if self.detail is None:
            self.detail = HistoryPopup()
            self.detail.action_requested.connect(self._detail_action)
            self.detail.export_requested.connect(self._export_one)
            self.detail.set_more_menu(self._fleet.view.menu)
        self.chosen = name
        self._render_detail(self._fleet.clock(), history=True)
        if self.list_popup is not None:
            self.list_popup.hide()
        self.detail.show_now(self._fleet.view.tray.geometry())

    def _render_detail(self, now: datetime, *, history: bool = False) -> None:
        slot = self._fleet.slot(self.chosen or "")
        if slot is None or self.detail is None:
            return
        state = slot.state.tracker.state_at(now)
        self.detail.setWindowTitle(
            translate("FleetSurfaces", "trayscore - {tenant}").format(tenant=slot.name)
        )
        self.detail.show_state(state, now, self._fleet.locale)
        # the Defender API's end, when this tenant reads it (the list decides what it reads)
        retiring = retirement_text(slot.settings.source, utc_day(now), self._fleet.locale)
        self.detail.show_retirement(retiring, can_switch=False)
        self.detail.headline.setText(
            translate("FleetSurfaces", "{tenant}: {headline}").format(
                tenant=slot.name, headline=self.detail.headline.text()
            )
        )
        if history:  # the rows hold a month; the chart reads the whole history from the file
            self.detail.set_history(slot.reader.all_runs(), now)

    def _detail_action(self, action: str) -> None:
        """The tenant's primary button: sign in, retry, or its portal page."""
        slot = self._fleet.slot(self.chosen or "")
        if slot is None:
            return
        if action == "sign-in":
            self._fleet.sign_in(slot.name)
        elif action == "retry":
            self._fleet.refresh_tenant(slot.name)
        elif action == "portal":
            self.open_link(portal_page(slot.settings))
        elif action == "set-up":
            self.settings_note()

    # ---- exports ----------------------------------------------------------------------------

    def _export_all(self, path: str) -> None:
        from trayscore.history.export import tenants_to_csv  # noqa: PLC0415

        histories = [(slot.name, slot.reader.all_runs()) for slot in self._fleet.tenant_slots]
        self._write(path, tenants_to_csv(histories))

    def _export_one(self, path: str) -> None:
        from trayscore.history.store import entries_to_csv  # noqa: PLC0415

        slot = self._fleet.slot(self.chosen or "")
        if slot is not None:
            self._write(path, entries_to_csv(slot.reader.all_runs()))

    def _write(self, path: str, text: str) -> None:
        try:
            Path(path).write_text(text, "utf-8")
        except OSError as error:
            self._tell(
                translate("FleetSurfaces", "Could not export the history: {reason}").format(
                    reason=error.strerror or error
                )
            )

    # ---- links, settings, about -------------------------------------------------------------

    def open_link(self, url: str) -> None:
        """Open ``url`` in the browser; where none opens, a window to copy it from."""
        self.link_dialog = open_in_browser(url) or self.link_dialog

    def open_worst_portal(self) -> None:
        """The menu's portal entry: the worst tenant's exposure page."""
        order = ranked(self._fleet.views())
        slot = self._fleet.slot(order[0].name) if order else None
        if slot is not None:
            self.open_link(portal_page(slot.settings))

    def settings_note(self) -> None:
        """Settings...: the settings dialog, where the list of tenants is edited too."""
        self._fleet.open_settings()

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "trayscore", text)
        box.setAccessibleName(translate("FleetSurfaces", "trayscore: several tenants"))
        self.note = box
        box.show()

    def about(self) -> None:
        """Version, how many tenants, and where trayscore keeps its files."""
        from trayscore import __version__  # noqa: PLC0415

        text = translate(
            "FleetSurfaces",
            "trayscore {version}\n{count} tenants: the icon shows the worst one.\n"
            "Settings: {settings}\nHistory: {data}",
        ).format(
            version=__version__,
            count=len(self._fleet.tenant_slots),
            settings=self._paths.settings_file,
            data=self._paths.data_dir,
        )
        self._tell(text)

    # ---- lifetime ---------------------------------------------------------------------------

    def start(self, grace_ms: int) -> None:
        """Show the icon; without a tray after ``grace_ms``, the list of tenants instead."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._fleet.view.show()
            return
        QTimer.singleShot(grace_ms, self, self._tray_missing)

    def _tray_missing(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._fleet.view.show()
        else:
            self.show_list()

    def window_handle(self) -> int:
        """The list's native window handle (made without showing anything)."""
        return int(self.popup.winId())

    def close(self) -> None:
        """Close every window this made."""
        for window in (self.list_popup, self.detail, self.note):
            if window is not None:
                window.close()
        self._fleet.view.hide()
