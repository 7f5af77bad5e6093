"""Group Policy templates (ADMX + ADML) for every value trayscore's HKLM policy reader accepts.

Generated, never hand-edited: the value names come from trayscore/settings/registry.py
(VALUE_NAMES, NOTIFICATION_NAMES, derived from trayscore/settings/schema.py's rows) and the
allowed values and ranges from the checks those rows name, so a template cannot offer what the
app would refuse, nor miss a value it reads.
Only the wording below is written by hand, once per value and language.

Format: Microsoft Learn, "ADMX syntax" and "ADML syntax" (Group Policy ADMX schema, namespace
http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions). Run
``python3 packaging/admx.py OUT`` for OUT/trayscore.admx, OUT/en-US/trayscore.adml and
OUT/fr-FR/trayscore.adml; packaging/build.py windows does it.
"""

# ruff: noqa: E501 - the wording table keeps each sentence on one line
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from trayscore.settings.checks import Choice, WholeNumber  # noqa: E402 - from this tree, whoever runs this file
from trayscore.settings.registry import (  # noqa: E402
    FLAGS,
    NOTIFICATION_NAMES,
    NOTIFICATIONS_KEY,
    POLICY_KEY,
    VALUE_NAMES,
)
from trayscore.settings.schema import KEYS, NOTIFICATION_KEYS, locked_keys  # noqa: E402

NAMESPACE = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
TARGET_NAMESPACE = "Trayscore.Policies.Trayscore"
LANGUAGES = ("en-US", "fr-FR")
TOP, NOTIFY = "trayscore", "trayscore_Notifications"
SUPPORTED = "SUPPORTED_trayscore"

# The allowed strings of each choice, the bounds of each number and the lists: the rows' checks.
CHOICES: dict[str, tuple[str, ...]] = {
    row.name: row.check.options for row in KEYS + NOTIFICATION_KEYS if isinstance(row.check, Choice)
}
RANGES: dict[str, tuple[int, int]] = {
    row.name: row.check.bounds
    for row in KEYS + NOTIFICATION_KEYS
    if isinstance(row.check, WholeNumber)
}
LISTS = frozenset(row.name for row in KEYS if row.check is locked_keys)

