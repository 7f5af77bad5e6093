r"""The Windows policy's list of tenants: Tenants\1, Tenants\2, ... read through a fake registry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings.file import settings_to_toml
from trayscore.settings.model import Settings, load_settings
from trayscore.settings.registry import (
    POLICY_SOURCE_NAME,
    TENANTS_KEY,
    TENANTS_SOURCE_NAME,
    Policy,
    policy_values,
)
from trayscore.settings.tenants import MAX_TENANTS

from tests.helpers.local_attacker import admin_settings
from tests.helpers.registry import FakeRegistry, with_tenants

CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
OTHER_CLIENT = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
ME = os.geteuid() if hasattr(os, "geteuid") else 0
CONTOSO: dict[str, object] = {"Name": "Contoso", "Tenant": "contoso.onmicrosoft.com"}
FABRIKAM: dict[str, object] = {
    "Name": "Fabrikam (GCC High)",
    "Tenant": "fabrikam.onmicrosoft.us",
    "Cloud": "gcc-high",
    "ClientId": OTHER_CLIENT,
    "Source": "secure-score",
}


def read(registry: FakeRegistry) -> Policy:
    found = policy_values(registry)
    assert found is not None
    return found


def listed(found: Policy) -> list[dict[str, object]]:
    """The policy's tenants list, as the reader hands it to the loader."""
    entries = found.values["tenants"]
    assert isinstance(entries, list)
    return entries


def loaded(policy: Policy, tmp_path: Path, user_text: str | None = None) -> Settings:
    user = tmp_path / "user.toml"
    if user_text is not None:
        user.write_text(user_text, encoding="utf-8")
    return load_settings(user, {}, policy=policy)


def test_two_numbered_subkeys_are_the_list_in_order(tmp_path: Path) -> None:
    # GIVEN a shared client ID and two entries, Tenants\1 and Tenants\2
    registry = with_tenants({"ClientId": CLIENT}, [CONTOSO, FABRIKAM])
    # WHEN the policy is read
    found = read(registry)
    # THEN the entries are the file's [[tenants]] tables, in their numbers' order
    assert found.values["tenants"] == [
        {"name": "Contoso", "tenant": "contoso.onmicrosoft.com"},
        {
            "name": "Fabrikam (GCC High)",
            "tenant": "fabrikam.onmicrosoft.us",
            "cloud": "gcc-high",
            "client_id": OTHER_CLIENT,
            "source": "secure-score",
        },
    ]
    assert found.warnings == ()
    # AND they load into the tray's tenants, each taking the shared keys it does not name
    contoso, fabrikam = loaded(found, tmp_path).profiles
    assert (contoso.name, contoso.settings.client_id) == ("Contoso", CLIENT)
    assert contoso.settings.tenant == "contoso.onmicrosoft.com"
    assert (fabrikam.name, fabrikam.settings.client_id) == ("Fabrikam (GCC High)", OTHER_CLIENT)
    assert (fabrikam.settings.cloud, fabrikam.settings.source) == ("gcc-high", "secure-score")


def test_value_names_match_whatever_their_case() -> None:
    # GIVEN an entry's values named in other cases, one as a REG_MULTI_SZ of one string
    registry = with_tenants({}, [{"NAME": "Contoso", "tenant": ["contoso.onmicrosoft.com"]}])
    # THEN they are read like the canonical names
    found = read(registry)
    assert found.values["tenants"] == [{"name": "Contoso", "tenant": "contoso.onmicrosoft.com"}]
    assert found.warnings == ()


def test_a_missing_number_ends_the_list() -> None:
    # GIVEN Tenants\1 and Tenants\3, but no Tenants\2
    registry = with_tenants({}, [CONTOSO])
    registry.keys[f"{TENANTS_KEY}\\3"] = FABRIKAM
    # WHEN the policy is read
    found = read(registry)
    # THEN the list stops at the gap, and nothing after it is asked for
    assert [entry["name"] for entry in listed(found)] == ["Contoso"]
    assert registry.asked[-1] == f"{TENANTS_KEY}\\2"


def test_without_tenants_1_the_policy_sets_no_list() -> None:
    # GIVEN a policy whose list would start at 2  WHEN read  THEN it sets no list at all
    assert "tenants" not in read(with_tenants({"ClientId": CLIENT}, [CONTOSO], first=2)).values


