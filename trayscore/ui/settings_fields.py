"""The settings dialog's groups of fields, each built apart, and its locked-field marking.

The dialog arranges them, keeps the tab order and validates; these builders only make the
widgets, with the object names tests and assistive technology find them by. Every string keeps
the translation context "SettingsDialog" it had as the dialog's own ``self.tr``, so the
catalogues stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trayscore.settings.model import (
    ENV_OVERRIDES,
    OUTAGE_MINUTES_RANGE,
    REFRESH_MINUTES_RANGE,
    RISE_POINTS_RANGE,
    Settings,
)

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

NOTIFICATION_KINDS: Final = ("band_change", "score_rise", "sign_in", "outage", "recovery")
ERROR_COLOUR: Final = "#c62828"


def error_label(name: str, parent: QWidget) -> QLabel:
    """The line under a field that says what is wrong with it; hidden while nothing is."""
    error = QLabel(parent)
    error.setObjectName(name)
    error.setWordWrap(True)
    error.setStyleSheet(f"color: {ERROR_COLOUR}")
    error.hide()
    return error


def shown_error(message: str) -> str:
    """A check's one line as said under its field: only what is allowed, the field is right there.

    ``...; allowed: X.`` becomes ``Allowed: X.``; any other line stays as it is.
    """
    if "; allowed: " in message:
        allowed = message.split("; allowed: ", 1)[1].rstrip(".")
        return translate("SettingsDialog", "Allowed: {what}.").format(what=allowed)
    return message


def warnings_label(warnings: tuple[str, ...], parent: QWidget) -> QLabel:
    """What could not be used of the settings files or the policy, said where they are set.

    The sentences name files, keys and registry values, so they stay as written.
    """
    heading = translate("SettingsDialog", "Some settings could not be used:")
    label = QLabel("\n".join([heading, *warnings]), parent)
    label.setObjectName("settingsWarnings")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(heading)
    return label


def lock_fields(
    widgets: Mapping[str, QWidget], locked: Set[str], from_environment: Set[str]
) -> None:
    """Keys an administrator set for every user are shown, greyed, with the reason.

    So are keys an environment variable sets for this session (naming the variable), unless
    the administrator set them too: the policy wins, and its reason is the one to give.
    """
    for key in locked:
        widget = widgets.get(key)
        if widget is not None:
            widget.setEnabled(False)
            widget.setToolTip(translate("SettingsDialog", "Set by your administrator"))
            widget.setAccessibleDescription(widget.toolTip())
    variables = {key: variable for variable, key in ENV_OVERRIDES.items()}
    for key in from_environment - locked:
        widget = widgets.get(key)
        if widget is not None:
            widget.setEnabled(False)
            widget.setToolTip(
                translate(
                    "SettingsDialog", "Set for this session by the environment variable {name}"
                ).format(name=variables[key])
            )
            widget.setAccessibleDescription(widget.toolTip())


@dataclass(frozen=True)
class AppearanceFields:
    """How often to refresh, how the icon looks, and the language: one row each in the form."""

    refresh: QSpinBox
    icon_style: QComboBox
    icon_number: QCheckBox
    language: QComboBox


def appearance_fields(form: QFormLayout, settings: Settings, parent: QWidget) -> AppearanceFields:
    """Add the refresh, icon and language rows to ``form``, set to ``settings``."""
    refresh = QSpinBox(parent)
    refresh.setObjectName("refresh_minutes")
    refresh.setRange(*REFRESH_MINUTES_RANGE)
    refresh.setSuffix(translate("SettingsDialog", " min"))
    refresh.setValue(settings.refresh_minutes)
    form.addRow(translate("SettingsDialog", "Re&fresh every:"), refresh)
    icon_style = QComboBox(parent)
    icon_style.setObjectName("icon_style")
    icon_style.addItem(translate("SettingsDialog", "Colour"), "colour")
    icon_style.addItem(translate("SettingsDialog", "Monochrome"), "monochrome")
    icon_style.setCurrentIndex(max(0, icon_style.findData(settings.icon_style)))
    icon_number = QCheckBox(translate("SettingsDialog", "Show the nu&mber"), parent)
    icon_number.setObjectName("icon_number")
    icon_number.setChecked(settings.icon_number)
    icon_row = QHBoxLayout()
    icon_row.addWidget(icon_style)
    icon_row.addWidget(icon_number)
    icon_row.addStretch()
    icon_label = QLabel(translate("SettingsDialog", "Ic&on:"), parent)
    icon_label.setBuddy(icon_style)  # a row of two widgets gets no buddy by itself
    form.addRow(icon_label, icon_row)
    language = QComboBox(parent)
    language.setObjectName("language")
    # Each language by its own name, so a user lost in the wrong one still finds theirs.
    language.addItem(translate("SettingsDialog", "System language"), "auto")
    language.addItem("English", "en")
    language.addItem("Français", "fr")
    language.setCurrentIndex(max(0, language.findData(settings.language)))
    language.setToolTip(translate("SettingsDialog", "Takes effect when trayscore starts again"))
    form.addRow(translate("SettingsDialog", "&Language:"), language)
    return AppearanceFields(refresh, icon_style, icon_number, language)


@dataclass(frozen=True)
class NotificationFields:
    """The notifications group: a box per kind, and the two thresholds that go with two kinds."""

    group: QGroupBox
    kinds: dict[str, QCheckBox]
    rise_points: QSpinBox
    outage_minutes: QSpinBox

    def values(self) -> dict[str, object]:
        """The ``notifications`` settings table as the widgets hold it."""
        values: dict[str, object] = {kind: box.isChecked() for kind, box in self.kinds.items()}
        values["rise_points"] = self.rise_points.value()
        values["outage_minutes"] = self.outage_minutes.value()
        return values

    def tab_chain(self) -> list[QWidget]:
        """The fields in reading order: each threshold right after the box it belongs to."""
        chain: list[QWidget] = []
        for kind in NOTIFICATION_KINDS:
            chain.append(self.kinds[kind])
            if kind == "score_rise":
                chain.append(self.rise_points)
            elif kind == "outage":
                chain.append(self.outage_minutes)
        return chain


def notification_fields(settings: Settings, parent: QWidget) -> NotificationFields:
    """The notifications group, set to ``settings``; a threshold is enabled with its kind."""
    group = QGroupBox(translate("SettingsDialog", "Notifications"), parent)
    group.setObjectName("notifications")
    form = QFormLayout(group)
    labels = {
        "band_change": translate("SettingsDialog", "&Band changes"),
        "score_rise": translate("SettingsDialog", "Score ris&es"),
        "sign_in": translate("SettingsDialog", "Sign-in &needed"),
        "outage": translate("SettingsDialog", "O&utages"),
        "recovery": translate("SettingsDialog", "Reco&very after an outage"),
    }
    current = settings.notifications
    thresholds = {  # the kind a threshold belongs to: its name, range, unit, label and value
        "score_rise": (
            "rise_points",
            RISE_POINTS_RANGE,
            translate("SettingsDialog", " points"),
            translate("SettingsDialog", "Rise of at least:"),
            current.rise_points,
        ),
        "outage": (
            "outage_minutes",
            OUTAGE_MINUTES_RANGE,
            translate("SettingsDialog", " min"),
            translate("SettingsDialog", "Outage longer than:"),
            current.outage_minutes,
        ),
    }
    kinds: dict[str, QCheckBox] = {}
    spins: dict[str, QSpinBox] = {}
    for kind in NOTIFICATION_KINDS:
        box = QCheckBox(labels[kind], group)
        box.setObjectName(f"notify_{kind}")
        box.setChecked(bool(getattr(current, kind)))
        kinds[kind] = box
        form.addRow(box)
        if kind in thresholds:  # right after its box, in the form as in the tab order
            name, (low, high), suffix, label, value = thresholds[kind]
            spin = QSpinBox(group)
            spin.setObjectName(name)
            spin.setRange(low, high)
            spin.setSuffix(suffix)
            spin.setValue(value)
            form.addRow(label, spin)
            box.toggled.connect(spin.setEnabled)
            spin.setEnabled(box.isChecked())
            spins[kind] = spin
    return NotificationFields(group, kinds, spins["score_rise"], spins["outage"])


def scrolling_body(
    dialog: QWidget, groups: list[QWidget | QLayout], buttons: QWidget
) -> tuple[QWidget, QScrollArea]:
    """The dialog's groups in a scroll area, its buttons below it, always in view.

    A list of tenants makes the dialog taller than a 768-pixel laptop screen; the groups then
    scroll instead of the OK button falling off the screen.
    """
    body = QWidget(dialog)
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 0, 0)
    for group in groups:
        if isinstance(group, QLayout):
            inner.addLayout(group)
        else:
            inner.addWidget(group)
    area = QScrollArea(dialog)
    area.setObjectName("settingsScroll")
    area.setAccessibleName(dialog.windowTitle())
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area, 1)
    layout.addWidget(buttons)
    return body, area


def fitted_height(dialog: QWidget, body: QLayout, buttons: QWidget) -> int:
    """The dialog's height that shows every group, but never taller than 90% of the screen."""
    outer = dialog.layout()
    margins = outer.contentsMargins() if outer is not None else QMargins()
    spacing = outer.spacing() if outer is not None else 0
    width = dialog.width() - margins.left() - margins.right()
    needed = body.totalHeightForWidth(width) + buttons.sizeHint().height()
    needed += margins.top() + margins.bottom() + spacing
    screen = dialog.screen()
    if screen is not None:
        needed = min(needed, int(screen.availableGeometry().height() * 0.9))
    return needed
