"""The Group Policy templates (packaging/admx.py) match what the HKLM policy reader accepts.

Structure per Microsoft Learn, "ADMX syntax" / "ADML syntax" (the ADMX schema's
policyDefinitions / policyDefinitionResources, namespace
http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions): every ``$(string.ID)``
and ``$(presentation.ID)`` of the .admx must be defined in each language's .adml, and every
presentation control's refId must name an element of its policy.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings.model import load_settings
from trayscore.settings.registry import (
    NOTIFICATION_NAMES,
    NOTIFICATIONS_KEY,
    POLICY_KEY,
    VALUE_NAMES,
    policy_values,
)

ROOT = Path(__file__).resolve().parents[2]
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
REFERENCE = re.compile(r"\$\((string|presentation)\.([^)]+)\)")
CONTROLS = {"textBox", "decimalTextBox", "dropdownList", "multiTextBox"}


def load_admx() -> ModuleType:
    # packaging/ must not be a package (it would shadow PyPI's packaging): loaded by path.
    spec = importlib.util.spec_from_file_location("admx", ROOT / "packaging" / "admx.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ET.Element]:
    """The written files, parsed back: "admx", "en-US", "fr-FR"."""
    out = tmp_path_factory.mktemp("admx")
    written = load_admx().write_templates(out)
    assert [path.relative_to(out).as_posix() for path in written] == [
        "trayscore.admx",
        "en-US/trayscore.adml",
        "fr-FR/trayscore.adml",
    ]
    parsed = {"admx": ET.parse(out / "trayscore.admx").getroot()}  # noqa: S314 - written here
    for language in ("en-US", "fr-FR"):
        parsed[language] = ET.parse(out / language / "trayscore.adml").getroot()  # noqa: S314
    return parsed


class Registry:
    def __init__(self, keys: dict[str, dict[str, object]]) -> None:
        self.keys = keys

    def values(self, key: str) -> Mapping[str, object] | None:
        return self.keys.get(key)


def policies(admx: ET.Element) -> list[ET.Element]:
    return admx.findall("p:policies/p:policy", NS)


def test_the_files_are_the_schemas_documents(templates: dict[str, ET.Element]) -> None:
    # GIVEN the written templates THEN each root is the schema's element, in its namespace
    assert templates["admx"].tag == f"{{{NS['p']}}}policyDefinitions"
    for language in ("en-US", "fr-FR"):
        assert templates[language].tag == f"{{{NS['p']}}}policyDefinitionResources"
        assert templates[language].get("revision") == templates["admx"].get("revision")


def test_every_value_the_reader_accepts_has_a_machine_policy_at_its_key(
    templates: dict[str, ET.Element],
) -> None:
    # GIVEN the reader's value names, main key and Notifications subkey
    expected = {(POLICY_KEY, name) for name in VALUE_NAMES}
    expected |= {(NOTIFICATIONS_KEY, name) for name in NOTIFICATION_NAMES}
    # THEN the ADMX has exactly one per-machine policy for each, writing that value
    found = set()
    for policy in policies(templates["admx"]):
        assert policy.get("class") == "Machine"  # the reader reads HKLM only
        names = {element.get("valueName") for element in policy.iter() if element.get("valueName")}
        assert len(names) == 1, policy.get("name")
        found.add((policy.get("key"), names.pop()))
    assert found == expected


def test_every_reference_resolves_in_each_language(templates: dict[str, ET.Element]) -> None:
    # GIVEN every $(string.X) and $(presentation.X) the ADMX uses
    text = ET.tostring(templates["admx"], encoding="unicode")
    wanted = {(kind, name) for kind, name in REFERENCE.findall(text)}
    for language in ("en-US", "fr-FR"):
        adml = templates[language]
        strings = {s.get("id"): s.text for s in adml.iterfind(".//p:stringTable/p:string", NS)}
        shown = {p.get("id") for p in adml.iterfind(".//p:presentationTable/p:presentation", NS)}
        # THEN each is defined, with text, in this language
        for kind, name in wanted:
            if kind == "string":
                assert strings.get(name), f"{language}: no string {name}"
            else:
                assert name in shown, f"{language}: no presentation {name}"


def test_each_dialog_control_names_an_element_of_its_policy(
    templates: dict[str, ET.Element],
) -> None:
    elements = {
        policy.get("name"): {e.get("id") for e in policy.iterfind("p:elements/*", NS)}
        for policy in policies(templates["admx"])
    }
    for language in ("en-US", "fr-FR"):
        for presentation in templates[language].iterfind(".//p:presentation", NS):
            for control in presentation:
                # THEN a known control type, bound to its policy's element
                assert control.tag.split("}")[1] in CONTROLS
                assert control.get("refId") in elements[presentation.get("id")]


def test_both_languages_define_the_same_strings(templates: dict[str, ET.Element]) -> None:
    ids = {
        language: [s.get("id") for s in templates[language].iterfind(".//p:string", NS)]
        for language in ("en-US", "fr-FR")
    }
    assert ids["en-US"] == ids["fr-FR"]


def policy_choices(admx: ET.Element) -> list[tuple[str, str, str]]:
    """(key, value name, value) for every enum item and both ends of every range."""
    found: list[tuple[str, str, str]] = []
    for policy in policies(admx):
        key = str(policy.get("key"))
        for item in policy.iterfind("p:elements/p:enum", NS):
            values = item.iterfind("p:item/p:value/p:string", NS)
            found.extend((key, str(item.get("valueName")), str(value.text)) for value in values)
    return found


def test_every_choice_the_templates_offer_is_accepted_by_the_settings(
    templates: dict[str, ET.Element], tmp_path: Path
) -> None:
    # GIVEN each value an administrator can pick in a dropdown
    choices = policy_choices(templates["admx"])
    assert choices
    for key, name, value in choices:
        # WHEN the reader and the settings' validators get it
        found = policy_values(Registry({POLICY_KEY: {}, key: {name: value}}))
        assert found is not None
        # THEN it is accepted (a ConfigError would mean the template offers a refused value)
        load_settings(tmp_path / "none.toml", {}, policy=found)


def test_the_ranges_are_the_validators_own(
    templates: dict[str, ET.Element], tmp_path: Path
) -> None:
    for policy in policies(templates["admx"]):
        for number in policy.iterfind("p:elements/p:decimal", NS):
            key, name = str(policy.get("key")), str(number.get("valueName"))
            low, high = int(str(number.get("minValue"))), int(str(number.get("maxValue")))
            # GIVEN both ends of the offered range THEN the settings accept them
            for value in (low, high):
                found = policy_values(Registry({POLICY_KEY: {}, key: {name: value}}))
                assert found is not None
                load_settings(tmp_path / "none.toml", {}, policy=found)
            # AND just outside it is refused, so the range is not narrower than needed
            found = policy_values(Registry({POLICY_KEY: {}, key: {name: high + 1}}))
            assert found is not None
            with pytest.raises(ConfigError):
                load_settings(tmp_path / "none.toml", {}, policy=found)