def test_an_unknown_value_is_a_warning_naming_its_subkey() -> None:
    # GIVEN Tenants\2 with a misspelt value beside good ones
    registry = with_tenants({}, [CONTOSO, {**FABRIKAM, "Clould": "gcc"}])
    # WHEN the policy is read
    found = read(registry)
    # THEN the entry keeps its good values, and the warning names the subkey and the known names
    assert listed(found)[1]["cloud"] == "gcc-high"
    (warning,) = found.warnings
    assert warning.startswith(rf"{POLICY_SOURCE_NAME}\Tenants\2: unknown value 'Clould' ignored")
    assert "(known: Name, Tenant, ClientId, Cloud, Source, Authority)" in warning


def test_values_in_the_tenants_key_itself_are_a_warning() -> None:
    # GIVEN an administrator who put an entry's values in Tenants, not in Tenants\1
    registry = with_tenants({}, [])
    registry.keys[TENANTS_KEY] = {"": "", "Name": "Contoso", "Tenant": "contoso.onmicrosoft.com"}
    # WHEN the policy is read  THEN there is no list, and the warning says where entries go
    found = read(registry)
    assert "tenants" not in found.values
    (warning,) = found.warnings
    assert warning.startswith(f"{TENANTS_SOURCE_NAME}: values 'Name', 'Tenant' ignored")
    assert r"(Tenants\1, Tenants\2, ...)" in warning


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"Name": "Fabrikam", "Tenant": "fabrikam.example", "ClientId": "nope"},
            rf"setting 'tenants[2].client_id' in {POLICY_SOURCE_NAME}\Tenants\2" + ' is "nope"',
        ),
        (
            {"Name": "Fabrikam", "Tenant": "fabrikam.example", "Cloud": "azure"},
            rf"setting 'tenants[2].cloud' in {POLICY_SOURCE_NAME}\Tenants\2" + ' is "azure"',
        ),
        (
            {"Tenant": "fabrikam.example"},
            rf"setting 'tenants[2]' in {POLICY_SOURCE_NAME}\Tenants\2 has no name",
        ),
        ({}, rf"setting 'tenants[2]' in {POLICY_SOURCE_NAME}\Tenants\2 has no name"),
        (
            {"Name": "Fabrikam"},
            rf"setting 'tenants[2]' in {POLICY_SOURCE_NAME}\Tenants\2 ('Fabrikam') needs tenant",
        ),
    ],
)
def test_a_bad_entry_names_its_subkey(
    entry: dict[str, object], message: str, tmp_path: Path
) -> None:
    # GIVEN a good Tenants\1 and a Tenants\2 with one mistake
    found = read(with_tenants({"ClientId": CLIENT}, [CONTOSO, entry]))
    # WHEN the settings load strictly
    with pytest.raises(ConfigError) as raised:
        loaded(found, tmp_path)
    # THEN the list's own check says what is wrong, naming the subkey to fix
    assert raised.value.message.startswith(message)
    assert "\n" not in raised.value.message


def test_a_bad_entry_leaves_the_list_out_when_the_tray_loads_leniently(tmp_path: Path) -> None:
    # GIVEN Tenants\2 with a bad client ID  WHEN the tray loads the settings
    found = read(with_tenants({"ClientId": CLIENT}, [CONTOSO, {**FABRIKAM, "ClientId": "x"}]))
    problems: list[str] = []
    settings = load_settings(tmp_path / "none.toml", {}, problems=problems, policy=found)
    # THEN the problem names the subkey, and the list is not used (as with a bad file's list)
    assert [rf"{POLICY_SOURCE_NAME}\Tenants\2" in problem for problem in problems] == [True]
    assert settings.tenants == ()


def test_two_entries_with_one_name_are_refused(tmp_path: Path) -> None:
    found = read(with_tenants({"ClientId": CLIENT}, [CONTOSO, {**FABRIKAM, "Name": "CONTOSO"}]))
    with pytest.raises(ConfigError, match=r"tenants\[2\] and tenants\[1\] are both named"):
        loaded(found, tmp_path)


