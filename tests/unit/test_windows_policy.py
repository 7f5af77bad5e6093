"""The Windows policy key, read through a fake registry (Windows is not here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings.model import NotificationSettings, load_settings
from trayscore.settings.registry import (
    NOTIFICATIONS_KEY,
    POLICY_KEY,
    POLICY_SOURCE_NAME,
    Policy,
    WinregReader,
    policy_values,
    read_policy,
)

from tests.helpers.registry import FakeRegistry

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"


def policy(values: dict[str, object], notifications: dict[str, object] | None = None) -> Policy:
    keys = {POLICY_KEY: values}
    if notifications is not None:
        keys[NOTIFICATIONS_KEY] = notifications
    found = policy_values(FakeRegistry(keys))
    assert found is not None
    return found


def test_without_the_key_there_is_no_policy() -> None:
    # GIVEN a registry without trayscore's policy key  WHEN read  THEN there is no policy
    registry = FakeRegistry({})
    assert policy_values(registry) is None
    assert registry.asked == [POLICY_KEY]
    # AND off Windows neither the registry nor winreg is touched
    assert read_policy("linux") is None
    assert WinregReader().values(POLICY_KEY) is None


def test_an_empty_key_is_an_empty_policy() -> None:
    assert policy({}) == Policy({}, ())


def test_every_value_becomes_the_settings_key_with_the_files_type(tmp_path: Path) -> None:
    # GIVEN every value as Group Policy writes them: REG_SZ, REG_DWORD and REG_MULTI_SZ
    found = policy(
        {
            "Tenant": TENANT,
            "ClientId": CLIENT,
            "Cloud": "gcc-high",
            "Region": "auto",
            "RefreshMinutes": 30,
            "ApiUrl": "https://api-gov.securitycenter.microsoft.us",
            "GraphUrl": "https://graph.microsoft.us/v1.0",
            "Authority": "https://login.microsoftonline.us",
            "Source": "secure-score",
            "SignInMethod": "device_code",
            "IconStyle": "monochrome",
            "IconNumber": 0,
            "Language": "fr",
            "Locked": ["tenant", "client_id", "cloud"],
        }
    )
    # THEN each has the system settings file's key and Python type, and nothing is warned
    assert found.values == {
        "tenant": TENANT,
        "client_id": CLIENT,
        "cloud": "gcc-high",
        "region": "auto",
        "refresh_minutes": 30,
        "api_url": "https://api-gov.securitycenter.microsoft.us",
        "graph_url": "https://graph.microsoft.us/v1.0",
        "authority": "https://login.microsoftonline.us",
        "source": "secure-score",
        "sign_in_method": "device_code",
        "icon_style": "monochrome",
        "icon_number": False,
        "language": "fr",
        "locked": ["tenant", "client_id", "cloud"],
    }
    assert found.warnings == ()
    # AND config accepts every one of them
    settings = load_settings(tmp_path / "none.toml", {}, policy=(POLICY_SOURCE_NAME, found.values))
    assert (settings.cloud, settings.region, settings.icon_number) == ("gcc-high", "auto", False)
    assert settings.locked == {"tenant", "client_id", "cloud"}
    assert settings.warnings == ()


def test_value_names_match_whatever_their_case() -> None:
    # GIVEN names typed in other cases (the registry does not care)
    found = policy({"TENANT": TENANT, "clientid": CLIENT, "refreshMINUTES": 45})
    # THEN they are recognised like the canonical names
    assert found.values == {"tenant": TENANT, "client_id": CLIENT, "refresh_minutes": 45}
    assert found.warnings == ()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (["tenant", "client_id"], ["tenant", "client_id"]),  # REG_MULTI_SZ
        ("tenant, client_id", ["tenant", "client_id"]),  # REG_SZ, comma-separated
        ("tenant", ["tenant"]),
        (["Tenant", "ClientId", "", "REFRESHMINUTES"], ["tenant", "client_id", "refresh_minutes"]),
        ("Cloud,,notifications ,", ["cloud", "notifications"]),
        ("", []),
    ],
)
def test_locked_is_a_list_of_settings_keys(data: object, expected: list[str]) -> None:
    # GIVEN Locked as a multi-string or a comma list, in the file's or the registry's spelling
    # WHEN read  THEN it is the list of settings keys the system file would hold
    assert policy({"Locked": data}).values == {"locked": expected}


def test_an_unknown_locked_name_is_passed_on_for_config_to_reject(tmp_path: Path) -> None:
    # GIVEN a Locked entry that names no setting
    values = policy({"Tenant": TENANT, "Locked": "tenant, colour"}).values
    assert values["locked"] == ["tenant", "colour"]
    # WHEN loaded  THEN config says what is allowed, naming the policy key
    with pytest.raises(ConfigError, match=r"'locked' in HKLM\\SOFTWARE\\Policies\\trayscore is"):
        load_settings(tmp_path / "none.toml", {}, policy=(POLICY_SOURCE_NAME, values))


@pytest.mark.parametrize(("data", "expected"), [(15, 15), ("15", 15), (" 20 ", 20), ([" 5"], 5)])
def test_refresh_minutes_is_a_whole_number(data: object, expected: int) -> None:
    # GIVEN RefreshMinutes as a REG_DWORD, or as text holding a number
    # THEN it is an int, as in the file
    assert policy({"RefreshMinutes": data}).values == {"refresh_minutes": expected}


@pytest.mark.parametrize("data", ["soon", b"\x0f\x00\x00\x00", -1])
def test_an_unconvertible_value_reaches_configs_validator_unchanged(
    data: object, tmp_path: Path
) -> None:
    # GIVEN RefreshMinutes with data that is not a whole number (text, REG_BINARY, out of range)
    values = policy({"RefreshMinutes": data}).values
    # THEN it is passed on as it is
    assert values == {"refresh_minutes": data}
    # AND config rejects it with its usual message, naming the policy key
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path / "none.toml", {}, policy=(POLICY_SOURCE_NAME, values))
    assert raised.value.message.startswith(f"setting 'refresh_minutes' in {POLICY_SOURCE_NAME} is")
    assert "allowed: a whole number of minutes from 1 to 1440" in raised.value.message


def test_an_unknown_value_is_ignored_with_a_warning() -> None:
    # GIVEN a misspelt value beside a good one
    found = policy({"Tennant": TENANT, "Cloud": "global"})
    # THEN the good one is read, and the warning names the value, the key and the known names
    assert found.values == {"cloud": "global"}
    (warning,) = found.warnings
    assert warning.startswith(rf"{POLICY_SOURCE_NAME}: unknown value 'Tennant' ignored")
    assert "Tenant, ClientId" in warning


def test_the_unnamed_default_value_is_ignored_silently() -> None:
    assert policy({"": "", "Cloud": "global"}) == Policy({"cloud": "global"}, ())


def test_the_notifications_subkey_becomes_the_notifications_table() -> None:
    # GIVEN a Notifications subkey with DWORD flags and numbers, one of them as text, one unknown
    found = policy(
        {"Tenant": TENANT},
        {"BandChange": 1, "ScoreRise": 0, "Outage": "false", "RisePoints": "10", "Colour": 1},
    )
    # THEN it is the [notifications] table, with booleans and ints, and the stranger is warned
    assert found.values["notifications"] == {
        "band_change": True,
        "score_rise": False,
        "outage": False,
        "rise_points": 10,
    }
    (warning,) = found.warnings
    assert warning.startswith(rf"{POLICY_SOURCE_NAME}\Notifications: unknown value 'Colour'")


def test_an_ambiguous_flag_is_passed_on_unchanged() -> None:
    assert policy({"IconNumber": 2}).values == {"icon_number": 2}
    assert policy({"IconNumber": "maybe"}).values == {"icon_number": "maybe"}


def test_the_policy_presets_and_locks_like_the_system_file(tmp_path: Path) -> None:
    # GIVEN a policy locking the tenant, and a user file and variable that try another one
    user = tmp_path / "settings.toml"
    user.write_text('tenant = "contoso.onmicrosoft.com"\nrefresh_minutes = 5\n', encoding="utf-8")
    values = policy(
        {"Tenant": TENANT, "ClientId": CLIENT, "RefreshMinutes": 30, "Locked": "Tenant"},
        {"RisePoints": 10, "Recovery": 0},
    ).values
    environ = {"TRAYSCORE_TENANT": "fabrikam.onmicrosoft.com"}
    # WHEN the settings are loaded
    settings = load_settings(user, environ, policy=(POLICY_SOURCE_NAME, values))
    # THEN the policy's tenant wins and says so; unlocked keys stay the user's
    assert settings.tenant == TENANT
    assert settings.client_id == CLIENT
    assert settings.refresh_minutes == 5
    assert settings.notifications == NotificationSettings(rise_points=10, recovery=False)
    assert settings.locked == {"tenant"}
    assert len(settings.warnings) == 2
    assert all(POLICY_SOURCE_NAME in warning for warning in settings.warnings)


def test_a_bad_policy_value_is_named_like_a_bad_file_value(tmp_path: Path) -> None:
    values = policy({"Cloud": "azure"}).values
    with pytest.raises(ConfigError, match=r"'cloud' in HKLM\\SOFTWARE\\Policies\\trayscore"):
        load_settings(tmp_path / "none.toml", {}, policy=(POLICY_SOURCE_NAME, values))


def test_an_unknown_value_is_warned_about_through_the_settings(tmp_path: Path) -> None:
    """ADMX-deployed values are named by the administrator; a misspelt one must be said
    (Microsoft Learn, "Understanding ADMX-backed policies": the value name is free text)."""
    # GIVEN the policy key with a known value and one named the file's way, not the registry's
    registry = FakeRegistry({POLICY_KEY: {"RefreshMinutes": 10, "refresh_minutes": 5}})
    # WHEN Windows' reader hands the policy to the settings loader
    found = read_policy("win32", registry)
    assert found is not None
    settings = load_settings(tmp_path / "none.toml", {}, policy=found)
    # THEN the known value applies and the unknown one is named in the settings' warnings
    assert settings.refresh_minutes == 10
    assert any("unknown value 'refresh_minutes' ignored" in text for text in settings.warnings)
    assert settings.administered_by == (POLICY_SOURCE_NAME,)
