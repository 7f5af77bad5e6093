"""The settings dialog: edit the settings file's values with the checks start-up runs.

It only reports what the user chose: ``applied`` carries the new :class:`Settings` and
``autostart_wanted`` the start-at-login wish; the app writes the file, signs out when
:func:`changes_account` says so, and registers the autostart entry.
"""

from __future__ import annotations

import itertools
import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLayout,
    QWidget,
)

from trayscore.core.catalog import SOURCE_NAMES, source_named
from trayscore.settings.file import changes_account, validate_fields
from trayscore.settings.model import Settings
from trayscore.settings.tenants import as_table
from trayscore.ui.settings_account import account_fields, fill_regions
from trayscore.ui.settings_fields import (
    appearance_fields,
    fitted_height,
    lock_fields,
    notification_fields,
    scrolling_body,
    shown_error,
    warnings_label,
)
from trayscore.ui.settings_tenants import TenantsGroup
from trayscore.ui.texts import source_title

__all__ = ["SettingsDialog", "changes_account"]


class SettingsDialog(QDialog):
    """Cloud, region, tenant, client ID, sign-in, the tenants, refresh, notifications, start."""

    applied = Signal(object)  # the new Settings
    autostart_wanted = Signal(bool)

    changes_account = staticmethod(changes_account)

    def __init__(
        self,
        settings: Settings,
        *,
        autostart: bool,
        platform: str = sys.platform,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("trayscore - settings"))
        self.setAccessibleName(self.windowTitle())
        self._settings = settings
        self._autostart = autostart
        self._platform = platform
        self.errors: dict[str, str] = {}
        self._fitted_height: int | None = None
        self.account = QGroupBox(self.tr("Account"), self)
        self.account.setObjectName("accountGroup")
        self._make_account(settings)
        self.tenants = TenantsGroup(settings, self.line_edits["tenant"].text, self)
        self.tenants.changed.connect(self._validate)
        form = QFormLayout()
        self._make_source(form, settings)
        appearance = appearance_fields(form, settings, self)
        self.refresh, self.icon_style = appearance.refresh, appearance.icon_style
        self.icon_number, self.language = appearance.icon_number, appearance.language
        self.notifications = notification_fields(settings, self)
        self.kinds = self.notifications.kinds
        self.rise_points = self.notifications.rise_points
        self.outage_minutes = self.notifications.outage_minutes
        self.autostart = QCheckBox(self.tr("Start tr&ayscore when I sign in"), self)
        self.autostart.setObjectName("autostart")
        self.autostart.setChecked(autostart)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.setObjectName("buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setObjectName("applyButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.clicked.connect(self._clicked)
        groups: list[QWidget | QLayout] = [self.account, self.tenants, form]
        groups += [self.notifications.group, self.autostart]
        if settings.warnings:  # e.g. an unknown value in the administrator's policy: first
            groups.insert(0, warnings_label(settings.warnings, self))
        self.body, self.scroll_area = scrolling_body(self, groups, self.buttons)
        self._set_tab_order()
        self._lock(settings.locked)
        self._validate()

    def _lock(self, keys: frozenset[str]) -> None:
        """Keys an administrator set for every user are shown, greyed, with the reason."""
        widgets: dict[str, QWidget] = {
            "cloud": self.cloud,
            "region": self.region,
            "refresh_minutes": self.refresh,
            "sign_in_method": self.sign_in,
            "use_broker": self.sign_in,
            "icon_style": self.icon_style,
            "icon_number": self.icon_number,
            "language": self.language,
            "source": self.source,
            **self.line_edits,
        }
        lock_fields(widgets, keys, self._settings.from_environment)

    # ---- building ------------------------------------------------------------------------

    def _make_account(self, settings: Settings) -> None:
        account = account_fields(QFormLayout(self.account), settings, self._platform, self)
        self.line_edits, self.error_labels = account.line_edits, account.error_labels
        self.cloud, self.region, self.sign_in = account.cloud, account.region, account.sign_in
        for edit in self.line_edits.values():
            edit.textChanged.connect(self._validate)
        self.cloud.currentIndexChanged.connect(self._cloud_changed)

    def _make_source(self, form: QFormLayout, settings: Settings) -> None:
        self.source = QComboBox(self)
        self.source.setObjectName("source")
        for name in SOURCE_NAMES:
            spec = source_named(name)
            self.source.addItem(source_title(name), name)
            self.source.setItemData(
                self.source.count() - 1,
                self.tr("Permission: {permission}").format(permission=spec.permission),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.source.setCurrentIndex(max(0, self.source.findData(settings.source)))
        form.addRow(self.tr("Score sho&wn in the icon:"), self.source)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.line_edits["tenant"],
            self.line_edits["client_id"],
            self.cloud,
            self.region,
            self.sign_in,
            *self.tenants.tab_chain(),
            self.source,
            self.refresh,
            self.icon_style,
            self.icon_number,
            self.language,
        ]
        chain += [*self.notifications.tab_chain(), self.autostart, self.buttons]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- behaviour -----------------------------------------------------------------------

    def _cloud_changed(self) -> None:
        fill_regions(self.cloud, self.region, str(self.region.currentData()))
        self._validate()

    def values(self) -> dict[str, object]:
        """The settings keys as the widgets hold them (for :func:`validate_fields`)."""
        values: dict[str, object] = {
            "tenant": None if self.tenants.rows else self.line_edits["tenant"].text(),
            "client_id": self.line_edits["client_id"].text(),
            "cloud": self.cloud.currentData(),
            "region": self.region.currentData(),
            "refresh_minutes": self.refresh.value(),
            "sign_in_method": self.sign_in_method(),
            "icon_style": self.icon_style.currentData(),
            "icon_number": self.icon_number.isChecked(),
            "language": self.language.currentData(),
            "source": self.source.currentData(),
            "notifications": self.notifications.values(),
            "tenants": [as_table(entry) for entry in self.tenants.entries or ()],
        }
        # Not editable here, but kept: applying must not drop a hand-written override.
        for key in ("api_url", "graph_url", "authority", "defender_resource"):
            if getattr(self._settings, key) is not None:
                values[key] = getattr(self._settings, key)
        return values

    def _list_names_tenants(self, listed: bool) -> None:
        """With a list, each entry names its tenant: the Account group's is not used then."""
        tenant = self.line_edits["tenant"]
        if "tenant" in self._settings.locked | self._settings.from_environment:
            return  # greyed with its own reason
        tenant.setEnabled(not listed)
        tenant.setToolTip(self.tr("Each tenant in the list names its own") if listed else "")

    def sign_in_method(self) -> str:
        """``browser``, ``device_code`` or ``broker``."""
        return str(self.sign_in.currentData())

    def _validate(self) -> Settings | None:
        entries = self.tenants.check(self.line_edits["client_id"].text())
        settings, self.errors = validate_fields(self.values())
        listed = bool(self.tenants.rows)  # then each entry names its tenant, checked there
        filled = {key: bool(edit.text().strip()) for key, edit in self.line_edits.items()}
        if not listed and any(filled.values()) and not all(filled.values()):
            for key in (key for key, there in filled.items() if not there):  # half signs no one in
                self.errors[key] = self.tr("Required: enter both the tenant and the client ID.")
            settings = None
        if entries is None:
            settings = None
        self._list_names_tenants(listed)
        for key, label in self.error_labels.items():
            message = shown_error(self.errors.get(key, ""))
            label.setText(message)
            label.setVisible(bool(message))
            self.line_edits[key].setAccessibleDescription(message)  # read with the field
        layout = self.body.layout()
        if layout is not None:
            # Grow to show a wrapped error in full; shrink back when it goes, unless the user
            # chose a height of their own since; never taller than the screen (the groups
            # scroll). The account group's own layout first: the errors live in it, and its
            # size hint is cached until it is activated.
            for inner in (self.account.layout(), *self.tenants.layouts()):
                if inner is not None:
                    inner.activate()
            layout.activate()
            needed = fitted_height(self, layout, self.buttons)
            fitted = self.height() == self._fitted_height
            height = needed if fitted else max(self.height(), needed)
            self.resize(self.width(), height)
            self._fitted_height = height
        valid = settings is not None
        self.ok_button.setEnabled(valid)
        self.apply_button.setEnabled(valid)
        self.ok_button.setText(
            self.tr("OK && sign in") if self.signs_in(settings) else self.tr("OK")
        )
        return settings

    def signs_in(self, settings: Settings | None) -> bool:
        """Whether applying ``settings`` completes a setup, after which sign-in starts at once."""
        was_set_up = bool(
            self._settings.client_id and (self._settings.tenant or self._settings.authority)
        )
        return (  # a new list of tenants restarts trayscore instead
            settings is not None
            and not was_set_up
            and not settings.tenants
            and bool(settings.tenant and settings.client_id)
        )

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.cancel_button:
            self.reject()
        elif button is self.apply_button:
            self.apply()
        elif button is self.ok_button and self.apply():
            self.accept()

    def apply(self) -> bool:
        """Emit the edited settings (and the autostart wish if it changed); False if invalid."""
        settings = self._validate()
        if settings is None:
            return False
        self._settings = settings
        self.applied.emit(settings)
        if self.autostart.isChecked() != self._autostart:
            self._autostart = self.autostart.isChecked()
            self.autostart_wanted.emit(self._autostart)
        return True
