"""The settings dialog: edit the settings file's values with the checks start-up runs.

It only reports what the user chose: ``applied`` carries the new :class:`Settings` and
``autostart_wanted`` the start-at-login wish; the app writes the file, signs out when
:func:`changes_account` says so, and registers the autostart entry.
"""

from __future__ import annotations

import itertools
import sys
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trayscore.core.catalog import SOURCE_NAMES, source_named
from trayscore.core.clouds import AUTO_REGION, CLOUDS
from trayscore.core.links import REGISTRATION_GUIDE_URL
from trayscore.settings.file import changes_account, validate_fields
from trayscore.settings.model import SIGN_IN_METHODS, Settings
from trayscore.ui.settings_fields import (
    appearance_fields,
    lock_fields,
    notification_fields,
    warnings_label,
)
from trayscore.ui.texts import source_title

BROKER_PLATFORMS: Final = frozenset({"win32", "darwin"})

__all__ = ["SettingsDialog", "changes_account"]


class SettingsDialog(QDialog):
    """Cloud, region, tenant, client ID, sign-in, refresh, notifications, start at login."""

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
        self._make_account(QFormLayout(self.account), settings)
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
        layout = QVBoxLayout(self)
        if settings.warnings:  # e.g. an unknown value in the administrator's policy
            layout.addWidget(warnings_label(settings.warnings, self))
        layout.addWidget(self.account)  # first: nothing works until it is filled in
        layout.addLayout(form)
        layout.addWidget(self.notifications.group)
        layout.addWidget(self.autostart)
        layout.addWidget(self.buttons)
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

    def _make_account(self, form: QFormLayout, settings: Settings) -> None:
        help_label = QLabel(
            self.tr(
                'Your administrator has the tenant and client ID (<a href="{url}">how to register '
                "trayscore</a>)."
            ).format(url=REGISTRATION_GUIDE_URL),
            self,
        )
        help_label.setObjectName("accountHelp")
        help_label.setWordWrap(True)
        help_label.setOpenExternalLinks(True)
        help_label.setAccessibleName(self.tr("Where the tenant and client ID come from"))
        form.addRow(help_label)
        self.line_edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        texts = {
            "tenant": (
                self.tr("&Tenant:"),
                self.tr("tenant GUID or contoso.onmicrosoft.com"),
                settings.tenant,
            ),
            "client_id": (
                self.tr("Client &ID:"),
                self.tr("application (client) ID, a GUID"),
                settings.client_id,
            ),
        }
        for key, (label, placeholder, value) in texts.items():
            edit = QLineEdit(value or "", self)
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            edit.textChanged.connect(self._validate)
            error = QLabel(self)
            error.setObjectName(f"{key}Error")
            error.setWordWrap(True)
            error.setStyleSheet("color: #c62828")
            error.hide()
            self.line_edits[key] = edit
            self.error_labels[key] = error
            form.addRow(label, edit)
            form.addRow("", error)
        self.cloud = QComboBox(self)
        self.cloud.setObjectName("cloud")
        titles = {
            "commercial": self.tr("Microsoft commercial cloud"),
            "gcc": self.tr("US Government Community Cloud (GCC)"),
            "gcc-high": self.tr("US Government GCC High"),
            "dod": self.tr("US Government DoD"),
        }
        for name, cloud in CLOUDS.items():
            self.cloud.addItem(titles.get(name, cloud.title), name)
        self.cloud.setCurrentIndex(max(0, self.cloud.findData(settings.cloud)))
        form.addRow(self.tr("&Cloud:"), self.cloud)
        self.region = QComboBox(self)
        self.region.setObjectName("region")
        form.addRow(self.tr("&Region:"), self.region)
        self._fill_regions(settings.region)
        self.cloud.currentIndexChanged.connect(self._cloud_changed)
        self._make_sign_in(form, settings)

    def _make_sign_in(self, form: QFormLayout, settings: Settings) -> None:
        self.sign_in = QComboBox(self)
        self.sign_in.setObjectName("signInMethod")
        names = {
            "browser": self.tr("System browser"),
            "device_code": self.tr("Device code"),
            "broker": self.tr("Operating system broker"),
        }
        for method in SIGN_IN_METHODS:
            self.sign_in.addItem(names[method], method)
        model = self.sign_in.model()
        if isinstance(model, QStandardItemModel) and self._platform not in BROKER_PLATFORMS:
            broker = model.item(SIGN_IN_METHODS.index("broker"))
            broker.setEnabled(False)
            broker.setToolTip(self.tr("Only on Windows and macOS"))
        self.sign_in.setCurrentIndex(max(0, self.sign_in.findData(settings.sign_in_method)))
        form.addRow(self.tr("&Sign in with:"), self.sign_in)

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

    def _fill_regions(self, wanted: str) -> None:
        cloud = CLOUDS[str(self.cloud.currentData())]
        self.region.blockSignals(True)  # noqa: FBT003 - Qt's own API
        self.region.clear()
        self.region.addItem(self.tr("Automatic"), AUTO_REGION)
        for name in cloud.regions:
            self.region.addItem(name, name)
        self.region.setCurrentIndex(max(0, self.region.findData(wanted)))
        self.region.blockSignals(False)  # noqa: FBT003 - Qt's own API

    def _cloud_changed(self) -> None:
        self._fill_regions(str(self.region.currentData()))
        self._validate()

    def values(self) -> dict[str, object]:
        """The settings keys as the widgets hold them (for :func:`validate_fields`)."""
        values: dict[str, object] = {
            "tenant": self.line_edits["tenant"].text(),
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
        }
        # Not editable here, but kept: applying must not drop a hand-written override.
        for key in ("api_url", "graph_url", "authority", "defender_resource"):
            if getattr(self._settings, key) is not None:
                values[key] = getattr(self._settings, key)
        return values

    def sign_in_method(self) -> str:
        """``browser``, ``device_code`` or ``broker``."""
        return str(self.sign_in.currentData())

    def _validate(self) -> Settings | None:
        settings, self.errors = validate_fields(self.values())
        filled = {key: bool(edit.text().strip()) for key, edit in self.line_edits.items()}
        if any(filled.values()) and not all(filled.values()):  # half a registration signs no one in
            for key in (key for key, there in filled.items() if not there):
                self.errors[key] = self.tr("Required: enter both the tenant and the client ID.")
            settings = None
        for key, label in self.error_labels.items():
            message = self.errors.get(key, "")
            if "; allowed: " in message:  # the field is right there: say only what is allowed
                allowed = message.split("; allowed: ", 1)[1].rstrip(".")
                message = self.tr("Allowed: {what}.").format(what=allowed)
            label.setText(message)
            label.setVisible(bool(message))
            self.line_edits[key].setAccessibleDescription(message)  # read with the field
        layout = self.layout()
        if layout is not None:
            # Grow to show a wrapped error in full; shrink back when it goes, unless the user
            # chose a height of their own since. The account group's own layout first: the
            # errors live in it, and its size hint is cached until it is activated.
            inner = self.account.layout()
            if inner is not None:
                inner.activate()
            layout.activate()
            needed = layout.totalHeightForWidth(self.width())
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
        return (
            settings is not None and not was_set_up and bool(settings.tenant and settings.client_id)
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
