import os
from pathlib import Path

import pytest
from trayscore.core.errors import ConfigError
from trayscore.settings import load as config
from trayscore.settings.model import NotificationSettings, Settings, load_settings
from trayscore.system.paths import AppPaths

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml", {})
    assert settings == Settings()
    assert settings.refresh_minutes == 15
    assert settings.api_base == "https://api.security.microsoft.com"


def test_file_values_are_read_and_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'tenant = "Contoso.onmicrosoft.com"\nclient_id = "{CLIENT.upper()}"\n'
        'cloud = "commercial"\nregion = "eu"\nrefresh_minutes = 5\n',
    )
    settings = load_settings(path, {})
    assert settings.tenant == "contoso.onmicrosoft.com"
    assert settings.client_id == CLIENT
    assert settings.api_base == "https://eu.api.security.microsoft.com"
    assert settings.refresh_minutes == 5


@pytest.mark.parametrize(
    ("line", "key", "allowed"),
    [
        ('cloud = "azure"', "'cloud'", "commercial, gcc, gcc-high, dod"),
        ('tenant = "not a tenant"', "'tenant'", "tenant GUID"),
        ('client_id = "abc"', "'client_id'", "GUID"),
        ("refresh_minutes = 0", "'refresh_minutes'", "from 1 to 1440"),
        ("refresh_minutes = true", "'refresh_minutes'", "from 1 to 1440"),
        ('refresh_minutes = "ten"', "'refresh_minutes'", "from 1 to 1440"),
        ('region = "mars"', "'region'", "auto"),
        ('api_url = "ftp://x"', "'api_url'", "https://"),
    ],
)
def test_a_bad_value_names_key_value_and_what_is_allowed(
    tmp_path: Path, line: str, key: str, allowed: str
) -> None:
    # GIVEN a settings file with one bad value
    path = write(tmp_path, line + "\n")
    # WHEN it is loaded  THEN one line names the key, the value found and the choices
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    message = str(caught.value)
    assert "\n" not in message
    assert key in message
    assert line.split(" = ")[1].strip('"') in message
    assert allowed in message


def test_region_must_belong_to_the_cloud(tmp_path: Path) -> None:
    path = write(tmp_path, 'cloud = "gcc-high"\nregion = "eu"\n')
    with pytest.raises(ConfigError, match="cloud 'gcc-high' does not have; allowed: auto"):
        load_settings(path, {})


def test_broken_toml_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, 'tenant = "unterminated\n')
    with pytest.raises(ConfigError, match=r"is not valid TOML.*line 1"):
        load_settings(path, {})


def test_unknown_keys_are_warnings_not_failures(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'tennant = "x"\n'), {})
    assert len(settings.warnings) == 1
    assert "unknown setting 'tennant'" in settings.warnings[0]


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'cloud = "commercial"\ntenant = "contoso.com"\n')
    settings = load_settings(
        path,
        {
            "TRAYSCORE_TENANT": TENANT,
            "TRAYSCORE_CLIENT_ID": CLIENT,
            "TRAYSCORE_CLOUD": "gcc-high",
            "TRAYSCORE_API_URL": "http://127.0.0.1:8123/",
        },
    )
    assert settings.tenant == TENANT
    assert settings.client_id == CLIENT
    assert settings.cloud == "gcc-high"
    assert settings.api_base == "http://127.0.0.1:8123"


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r'^TRAYSCORE_CLOUD is "moon"; allowed:'):
        load_settings(tmp_path / "none.toml", {"TRAYSCORE_CLOUD": "moon"})


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9000", "http://localhost:9000/", "http://[::1]:9000", "https://proxy.corp"],
)
def test_api_url_allows_https_and_loopback_http(tmp_path: Path, url: str) -> None:
    settings = load_settings(tmp_path / "none.toml", {"TRAYSCORE_API_URL": url})
    assert settings.api_base == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://api.security.microsoft.com", "https is required"),
        ("http://10.0.0.5:8080", "https is required"),
        ("http://localhost.evil.com", "https is required"),
        ("https://user:pw@api.example", "must not contain a user name or password"),
        ("https://api.example/?x=1", "without a query"),
        ("https://api.example:99999", "allowed: an https:// URL"),
        ("file:///etc/passwd", "allowed: an https:// URL"),
    ],
)
def test_api_url_refuses_anything_else(tmp_path: Path, url: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match="TRAYSCORE_API_URL") as caught:
        load_settings(tmp_path / "none.toml", {"TRAYSCORE_API_URL": url})
    assert fragment in str(caught.value)
    assert "pw" not in str(caught.value) or "password" in str(caught.value)