# Wording: settings key -> language -> (name, explanation). Every key the reader accepts must
# have both languages: the generator refuses to write a template without them.
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "tenant": {
        "en-US": (
            "Tenant",
            "The Entra tenant: its GUID, a domain such as contoso.onmicrosoft.com, or organizations.",
        ),
        "fr-FR": (
            "Locataire",
            "Le locataire Entra : son GUID, un domaine comme contoso.onmicrosoft.com, ou organizations.",
        ),
    },
    "client_id": {
        "en-US": (
            "Application (client) ID",
            "The application (client) ID of the app registration users sign in with, a GUID.",
        ),
        "fr-FR": (
            "ID d'application (client)",
            "L'ID d'application (client) de l'inscription d'application utilisée pour se connecter, un GUID.",
        ),
    },
    "cloud": {
        "en-US": ("Cloud", "The Microsoft cloud the tenant lives in."),
        "fr-FR": ("Cloud", "Le cloud Microsoft du locataire."),
    },
    "region": {
        "en-US": ("API region", "The Defender API region; auto picks the nearest."),
        "fr-FR": ("Région de l'API", "La région de l'API Defender ; auto choisit la plus proche."),
    },
    "refresh_minutes": {
        "en-US": ("Refresh interval (minutes)", "How often the score is read, in minutes."),
        "fr-FR": (
            "Intervalle d'actualisation (minutes)",
            "La fréquence de lecture du score, en minutes.",
        ),
    },
    "api_url": {
        "en-US": ("Defender API URL", "Overrides the Defender API's base URL (https only)."),
        "fr-FR": (
            "URL de l'API Defender",
            "Remplace l'URL de base de l'API Defender (https uniquement).",
        ),
    },
    "graph_url": {
        "en-US": ("Microsoft Graph URL", "Overrides Microsoft Graph's base URL (https only)."),
        "fr-FR": (
            "URL de Microsoft Graph",
            "Remplace l'URL de base de Microsoft Graph (https uniquement).",
        ),
    },
    "authority": {
        "en-US": ("Sign-in authority", "Overrides the sign-in authority (https only)."),
        "fr-FR": ("Autorité de connexion", "Remplace l'autorité de connexion (https uniquement)."),
    },
    "defender_resource": {
        "en-US": (
            "Defender API resource",
            "Overrides the token audience of the Defender API (an https URL without a path).",
        ),
        "fr-FR": (
            "Ressource de l'API Defender",
            "Remplace l'audience des jetons de l'API Defender (une URL https sans chemin).",
        ),
    },
    "source": {
        "en-US": ("Score shown", "Which score the tray shows."),
        "fr-FR": ("Score affiché", "Le score affiché dans la zone de notification."),
    },
    "sign_in_method": {
        "en-US": (
            "Sign-in method",
            "How users sign in: the browser, a device code, or the Windows broker (WAM).",
        ),
        "fr-FR": (
            "Méthode de connexion",
            "Comment se connecter : le navigateur, un code d'appareil ou le courtier Windows (WAM).",
        ),
    },
    "icon_style": {
        "en-US": ("Icon style", "A coloured or a monochrome tray icon."),
        "fr-FR": ("Style de l'icône", "Une icône en couleur ou monochrome."),
    },
    "icon_number": {
        "en-US": (
            "Number in the icon",
            "Enabled: the score's number is drawn in the icon. Disabled: the band colour only.",
        ),
        "fr-FR": (
            "Nombre dans l'icône",
            "Activé : le score est écrit dans l'icône. Désactivé : seulement la couleur.",
        ),
    },
    "language": {
        "en-US": ("Language", "The interface language; auto follows Windows."),
        "fr-FR": ("Langue", "La langue de l'interface ; auto suit Windows."),
    },
    "locked": {
        "en-US": (
            "Locked settings",
            "Settings users cannot change, one per line (for example Tenant, ClientId, Cloud).",
        ),
        "fr-FR": (
            "Réglages verrouillés",
            "Les réglages que les utilisateurs ne peuvent pas modifier, un par ligne (par exemple Tenant, ClientId, Cloud).",
        ),
    },
    "band_change": {
        "en-US": (
            "Notify when the band changes",
            "A notification when the score moves to another band.",
        ),
        "fr-FR": (
            "Notifier un changement de niveau",
            "Une notification quand le score change de niveau.",
        ),
    },
    "score_rise": {
        "en-US": (
            "Notify when the score rises",
            "A notification when the score rises by the points set below.",
        ),
        "fr-FR": (
            "Notifier une hausse du score",
            "Une notification quand le score monte du nombre de points réglé.",
        ),
    },
    "sign_in": {
        "en-US": (
            "Notify when sign-in is needed",
            "A notification when the user must sign in again.",
        ),
        "fr-FR": (
            "Notifier une connexion nécessaire",
            "Une notification quand il faut se reconnecter.",
        ),
    },
    "outage": {
        "en-US": (
            "Notify about outages",
            "A notification when the score cannot be read for a while.",
        ),
        "fr-FR": (
            "Notifier les pannes",
            "Une notification quand le score reste illisible un moment.",
        ),
    },
    "recovery": {
        "en-US": (
            "Notify about recovery",
            "A notification when reading works again after an outage.",
        ),
        "fr-FR": (
            "Notifier le rétablissement",
            "Une notification quand la lecture refonctionne après une panne.",
        ),
    },
    "rise_points": {
        "en-US": (
            "Rise worth a notification (points)",
            "How many points the score must rise by to notify.",
        ),
        "fr-FR": (
            "Hausse notifiée (points)",
            "De combien de points le score doit monter pour notifier.",
        ),
    },
    "outage_minutes": {
        "en-US": (
            "Outage worth a notification (minutes)",
            "How many minutes without a score count as an outage.",
        ),
        "fr-FR": (
            "Panne notifiée (minutes)",
            "Combien de minutes sans score comptent comme une panne.",
        ),
    },
}
FIXED: dict[str, dict[str, str]] = {
    TOP: {"en-US": "trayscore", "fr-FR": "trayscore"},
    NOTIFY: {"en-US": "Notifications", "fr-FR": "Notifications"},
    SUPPORTED: {"en-US": "trayscore 0.1 or later", "fr-FR": "trayscore 0.1 ou ultérieur"},
    "description": {
        "en-US": "Settings of trayscore, the Microsoft Defender score in the tray, for every user of the machine.",
        "fr-FR": "Réglages de trayscore, le score Microsoft Defender dans la zone de notification, pour tous les utilisateurs de la machine.",
    },
}
LABELS = {"en-US": "Value:", "fr-FR": "Valeur :"}


class PolicyValue(NamedTuple):
    """One registry value a policy sets: its name, the settings key, its key and category."""

    value_name: str
    key: str
    registry_key: str
    category: str


def policy_values() -> list[PolicyValue]:
    """Every value the reader accepts, in its order: the main key, then Notifications."""
    values = [PolicyValue(name, key, POLICY_KEY, TOP) for name, key in VALUE_NAMES.items()]
    values += [
        PolicyValue(name, key, NOTIFICATIONS_KEY, NOTIFY)
        for name, key in NOTIFICATION_NAMES.items()
    ]
    return values


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, attributes)


def _string_id(*parts: str) -> str:
    return "_".join(part.replace("-", "_") for part in parts)


