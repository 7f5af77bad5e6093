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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trayscore.core.catalog import SOURCE_NAMES, source_named
from trayscore.core.clouds import AUTO_REGION, CLOUDS
from trayscore.settings.file import changes_account, validate_fields
from trayscore.settings.model import (
    ENV_OVERRIDES,
    OUTAGE_MINUTES_RANGE,
    REFRESH_MINUTES_RANGE,
    RISE_POINTS_RANGE,
    SIGN_IN_METHODS,
    Settings,
)
from trayscore.ui.texts import source_title

BROKER_PLATFORMS: Final = frozenset({"win32", "darwin"})
NOTIFICATION_KINDS: Final = ("band_change", "score_rise", "sign_in", "outage", "recovery")

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
        form = QFormLayout()
        self._make_account(form, settings)
        self._make_source(form, settings)
        self._make_refresh(form, settings)
        notifications = self._make_notifications(settings)
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
            layout.addWidget(self._warnings_label(settings.warnings))
        layout.addLayout(form)
        layout.addWidget(notifications)
        layout.addWidget(self.autostart)
        layout.addWidget(self.buttons)
        self._set_tab_order()
        self._lock(settings.locked)
        self._validate()

    def _warnings_label(self, warnings: tuple[str, ...]) -> QLabel:
        """What could not be used of the settings files or the policy, said where they are set.

        The sentences name files, keys and registry values, so they stay as written.
        """
        heading = self.tr("Some settings could not be used:")
        label = QLabel("\n".join([heading, *warnings]), self)
        label.setObjectName("settingsWarnings")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(heading)
        return label

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
        for key in keys:
            widget = widgets.get(key)
            if widget is not None:
                widget.setEnabled(False)
                widget.setToolTip(self.tr("Set by your administrator"))
                widget.setAccessibleDescription(widget.toolTip())
        variables = {key: variable for variable, key in ENV_OVERRIDES.items()}
        for key in self._settings.from_environment - keys:
            widget = widgets.get(key)
            if widget is not None:
                widget.setEnabled(False)
                widget.setToolTip(
                    self.tr("Set for this session by the environment variable {name}").format(
                        name=variables[key]
                    )
                )
                widget.setAccessibleDescription(widget.toolTip())

    # ---- building ------------------------------------------------------------------------

    def _make_account(self, form: QFormLayout, settings: Settings) -> None:
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

    def _make_refresh(self, form: QFormLayout, settings: Settings) -> None:
        self.refresh = QSpinBox(self)
        self.refresh.setObjectName("refresh_minutes")
        self.refresh.setRange(*REFRESH_MINUTES_RANGE)
        self.refresh.setSuffix(self.tr(" min"))
        self.refresh.setValue(settings.refresh_minutes)
        form.addRow(self.tr("Re&fresh every:"), self.refresh)
        self.icon_style = QComboBox(self)
        self.icon_style.setObjectName("icon_style")
        self.icon_style.addItem(self.tr("Colour"), "colour")
        self.icon_style.addItem(self.tr("Monochrome"), "monochrome")
        self.icon_style.setCurrentIndex(max(0, self.icon_style.findData(settings.icon_style)))
        self.icon_number = QCheckBox(self.tr("Show the nu&mber"), self)
        self.icon_number.setObjectName("icon_number")
        self.icon_number.setChecked(settings.icon_number)
        icon_row = QHBoxLayout()
        icon_row.addWidget(self.icon_style)
        icon_row.addWidget(self.icon_number)
        icon_row.addStretch()
        icon_label = QLabel(self.tr("Ic&on:"), self)
        icon_label.setBuddy(self.icon_style)  # a row of two widgets gets no buddy by itself
        form.addRow(icon_label, icon_row)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        # Each language by its own name, so a user lost in the wrong one still finds theirs.
        self.language.addItem(self.tr("System language"), "auto")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setToolTip(self.tr("Takes effect when trayscore starts again"))
        form.addRow(self.tr("&Language:"), self.language)

    def _make_notifications(self, settings: Settings) -> QGroupBox:
        group = QGroupBox(self.tr("Notifications"), self)
        group.setObjectName("notifications")
        form = QFormLayout(group)
        labels = {
            "band_change": self.tr("&Band changes"),
            "score_rise": self.tr("Score ris&es"),
            "sign_in": self.tr("Sign-in &needed"),
            "outage": self.tr("O&utages"),
            "recovery": self.tr("Reco&very after an outage"),
        }
        current = settings.notifications
        self.kinds: dict[str, QCheckBox] = {}
        for kind in NOTIFICATION_KINDS:
            box = QCheckBox(labels[kind], group)
            box.setObjectName(f"notify_{kind}")
            box.setChecked(bool(getattr(current, kind)))
            self.kinds[kind] = box
            form.addRow(box)
            if kind == "score_rise":
                self.rise_points = QSpinBox(group)
                self.rise_points.setObjectName("rise_points")
                self.rise_points.setRange(*RISE_POINTS_RANGE)
                self.rise_points.setSuffix(self.tr(" points"))
                self.rise_points.setValue(current.rise_points)
                form.addRow(self.tr("Rise of at least:"), self.rise_points)
                box.toggled.connect(self.rise_points.setEnabled)
                self.rise_points.setEnabled(box.isChecked())
            elif kind == "outage":
                self.outage_minutes = QSpinBox(group)
                self.outage_minutes.setObjectName("outage_minutes")
                self.outage_minutes.setRange(*OUTAGE_MINUTES_RANGE)
                self.outage_minutes.setSuffix(self.tr(" min"))
                self.outage_minutes.setValue(current.outage_minutes)
                form.addRow(self.tr("Outage longer than:"), self.outage_minutes)
                box.toggled.connect(self.outage_minutes.setEnabled)
                self.outage_minutes.setEnabled(box.isChecked())
        return group

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.cloud,
            self.region,
            self.line_edits["tenant"],
            self.line_edits["client_id"],
            self.sign_in,
            self.source,
            self.refresh,
            self.icon_style,
            self.icon_number,
            self.language,
        ]
        for kind in NOTIFICATION_KINDS:
            chain.append(self.kinds[kind])
            if kind == "score_rise":
                chain.append(self.rise_points)
            elif kind == "outage":
                chain.append(self.outage_minutes)
        chain += [self.autostart, self.buttons]
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
        notifications: dict[str, object] = {
            kind: box.isChecked() for kind, box in self.kinds.items()
        }
        notifications["rise_points"] = self.rise_points.value()
        notifications["outage_minutes"] = self.outage_minutes.value()
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
            "notifications": notifications,
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
            # chose a height of their own since.
            layout.activate()
            needed = layout.totalHeightForWidth(self.width())
            fitted = self.height() == self._fitted_height
            height = needed if fitted else max(self.height(), needed)
            self.resize(self.width(), height)
            self._fitted_height = height
        valid = settings is not None
        self.ok_button.setEnabled(valid)
        self.apply_button.setEnabled(valid)
        return settings

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