def test_authority_must_be_https(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sign-in authorities must use https"):
        load_settings(tmp_path / "x.toml", {"TRAYSCORE_AUTHORITY": "http://127.0.0.1:1/t"})


def test_folders_follow_xdg_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    paths = AppPaths.for_user()
    assert paths.settings_file == tmp_path / "config" / "trayscore" / "settings.toml"
    assert paths.data_dir == tmp_path / "data" / "trayscore"
    assert paths.state_dir == tmp_path / "state" / "trayscore"
    assert paths.cache_dir == tmp_path / "cache" / "trayscore"
    assert paths.log_dir.is_relative_to(tmp_path / "state")


def test_the_notifications_table_is_read_with_defaults_for_the_rest(tmp_path: Path) -> None:
    # GIVEN a settings file that switches one kind off and sets a threshold
    path = tmp_path / "settings.toml"
    path.write_text("[notifications]\nscore_rise = false\nrise_points = 8\n")
    # WHEN it is loaded
    notifications = load_settings(path, {}).notifications
    # THEN those two are taken and the others keep their defaults
    assert notifications == NotificationSettings(score_rise=False, rise_points=8)


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ("rise_points = 0", "'notifications.rise_points' in"),
        ("outage_minutes = 2", "from 5 to 1440"),
        ('band_change = "yes"', "allowed: true or false"),
        ("loud = true", "'notifications.loud' in"),
    ],
)
def test_a_bad_notification_value_names_its_key(tmp_path: Path, table: str, fragment: str) -> None:
    # GIVEN a bad value in the notifications table
    path = tmp_path / "settings.toml"
    path.write_text(f"[notifications]\n{table}\n")
    # WHEN it is loaded THEN the error names the dotted key and what is allowed
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    assert fragment in caught.value.message


def test_an_administrators_file_presets_and_locks_keys(tmp_path: Path) -> None:
    # GIVEN a system-wide file that sets tenant, client id and cloud and locks two of them
    system = tmp_path / "system.toml"
    system.write_text(
        f'tenant = "{TENANT}"\nclient_id = "{CLIENT}"\ncloud = "gcc"\n'
        'locked = ["tenant", "cloud"]\n'
    )
    # AND a user file and an environment that try to change all three
    user = write(
        tmp_path,
        'tenant = "fabrikam.com"\ncloud = "commercial"\nclient_id = "'
        + "1" * 8
        + "-1111-1111-1111-"
        + "1" * 12
        + '"\n',
    )
    settings = load_settings(user, {"TRAYSCORE_TENANT": "other.com"}, system)
    # THEN the locked keys keep the administrator's values, with one warning per attempt
    assert settings.tenant == TENANT
    assert settings.cloud == "gcc"
    assert settings.locked == frozenset({"tenant", "cloud"})
    assert sum("set by your administrator" in w for w in settings.warnings) == 3
    # AND an unlocked key is the user's to change
    assert settings.client_id == "11111111-1111-1111-1111-111111111111"


def test_without_an_administrators_file_nothing_is_locked(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'cloud = "gcc"\n'), {}, tmp_path / "missing.toml")
    assert settings.cloud == "gcc"
    assert settings.locked == frozenset()


