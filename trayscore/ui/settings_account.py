"""The settings dialog's Account group: tenant, client ID, cloud, region and how to sign in.

Built apart from the dialog, which connects and validates them; strings keep the translation
context "SettingsDialog" they had as the dialog's own ``self.tr``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from trayscore.core.clouds import AUTO_REGION, CLOUDS
from trayscore.core.links import REGISTRATION_GUIDE_URL
from trayscore.settings.model import SIGN_IN_METHODS, Settings
from trayscore.ui.settings_fields import error_label

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

BROKER_PLATFORMS: Final = frozenset({"win32", "darwin"})


@dataclass(frozen=True)
class AccountFields:
    """The Account group's fields; ``line_edits`` and ``error_labels`` by settings key."""

    line_edits: dict[str, QLineEdit]
    error_labels: dict[str, QLabel]
    cloud: QComboBox
    region: QComboBox
    sign_in: QComboBox


def account_fields(
    form: QFormLayout, settings: Settings, platform: str, parent: QWidget
) -> AccountFields:
    """Add the Account group's rows to ``form``, set to ``settings``."""
    help_label = QLabel(
        translate(
            "SettingsDialog",
            'Your administrator has the tenant and client ID (<a href="{url}">how to register '
            "trayscore</a>).",
        ).format(url=REGISTRATION_GUIDE_URL),
        parent,
    )
    help_label.setObjectName("accountHelp")
    help_label.setWordWrap(True)
    help_label.setOpenExternalLinks(True)
    help_label.setAccessibleName(
        translate("SettingsDialog", "Where the tenant and client ID come from")
    )
    form.addRow(help_label)
    line_edits: dict[str, QLineEdit] = {}
    error_labels: dict[str, QLabel] = {}
    texts = {
        "tenant": (
            translate("SettingsDialog", "&Tenant:"),
            translate("SettingsDialog", "tenant GUID or contoso.onmicrosoft.com"),
            settings.tenant,
        ),
        "client_id": (
            translate("SettingsDialog", "Client &ID:"),
            translate("SettingsDialog", "application (client) ID, a GUID"),
            settings.client_id,
        ),
    }
    for key, (label, placeholder, value) in texts.items():
        edit = QLineEdit(value or "", parent)
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        line_edits[key] = edit
        error_labels[key] = error_label(f"{key}Error", parent)
        form.addRow(label, edit)
        form.addRow("", error_labels[key])
    cloud = QComboBox(parent)
    cloud.setObjectName("cloud")
    for name, title in cloud_titles().items():
        cloud.addItem(title, name)
    cloud.setCurrentIndex(max(0, cloud.findData(settings.cloud)))
    form.addRow(translate("SettingsDialog", "&Cloud:"), cloud)
    region = QComboBox(parent)
    region.setObjectName("region")
    form.addRow(translate("SettingsDialog", "&Region:"), region)
    fill_regions(cloud, region, settings.region)
    sign_in = QComboBox(parent)
    sign_in.setObjectName("signInMethod")
    names = {
        "browser": translate("SettingsDialog", "System browser"),
        "device_code": translate("SettingsDialog", "Device code"),
        "broker": translate("SettingsDialog", "Operating system broker"),
    }
    for method in SIGN_IN_METHODS:
        sign_in.addItem(names[method], method)
    model = sign_in.model()
    if isinstance(model, QStandardItemModel) and platform not in BROKER_PLATFORMS:
        broker = model.item(SIGN_IN_METHODS.index("broker"))
        broker.setEnabled(False)
        broker.setToolTip(translate("SettingsDialog", "Only on Windows and macOS"))
    sign_in.setCurrentIndex(max(0, sign_in.findData(settings.sign_in_method)))
    form.addRow(translate("SettingsDialog", "&Sign in with:"), sign_in)
    return AccountFields(line_edits, error_labels, cloud, region, sign_in)


def cloud_titles() -> dict[str, str]:
    """Each cloud's name in the user's language, in the cloud table's order."""
    titles = {
        "commercial": translate("SettingsDialog", "Microsoft commercial cloud"),
        "gcc": translate("SettingsDialog", "US Government Community Cloud (GCC)"),
        "gcc-high": translate("SettingsDialog", "US Government GCC High"),
        "dod": translate("SettingsDialog", "US Government DoD"),
    }
    return {name: titles.get(name, info.title) for name, info in CLOUDS.items()}


def fill_regions(cloud: QComboBox, region: QComboBox, wanted: str) -> None:
    """The chosen cloud's regions, "Automatic" first; ``wanted`` chosen if the cloud has it."""
    info = CLOUDS[str(cloud.currentData())]
    region.blockSignals(True)  # noqa: FBT003 - Qt's own API
    region.clear()
    region.addItem(translate("SettingsDialog", "Automatic"), AUTO_REGION)
    for name in info.regions:
        region.addItem(name, name)
    region.setCurrentIndex(max(0, region.findData(wanted)))
    region.blockSignals(False)  # noqa: FBT003 - Qt's own API