def test_a_list_longer_than_allowed_is_refused_not_cut(tmp_path: Path) -> None:
    # GIVEN one numbered subkey more than a list may hold
    entries: list[dict[str, object]] = [
        {"Name": f"T{n}", "Tenant": f"t{n}.example"} for n in range(MAX_TENANTS + 5)
    ]
    registry = with_tenants({"ClientId": CLIENT}, entries)
    # WHEN the policy is read  THEN one past the limit is read, and no further
    found = read(registry)
    assert len(listed(found)) == MAX_TENANTS + 1
    assert f"{TENANTS_KEY}\\{MAX_TENANTS + 2}" not in registry.asked
    # AND loading refuses the list in one line, as it refuses a file's
    with pytest.raises(ConfigError, match=f"lists {MAX_TENANTS + 1} tenants; at most"):
        loaded(found, tmp_path)


@pytest.mark.parametrize("locked", [["Tenants"], "tenants", "ClientId, TENANTS"])
def test_locked_tenants_keeps_the_users_list_out(locked: object, tmp_path: Path) -> None:
    # GIVEN a policy listing two tenants and locking the list (any spelling, any registry type)
    found = read(with_tenants({"ClientId": CLIENT, "Locked": locked}, [CONTOSO, FABRIKAM]))
    # AND a user's file with a list of its own
    user = '[[tenants]]\nname = "Mine"\ntenant = "mine.example"\n'
    # WHEN the settings load
    settings = loaded(found, tmp_path, user)
    # THEN the policy's list is in force and locked, and the user's is ignored, with a word
    assert [profile.name for profile in settings.profiles] == ["Contoso", "Fabrikam (GCC High)"]
    assert "tenants" in settings.locked
    assert any(
        f"'tenants' is set by your administrator in {POLICY_SOURCE_NAME}" in warning
        for warning in settings.warnings
    )
    # AND the dialog's writer does not write a list the user cannot change
    assert "[[tenants]]" not in settings_to_toml(settings)


def test_an_unlocked_policy_list_is_a_preset_the_user_may_replace(tmp_path: Path) -> None:
    # GIVEN a policy listing two tenants without locking them, and a user's list of one
    found = read(with_tenants({"ClientId": CLIENT}, [CONTOSO, FABRIKAM]))
    user = '[[tenants]]\nname = "Mine"\ntenant = "mine.example"\n'
    # THEN without the user's list the policy's is used, and with it the user's
    assert len(loaded(found, tmp_path).profiles) == 2
    assert [profile.name for profile in loaded(found, tmp_path, user).profiles] == ["Mine"]


def test_the_policy_list_wins_over_an_administrators_file(tmp_path: Path) -> None:
    # GIVEN an administrator's file listing one tenant and locking the list
    admin = admin_settings(
        tmp_path / "xdg",
        f'client_id = "{OTHER_CLIENT}"\nlocked = ["tenants"]\n'
        '[[tenants]]\nname = "From the file"\ntenant = "file.example"\n',
    )
    # AND a policy listing two others, locking the client ID
    found = read(with_tenants({"ClientId": CLIENT, "Locked": "ClientId"}, [CONTOSO, FABRIKAM]))
    # WHEN the settings load
    settings = load_settings(tmp_path / "none.toml", {}, admin, admin_owner=ME, policy=found)
    # THEN the policy, the most important source, gives the whole list and the shared client ID
    assert [profile.name for profile in settings.profiles] == ["Contoso", "Fabrikam (GCC High)"]
    assert settings.profiles[0].settings.client_id == CLIENT
    # AND both sources' locks hold, and both are named as in force, the policy first
    assert settings.locked == {"tenants", "client_id"}
    assert settings.administered_by == (POLICY_SOURCE_NAME, str(admin))


def test_a_file_list_stays_when_the_policy_sets_none(tmp_path: Path) -> None:
    # GIVEN an administrator's file listing a tenant, and a policy setting only the client ID
    admin = admin_settings(
        tmp_path / "xdg", '[[tenants]]\nname = "From the file"\ntenant = "file.example"\n'
    )
    found = read(FakeRegistry({r"SOFTWARE\Policies\trayscore": {"ClientId": CLIENT}}))
    # WHEN the settings load  THEN the file's list is used with the policy's client ID
    settings = load_settings(tmp_path / "none.toml", {}, admin, admin_owner=ME, policy=found)
    (only,) = settings.profiles
    assert (only.name, only.settings.client_id) == ("From the file", CLIENT)