def test_a_bad_lock_list_names_the_file_and_what_is_allowed(tmp_path: Path) -> None:
    system = tmp_path / "system.toml"
    system.write_text('locked = ["tenant", "colour"]\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "none.toml", {}, system)
    assert f"setting 'locked' in {system}" in caught.value.message
    assert "a list of setting names" in caught.value.message


def test_sign_in_method_and_icon_style_are_read(tmp_path: Path) -> None:
    # GIVEN a file choosing device-code sign-in and a monochrome icon without the number
    path = write(
        tmp_path, 'sign_in_method = "device-code"\nicon_style = "monochrome"\nicon_number = false\n'
    )
    # WHEN it is loaded
    settings = load_settings(path, {})
    # THEN the choices are in force, in their canonical spelling
    assert settings.sign_in_method == "device_code"
    assert settings.icon_style == "monochrome"
    assert settings.icon_number is False
    assert settings.use_broker is False


def test_the_older_use_broker_key_still_chooses_the_broker(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "use_broker = true\n"), {}).sign_in_method == "broker"
    assert load_settings(write(tmp_path, "use_broker = false\n"), {}).sign_in_method == "browser"


@pytest.mark.parametrize(
    ("line", "allowed"),
    [
        ('sign_in_method = "carrier pigeon"', "browser, device_code, broker"),
        ('icon_style = "neon"', "colour, monochrome"),
        ('icon_number = "yes"', "true or false"),
    ],
)
def test_bad_choices_list_what_is_allowed(tmp_path: Path, line: str, allowed: str) -> None:
    with pytest.raises(ConfigError, match=allowed):
        load_settings(write(tmp_path, line + "\n"), {})


def test_leniently_a_bad_value_is_described_and_left_at_its_default(tmp_path: Path) -> None:
    # GIVEN a file with a good tenant and client id, and two bad values
    path = write(
        tmp_path,
        f'tenant = "{TENANT}"\nclient_id = "{CLIENT}"\ncloud = "azure"\nrefresh_minutes = 0\n',
    )
    problems: list[str] = []
    # WHEN it is loaded leniently
    settings = load_settings(path, {}, problems=problems)
    # THEN the good values are kept, the bad ones are defaults, and each is described
    assert (settings.tenant, settings.client_id) == (TENANT, CLIENT)
    assert (settings.cloud, settings.refresh_minutes) == ("commercial", 15)
    assert len(problems) == 2
    assert "'cloud'" in problems[0]
    assert "commercial, gcc, gcc-high, dod" in problems[0]
    assert "'refresh_minutes'" in problems[1]


def test_leniently_a_file_that_is_not_toml_gives_defaults_and_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, 'tenant = "unterminated\n')
    problems: list[str] = []
    settings = load_settings(path, {"TRAYSCORE_CLIENT_ID": CLIENT}, problems=problems)
    assert settings.tenant is None
    assert settings.client_id == CLIENT  # the environment still applies
    assert len(problems) == 1
    assert "not valid TOML" in problems[0]
    assert str(path) in problems[0]


def test_leniently_a_region_the_cloud_lacks_falls_back_to_automatic(tmp_path: Path) -> None:
    problems: list[str] = []
    settings = load_settings(
        write(tmp_path, 'cloud = "dod"\nregion = "eu"\n'), {}, problems=problems
    )
    assert (settings.cloud, settings.region) == ("dod", "auto")
    assert "cloud 'dod' does not have" in problems[0]


def test_the_file_is_read_where_set_blocking_works_on_pipes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no O_NONBLOCK, and its os.set_blocking (new in Python 3.12 there) works on
    pipes only (Python docs, os.set_blocking: "On Windows, this function is limited to
    pipes"): on a settings file it fails with "Invalid function", found under Wine."""
    # GIVEN a system like Windows: no O_NONBLOCK, and set_blocking refusing regular files
    monkeypatch.setattr(config, "_NONBLOCK", 0, raising=False)
    monkeypatch.setattr(config, "_OPEN_FLAGS", os.O_RDONLY)

    def pipes_only(fd: int, blocking: bool) -> None:
        raise OSError(22, "Invalid function")

    monkeypatch.setattr(os, "set_blocking", pipes_only)
    path = tmp_path / "settings.toml"
    path.write_text("refresh_minutes = 7\n", encoding="utf-8")
    # WHEN the settings are loaded THEN the file's value is read
    assert load_settings(path, {}, policy=None).refresh_minutes == 7
