"""Writing the settings file and checking dialog values with the load-time validators."""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from trayscore.settings.file import (
    changes_account,
    for_file,
    keep_broken_file,
    save_settings,
    settings_to_toml,
    validate_fields,
)
from trayscore.settings.model import NotificationSettings, Settings, load_settings

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
FULL = Settings(
    tenant="contoso.onmicrosoft.com",
    client_id=CLIENT,
    cloud="commercial",
    region="eu",
    refresh_minutes=7,
    api_url="http://127.0.0.1:8080",
    authority="https://login.example.com/contoso",
    sign_in_method="broker",
    icon_style="monochrome",
    icon_number=False,
    notifications=NotificationSettings(
        band_change=False,
        score_rise=True,
        sign_in=False,
        outage=True,
        recovery=False,
        rise_points=12,
        outage_minutes=90,
    ),
)


def read_back(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, {})


def test_defaults_round_trip(tmp_path: Path) -> None:
    # GIVEN default settings WHEN written and read back THEN they are equal, without warnings
    text = settings_to_toml(Settings())
    settings = read_back(tmp_path, text)
    assert settings == Settings()
    assert settings.warnings == ()
    assert "tenant" not in text
    assert "api_url" not in text
    assert "authority" not in text
    assert "[notifications]" in text


def test_full_settings_round_trip(tmp_path: Path) -> None:
    settings = read_back(tmp_path, settings_to_toml(FULL))
    assert settings == FULL
    assert settings.warnings == ()


def test_government_cloud_round_trip(tmp_path: Path) -> None:
    original = Settings(tenant=TENANT, client_id=CLIENT, cloud="gcc-high")
    assert read_back(tmp_path, settings_to_toml(original)) == original


def test_strings_are_escaped() -> None:
    # A hand-edited override with characters TOML must escape still parses back.
    odd = Settings(api_url='https://example.com/a"b\\c\u00e9')
    assert tomllib.loads(settings_to_toml(odd))["api_url"] == odd.api_url


def test_save_settings_creates_private_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "settings.toml"
    save_settings(path, FULL)
    assert load_settings(path, {}) == FULL
    assert [entry.name for entry in path.parent.iterdir()] == ["settings.toml"]
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_save_settings_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('# mine\nfuture_key = 1\ntenant = "old.onmicrosoft.com"\n', encoding="utf-8")
    save_settings(path, Settings(tenant=TENANT))
    text = path.read_text(encoding="utf-8")
    assert "future_key" not in text
    assert "# mine" not in text
    assert load_settings(path, {}).tenant == TENANT