def admx() -> ET.Element:
    """The language-neutral template."""
    root = ET.Element("policyDefinitions", {"revision": "1.0", "schemaVersion": "1.0"})
    spaces = _sub(root, "policyNamespaces")
    _sub(spaces, "target", prefix="trayscore", namespace=TARGET_NAMESPACE)
    _sub(root, "resources", minRequiredRevision="1.0")
    supported = _sub(_sub(root, "supportedOn"), "definitions")
    _sub(supported, "definition", name=SUPPORTED, displayName=f"$(string.{SUPPORTED})")
    categories = _sub(root, "categories")
    _sub(categories, "category", name=TOP, displayName=f"$(string.{TOP})")
    notify = _sub(categories, "category", name=NOTIFY, displayName=f"$(string.{NOTIFY})")
    _sub(notify, "parentCategory", ref=TOP)
    policies = _sub(root, "policies")
    for value in policy_values():
        policies.append(_policy(value))
    return root


def _policy(value: PolicyValue) -> ET.Element:
    name = value.value_name
    policy = ET.Element(
        "policy",
        {
            "name": name,
            "class": "Machine",
            "displayName": f"$(string.{name})",
            "explainText": f"$(string.{name}_Explain)",
            "key": value.registry_key,
        },
    )
    _sub(policy, "parentCategory", ref=value.category)
    _sub(policy, "supportedOn", ref=SUPPORTED)
    if value.key in FLAGS:  # REG_DWORD 1 / 0, as windows_policy reads flags
        policy.set("valueName", name)
        _sub(_sub(policy, "enabledValue"), "decimal", value="1")
        _sub(_sub(policy, "disabledValue"), "decimal", value="0")
        return policy
    policy.set("presentation", f"$(presentation.{name})")
    elements = _sub(policy, "elements")
    if value.key in CHOICES:
        choice = _sub(elements, "enum", id=name, valueName=name, required="true")
        for option in CHOICES[value.key]:
            item = _sub(choice, "item", displayName=f"$(string.{_string_id(name, option)})")
            ET.SubElement(_sub(item, "value"), "string").text = option
    elif value.key in RANGES:
        low, high = RANGES[value.key]
        _sub(elements, "decimal", id=name, valueName=name, required="true",
             minValue=str(low), maxValue=str(high))  # fmt: skip
    elif value.key in LISTS:
        _sub(elements, "multiText", id=name, valueName=name)
    else:
        _sub(elements, "text", id=name, valueName=name, required="true")
    return policy


def adml(language: str) -> ET.Element:
    """The strings and dialog layouts of one language."""
    root = ET.Element("policyDefinitionResources", {"revision": "1.0", "schemaVersion": "1.0"})
    ET.SubElement(root, "displayName").text = "trayscore"
    ET.SubElement(root, "description").text = FIXED["description"][language]
    resources = _sub(root, "resources")
    strings = _sub(resources, "stringTable")
    presentations = _sub(resources, "presentationTable")

    def string(identifier: str, text: str) -> None:
        ET.SubElement(strings, "string", id=identifier).text = text

    for identifier in (TOP, NOTIFY, SUPPORTED):
        string(identifier, FIXED[identifier][language])
    for value in policy_values():
        name = value.value_name
        title, explanation = TEXTS[value.key][language]
        string(name, title)
        string(f"{name}_Explain", explanation)
        if value.key in FLAGS:
            continue
        for option in CHOICES.get(value.key, ()):
            string(_string_id(name, option), option)
        presentation = _sub(presentations, "presentation", id=name)
        if value.key in CHOICES:
            _sub(presentation, "dropdownList", refId=name, noSort="true").text = title
        elif value.key in RANGES:
            _sub(presentation, "decimalTextBox", refId=name).text = title
        elif value.key in LISTS:
            _sub(presentation, "multiTextBox", refId=name).text = title
        else:
            ET.SubElement(_sub(presentation, "textBox", refId=name), "label").text = LABELS[
                language
            ]
    return root


def _write(element: ET.Element, path: Path) -> None:
    element.set("xmlns", NAMESPACE)
    element.set("xmlns:xsd", "http://www.w3.org/2001/XMLSchema")
    element.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    ET.indent(element, space="  ")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ET.tostring(element, encoding="unicode", xml_declaration=False)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n", encoding="utf-8")


def write_templates(out: Path) -> list[Path]:
    """OUT/trayscore.admx and OUT/<language>/trayscore.adml; returns the files written."""
    written = [out / "trayscore.admx"]
    _write(admx(), written[0])
    for language in LANGUAGES:
        written.append(out / language / "trayscore.adml")
        _write(adml(language), written[-1])
    return written


if __name__ == "__main__":
    for path in write_templates(Path(sys.argv[1])):
        print(f"wrote {path}")