def test_save_settings_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('tenant = "old.onmicrosoft.com"\n', encoding="utf-8")

    def broken(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        save_settings(path, Settings(tenant=TENANT))
    assert path.read_text(encoding="utf-8") == 'tenant = "old.onmicrosoft.com"\n'
    assert [entry.name for entry in tmp_path.iterdir()] == ["settings.toml"]


def test_validate_fields_accepts_good_values() -> None:
    settings, errors = validate_fields(
        {
            "tenant": " Contoso.onmicrosoft.com ",
            "client_id": CLIENT.upper(),
            "cloud": "commercial",
            "region": "uk",
            "refresh_minutes": 30,
            "sign_in_method": "device-code",
            "icon_style": "Monochrome",
            "notifications": {"score_rise": False, "rise_points": 9},
        }
    )
    assert errors == {}
    assert settings == Settings(
        tenant="contoso.onmicrosoft.com",
        client_id=CLIENT,
        region="uk",
        refresh_minutes=30,
        sign_in_method="device_code",
        icon_style="monochrome",
        notifications=NotificationSettings(score_rise=False, rise_points=9),
    )


def test_validate_fields_treats_empty_ids_as_unset() -> None:
    settings, errors = validate_fields({"tenant": "", "client_id": "  "})
    assert errors == {}
    assert settings == Settings()


def test_validate_fields_names_each_bad_key_and_what_is_allowed() -> None:
    settings, errors = validate_fields(
        {"tenant": "not a tenant", "client_id": "1234", "refresh_minutes": 0, "cloud": "gcc"}
    )
    assert settings is None
    assert set(errors) == {"tenant", "client_id", "refresh_minutes"}
    assert "'tenant'" in errors["tenant"]
    assert "allowed: a tenant GUID" in errors["tenant"]
    assert "'client_id'" in errors["client_id"]
    assert "GUID" in errors["client_id"]
    assert "from 1 to 1440" in errors["refresh_minutes"]
    assert all("\n" not in message for message in errors.values())


def test_validate_fields_checks_region_against_cloud_and_unknown_keys() -> None:
    _, errors = validate_fields({"cloud": "gcc", "region": "eu"})
    assert "'region'" in errors["region"]
    assert "allowed: auto" in errors["region"]
    _, errors = validate_fields({"colour": "blue"})
    assert "'colour' is not a known setting" in errors["colour"]
    _, errors = validate_fields({"notifications": {"rise_points": 500}})
    assert "notifications.rise_points" in errors["notifications"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"tenant": "fabrikam.onmicrosoft.com"}, True),
        ({"client_id": TENANT}, True),
        ({"cloud": "gcc"}, True),
        ({"refresh_minutes": 60}, False),
        ({"region": "us"}, False),
        ({"notifications": NotificationSettings(outage=False)}, False),
    ],
)
def test_changes_account(change: dict[str, object], expected: bool) -> None:
    old = Settings(tenant=TENANT, client_id=CLIENT)
    assert changes_account(old, replace(old, **change)) is expected  # type: ignore[arg-type]


def test_keys_an_administrator_locked_are_not_written_to_the_users_file() -> None:
    # GIVEN settings whose tenant is locked by an administrator
    settings = replace(
        Settings(tenant="contoso.onmicrosoft.com", refresh_minutes=30),
        locked=frozenset({"tenant"}),
    )
    # WHEN they are written for the user THEN the locked key is left out, the rest is kept
    text = settings_to_toml(settings)
    assert "tenant" not in text
    assert "refresh_minutes = 30" in text


def test_values_from_the_environment_are_saved_as_the_file_had_them(tmp_path: Path) -> None:
    # GIVEN a file with one API address, and another one from TRAYSCORE_API_URL this session
    path = tmp_path / "settings.toml"
    path.write_text('api_url = "https://eu.api.security.microsoft.com"\n', encoding="utf-8")
    environ = {"TRAYSCORE_API_URL": "http://127.0.0.1:9", "TRAYSCORE_TENANT": TENANT}
    in_force = load_settings(path, environ)
    assert in_force.from_environment == {"api_url", "tenant"}
    # WHEN the user changes the refresh interval and the settings are saved
    changed = replace(in_force, refresh_minutes=30)
    save_settings(path, for_file(changed, load_settings(path, {})))
    # THEN the file has the change, its own API address, and no tenant it never had
    saved = load_settings(path, {})
    assert saved.refresh_minutes == 30
    assert saved.api_url == "https://eu.api.security.microsoft.com"
    assert saved.tenant is None


def test_a_broken_file_is_copied_aside_before_it_is_rewritten(tmp_path: Path) -> None:
    # GIVEN a settings file that could not be used
    path = tmp_path / "settings.toml"
    path.write_text('tenant = "half', encoding="utf-8")
    # WHEN it is kept, then the new settings are saved
    kept = keep_broken_file(path, datetime(2026, 11, 28, 14, 5, 9, tzinfo=UTC))
    save_settings(path, Settings(refresh_minutes=9))
    # THEN the copy holds the user's text, private, named with the time
    assert kept is not None
    assert kept.name == "settings.toml.broken-20261128T140509Z"
    assert kept.read_text(encoding="utf-8") == 'tenant = "half'
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert load_settings(path, {}).refresh_minutes == 9
    # AND with no file there is nothing to keep
    assert keep_broken_file(tmp_path / "absent.toml", datetime.now(UTC)) is None
